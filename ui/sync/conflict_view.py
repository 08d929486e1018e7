"""Review sync conflicts: a field changed both here and on the server.

The server kept its value and stored ours beside it; nothing is lost. Here the
manager sees both side by side (long text in two panes) and keeps mine, keeps theirs,
or writes a merged text; the choice goes to the server, and the next sync brings the
result back to this laptop.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import labels, theme
from ui.empty_state import EmptyOr
from ui.services import SyncApi
from ui.sync.review_empty import review_empty_state, set_review_empty_texts
from ui.sync.sync_status_widget import format_sync_time

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a table has no children


def entity_label(key: str) -> str:
    """What kind of record, in the user's words."""
    return {
        "partner": QCoreApplication.translate("SyncLabels", "Partner"),
        "contact": QCoreApplication.translate("SyncLabels", "Contact"),
        "meeting": QCoreApplication.translate("SyncLabels", "Meeting"),
        "action_item": QCoreApplication.translate("SyncLabels", "Action item"),
        "checklist_run": QCoreApplication.translate("SyncLabels", "Review"),
        "kpi_snapshot": QCoreApplication.translate("SyncLabels", "KPI"),
        "checklist_template": QCoreApplication.translate("SyncLabels", "Review template"),
        "joint_goal": QCoreApplication.translate("SyncLabels", "Joint goal"),
        "stage_change": QCoreApplication.translate("SyncLabels", "Stage change"),
        "touchpoint": QCoreApplication.translate("SyncLabels", "Touchpoint"),
    }.get(key, key)


def field_label(key: str) -> str:
    """A field's name in the user's words (the raw name when unknown)."""
    return {
        "notes": QCoreApplication.translate("SyncLabels", "Notes"),
        "goals": QCoreApplication.translate("SyncLabels", "Goals"),
        "agenda": QCoreApplication.translate("SyncLabels", "Agenda"),
        "decisions": QCoreApplication.translate("SyncLabels", "Decisions"),
        "details": QCoreApplication.translate("SyncLabels", "Details"),
        "title": QCoreApplication.translate("SyncLabels", "Title"),
        "name_zh": QCoreApplication.translate("SyncLabels", "Chinese name"),
        "name_en": QCoreApplication.translate("SyncLabels", "English name"),
        "tier": QCoreApplication.translate("SyncLabels", "Tier"),
        "stage": QCoreApplication.translate("SyncLabels", "Stage"),
        "status": QCoreApplication.translate("SyncLabels", "Status"),
        "region": QCoreApplication.translate("SyncLabels", "Region"),
        "phone": QCoreApplication.translate("SyncLabels", "Phone"),
        "email": QCoreApplication.translate("SyncLabels", "Email"),
        "location": QCoreApplication.translate("SyncLabels", "Location"),
        "feedback": QCoreApplication.translate("SyncLabels", "Feedback"),
        "deleted": QCoreApplication.translate("SyncLabels", "Deleted"),
        "due_on": QCoreApplication.translate("SyncLabels", "Due"),
        "severity": QCoreApplication.translate("SyncLabels", "Severity"),
        "name": QCoreApplication.translate("SyncLabels", "Name"),
        "target": QCoreApplication.translate("SyncLabels", "Target"),
        "period": QCoreApplication.translate("SyncLabels", "Period"),
        "our_commitment": QCoreApplication.translate("SyncLabels", "Our commitment"),
        "partner_commitment": QCoreApplication.translate("SyncLabels", "Partner's commitment"),
        "note": QCoreApplication.translate("SyncLabels", "Note"),
        "reason": QCoreApplication.translate("SyncLabels", "Reason"),
        "service_terms": QCoreApplication.translate("SyncLabels", "Service terms"),
        "risk_terms": QCoreApplication.translate("SyncLabels", "Risk-sharing terms"),
        "agreement_end": QCoreApplication.translate("SyncLabels", "Agreement ends"),
    }.get(key, key)


#: (entity, field) → how a coded value reads to the user
CHOICE_LABELS = {
    ("partner", "tier"): labels.tier_label, ("partner", "stage"): labels.stage_label,
    ("partner", "status"): labels.partner_status_label,
    ("meeting", "type"): labels.meeting_type_label,
    ("meeting", "status"): labels.meeting_status_label,
    ("action_item", "owner_side"): labels.owner_side_label,
    ("action_item", "severity"): labels.severity_label,
    ("action_item", "status"): labels.action_status_label,
    ("joint_goal", "status"): labels.goal_status_label,
    ("joint_goal", "kpi"): labels.goal_kpi_label,
    ("touchpoint", "kind"): labels.touchpoint_kind_label,
    ("stage_change", "from_stage"): labels.stage_label,
    ("stage_change", "to_stage"): labels.stage_label,
}


def value_text(value: Any, entity: str = "", field: str = "") -> str:
    if value is None:
        return ""
    label = CHOICE_LABELS.get((entity, field))
    if label is not None and isinstance(value, str):
        return label(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


def suggested_merge(mine: Any, theirs: Any) -> str:
    """A starting point for the merged text: theirs, then every line of mine that
    theirs lacks (shared lines once, nothing dropped)."""
    a, b = value_text(theirs), value_text(mine)
    if not a:
        return b
    have = set(a.splitlines())
    extra = [line for line in b.splitlines() if line not in have]
    return "\n".join([a, *extra]) if extra else a


def highlight_differences(edit: QPlainTextEdit, other_text: str) -> None:
    """Tint the lines of ``edit`` that the other side does not have."""
    others = set(other_text.splitlines())
    selections = []
    block = edit.document().firstBlock()
    while block.isValid():
        if block.text() and block.text() not in others:
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(theme.color("due_bg"))
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = QTextCursor(block)
            selections.append(sel)
        block = block.next()
    edit.setExtraSelections(selections)


class ConflictTableModel(QAbstractTableModel):
    """One row per open conflict (rows from SyncService.load_conflicts)."""

    COLUMNS = ("partner", "record", "field", "detected")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("ConflictView", "Partner"),
                    QCoreApplication.translate("ConflictView", "Record"),
                    QCoreApplication.translate("ConflictView", "Field"),
                    QCoreApplication.translate("ConflictView", "Detected"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if col == "partner":
            return r.get("partner_name") or ""
        if col == "record":
            return f"{entity_label(r['entity'])}: {r.get('title') or r['entity_id']}"
        if col == "field":
            return field_label(r["field"])
        return format_sync_time(r.get("detected_at"))


class ConflictView(QDialog):
    """Lists the open conflicts and settles the selected one (non-modal);
    ``sign_in_requested`` from its empty state when this laptop is not signed in."""

    sign_in_requested = Signal()

    def __init__(self, service: SyncApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_view")
        self.service = service
        self._busy = False
        self.model = ConflictTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflict_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.empty_state = review_empty_state("no_conflicts", service, self.sign_in_requested)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.mine_box, self.mine_edit = self._pane("mine", read_only=True)
        self.theirs_box, self.theirs_edit = self._pane("theirs", read_only=True)
        self.merged_box, self.merged_edit = self._pane("merged", read_only=False)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.mine_box)
        sides.addWidget(self.theirs_box)
        self.keep_mine_button = self._button("keep_mine", "incoming", "Ctrl+1")
        self.keep_theirs_button = self._button("keep_theirs", "server", "Ctrl+2")
        self.use_merged_button = self._button("use_merged", "custom", "Ctrl+3")
        self.message = QLabel()
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.keep_mine_button, self.keep_theirs_button, self.use_merged_button):
            buttons.addWidget(b)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.explanation)
        bottom_layout.addWidget(sides, 3)
        bottom_layout.addWidget(self.merged_box, 2)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([110, 490])
        # nothing to settle: what the view is for instead of empty panes
        self.splitter_or_empty = EmptyOr(splitter, self.empty_state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter_or_empty, 1)
        layout.addLayout(buttons)
        self.resize(980, 680)
        service.sync_finished.connect(self._synced)  # a bound slot: gone with the view
        service.status_changed.connect(self._status_changed)
        self.retranslate()
        self._show_current()
        self.reload()

    def _pane(self, name: str, *, read_only: bool) -> tuple[QGroupBox, QPlainTextEdit]:
        box = QGroupBox()
        edit = QPlainTextEdit()
        edit.setObjectName(f"{name}_text")
        edit.setReadOnly(read_only)
        QVBoxLayout(box).addWidget(edit)
        return box, edit

    def _button(self, name: str, choice: str, key: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.clicked.connect(lambda: self.resolve(choice))
        return button

    # --- data --------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self.service.review.load_conflicts(self._loaded, self._failed)

    @Slot(object)
    def _synced(self, _report: Any) -> None:
        self.reload()

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_conflict()
        self.model.set_rows(rows)
        self.splitter_or_empty.set_empty(not rows)
        ids = [r["id"] for r in rows]
        row = ids.index(current["id"]) if current and current["id"] in ids else 0
        if rows:
            self.table.selectRow(row)
        self._show_current()

    @Slot(object)
    def _status_changed(self, _snapshot: Any) -> None:
        self._empty_texts()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(self.tr("Could not settle the conflict: %1").replace("%1", str(exc)))

    def current_conflict(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def select(self, row: int) -> None:
        self.table.selectRow(row)
        self._show_current()

    def _show_current(self) -> None:
        c = self.current_conflict()
        mine = c.get("local_value") if c else None
        theirs = c.get("server_value") if c else None
        where = (c["entity"], c["field"]) if c else ("", "")
        self.mine_edit.setPlainText(value_text(mine, *where))
        self.theirs_edit.setPlainText(value_text(theirs, *where))
        highlight_differences(self.mine_edit, value_text(theirs, *where))
        highlight_differences(self.theirs_edit, value_text(mine, *where))
        # a merged value makes sense for text; for a tier or a date, pick a side
        mergeable = bool(c and c.get("mergeable"))
        self.merged_edit.setPlainText(suggested_merge(mine, theirs) if mergeable else "")
        self.merged_box.setEnabled(bool(mergeable))
        # raised elsewhere (head office, another laptop, another manager of the partner):
        # the "mine" side is that person's change, not this laptop's
        other = c.get("raised_by") if c else None
        if not other:
            text = self.tr("%1 “%2”, field %3: changed on this laptop and on the server. "
                           "The server kept its value for now; choose what stays.")
            self.mine_box.setTitle(self.tr("Mine (this laptop)"))
            self.keep_mine_button.setText(self.tr("Keep &mine"))
            self.keep_mine_button.setToolTip(
                self.tr("Write this laptop's value to the server (Ctrl+1)"))
        else:
            text = self.tr("%1 “%2”, field %3: %4 changed it while it was changed on the "
                           "server too. The server kept its value for now; choose what stays.")
            self.mine_box.setTitle(self.tr("The change by %1 (not from this laptop)")
                                   .replace("%1", other))
            self.keep_mine_button.setText(self.tr("Keep &that change"))
            self.keep_mine_button.setToolTip(
                self.tr("Write the value %1 sent to the server (Ctrl+1)").replace("%1", other))
        self.explanation.setText(
            text.replace("%1", entity_label(c["entity"])).replace("%2", str(c.get("title") or ""))
            .replace("%3", field_label(c["field"])).replace("%4", other or "") if c else "")
        self._set_busy(self._busy)

    # --- settling --------------------------------------------------------------------

    def resolve(self, choice: str) -> None:
        """"incoming" (mine), "server" (theirs) or "custom" (the merged text)."""
        c = self.current_conflict()
        if c is None or self._busy:
            return
        value = self.merged_edit.toPlainText() if choice == "custom" else None
        self._set_busy(True)
        self.message.setText(self.tr("Sending your choice to the server…"))
        self.service.review.resolve_conflict(c["id"], choice, value, self._resolved, self._failed)

    def _resolved(self, _answer: Any) -> None:
        self._set_busy(False)
        self.message.setText(self.tr("Settled. The server's record now holds your choice."))
        self.reload()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        has = self.current_conflict() is not None
        for b in (self.keep_mine_button, self.keep_theirs_button):
            b.setEnabled(has and not busy)
        self.use_merged_button.setEnabled(has and not busy and self.merged_box.isEnabled())

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conflicts to review"))
        self.table.setAccessibleName(self.tr("Conflicts to review"))
        self._empty_texts()
        self.theirs_box.setTitle(self.tr("Theirs (on the server now)"))
        self.merged_box.setTitle(self.tr("Merged (edit freely)"))
        self.keep_theirs_button.setText(self.tr("Keep &theirs"))
        self.keep_theirs_button.setToolTip(self.tr("Leave the server's value (Ctrl+2)"))
        self.use_merged_button.setText(self.tr("Use m&erged"))
        self.use_merged_button.setToolTip(self.tr("Write the merged text to the server (Ctrl+3)"))
        self.close_button.setText(self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_current()

    def _empty_texts(self) -> None:
        if self.service.snapshot.signed_in:
            heading = self.tr("No conflicts to review")
            text = self.tr("Everything you changed reached the server as you wrote it. A "
                           "conflict appears here when a field was changed both on this "
                           "laptop and on the server; you then keep yours, theirs or a "
                           "merge.")
        else:
            heading = self.tr("Not signed in")
            text = self.tr("A conflict appears here when a field was changed both on this "
                           "laptop and on the server. Sign in to your team's server to sync "
                           "your changes.")
        set_review_empty_texts(self.empty_state, self.service, heading, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
