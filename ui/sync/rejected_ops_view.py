"""Changes the server refused: what was tried, why it was refused, and an export.

A refused change is not on the server (the partner was reassigned, the record is head
office's, a value was invalid...). It stays listed here so nothing disappears
silently; the export writes them to JSON for head office or for retyping.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDir,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.empty_state import EmptyOr
from ui.services import SyncApi
from ui.sync.conflict_view import entity_label, field_label
from ui.sync.review_empty import review_empty_state, set_review_empty_texts
from ui.sync.sync_status_widget import format_sync_time

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a table has no children


def reason_text(reason: str | None) -> str:
    return {
        "out_of_scope": QCoreApplication.translate(
            "RejectedOps", "The partner is no longer assigned to you."),
        "read_only_entity": QCoreApplication.translate(
            "RejectedOps", "Head office data cannot be changed here."),
        "unknown_entity": QCoreApplication.translate(
            "RejectedOps", "The server does not know this kind of record."),
        "invalid": QCoreApplication.translate("RejectedOps", "A value was not accepted."),
        "unknown_record": QCoreApplication.translate(
            "RejectedOps", "The record no longer exists on the server."),
    }.get(reason or "", reason or "")


class RejectedOpsModel(QAbstractTableModel):
    COLUMNS = ("when", "partner", "record", "change", "reason")

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
            return (QCoreApplication.translate("RejectedOps", "Changed"),
                    QCoreApplication.translate("RejectedOps", "Partner"),
                    QCoreApplication.translate("RejectedOps", "Record"),
                    QCoreApplication.translate("RejectedOps", "Change"),
                    QCoreApplication.translate("RejectedOps", "Why it was refused"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if col == "when":
            return format_sync_time(r.get("created_at"))
        if col == "partner":
            return r.get("partner_name") or ""
        if col == "record":
            return f"{entity_label(r['entity'])}: {r.get('title') or r['entity_id']}"
        if col == "change":
            op = {"create": QCoreApplication.translate("RejectedOps", "created"),
                  "update": QCoreApplication.translate("RejectedOps", "edited"),
                  "delete": QCoreApplication.translate("RejectedOps", "deleted")}.get(r["op"], r["op"])
            fields = ", ".join(field_label(f) for f in (r.get("changes") or {}))
            return f"{op}: {fields}" if fields and r["op"] == "update" else op
        outcome = r.get("outcome") or {}
        text = reason_text(outcome.get("reason"))
        if role == Qt.ItemDataRole.ToolTipRole and outcome.get("message"):
            return f"{text}\n{outcome['message']}"
        return text


class RejectedOpsView(QDialog):
    """The refused changes, with Export… (non-modal); ``sign_in_requested`` from its
    empty state when this laptop is not signed in."""

    sign_in_requested = Signal()

    def __init__(self, service: SyncApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejected_ops_view")
        self.service = service
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RejectedOpsModel(self)
        self.table = QTableView()
        self.table.setObjectName("rejected_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setObjectName("rejected_message")
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_rejected")
        self.export_button.clicked.connect(self.choose_export_file)
        self.dismiss_button = QPushButton()
        self.dismiss_button.setObjectName("dismiss_rejected")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        # nothing refused: what the view is for instead of an empty table
        self.empty_state = review_empty_state("no_rejected", service, self.sign_in_requested)
        self.table_or_empty = EmptyOr(self.table, self.empty_state).watch(self.model)
        layout.addWidget(self.intro)
        layout.addWidget(self.table_or_empty, 1)
        service.status_changed.connect(self._status_changed)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.retranslate()
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.service.review.load_rejected(self._loaded, self._failed)

    @Slot(object)
    def _status_changed(self, _snapshot: Any) -> None:
        self._empty_texts()

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.intro.setVisible(bool(rows))
        self.export_button.setEnabled(bool(rows))
        self.dismiss_button.setEnabled(bool(rows))

    @Slot()
    def dismiss(self) -> None:
        """Reviewed: the status area stops pointing at these (the list keeps them)."""
        self.service.review.dismiss_rejected(lambda _r: self.message.setText(
            self.tr("Marked as reviewed. They stay listed here.")))

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(str(exc))

    @Slot()
    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export refused changes"),
            str(Path(QDir.homePath()) / "refused-changes.json"), self.tr("JSON files (*.json)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        self.service.review.export_rejected(
            path,
            lambda n: self.message.setText(self.tr("%1 refused changes written to %2")
                                           .replace("%1", str(n)).replace("%2", path)),
            lambda exc: self.message.setText(self.tr("Could not write %1: %2")
                                             .replace("%1", path).replace("%2", str(exc))))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Refused changes"))
        self.table.setAccessibleName(self.tr("Refused changes"))
        self.intro.setText(self.tr(
            "The server refused these changes, so they are only on this laptop. Export them "
            "to keep a copy or to send them to head office."))
        self.export_button.setText(self.tr("&Export…"))
        self.dismiss_button.setText(self.tr("Mark as &reviewed"))
        self.dismiss_button.setToolTip(self.tr(
            "The status bar stops counting these; a change refused later counts again."))
        self.close_button.setText(self.tr("Close"))
        self._empty_texts()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def _empty_texts(self) -> None:
        if self.service.snapshot.signed_in:
            heading = self.tr("No refused changes")
            text = self.tr("The server accepted every change you made. A change it refuses "
                           "(a partner no longer yours, a record deleted meanwhile) is listed "
                           "here with the reason, to export or send to head office.")
        else:
            heading = self.tr("Not signed in")
            text = self.tr("Changes the server refuses are listed here with the reason. Sign "
                           "in to your team's server to sync your changes.")
        set_review_empty_texts(self.empty_state, self.service, heading, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
