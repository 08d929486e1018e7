"""An inline banner offering Undo after a delete, instead of a blocking "Are you sure?"."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: how long the Undo offer stays visible
UNDO_VISIBLE_MS = 12_000


class UndoBanner(QFrame):
    """"Meeting deleted. [Undo]" — Undo (or Ctrl+Shift+Z) calls the given restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBanner")
        self.setStyleSheet(
            "#undoBanner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }"
        )
        self._undo: Callable[[], None] | None = None
        self.message = QLabel(self)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton("×", self)
        close.setFlat(True)
        self._close = close
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        # not Ctrl+Z: that belongs to the text editors' own undo
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        (parent or self).addAction(self.undo_action)
        self._timer = QTimer(self, singleShot=True, interval=UNDO_VISIBLE_MS)
        self._timer.timeout.connect(self.dismiss)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.undo_action.setText(self.tr("Undo the last delete"))
        self.undo_button.setText(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Bring back what was deleted (Ctrl+Shift+Z)"))
        self._close.setToolTip(self.tr("Dismiss"))

    def offer(self, message: str, undo: Callable[[], None]) -> None:
        self.message.setText(message)
        self._undo = undo
        self.show()
        self._timer.start()

    @Slot()
    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self.dismiss()
        if undo is not None:
            undo()

    @Slot()
    def dismiss(self) -> None:
        self._timer.stop()
        self._undo = None
        self.hide()
