"""The lists of the Today page: a read-only table model over rows described by
``Column``s, and a titled section around it with a "Show all" link.

Colour says how urgent a row is, never alone: ``status(row)`` names a status of
``ui.theme.STATUSES`` ("overdue" only for what is actually late, "due" for what
falls due soon, "warning" for a warning sign, None for the rest); the row's text
takes the status' colour and its first cell the status' icon, beside the words of
a status column."""
from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.today import LIST_LIMIT
from ui import theme

#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()

PARTNER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMN_PADDING = 20
#: the stretching column (the one with the reason) never gets narrower than this
MIN_STRETCH_WIDTH = 140
#: ... nor than this share of the list's width (the others give way first)
STRETCH_SHARE = 0.3
MAX_COLUMN_WIDTH = 320
FIT_SAMPLE_ROWS = 50
FIT_TAIL_ROWS = 10
#: of those, how many of the widest-looking texts per column are measured
FIT_MEASURED = 3


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    value: Callable[[Any], Any]
    display: Callable[[Any], str] | None = None
    #: turns the value into something Qt can compare (default: the value itself)
    sort: Callable[[Any], Any] | None = None
    #: this column takes the width the others leave (the long text: a title, the
    #: warning signs); it elides, with the full text in its tool tip and the details
    stretch: bool = False


def status_colour(status: str | None) -> QColor | None:
    """The text colour of a status of ``ui.theme.STATUSES`` (None: the plain text's)."""
    return theme.color(theme.status_tone(status)) if status else None


# roles as plain ints: ``data`` runs for every painted cell and role
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_SORT = int(SORT_ROLE)
_PARTNER_ID = int(PARTNER_ID_ROLE)
_ANSWERED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _DECORATION, _SORT, _PARTNER_ID,
                             int(RECORD_ID_ROLE)})


def _estimated_width(text: str) -> int:
    """Width in half-em: CJK characters (U+2E80 on) are full-width, the rest half."""
    return len(text) + sum(1 for ch in text if ch >= "\u2e80")


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name)


class RecordTableModel(QAbstractTableModel):
    """A read-only table over dicts or dataclasses, described by ``Column``s."""

    def __init__(self, columns: Sequence[Column], partner_key: str = "partner_id",
                 status: Callable[[Any], str | None] | None = None,
                 parent: QObject | None = None) -> None:
        """``status(row)``: a status of ``ui.theme.STATUSES`` or None (see above)."""
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._partner_key = partner_key
        self._status = status

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    @property
    def has_status(self) -> bool:
        return self._status is not None

    def status(self, row: int) -> str | None:
        return self._status(self._rows[row]) if self._status else None

    def display_text(self, row: int, column: int) -> str:
        """What ``data`` shows for a cell, without a trip through Qt."""
        col = self.columns[column]
        value = col.value(self._rows[row])
        if col.display is not None:
            return col.display(value)
        return "" if value is None else str(value)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the delegate asks about eight roles per painted cell; most get no answer
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        if role == _DISPLAY or role == _TOOLTIP:
            # tool tip: columns are sized on a sample and may elide; the full text on hover
            text = self.display_text(index.row(), index.column())
            return text if role == _DISPLAY else (text or None)
        row = self._rows[index.row()]
        if role == _FOREGROUND:
            colour = status_colour(self._status(row)) if self._status else None
            return QBrush(colour) if colour is not None else None
        if role == _DECORATION:
            status = self._status(row) if self._status and index.column() == 0 else None
            return theme.status_icon(status) if status else None
        if role == _SORT:
            col = self.columns[index.column()]
            value = col.value(row)
            if col.sort is not None:
                return col.sort(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            return "" if value is None else value
        if role == _PARTNER_ID:
            return _get(row, self._partner_key)
        return _get(row, "id")  # RECORD_ID_ROLE


class ListView(QTreeView):
    """A list's tree view that says how wide its viewport is each time it changes (a
    scroll area's ``resizeEvent`` receives its viewport's resizes). Its section reads
    the width from here: asking for the viewport widget itself makes PySide6 wrap it,
    which the first time builds the enums of dozens of widget classes
    (docs/benchmarks.md)."""

    viewport_resized = Signal(int)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.viewport_resized.emit(event.size().width())


class TodaySection(QWidget):
    """A header with a count, and a sortable list (or a calm note when empty).

    The columns fit the list's width: each takes what its text needs (measured on the
    first rows), the ``stretch`` column the rest, and when that is not enough the
    widest give way, so the list never scrolls sideways; a cut text has its tool tip
    and the Today page's details pane."""

    activated = Signal(str, str)  # partner id, record id
    #: the "Show all" link under a capped list
    show_all_requested = Signal()
    #: the current row changed (the details pane follows it)
    current_changed = Signal()

    def __init__(self, name: str, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = model
        #: how many rows there are in all (the list may show only the first of them)
        self.total = 0
        #: the user asked for every row: later loads keep showing all
        self.expanded = False
        #: "loading" until rows first arrive ("loaded"), or "failed": until then the
        #: list says so, never that nothing is due
        self.load_state = "loading"
        #: the width each column's text needs (from the last fit_columns)
        self._natural: list[int] = []
        #: the narrowest each column may get (its header's words)
        self._floors: list[int] = []
        #: the rows or the words changed while the list was hidden: fitted when shown
        self._fit_due = True
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.title = QLabel()
        theme.set_text_style(self.title, "subtitle")
        #: the width the columns share (the view's viewport's)
        self._room = 0
        self.view = ListView()
        self.view.setObjectName(f"{name}_view")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the urgency order
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.header().setStretchLastSection(False)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.current_changed.emit())
        self.proxy.modelReset.connect(self.current_changed)
        self.view.viewport_resized.connect(self._viewport_resized)
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        theme.set_tone(self.empty, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.more = QLabel()
        self.more.setObjectName(f"{name}_show_all")
        self.more.setTextFormat(Qt.TextFormat.RichText)
        self.more.linkActivated.connect(self._show_all_clicked)
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack)
        layout.addWidget(self.more)
        self.title.setBuddy(self.view)

    def set_texts(self, title: str, empty: str) -> None:
        n = max(self.total, self.model.rowCount())
        # a count only once the rows are known: "(0)" while loading would say nothing is due
        self.title.setText(f"{title} ({n})" if self.load_state == "loaded" else title)
        self.view.setAccessibleName(title)  # its title label is not its sibling
        self.empty.setText({"loaded": empty, "failed": self.tr("This list could not be loaded.")}
                           .get(self.load_state, self.tr("Loading…")))
        self.stack.setCurrentWidget(self.view if n else self.empty)
        shown = self.model.rowCount()
        self.more.setVisible(shown < self.total)
        if shown < self.total:
            self.more.setText(
                self.tr("Showing the first %1 of %2. <a href=\"all\">Show all</a>")
                .replace("%1", str(shown)).replace("%2", str(self.total)))

    def set_rows(self, rows: Sequence[Any], total: int | None = None, fit: bool = True) -> None:
        """Show ``rows``, or only the first ``LIST_LIMIT`` of them unless expanded;
        ``total``: how many there are in all when ``rows`` is already a first part.
        ``fit``: size the columns now (False: the caller retranslates, which does)."""
        self.total = len(rows) if total is None else max(total, len(rows))
        self.load_state = "loaded"
        self.model.set_rows(rows if self.expanded else rows[:LIST_LIMIT])
        if fit:
            self.fit_columns()

    @Slot()
    def _show_all_clicked(self) -> None:
        self.expanded = True
        self.show_all_requested.emit()

    # --- the current row ----------------------------------------------------------------------

    def current_row(self) -> Any | None:
        """The row under the list's cursor (None: none)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_first(self, match: Callable[[Any], bool] | None = None) -> bool:
        """Put the cursor on the first row (in the order shown) that ``match``es."""
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            if match is None or match(self.model.row_at(source)):
                index = self.proxy.index(r, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    # --- column widths ------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Widths follow the text, which changes with the rows and the language. Only
        the first rows are measured: Qt's own sizeHintForColumn asks every row, which
        takes seconds on a big profile's thousands of action items. A hidden list
        (Today shows one at a time) is fitted when it is next shown."""
        if not self.isVisible():
            self._fit_due = True
            return
        self._fit_due = False
        metrics = self.view.fontMetrics()
        # the model's first rows (the proxy's, unless the user sorted: close enough for
        # a width), read in Python rather than one Qt call per cell
        count = self.model.rowCount()
        # the first rows, and a few of the last (another kind of row may end the list)
        rows = sorted(set(range(min(count, FIT_SAMPLE_ROWS)))
                      | set(range(max(0, count - FIT_TAIL_ROWS), count)))
        natural, floors = [], []
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        header_metrics = self.view.header().fontMetrics()
        for col in range(self.model.columnCount()):
            words = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            # a column may give way to the reason column, never below its header's words
            floors.append(header_metrics.horizontalAdvance(words) + COLUMN_PADDING)
            texts = {words}
            texts.update(self.model.display_text(r, col) for r in rows)
            # shaping a text to measure it is the costly part: only the few that are
            # widest by a count of characters (a Chinese one counts two) are measured
            widest = heapq.nlargest(FIT_MEASURED, texts, key=_estimated_width)
            width = max(metrics.horizontalAdvance(t) for t in widest)
            if col == 0 and self.model.has_status:
                width += icon  # the status icon of a marked row
            # a little air: the delegate's margins, and room for the sort arrow
            natural.append(min(width + COLUMN_PADDING, MAX_COLUMN_WIDTH))
        self._natural = natural
        self._floors = [min(f, n) for f, n in zip(floors, natural, strict=True)]
        self._spread()

    def _stretch_column(self) -> int:
        for n, col in enumerate(self.model.columns):
            if col.stretch:
                return n
        return len(self.model.columns) - 1

    def _spread(self) -> None:
        """Share the viewport's width out: every column its natural width, the
        stretching one the rest; when the rest is less than MIN_STRETCH_WIDTH or
        STRETCH_SHARE of the width, the widest of the others give way (down to a
        floor), eliding their text."""
        if not self._natural:
            return
        header = self.view.header()
        stretch = self._stretch_column()
        widths = list(self._natural)
        available = self._room
        others = [n for n in range(len(widths)) if n != stretch]
        # the reason column keeps a fair share: it is what the row is about
        room = available - max(MIN_STRETCH_WIDTH, int(available * STRETCH_SHARE))
        while sum(widths[n] for n in others) > room:
            shrinkable = [n for n in others if widths[n] > self._floors[n]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda n: widths[n])
            widths[widest] = max(self._floors[widest], widths[widest] - 8)
        for n in others:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(n, widths[n])
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def showEvent(self, event: QShowEvent) -> None:
        if self._fit_due:
            self.fit_columns()
        super().showEvent(event)

    def _viewport_resized(self, width: int) -> None:
        self._room = width
        self._spread()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(PARTNER_ID_ROLE)
        if pid:
            self.activated.emit(pid, index.data(RECORD_ID_ROLE) or "")
