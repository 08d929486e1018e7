"""A status shown as its icon and its word on its tint (ui/theme.py's STATUSES):
never by colour alone, so it reads for colour-blind users and screen readers."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui import theme


class StatusBadge(QWidget):
    def __init__(self, status: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBadge")
        self.icon_label = QLabel(self)
        self.text_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.space("s"), theme.space("xs"),
                                  theme.space("m"), theme.space("xs"))
        layout.setSpacing(theme.space("s"))
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label)
        self.status = ""
        self.set_status(status, text)
        theme.changes().changed.connect(self._redraw_icon)

    def set_status(self, status: str, text: str) -> None:
        self.status = status
        theme.set_tone(self.text_label, theme.status_tone(status))
        self.text_label.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(text)
        self._redraw_icon()

    def text(self) -> str:
        return self.text_label.text()

    def _redraw_icon(self) -> None:
        size = self.text_label.fontMetrics().height()
        self.icon_label.setPixmap(theme.status_icon(self.status).pixmap(QSize(size, size)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The status' tint, rounded, behind the icon and the word."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color(f"{theme.status_tone(self.status)}_bg"))
        radius = self.height() / 2
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
