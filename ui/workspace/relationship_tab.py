"""The Relationship tab: the lifecycle stage's focus and the history of its moves, and
the touchpoints (人情: greetings, gifts, calls, training) with training and enablement
counted over the last year."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.store import Store
from models.workspace import partner_relationship
from ui import labels, playbook_text, theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.operations.records import delete_record
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.row_table_model import IdRole, RowTableModel
from ui.workspace.touchpoint_dialog import TouchpointDialog


class StageHistoryModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Move"), self.tr("Why")]

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return row.get("changed_on") or ""
        if column == 1:
            start = labels.stage_label(row.get("from_stage")) or "—"
            return f"{start} → {labels.stage_label(row.get('to_stage'))}"
        return row.get("reason") or ""


class TouchpointModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Kind"), self.tr("Contact"), self.tr("Note")]

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return row.get("happened_on") or ""
        if column == 1:
            return labels.touchpoint_kind_label(row.get("kind"))
        if column == 2:
            return row.get("contact_name") or ""
        return (row.get("note") or "").replace("\n", " ")


def _table(model: RowTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    # sized to their contents, and never narrower than a date: an empty list's columns
    # keep room for their headers' words
    header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("0000-00-00 "))
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return view


class RelationshipTab(PartnerTab):
    """Log a touchpoint with Ctrl+Shift+T; Enter edits, Delete deletes (undo)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._contacts: list[dict[str, Any]] = []
        self.dialog: TouchpointDialog | None = None
        self.stage_label = QLabel(self)
        self.stage_label.setWordWrap(True)
        self.stage_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_model = StageHistoryModel(self)
        self.history_view = _table(self.history_model, self)
        hint = QLabel(self.tr("The stage is changed on the Overview; each move is kept here "
                              "with its reason."), self)
        hint.setWordWrap(True)
        theme.set_tone(hint, "muted")
        stage_box = QGroupBox(self.tr("Lifecycle stage"), self)
        sl = QVBoxLayout(stage_box)
        sl.addWidget(self.stage_label)
        sl.addWidget(self.history_view, 1)
        sl.addWidget(hint)

        self.training_label = QLabel(self)
        self.training_label.setWordWrap(True)
        self.touch_model = TouchpointModel(self)
        self.touch_view = _table(self.touch_model, self)
        self.touch_view.doubleClicked.connect(self.edit_selected)
        self.new_button = QPushButton(self.tr("Log touchpoint"), self)
        self.new_button.setToolTip(self.tr("Log a greeting, gift, call, visit or training "
                                           "(Ctrl+Shift+T)"))
        self.new_button.clicked.connect(self.new_touchpoint)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected touchpoint (Del); you can undo it"))
        self.delete_button.clicked.connect(self.delete_selected)
        new_act = QAction(self.tr("Log a touchpoint"), self)
        new_act.setShortcut(QKeySequence("Ctrl+Shift+T"))
        new_act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_act.triggered.connect(self.new_touchpoint)
        self.addAction(new_act)
        for text, key, slot in ((self.tr("Edit touchpoint"), "Return", self.edit_selected),
                                (self.tr("Delete touchpoint"), "Delete", self.delete_selected)):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            self.touch_view.addAction(act)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        touch_box = QGroupBox(self.tr("Touchpoints and training"), self)
        self.touch_view.setAccessibleName(touch_box.title())  # not its box's child any more
        tl = QVBoxLayout(touch_box)
        tl.addWidget(self.training_label)
        tl.addLayout(buttons)
        state = EmptyState("touchpoints_empty")
        state.add_step("touchpoints_empty_new", self.new_touchpoint)
        state.set_texts(
            self.tr("No touchpoints logged yet"),
            self.tr("Touchpoints keep the relationship between meetings: festival "
                    "greetings, gifts, calls and the training you gave the partner's "
                    "people. Log the first one (Ctrl+Shift+T)."),
            {"touchpoints_empty_new": self.tr("Log a touchpoint…")})
        self.touch_or_empty = EmptyOr(self.touch_view, state).watch(self.touch_model)
        tl.addWidget(self.touch_or_empty, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(stage_box, 2)
        layout.addWidget(touch_box, 3)

    # --- loading ---------------------------------------------------------------------------

    def _clear_partner(self) -> None:
        self.history_model.set_rows([])
        self.touch_model.set_rows([])
        self.stage_label.clear()
        self.training_label.clear()

    def _fetch(self, store: Store, partner_id: str) -> dict[str, Any]:
        return partner_relationship(store, partner_id, self._ctx.today())

    def _loaded(self, data: dict[str, Any]) -> None:
        partner = data["partner"]
        stage = partner.get("stage")
        self.stage_label.setText(
            f"<b>{labels.stage_label(stage)}</b> — {playbook_text.stage_focus(stage)}")
        self.history_model.set_rows(data["history"])
        self._contacts = data["contacts"]
        current = self.current_id()
        self.touch_model.set_rows(data["touchpoints"])
        wanted = self.take_select_request() or current
        if wanted and self.touch_model.row_of(wanted) >= 0:
            self.touch_view.selectionModel().setCurrentIndex(
                self.touch_model.index(self.touch_model.row_of(wanted), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        n = data["training"]
        self.training_label.setText(
            self.tr("Training and enablement sessions in the last 12 months: %1").replace("%1", str(n)))
        self.delete_button.setEnabled(bool(self.touch_model.rowCount()))

    def current_id(self) -> str | None:
        index = self.touch_view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    # --- actions ---------------------------------------------------------------------------

    @Slot()
    def new_touchpoint(self) -> None:
        if self._partner_id is not None:
            self._open(None)

    @Slot()
    def edit_selected(self) -> None:
        touch_id = self.current_id()
        if touch_id is not None:
            self._open(self.touch_model.row_at(self.touch_model.row_of(touch_id)))

    def _open(self, row: dict[str, Any] | None) -> None:
        assert self._partner_id is not None
        dialog = TouchpointDialog(self._ctx, self._partner_id, row, self._contacts, self)
        self.open_record_dialog(dialog)

    @Slot()
    def delete_selected(self) -> None:
        touch_id = self.current_id()
        if touch_id is None:
            return
        row = self.touch_model.row_at(self.touch_model.row_of(touch_id))
        message = self.tr("Touchpoint of %1 deleted.").replace("%1", row.get("happened_on") or "")
        delete_record(self._ctx, "touchpoint", touch_id, message)
