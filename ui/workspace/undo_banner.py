"""An inline banner offering Undo after a delete in the workspace, instead of a
blocking "Are you sure?". It shows the undo service's offers (ui/undo.py) for the
workspace's records; a partner's delete is offered by the main window."""
from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import theme
from ui.undo import UndoOffer, UndoService


class UndoBanner(QFrame):
    """"Meeting deleted. [Undo]" — Undo (or Ctrl+Shift+Z) takes the delete back."""

    def __init__(self, undo: UndoService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = undo
        self.setObjectName("undoBanner")
        theme.set_banner(self, "info")
        self.message = QLabel(self)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(theme.icon("x"), "", self)
        close.setFlat(True)
        self._close = close
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.space("m"), theme.space("s"), theme.space("s"),
                                  theme.space("s"))
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        # not Ctrl+Z: that belongs to the text editors' own undo
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        (parent or self).addAction(self.undo_action)
        self._offering = False  # an offer of the workspace's is on
        undo.offered.connect(self._offered)
        undo.withdrawn.connect(self._withdrawn)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.undo_action.setText(self.tr("Undo the last delete"))
        self.undo_button.setText(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Bring back what was deleted (Ctrl+Shift+Z)"))
        self._close.setToolTip(self.tr("Dismiss"))
        self._close.setAccessibleName(self.tr("Dismiss"))

    @Slot(object)
    def _offered(self, offer: UndoOffer) -> None:
        if offer.entity == "partner":  # the main window offers those
            return
        self._offering = True
        self.message.setText(offer.message)
        self.show()

    @Slot()
    def _withdrawn(self) -> None:
        self._offering = False
        self.hide()

    @Slot()
    def undo(self) -> None:
        if self._offering:
            self._service.undo()

    @Slot()
    def dismiss(self) -> None:
        self._service.dismiss()
