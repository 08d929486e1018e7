"""The summary cards at the top of the Today page: one figure each (visits overdue,
action items awaiting feedback, …) that opens the list behind it.

A card is described by a ``Card`` and registered with ``TodayView.add_section``
together with its section; ``SummaryCard`` is the button that shows it. A card is a
checkable button in one exclusive group: Tab reaches it, Space or Enter opens its
list, and its accessible name reads the figure with its words.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme

#: a caption wraps onto at most this many lines (the card is that high)
CAPTION_LINES = 2
MIN_WIDTH = 100


@dataclass
class Card:
    """One summary figure. ``count()`` is read after every load (None: not known
    yet); ``match(row)`` picks the row of the section the card points at when it is
    opened (None: the first row); ``status`` (of ``ui.theme.STATUSES``: "overdue"
    for what is late, "due", "warning"; None: neutral) gives a figure that is not
    zero its colour and icon."""

    name: str
    title: Callable[[], str]
    count: Callable[[], int | None]
    match: Callable[[Any], bool] | None = None
    status: str | None = None
    #: a longer explanation, for the tool tip and screen readers
    description: Callable[[], str] | None = None


class SummaryCard(QPushButton):
    """A big figure over a short caption; checked while its list is the one shown."""

    def __init__(self, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName(f"card_{card.name}")
        self.setCheckable(True)
        self.setAutoExclusive(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.figure = QLabel("…")
        self.figure.setObjectName("figure")
        theme.set_text_style(self.figure, "display")
        # the status' icon beside a figure that is not zero: never colour alone
        self.icon = QLabel()
        self.icon.setObjectName("status_icon")
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        for label in (self.figure, self.icon, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.setSpacing(theme.space("s"))
        top.addWidget(self.figure)
        top.addWidget(self.icon)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        m, s = theme.space("l"), theme.space("m")
        # the foot leaves room for the bar that marks the card whose list is shown
        layout.setContentsMargins(m, s, m, s + theme.space("s"))
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.caption, 1)
        theme.changes().changed.connect(self.refresh)  # the icon's colour, its size

    def refresh(self) -> None:
        """The figure and words again (after a load, or in the other language)."""
        count = self.card.count()
        title = self.card.title()
        self.figure.setText("…" if count is None else str(count))
        self.caption.setText(title)
        status = self.card.status if count else None
        theme.set_tone(self.figure, theme.status_tone(status) if status else "")
        if status:
            size = self.caption.fontMetrics().height() + theme.space("s")
            self.icon.setPixmap(theme.status_icon(status).pixmap(size, size))
        else:
            self.icon.clear()
        self.icon.setVisible(bool(status))
        words = f"{title}: {'…' if count is None else count}"
        self.setAccessibleName(words)
        description = self.card.description() if self.card.description else ""
        self.setAccessibleDescription(description)
        self.setToolTip(f"{words}\n{description}" if description else words)
        self.updateGeometry()  # the figure's text (and the type scale) set its height

    def _height(self) -> int:
        """Room for the figure and a caption of up to CAPTION_LINES lines, so that all
        cards of a row are as high and a wrapped caption is never cut."""
        margins = self.layout().contentsMargins()
        return (max(self.figure.sizeHint().height(), self.icon.sizeHint().height())
                + CAPTION_LINES * self.caption.fontMetrics().lineSpacing()
                + margins.top() + margins.bottom() + 2)

    def sizeHint(self) -> QSize:
        margins = self.layout().contentsMargins()
        text = self.caption.fontMetrics().horizontalAdvance(self.caption.text())
        top = self.figure.sizeHint().width() + self.icon.sizeHint().width() + theme.space("s")
        width = max(top, text) + margins.left() + margins.right()
        return QSize(max(width, MIN_WIDTH), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, self._height())

    def hasHeightForWidth(self) -> bool:
        # every card of the row as high as CAPTION_LINES need, whatever its width (the
        # wrapping caption would otherwise make the layout ask its height per width)
        return False

    def event(self, event: QEvent) -> bool:
        # the style sheet's type scale reaches the labels when they are polished (a
        # child's new size hint arrives as a layout request): the card's own size
        # hint, computed from theirs, changes with it
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.StyleChange,
                            QEvent.Type.FontChange):
            self.updateGeometry()
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.isChecked():
            # the card whose list is shown: an accent bar along its foot (the list's
            # title below says the same in words)
            painter = QPainter(self)
            bar = theme.space("s")
            painter.fillRect(2, self.height() - bar - 2, self.width() - 4, bar,
                             theme.color("accent"))
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter opens the list, as Space does on any button
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)
