"""The Calendar's keys (ui/calendar_view.py's docstring lists them): W/M, N, S, E in
the grid; Enter, Ctrl+Enter, P, Ctrl+arrows, Ctrl+P, Ctrl+E, Esc in the day's list."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from models.domain import MeetingStatus

if TYPE_CHECKING:  # the view owns its keys: it imports this module
    from ui.calendar_view import CalendarView


class CalendarKeys(QObject):
    """The Calendar view's keys: an event filter on its grid and its day's list, owned by
    the view, acting through the view's public methods."""

    def __init__(self, view: CalendarView) -> None:
        super().__init__(view)
        self._view = view
        view.grid.installEventFilter(self)
        view.day_list.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self._view
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key, mods = key_event.key(), key_event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if watched is view.grid and not mods:
            if key == Qt.Key.Key_W:
                view.grid.set_month_mode(False)
                return True
            if key == Qt.Key.Key_M:
                view.grid.set_month_mode(True)
                return True
            if key == Qt.Key.Key_N:
                view.plan_visit_on(view.grid.selected_day())
                return True
            if key == Qt.Key.Key_S:
                view.suggest_week()
                return True
            if key == Qt.Key.Key_E:
                view.export_ics()
                return True
        if watched is view.day_list:
            return self._list_key(key, ctrl, mods)
        return False

    def _list_key(self, key: int, ctrl: bool, mods: Any) -> bool:
        view = self._view
        row = view.selected_row()
        if key == Qt.Key.Key_Escape:
            view.grid.setFocus()
            return True
        if row is None:
            return False
        kind, item = row
        day = view.grid.selected_day()
        planned = kind == "meeting" and item.status == MeetingStatus.PLANNED
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and planned:
            view.start_meeting(item)
            return True
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if ctrl and key in moves and planned:
            view.move(item.id, item.day + dt.timedelta(days=moves[key]))
            return True
        if ctrl and key == Qt.Key.Key_P:
            view.pack_requested.emit(item.partner_id)
            return True
        if ctrl and key == Qt.Key.Key_E and planned:
            view.export_ics([item.id])
            return True
        if key == Qt.Key.Key_P and not mods and kind == "due":
            view.plan(item.partner_id, day)
            return True
        return False
