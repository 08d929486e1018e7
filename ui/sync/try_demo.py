""""Try the demo": a full workspace from a local server in one click.

Starts the reference sync server on this computer (its database in the profile
folder, 127.0.0.1 only), seeds the demo organisation the first time, signs in as a
demo channel manager and syncs, with a progress dialog through every step. The
server stops when the app quits and comes back the next time the profile opens.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from ui.services import SyncApi

if TYPE_CHECKING:
    from sync.client.engine import SyncReport
    from ui.demo_offer import DemoOfferDialog

CHOICE = "try_demo"
STEPS = 3


def add_try_demo_choice(offer_dialog: DemoOfferDialog) -> QPushButton:
    """Add "Try the demo" to the first-start offer (ui.demo_offer.DemoOfferDialog);
    its ``choice`` is then ``CHOICE``."""
    button = QPushButton(QCoreApplication.translate("TryDemo", "Try the demo (local server)"))
    button.setObjectName("try_demo")
    button.setToolTip(QCoreApplication.translate(
        "TryDemo", "Start a sync server on this computer with a demo organisation, sign in as a "
        "channel manager and receive the portfolio, as in the field."))
    offer_dialog.add_choice(button, CHOICE)
    return button


class TryDemo(QObject):
    """Runs the steps behind a progress dialog; ``finished(ok)`` at the end."""

    finished = Signal(bool)

    def __init__(self, service: SyncApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._parent = parent
        self._active = False
        self.ok: bool | None = None
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("try_demo_progress")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setCancelButton(None)  # a half-started server is worse than waiting
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        service.demo_started.connect(self._server_up)
        service.demo_failed.connect(self._demo_failed)
        service.signed_in.connect(self._signed_in)
        service.sign_in_failed.connect(self._sign_in_failed)
        service.progress.connect(self._progress)
        service.sync_finished.connect(self._synced)
        service.sync_failed.connect(self._sync_failed)

    def start(self) -> None:
        self._active = True
        self.dialog.setWindowTitle(self.tr("Try the demo"))
        self._step(1, self.tr("Preparing the demo organisation and starting the local server "
                              "(the first time takes about ten seconds)…"))
        self.dialog.show()
        self.service.start_demo()

    def _step(self, n: int, text: str) -> None:
        self.dialog.setRange(0, STEPS)
        self.dialog.setValue(n - 1)
        self.dialog.setLabelText(self.tr("Step %1 of %2: %3").replace("%1", str(n))
                                 .replace("%2", str(STEPS)).replace("%3", text))

    @Slot(str)
    def _server_up(self, url: str) -> None:
        if self._active:
            self._step(2, self.tr("Signing in as a demo channel manager at %1…").replace("%1", url))

    @Slot(str)
    def _signed_in(self, user: str) -> None:
        if self._active:
            self._step(3, self.tr("Receiving the demo portfolio for %1…").replace("%1", user))

    @Slot(str, int, int)
    def _progress(self, phase: str, done: int, _total: int) -> None:
        if self._active and phase == "pull":
            self._step(3, self.tr("Receiving the demo portfolio: %1 records…")
                       .replace("%1", QLocale().toString(done)))

    @Slot(object)
    def _synced(self, report: SyncReport) -> None:
        if not self._active:
            return
        self._finish(True)
        self.service.ctx.status_message.emit(self.tr(
            "Demo ready: %1 records received from the local demo server.")
            .replace("%1", QLocale().toString(report.pulled)))

    @Slot(str)
    def _demo_failed(self, message: str) -> None:
        self._fail(self.tr("The demo server could not be started.") + "\n\n" + message)

    @Slot(str, str)
    def _sign_in_failed(self, _kind: str, message: str) -> None:
        self._fail(self.tr("The demo sign-in failed.") + "\n\n" + message)

    @Slot(str, str)
    def _sync_failed(self, _kind: str, message: str) -> None:
        self._fail(self.tr("The demo data could not be received.") + "\n\n" + message)

    def _fail(self, text: str) -> None:
        if not self._active:
            return
        self._finish(False)
        QMessageBox.warning(self._parent, self.tr("Try the demo"), text)

    def _finish(self, ok: bool) -> None:
        self._active = False
        self.ok = ok
        self.dialog.close()
        for signal, slot in ((self.service.demo_started, self._server_up),
                             (self.service.demo_failed, self._demo_failed),
                             (self.service.signed_in, self._signed_in),
                             (self.service.sign_in_failed, self._sign_in_failed),
                             (self.service.progress, self._progress),
                             (self.service.sync_finished, self._synced),
                             (self.service.sync_failed, self._sync_failed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.finished.emit(ok)
