"""The Calendar's keys (ui/calendar_view.py's docstring lists them): W/M, N, S, E in
the grid; Enter, Ctrl+Enter, P, Ctrl+arrows, Ctrl+P, Ctrl+E, Esc in the day's list."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from models.domain import MeetingStatus


class CalendarKeys:
    """Mixin of CalendarView: its event filter on the grid and the day's list."""

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key, mods = key_event.key(), key_event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if watched is self.grid and not mods:
            if key == Qt.Key.Key_W:
                self.grid.set_month_mode(False)
                return True
            if key == Qt.Key.Key_M:
                self.grid.set_month_mode(True)
                return True
            if key == Qt.Key.Key_N:
                self.plan_visit_on(self.grid.selected_day())
                return True
            if key == Qt.Key.Key_S:
                self.suggest_week()
                return True
            if key == Qt.Key.Key_E:
                self.export_ics()
                return True
        if watched is self.day_list:
            return self._list_key(key, ctrl, mods)
        return super().eventFilter(watched, event)

    def _list_key(self, key: int, ctrl: bool, mods: Any) -> bool:
        row = self.selected_row()
        if key == Qt.Key.Key_Escape:
            self.grid.setFocus()
            return True
        if row is None:
            return False
        kind, item = row
        day = self.grid.selected_day()
        planned = kind == "meeting" and item.status == MeetingStatus.PLANNED
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and planned:
            self.start_meeting(item)
            return True
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if ctrl and key in moves and planned:
            self.move(item.id, item.day + dt.timedelta(days=moves[key]))
            return True
        if ctrl and key == Qt.Key.Key_P:
            self.pack_requested.emit(item.partner_id)
            return True
        if ctrl and key == Qt.Key.Key_E and planned:
            self.export_ics([item.id])
            return True
        if key == Qt.Key.Key_P and not mods and kind == "due":
            self.plan(item.partner_id, day)
            return True
        return False
