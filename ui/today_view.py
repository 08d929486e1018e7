"""The Today page: what needs attention now.

Partners due or overdue for a visit by their tier's cadence, action items overdue
or due soon, contacts' key dates coming up, and partners showing "lying flat" (躺平)
warning signs. One database job loads all four; a change to the data reloads them
after a short pause, so a burst of edits costs one reload.

Each list shows its most urgent ``LIST_LIMIT`` rows, with the total in its title and
a "Show all" link: a big profile has thousands of due actions, and loading and laying
them all out would hold up the first paint for rows nobody scrolls to.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models import insights
from models.today import ACTIONS_SOON_DAYS, KEY_DATES_DAYS, LIST_LIMIT, TodayData, load_today
from ui import labels
from ui.app_context import AppContext
from ui.partner_table_model import signs_text

# TodayData, load_today and the list lengths live in models/today.py (Qt-free: the
# start-up snapshot and the early first load use them before any widget exists)
__all__ = ["ACTIONS_SOON_DAYS", "KEY_DATES_DAYS", "LIST_LIMIT", "TodayData", "TodayView",
           "load_today"]

#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()

PARTNER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
RELEVANT_ENTITIES = {"partner", "meeting", "action_item", "contact", "kpi_snapshot"}
RELOAD_DELAY_MS = 300
URGENT = QColor("#b3261e")
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
_SORT = int(SORT_ROLE)
_PARTNER_ID = int(PARTNER_ID_ROLE)
_ANSWERED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _SORT, _PARTNER_ID,
                             int(RECORD_ID_ROLE)})


def _estimated_width(text: str) -> int:
    """Width in half-em: CJK characters (U+2E80 on) are full-width, the rest half."""
    return len(text) + sum(1 for ch in text if ch >= "\u2e80")


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name)


class RecordTableModel(QAbstractTableModel):
    """A read-only table over dicts or dataclasses, described by ``Column``s."""

    def __init__(self, columns: Sequence[Column], partner_key: str = "partner_id",
                 urgent: Callable[[Any], bool] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._partner_key = partner_key
        self._urgent = urgent

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
            return QBrush(URGENT) if self._urgent and self._urgent(row) else None
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
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
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
        self.empty.setStyleSheet("color: palette(mid);")
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


class TodayView(QWidget):
    """``open_partner(id)`` when a row is opened; ``open_record(partner id, entity,
    record id)`` for an action item; ``loaded`` after each load."""

    open_partner = Signal(str)
    open_record = Signal(str, str, str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._request = 0
        #: reload by itself after data changes (the main window turns this off and
        #: reloads Today together with Partners)
        self.auto_reload = True
        self.data_: TodayData | None = None
        date = lambda d: d.isoformat() if d else "—"
        self.visits = TodaySection("visits", RecordTableModel([
            Column(lambda: self.tr("Partner"), lambda r: r.display_name),
            Column(lambda: self.tr("Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: self.tr("Last visit"), lambda r: r.last_met, date),
            Column(lambda: self.tr("Days since"), lambda r: r.days_since),
            Column(lambda: self.tr("Status"), lambda r: r.visit_status, labels.visit_status_label),
        ], partner_key="id", urgent=lambda r: r.visit_status == "overdue", parent=self))
        self.actions = TodaySection("actions", RecordTableModel([
            Column(lambda: self.tr("Due"), lambda r: r["due_on"]),
            Column(lambda: self.tr("Action item"), lambda r: r["title"]),
            Column(lambda: self.tr("Owner"), lambda r: r["owner_side"], labels.owner_side_label),
            Column(lambda: self.tr("Severity"), lambda r: r["severity"], labels.severity_label),
            Column(lambda: self.tr("Status"), lambda r: r["status"], labels.action_status_label),
            Column(lambda: self.tr("Partner"), lambda r: r["partner_name"]),
        ], urgent=lambda r: r["overdue"], parent=self))
        self.key_dates = TodaySection("key_dates", RecordTableModel([
            Column(lambda: self.tr("Date"), lambda r: r["date"], date),
            Column(lambda: self.tr("In days"), lambda r: r["in_days"]),
            Column(lambda: self.tr("Occasion"), lambda r: r["kind"], self._occasion),
            Column(lambda: self.tr("Contact"), lambda r: r["name"]),
            Column(lambda: self.tr("Role"), lambda r: r["role"]),
            Column(lambda: self.tr("Partner"), lambda r: r["partner_name"]),
        ], parent=self))
        self.lying_flat = TodaySection("lying_flat", RecordTableModel([
            Column(lambda: self.tr("Partner"), lambda r: r.display_name),
            Column(lambda: self.tr("Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: self.tr("Stage"), lambda r: r.stage, labels.stage_label),
            # shows which signs, sorts by how many
            Column(lambda: self.tr("Warning signs"), lambda r: r.signs,
                   signs_text, sort=len),
        ], partner_key="id", urgent=lambda r: len(r.signs) >= 3, parent=self))

        for section in (self.visits, self.key_dates, self.lying_flat):
            section.activated.connect(lambda pid, _rid: self.open_partner.emit(pid))
        self.actions.activated.connect(
            lambda pid, rid: self.open_record.emit(pid, "action_item", rid))
        for section in (self.visits, self.lying_flat):
            # their full lists are in memory already
            section.show_all_requested.connect(lambda s=section: self._show_all(s))
        self.actions.show_all_requested.connect(lambda: self._load_all(self.actions))
        self.key_dates.show_all_requested.connect(lambda: self._load_all(self.key_dates))

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        grid = QGridLayout()
        grid.addWidget(self.visits, 0, 0)
        grid.addWidget(self.actions, 0, 1)
        grid.addWidget(self.lying_flat, 1, 0)
        grid.addWidget(self.key_dates, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        self.retranslate()

    def _occasion(self, kind: str) -> str:
        return self.tr("Birthday") if kind == "birthday" else self.tr("Company anniversary")

    def sections(self) -> list[TodaySection]:
        return [self.visits, self.actions, self.lying_flat, self.key_dates]

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        limits = self.limits()
        self.ctx.run_db(lambda s: load_today(s, today, cadence, None, *limits),
                        lambda data: self._loaded(request, data), self._load_failed)

    def limits(self) -> tuple[int | None, int | None]:
        """How many due actions and key dates a load needs (None: the user asked
        for all of them)."""
        return (None if self.actions.expanded else LIST_LIMIT,
                None if self.key_dates.expanded else LIST_LIMIT)

    def _loaded(self, request: int, data: TodayData) -> None:
        if request == self._request:  # else a newer load is on its way
            self.show_data(data)

    def show_data(self, data: TodayData) -> None:
        """Show freshly loaded data (from ``reload`` or from the main window)."""
        self._request += 1  # anything still in flight is older than this
        self.data_ = data
        # retranslate sizes the columns, once for all four
        self.visits.set_rows(data.visits, fit=False)
        self.actions.set_rows(data.actions, data.actions_total, fit=False)
        self.key_dates.set_rows(data.key_dates, data.key_dates_total, fit=False)
        self.lying_flat.set_rows(data.lying_flat, fit=False)
        self.retranslate()
        self.loaded.emit()

    def _show_all(self, section: TodaySection) -> None:
        if self.data_ is not None:
            rows = {self.visits: self.data_.visits, self.lying_flat: self.data_.lying_flat}[section]
            section.set_rows(rows, fit=False)
            self.retranslate()

    def _load_all(self, section: TodaySection) -> None:
        """All the due actions or all the key dates, from the database lane."""
        today = self.ctx.today()
        self._request += 1  # a load of the capped list in flight would undo this
        request = self._request
        fetch, days = ((insights.actions_due, ACTIONS_SOON_DAYS) if section is self.actions
                       else (insights.upcoming_key_dates, KEY_DATES_DAYS))

        def shown(rows: list[dict]) -> None:
            if request == self._request:
                section.set_rows(rows, fit=False)
                self.retranslate()

        self.ctx.run_db(lambda s: fetch(s, today, days), shown, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.status_message.emit(self.tr("Could not load Today: %1").replace("%1", str(exc)))

    @Slot(object)
    def _on_changed(self, change: Any) -> None:
        if self.auto_reload and change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("Today, %1").replace(
            "%1", locale.toString(self.ctx.today(), QLocale.FormatType.LongFormat)))
        d = self.data_
        if d is None:
            self.summary.setText(self.tr("Loading…"))
        else:
            overdue_actions = max(d.actions_overdue, sum(1 for a in d.actions if a["overdue"]))
            overdue_visits = sum(1 for v in d.visits if v.visit_status == "overdue")
            self.summary.setText(
                self.tr("Overdue visits: %1 · Overdue action items: %2")
                .replace("%1", str(overdue_visits)).replace("%2", str(overdue_actions)))
        self.visits.set_texts(self.tr("Visits due"),
                              self.tr("Every partner has been visited within its cadence."))
        self.actions.set_texts(self.tr("Action items due"),
                               self.tr("No action item is overdue or due this week."))
        self.lying_flat.set_texts(self.tr("Partners going quiet (\"lying flat\")"),
                                  self.tr("No partner shows several warning signs."))
        self.key_dates.set_texts(self.tr("Key dates in the next 30 days"),
                                 self.tr("No birthdays or anniversaries coming up."))
        for section in self.sections():
            section.model.retranslate()
            section.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
