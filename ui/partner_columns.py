"""The Partners table's column widths: in character widths, so the same layout fits
Chinese and English labels, never narrower than a header's words (and sort arrow);
on a narrow window (1280 px, a 1920×1080 screen at 150%) the two name columns give
way, down to ``NAME_FLOOR_CHARS`` each, so the list does not scroll sideways (a name
cut short reads whole in its tooltip).

The room is the table's own width with a vertical scroll bar's width always set
aside: a filter keystroke that shows or hides the scroll bar (a few rows left, or all
of them back), or that swaps the table for the empty state and back, then changes no
column, and the widths are worked out again only when that room changes."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStyle, QTableView

from ui.partner_table_model import COLUMN, PartnerTableModel

#: a header's margins and its sort arrow, beside its words
HEADER_PADDING = 28
#: column → (width in characters, plus an icon's width?)
WIDTHS = {"name_zh": (16, False), "name_en": (14, False), "tier": (7, True), "stage": (6, False),
          "region": (7, False), "last_met": (7, False), "days_since": (6, False),
          "visit_status": (6, True), "open_actions": (7, False)}
NAMES = ("name_zh", "name_en")
#: the name columns are never squeezed below this many characters
NAME_FLOOR_CHARS = 10


class PartnerColumns(QObject):
    """Sets the columns' widths (``fit``, again after a language change) and fits
    the name columns to the table's width whenever it changes."""

    def __init__(self, table: QTableView, model: PartnerTableModel) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        self._ideal: dict[str, int] = {}
        self._floors: dict[str, int] = {}
        self._last_need = 0
        #: the room the widths were last worked out for (-1: not yet)
        self._room = -1
        table.viewport().installEventFilter(self)

    def _header_need(self, name: str) -> int:
        header = self.table.horizontalHeader()
        words = str(self.model.headerData(COLUMN[name], Qt.Orientation.Horizontal) or "")
        return header.fontMetrics().horizontalAdvance(words) + HEADER_PADDING

    def fit(self) -> None:
        em = self.table.fontMetrics().horizontalAdvance("渠")
        # tier and visit status show an icon before their word (ui/theme.py)
        icon = self.table.iconSize().width() if self.table.iconSize().width() > 0 else 16
        self._ideal = {name: max(chars * em + (icon if with_icon else 0), self._header_need(name))
                       for name, (chars, with_icon) in WIDTHS.items()}
        floor = NAME_FLOOR_CHARS * em
        self._floors = {n: max(floor, self._header_need(n)) for n in NAMES}
        # the stretched last column keeps at least the header's default size
        self._last_need = max(self._header_need("signs"),
                              self.table.horizontalHeader().defaultSectionSize())
        self._room = -1
        self.squeeze()

    def room(self) -> int:
        """The columns' room: the viewport's width without scroll bars, less a vertical
        scroll bar's, whether one shows now or not."""
        bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None,
                                             self.table.verticalScrollBar())
        return self.table.maximumViewportSize().width() - bar

    def squeeze(self) -> None:
        """The ideal widths where they fit; else the names give up what is missing."""
        if not self._ideal:
            return
        width = self.room()
        if width == self._room:
            return
        self._room = width
        names = {n: self._ideal[n] for n in NAMES}
        others = sum(w for n, w in self._ideal.items() if n not in NAMES)
        room = width - others - self._last_need
        missing = sum(names.values()) - room
        if missing > 0:
            floors = self._floors
            slack = {n: max(0, names[n] - floors[n]) for n in NAMES}
            total_slack = sum(slack.values()) or 1
            for n in NAMES:  # each gives way in proportion to what it can spare
                names[n] -= min(slack[n], -(-missing * slack[n] // total_slack))
        for name, width in {**self._ideal, **names}.items():
            if self.table.columnWidth(COLUMN[name]) != width:
                self.table.setColumnWidth(COLUMN[name], width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.squeeze()
        return False
