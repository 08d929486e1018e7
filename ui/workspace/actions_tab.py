"""The Actions tab: the partner's action items and their closed loop
(open → in progress → done → feedback given to the partner)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain import ActionStatus, final_status, loop_open
from models.store import Store
from ui import labels, theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.operations import OnDone, OnError
from ui.operations.action_items import set_action_status
from ui.operations.records import delete_record
from ui.workspace.action_dialogs import ActionItemDialog, FeedbackDialog
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.row_table_model import IdRole, RowTableModel, SortRole

_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
_STATUS_ORDER = {s.value: n for n, s in enumerate(ActionStatus)}


def next_status(status: str, owner_side: str | None = None) -> str | None:
    """The next step of an item's loop; None at its end (feedback given for ours,
    done for a partner-owned item: see domain.final_status)."""
    order = list(ActionStatus)
    n = order.index(ActionStatus(status))
    if order[n] == final_status(owner_side) or n + 1 >= len(order):
        return None
    return str(order[n + 1])


class ActionTableModel(RowTableModel):
    """Action items; an open item past its response deadline shows in the overdue
    colour, with the overdue icon and "(overdue)" by its deadline."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Owner side"), self.tr("Owner"), self.tr("Severity"),
                self.tr("Response deadline"), self.tr("Status"), self.tr("Feedback")]

    def is_overdue(self, row: dict[str, Any]) -> bool:
        return (loop_open(row.get("status"), row.get("owner_side")) and bool(row.get("due_on"))
                and row["due_on"] < self.today.isoformat())

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return row.get("title") or ""
        if column == 1:
            return labels.owner_side_label(row.get("owner_side"))
        if column == 2:
            return row.get("owner_name") or ""
        if column == 3:
            return labels.severity_label(row.get("severity"))
        if column == 4:
            due = row.get("due_on") or ""
            return self.tr("%1 (overdue)").replace("%1", due) if self.is_overdue(row) else due
        if column == 5:
            return labels.action_status_label(row.get("status"))
        return self.feedback_text(row)

    def feedback_text(self, row: dict[str, Any]) -> str:
        """What the partner was told, after how and when: "WeChat · 2026-11-20 · …"."""
        if not row.get("feedback"):
            return ""
        how = labels.feedback_channel_label(row.get("feedback_channel"))
        return " · ".join(filter(None, [how, row.get("feedback_on"), row["feedback"]]))

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        if column == 3:
            return _SEVERITY_ORDER.get(row.get("severity") or "", 9)
        if column == 4:
            return row.get("due_on") or "9999"
        if column == 5:
            return _STATUS_ORDER.get(row.get("status") or "", 9)
        return self.display(row, column)

    def foreground(self, row: dict[str, Any], column: int) -> Any:
        return QBrush(theme.color("overdue")) if self.is_overdue(row) else None

    def decoration(self, row: dict[str, Any], column: int) -> Any:
        if column == 4 and self.is_overdue(row):
            return theme.status_icon("overdue")
        if column == 5:
            return theme.status_icon(row.get("status") or "open")
        return None


class OpenItemsProxy(QSortFilterProxyModel):
    """Hides items closed with feedback unless "show all" is on."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show_all = False

    def set_show_all(self, show_all: bool) -> None:
        self.beginFilterChange()
        self.show_all = show_all
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if self.show_all:
            return True
        row = self.sourceModel().row_at(source_row)
        return loop_open(row.get("status"), row.get("owner_side"))


class ActionsTab(PartnerTab):
    """Table, filter, add/edit, and moving items along the loop by button or key."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.dialog: QDialog | None = None  # the open add/edit/feedback dialog (tests reach it)
        self.model = ActionTableModel(self)
        self.proxy = OpenItemsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Action items"))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # long feedback shares the width with the title instead of pushing it aside
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.edit_selected)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.show_all = QCheckBox(self.tr("Show &closed items"), self)
        self.show_all.setToolTip(self.tr("Also list items closed with feedback to the partner"))
        self.show_all.toggled.connect(self.proxy.set_show_all)
        self.new_button = QPushButton(self.tr("New action item"), self)
        self.new_button.setToolTip(self.tr("Add an action item (Ctrl+J)"))
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.setToolTip(self.tr("Edit the selected item (Enter)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.advance_button = QPushButton(self, toolTip=self.tr("Move the selected item to its "
                                                                "next step (Ctrl+Right)"))
        self.advance_button.clicked.connect(self.advance_selected)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected item (Del); you can undo it"))
        self.delete_button.clicked.connect(self.delete_selected)
        for text, key, slot in (
            (self.tr("Next step"), "Ctrl+Right", self.advance_selected),
            (self.tr("Edit action item"), "Return", self.edit_selected),
            (self.tr("Delete action item"), "Delete", self.delete_selected),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            self.view.addAction(act)

        buttons = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.advance_button, self.delete_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        # none yet, or none open: what the tab is for and the next step
        state = EmptyState("actions_empty")
        state.add_step("actions_empty_new", self.new_item)
        state.add_step("actions_empty_closed", lambda: self.show_all.setChecked(True))
        self.list_or_empty = EmptyOr(self.view, state).watch(self.proxy)
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._empty_texts)
        layout.addWidget(self.list_or_empty, 1)
        self._empty_texts()
        self._update_buttons()

    @Slot()
    def _empty_texts(self) -> None:
        state = self.list_or_empty.state
        closed_only = self.model.rowCount() > 0
        state.steps["actions_empty_closed"].setVisible(closed_only)
        if closed_only:
            heading = self.tr("No open action items")
            text = self.tr("Every action item of this partner is closed. Add a new one, or "
                           "show the closed items with the feedback they were closed with.")
        else:
            heading = self.tr("No action items yet")
            text = self.tr("Action items are what you and the partner agreed to do, each "
                           "with an owner, a severity and a due date; Today lists the late "
                           "ones. Add one here, or turn a line of meeting notes into one "
                           "with Ctrl+Shift+A.")
        state.set_texts(heading, text, {"actions_empty_new": self.tr("Add an action item…"),
                                        "actions_empty_closed": self.tr("Show closed items")})

    # --- loading ---------------------------------------------------------------------------

    def _clear_partner(self) -> None:
        self.model.set_rows([])

    def _fetch(self, store: Store, partner_id: str) -> list[dict[str, Any]]:
        return store.for_partner("action_item", partner_id, order=["-opened_on"])

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_id()
        self.model.today = self._ctx.today()
        self.model.set_rows(rows)
        wanted = self.take_select_request()
        if wanted:
            self.select(wanted)
        elif current and self.model.row_of(current) >= 0:
            self.select(current, reveal=False)
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.selectRow(0)  # the keyboard works at once
        self._update_buttons()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def current_row(self) -> dict[str, Any] | None:
        item_id = self.current_id()
        return self.model.row_at(self.model.row_of(item_id)) if item_id else None

    def select(self, item_id: str, *, reveal: bool = True) -> bool:
        """Select an item; ``reveal`` shows closed items if it is one of them."""
        row = self.model.row_of(item_id)
        if row < 0:
            self.select_later(item_id)
            return False
        if not self.proxy.filterAcceptsRow(row, self.model.index(row, 0).parent()):
            if not reveal:
                return False
            self.show_all.setChecked(True)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    @Slot()
    def _update_buttons(self) -> None:
        row = self.current_row()
        nxt = next_status(row["status"], row.get("owner_side")) if row else None
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.advance_button.setEnabled(nxt is not None)
        self.advance_button.setText(
            self.tr("→ %1").replace("%1", labels.action_status_label(nxt)) if nxt
            else self.tr("Next step"))

    # --- actions ---------------------------------------------------------------------------

    @Slot()
    def new_item(self) -> None:
        if self._partner_id is None:
            return
        self._open_dialog(ActionItemDialog(self._ctx, self._partner_id, None, self))

    @Slot()
    def edit_selected(self) -> None:
        row = self.current_row()
        if row is not None and self._partner_id is not None:
            self._open_dialog(ActionItemDialog(self._ctx, self._partner_id, row, self))

    def _open_dialog(self, dialog: ActionItemDialog) -> None:
        self.open_record_dialog(dialog)

    @Slot()
    def advance_selected(self) -> None:
        """Move the selected item one step along the loop; the last step asks what the
        partner was told."""
        row = self.current_row()
        nxt = next_status(row["status"], row.get("owner_side")) if row else None
        if row is None or nxt is None:
            return
        if nxt == ActionStatus.FEEDBACK_GIVEN:
            # written by the dialog itself: a refused write leaves it open, the text kept
            dialog = FeedbackDialog(
                row.get("title") or "", self,
                send=lambda feedback, channel, done, failed: self._set_status(
                    row["id"], nxt, feedback, channel, on_done=done, on_error=failed))
            self.dialog = dialog

            def finished(_result: int) -> None:
                self.dialog = None
                dialog.deleteLater()

            dialog.finished.connect(finished)
            dialog.open()
            return
        self._set_status(row["id"], nxt, None)

    def _set_status(self, item_id: str, status: str, feedback: str | None,
                    channel: str | None = None, *, on_done: OnDone = None,
                    on_error: OnError = None) -> None:
        row = self.current_row() or {}
        if loop_open(status, row.get("owner_side")) or self.proxy.show_all:
            self.select_later(item_id)  # keep working on it; a closed one leaves
        set_action_status(self._ctx, item_id, status, feedback, on_done, on_error,
                          channel=channel)

    @Slot()
    def delete_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        item_id = row["id"]
        message = self.tr("Action item “%1” deleted.").replace("%1", row.get("title") or "")
        delete_record(self._ctx, "action_item", item_id, message)
