"""The Calendar's day list: the selected day's planned and held visits, then the
partners whose visit falls due that day (rows drag onto the grid), and why each
visit is due, in words."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from models.calendar_data import CalendarMeeting, DueReason, DueVisit
from models.domain import MeetingStatus
from ui import labels
from ui.calendar_grid import MEETING_MIME, PARTNER_MIME

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
NO_PARENT = QModelIndex()


class DayItemsModel(QAbstractListModel):
    """The selected day's planned and held meetings, then its due partners. Rows
    drag out: a planned meeting to move it, a partner to plan a visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any]] = []

    def set_rows(self, meetings: list[CalendarMeeting], due: list[DueVisit]) -> None:
        self.beginResetModel()
        self._rows = [("meeting", m) for m in meetings] + [("due", d) for d in due]
        self.endResetModel()

    def row_at(self, row: int) -> tuple[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(kind, row)
        if role == KIND_ROLE:
            return kind
        if role == ROW_ROLE:
            return row
        return None

    def _text(self, kind: str, row: Any) -> str:
        tier = labels.tier_label(row.tier)
        if kind == "meeting":
            return self.tr("%1  %2 · %3 · %4 (%5)").replace("%1", row.time).replace(
                "%2", row.partner_name).replace("%3", labels.meeting_type_label(row.type)).replace(
                "%4", labels.meeting_status_label(row.status)).replace("%5", tier)
        return self.tr("Due: %1 (%2) — %3").replace("%1", row.partner_name).replace(
            "%2", tier).replace("%3", due_reason_text(row))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            kind, row = self._rows[index.row()]
            if kind == "due" or row.status == MeetingStatus.PLANNED:
                flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [MEETING_MIME, PARTNER_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        if indexes:
            kind, row = self._rows[indexes[0].row()]
            if kind == "meeting":
                mime.setData(MEETING_MIME, row.id.encode("utf-8"))
            else:
                mime.setData(PARTNER_MIME, row.partner_id.encode("utf-8"))
        return mime


def due_reason_text(v: DueVisit) -> str:
    """Why a partner's visit is due, in the user's language."""
    last = v.last_met.isoformat() if v.last_met else ""
    due = v.due_on.isoformat() if v.due_on else ""
    if v.reason == DueReason.OVERDUE and v.last_met is None:
        if not due:
            return QCoreApplication.translate("CalendarView", "overdue: never visited")
        return QCoreApplication.translate(
            "CalendarView", "overdue since %1: never visited").replace("%1", due)
    if v.reason == DueReason.OVERDUE:
        return QCoreApplication.translate(
            "CalendarView", "overdue since %1 (last visit %2)").replace(
            "%1", due).replace("%2", last)
    if v.reason == DueReason.NEW:
        return QCoreApplication.translate(
            "CalendarView", "first visit: the cadence counts from the partner's creation")
    return QCoreApplication.translate(
        "CalendarView", "the cadence since the last visit (%1) runs out").replace("%1", last)
