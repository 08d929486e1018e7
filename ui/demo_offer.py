"""First start on an empty profile: offer a demo portfolio, or start empty.

The demo data is generated in the database lane (it writes through the store like
any other data) while a progress dialog shows how far it got. The dialog leaves room
for a third choice ("Try the demo" against a local server) that sync will add.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.app_context import AppContext
from ui.operations.demo import load_demo_data

DEMO_PARTNERS = 60
DEMO_MEETINGS = 600
DEMO_ACTIONS = 600


class DemoOfferDialog(QDialog):
    """Asks how to begin. ``choice`` is "demo" or "empty" after it closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = "empty"
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("load_demo")
        self.empty_button = QPushButton()
        self.empty_button.setObjectName("start_empty")
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        self.empty_button.clicked.connect(lambda: self._choose("empty"))
        self.demo_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def add_choice(self, button: QPushButton, choice: str) -> None:
        """Room for more ways to begin (sync's "Try the demo" server)."""
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self._choose(choice))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "empty" else self.reject()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to ChannelKeeper"))
        self.text.setText(self.tr(
            "This profile has no partners yet.\n\n"
            "Load a demo portfolio (%1 partners with contacts, meetings, action items, "
            "reviews and KPIs) to look around, or start empty and add your own partners."
        ).replace("%1", str(DEMO_PARTNERS)))
        self.demo_button.setText(self.tr("Load demo data"))
        self.empty_button.setText(self.tr("Start empty"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _ProgressRelay(QObject):
    """Carries progress from the database lane to the GUI thread (queued signal)."""

    progress = Signal(int, int)


class DemoLoader(QObject):
    """Generates demo data in the database lane behind a progress dialog.
    ``finished(ok)`` when done (False on error)."""

    finished = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._relay = _ProgressRelay(self)
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setCancelButton(None)  # one transaction per batch; nothing to cancel
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._relay.progress.connect(self._progress)

    def start(self, **sizes: Any) -> None:
        self.dialog.setWindowTitle(self.tr("Loading demo data"))
        self.dialog.setLabelText(self.tr("Creating partners, meetings and action items…"))
        self.dialog.setRange(0, 0)
        self.dialog.show()
        today = self.ctx.today()
        emit = self._relay.progress.emit
        params = {"partners": DEMO_PARTNERS, "meetings": DEMO_MEETINGS,
                  "actions": DEMO_ACTIONS, **sizes}
        load_demo_data(self.ctx, today, emit, params, self._done, self._failed)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))

    def _done(self, counts: dict) -> None:
        self.dialog.close()
        self.ctx.status_message.emit(
            self.tr("Demo data loaded: %1 partners.").replace("%1", str(counts.get("partners", ""))))
        self.finished.emit(True)

    def _failed(self, exc: BaseException) -> None:
        self.dialog.close()
        QMessageBox.warning(self._parent, self.tr("Demo data"),
                            self.tr("The demo data could not be created: %1").replace("%1", str(exc)))
        self.finished.emit(False)
