"""The lists of the Today page: a read-only table model over rows described by
``Column``s, and a titled section around it with a "Show all" link."""
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
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedWidget,
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
MAX_COLUMN_WIDTH = 320
FIT_SAMPLE_ROWS = 50
#: of those, how many of the widest-looking texts per column are measured
FIT_MEASURED = 3


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    value: Callable[[Any], Any]
    display: Callable[[Any], str] | None = None
    #: turns the value into something Qt can compare (default: the value itself)
    sort: Callable[[Any], Any] | None = None


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
    """A read-only table over dicts or dataclasses, described by ``Column``s.
    ``urgent`` rows show in the colour of the status ``urgent_status`` (ui/theme.py:
    "overdue" for what is late, "warning" for a warning) with its icon in the first
    column, never by colour alone."""

    def __init__(self, columns: Sequence[Column], partner_key: str = "partner_id",
                 urgent: Callable[[Any], bool] | None = None, parent: QObject | None = None,
                 urgent_status: str = "overdue") -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._partner_key = partner_key
        self._urgent = urgent
        self.urgent_status = urgent_status

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

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
            urgent = self._urgent and self._urgent(row)
            return QBrush(theme.color(theme.status_tone(self.urgent_status))) if urgent else None
        if role == _DECORATION:
            urgent = index.column() == 0 and self._urgent and self._urgent(row)
            return theme.status_icon(self.urgent_status) if urgent else None
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


class TodaySection(QWidget):
    """A header with a count, and a sortable list (or a calm note when empty)."""

    activated = Signal(str, str)  # partner id, record id
    #: the "Show all" link under a capped list
    show_all_requested = Signal()

    def __init__(self, name: str, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = model
        #: how many rows there are in all (the list may show only the first of them)
        self.total = 0
        #: the user asked for every row: later loads keep showing all
        self.expanded = False
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.title = QLabel()
        theme.set_text_style(self.title, "subtitle")
        self.view = QTreeView()
        self.view.setObjectName(f"{name}_view")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the urgency order
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activated)
        self.empty = QLabel()
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
        self.title.setText(f"{title} ({n})")
        self.empty.setText(empty)
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
        self.model.set_rows(rows if self.expanded else rows[:LIST_LIMIT])
        if fit:
            self.fit_columns()

    @Slot()
    def _show_all_clicked(self) -> None:
        self.expanded = True
        self.show_all_requested.emit()

    def fit_columns(self) -> None:
        """Widths follow the text, which changes with the rows and the language. Only
        the first rows are measured: Qt's own sizeHintForColumn asks every row, which
        takes seconds on a big profile's thousands of action items."""
        metrics = self.view.fontMetrics()
        # the model's first rows (the proxy's, unless the user sorted: close enough for
        # a width), read in Python rather than one Qt call per cell
        rows = min(self.model.rowCount(), FIT_SAMPLE_ROWS)
        for col in range(self.model.columnCount() - 1):
            texts = {str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")}
            texts.update(self.model.display_text(r, col) for r in range(rows))
            # shaping a text to measure it is the costly part: only the few that are
            # widest by a count of characters (a Chinese one counts two) are measured
            widest = heapq.nlargest(FIT_MEASURED, texts, key=_estimated_width)
            width = max(metrics.horizontalAdvance(t) for t in widest)
            # a little air: the delegate's margins, and room for the sort arrow
            self.view.setColumnWidth(col, min(width + COLUMN_PADDING, MAX_COLUMN_WIDTH))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(PARTNER_ID_ROLE)
        if pid:
            self.activated.emit(pid, index.data(RECORD_ID_ROLE) or "")


