"""The Goals tab: joint goals agreed with the partner (联合目标), annual goals with
their quarterly stages, progress against target, both sides' commitments."""
from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.store import Store
from models.workspace import partner_goals
from ui import labels, theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.operations.records import delete_record
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.goal_dialog import GoalDialog
from ui.workspace.row_table_model import IdRole, RowTableModel


def _amount(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


class GoalTableModel(RowTableModel):
    """Goals in the order models.goals gives (each annual goal, then its stages); a
    goal at risk shows in the overdue colour."""

    def headers(self) -> list[str]:
        return [self.tr("Goal"), self.tr("Period"), self.tr("Measured by"), self.tr("Target"),
                self.tr("Progress"), self.tr("Status")]

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            stage = bool(row.get("parent_id"))
            return ("    ↳ " if stage else "") + (row.get("title") or "")
        if column == 1:
            return row.get("period") or ""
        if column == 2:
            return labels.goal_kpi_label(row.get("kpi")) if row.get("kpi") else row.get("metric") or ""
        if column == 3:
            return _amount(row.get("target"))
        if column == 4:
            if row.get("progress") is None:
                return "—"
            pct = f" ({100 * row['ratio']:.0f}%)" if row.get("ratio") is not None else ""
            return _amount(row["progress"]) + pct
        text = labels.goal_status_label(row.get("status"))
        if row.get("at_risk") and row.get("status") != "at_risk":
            text = self.tr("%1, behind").replace("%1", text)
        return text

    def foreground(self, row: dict[str, Any], column: int) -> Any:
        return QBrush(theme.color("overdue")) if row.get("at_risk") else None


class GoalsTab(PartnerTab):
    """Table and details; New goal (Ctrl+Shift+G), Enter edits, Delete deletes (undo)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meetings: list[dict[str, Any]] = []
        self.dialog: GoalDialog | None = None  # the open dialog (tests reach it)
        self.model = GoalTableModel(self)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Goals"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.edit_selected)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        intro = QLabel(self.tr("Goals are agreed with the partner, not handed down: what, how it is "
                               "measured, the target, and what each side commits to. Staged "
                               "quarterly goals inside an annual one keep the cooperation going."),
                       self)
        intro.setWordWrap(True)
        theme.set_tone(intro, "muted")
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.new_button = QPushButton(self.tr("New goal"), self)
        self.new_button.setToolTip(self.tr("Add a joint goal (Ctrl+Shift+G)"))
        self.new_button.clicked.connect(self.new_goal)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.setToolTip(self.tr("Edit the selected goal (Enter)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected goal (Del); you can undo it"))
        self.delete_button.clicked.connect(self.delete_selected)
        new_act = QAction(self.tr("New joint goal"), self)
        new_act.setShortcut(QKeySequence("Ctrl+Shift+G"))
        new_act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_act.triggered.connect(self.new_goal)
        self.addAction(new_act)
        for text, key, slot in ((self.tr("Edit joint goal"), "Return", self.edit_selected),
                                (self.tr("Delete joint goal"), "Delete", self.delete_selected)):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            self.view.addAction(act)
        buttons = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        state = EmptyState("goals_empty")
        state.add_step("goals_empty_new", self.new_goal)
        state.set_texts(
            self.tr("No joint goals yet"),
            self.tr("Agree the first goal with the partner (sales, certified engineers, "
                    "joint events…): Today and the review pack then show how it is going."),
            {"goals_empty_new": self.tr("Add a joint goal…")})
        self.list_or_empty = EmptyOr(self.view, state).watch(self.model)
        layout.addWidget(self.list_or_empty, 3)
        layout.addWidget(self.details, 1)
        self._show_details()

    # --- loading ---------------------------------------------------------------------------

    def _clear_partner(self) -> None:
        self.model.set_rows([])
        self._meetings = []

    def _fetch(self, store: Store, partner_id: str) -> dict[str, Any]:
        return partner_goals(store, partner_id, self._ctx.today())

    def _loaded(self, data: dict[str, Any]) -> None:
        current = self.current_id()
        self._meetings = data["meetings"]
        self.model.set_rows(data["goals"])
        wanted = self.take_select_request() or current
        if wanted and self.model.row_of(wanted) >= 0:
            self.select(wanted)
        elif self.model.rowCount():
            self.view.selectRow(0)
        self._show_details()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def current_row(self) -> dict[str, Any] | None:
        goal_id = self.current_id()
        return self.model.row_at(self.model.row_of(goal_id)) if goal_id else None

    def select(self, goal_id: str) -> None:
        row = self.model.row_of(goal_id)
        if row < 0:
            self.select_later(goal_id)
            return
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    @Slot()
    def _show_details(self) -> None:
        row = self.current_row()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.details.setText(self.tr("No joint goal yet. Agree one with the partner "
                                         "(Ctrl+Shift+G).") if not self.model.rowCount() else "")
            return
        meeting = next((m for m in self._meetings if m["id"] == row.get("meeting_id")), None)
        agreed = (self.tr("Agreed at the meeting of %1.").replace("%1", meeting["starts_at"][:10])
                  if meeting else self.tr("The meeting where it was agreed is not recorded."))
        ours, theirs = self.tr("We commit"), self.tr("The partner commits")
        parts = [f"<b>{ours}:</b> {_html(row.get('our_commitment')) or '—'}",
                 f"<b>{theirs}:</b> {_html(row.get('partner_commitment')) or '—'}", agreed]
        self.details.setText("<br>".join(parts))

    # --- actions ---------------------------------------------------------------------------

    @Slot()
    def new_goal(self) -> None:
        if self._partner_id is not None:
            self._open(None)

    @Slot()
    def edit_selected(self) -> None:
        row = self.current_row()
        if row is not None and self._partner_id is not None:
            self._open(row)

    def _open(self, row: dict[str, Any] | None) -> None:
        assert self._partner_id is not None
        dialog = GoalDialog(self._ctx, self._partner_id, row, self.model.rows(), self._meetings, self)
        self.open_record_dialog(dialog)

    @Slot()
    def delete_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        message = self.tr("Joint goal “%1” deleted.").replace("%1", row.get("title") or "")
        delete_record(self._ctx, "joint_goal", row["id"], message)


def _html(text: str | None) -> str:
    return escape(text or "").replace("\n", "<br>")
