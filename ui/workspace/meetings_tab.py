"""The Meetings tab: the partner's meetings (newest first) beside the meeting editor."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain import MeetingStatus, MeetingType
from models.store import Store
from ui import labels, theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.focus_order import set_tab_order
from ui.operations.meetings import create_meeting
from ui.operations.records import delete_record
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.meeting_editor import MeetingEditor
from ui.workspace.row_table_model import IdRole, RowTableModel, SortRole
from ui.workspace.ui_language import ui_language


class MeetingTableModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Type"), self.tr("Status"), self.tr("Location")]

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return row.get("starts_at") or ""
        if column == 1:
            return labels.meeting_type_label(row.get("type"))
        if column == 2:
            return labels.meeting_status_label(row.get("status"))
        return row.get("location") or ""

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        return row.get("starts_at") or "" if column == 0 else self.display(row, column)

    def foreground(self, row: dict[str, Any], column: int) -> Any:
        # a cancelled meeting did not happen: it stays listed, but muted
        cancelled = row.get("status") == MeetingStatus.CANCELLED
        return QBrush(theme.color("muted")) if cancelled else None

    def decoration(self, row: dict[str, Any], column: int) -> Any:
        return theme.status_icon(row.get("status") or "planned") if column == 2 else None


class MeetingsTab(PartnerTab):
    """Lists meetings; the selected one is open in the editor."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = MeetingTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Meetings"))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.editor = MeetingEditor(ctx, self)
        self.new_button = QPushButton(self.tr("New meeting"), self)
        self.new_button.setToolTip(self.tr("Start a meeting for this partner (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.new_meeting())
        self.delete_action = QAction(self.tr("Delete meeting"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)
        self.open_action = QAction(self.tr("Write notes"), self)
        self.open_action.setShortcut(QKeySequence("Return"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(lambda: self.editor.notes_edit.setFocus())
        self.view.addAction(self.open_action)
        delete_button = QPushButton(self.tr("Delete"), self)
        delete_button.setToolTip(self.tr("Delete the selected meeting (Del in the list); "
                                         "you can undo it"))
        delete_button.clicked.connect(self.delete_selected)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        # a partner never met: what the tab is for, and the first meeting one click away
        state = EmptyState("meetings_empty")
        state.add_step("meetings_empty_new", self.new_meeting)
        state.set_texts(
            self.tr("No meetings with this partner yet"),
            self.tr("Meetings keeps each conversation with the partner: the agenda, the "
                    "notes you type while you talk and the decisions. A line of notes "
                    "becomes an action item with Ctrl+Shift+A. Start the first meeting "
                    "now, or plan a visit in the Calendar."),
            {"meetings_empty_new": self.tr("Start a meeting")})
        self.list_or_empty = EmptyOr(self.view, state).watch(self.proxy)
        left_layout.addWidget(self.list_or_empty, 1)
        # Tab reads the list's column, then the open meeting
        set_tab_order(self.new_button, delete_button, self.view,
                      state.steps["meetings_empty_new"], *self.editor.tab_chain)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- loading ---------------------------------------------------------------------------

    def _clear_partner(self) -> None:
        self.editor.load(None)
        self.model.set_rows([])

    def _fetch(self, store: Store, partner_id: str) -> list[dict[str, Any]]:
        return store.for_partner("meeting", partner_id, order=["-starts_at"])

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        editing = self.editor.meeting_id()
        if editing and self.model.row_of(editing) < 0:
            self.editor.load(None)  # deleted (here or by sync)
        target = self.take_select_request() or editing
        if target:
            self.select(target)
        elif rows and not editing:
            self.select(self.latest_meeting_id(rows, self._ctx.today()))

    @staticmethod
    def latest_meeting_id(rows: list[dict[str, Any]], today: dt.date) -> str:
        """The meeting the tab opens on: the latest one up to today that was not
        cancelled (a cancelled meeting holds nothing to read; one planned ahead holds
        nothing yet), else the next one planned, else the latest."""
        ordered = sorted(rows, key=lambda r: r.get("starts_at") or "", reverse=True)
        live = [r for r in ordered if r.get("status") != MeetingStatus.CANCELLED]
        until = (today + dt.timedelta(days=1)).isoformat()
        happened = [r for r in live if (r.get("starts_at") or "") < until]
        return (happened or live[::-1] or ordered)[0]["id"]

    def select(self, meeting_id: str) -> bool:
        """Select a meeting in the list (and open it in the editor)."""
        row = self.model.row_of(meeting_id)
        if row < 0:
            self.select_later(meeting_id)
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    @Slot()
    def _current_changed(self) -> None:
        index = self.view.currentIndex()
        meeting_id = index.data(IdRole) if index.isValid() else None
        if meeting_id == self.editor.meeting_id():
            return
        row = self.model.row_at(self.model.row_of(meeting_id)) if meeting_id else None
        self.editor.load(row)

    def refresh_editor_from(self, row: dict[str, Any]) -> None:
        """A sync brought a newer version of the open meeting: show it unless the user
        has edits pending (then theirs win locally and sync merges them)."""
        if row["id"] == self.editor.meeting_id() and not self.editor.saver.has_pending():
            self.editor.refresh(row)

    # --- actions ---------------------------------------------------------------------------

    def new_meeting(self, meeting_type: str = MeetingType.REGULAR_REVIEW) -> None:
        """Create a meeting now (type, agenda from the template) and focus its notes."""
        partner_id = self._partner_id
        if partner_id is None:
            return
        self.editor.flush()
        lang = ui_language(self._ctx)
        starts = dt.datetime.now().replace(second=0, microsecond=0)
        today = self._ctx.today()
        if starts.date() != today:  # the app's clock (tests, demos) decides the day
            starts = dt.datetime.combine(today, starts.time())

        def created(result) -> None:
            row, agenda = result
            if partner_id != self._partner_id:
                return
            rows = [row, *(r for r in self.model.rows() if r["id"] != row["id"])]
            self.model.set_rows(rows)
            self.select(row["id"])
            self.editor.load(row, generated_agenda=agenda)
            self.editor.notes_edit.setFocus()

        create_meeting(self._ctx, partner_id, str(meeting_type), starts, lang,
                       on_done=created, on_error=self._error)

    @Slot()
    def delete_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        meeting_id = index.data(IdRole)
        row = self.model.row_at(self.model.row_of(meeting_id))
        if self.editor.meeting_id() == meeting_id:
            self.editor.flush()
            self.editor.load(None)
        message = self.tr("Meeting of %1 deleted.").replace("%1", row.get("starts_at") or "")
        delete_record(self._ctx, "meeting", meeting_id, message)

    def _error(self, exc: BaseException) -> None:
        self._ctx.status_message.emit(str(exc))
