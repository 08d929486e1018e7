"""The calendar's grid of days (one week, or the six weeks of a month), painted in one
pass rather than built from a widget per day: a month of a big portfolio has
thousands of meetings, and a navigation must repaint within a frame or two.

Keyboard first: arrows move the day, PgUp/PgDn the period, T goes to today, Enter
activates the day. Drops of a partner or a planned meeting on a day plan or move a
visit (``dropped``)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QStaticText,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.calendar_data import CalendarData, DueReason, month_grid, week_of
from models.domain import MeetingStatus
from models.work_days import DayKind
from ui import theme

#: drag-and-drop formats: the partner to plan a visit to, the planned meeting to move
PARTNER_MIME = "application/x-channelkeeper-partner"
MEETING_MIME = "application/x-channelkeeper-meeting"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def grid_colours() -> dict[str, QColor]:
    """The grid's colours, asked of the theme at each paint (it switches live)."""
    c = theme.color
    return {
        "base": c("base"), "text": c("text"), "muted": c("muted"), "grid": c("border"),
        "off": c("alt_base"), "holiday": c("neutral_bg"), "makeup": c("due_bg"),
        "today": c("accent"), "on_today": c("on_accent"), "selected": c("info_bg"),
        "focus": c("focus"), "planned": c("info"), "held": c("done"), "due": c("due"),
        "overdue": c("overdue"),
    }


class CalendarGrid(QWidget):
    """``day_changed(date)`` when the selected day moves; ``period_changed(start,
    end)`` when the shown days change (the view loads them); ``activated(date)`` on
    Enter or a double click; ``dropped(kind, id, date)``: a partner ("partner") or
    a planned meeting ("meeting") was dropped on a day."""

    day_changed = Signal(object)
    period_changed = Signal(object, object)
    activated = Signal(object)
    dropped = Signal(str, str, object)
    #: after each paint: benchmarks time a navigation to the painted grid
    painted = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_grid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 300)
        self._today = today
        self._selected = today
        self._month = True
        self._data: CalendarData | None = None
        self._drop_day: dt.date | None = None
        #: the words painted in cells, set by the view in the user's language
        self.words: dict[str, str] = {"planned": "planned", "held": "held", "due": "due",
                                      "more": "+%1", "makeup": "work", "holiday": "off"}
        #: holiday names are shown in Chinese when the interface is
        self.chinese = False
        self._elided_cache: dict[tuple[str, int, str], QStaticText] = {}
        theme.changes().changed.connect(self.update)

    # --- state -----------------------------------------------------------------------------

    @property
    def month_mode(self) -> bool:
        return self._month

    def selected_day(self) -> dt.date:
        return self._selected

    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last day shown."""
        return month_grid(self._selected) if self._month else week_of(self._selected)

    def set_month_mode(self, month: bool) -> None:
        if month != self._month:
            self._month = month
            self.period_changed.emit(*self.period())
            self.update()

    def set_today(self, today: dt.date) -> None:
        self._today = today
        self.update()

    def set_data(self, data: CalendarData | None) -> None:
        """The days' contents (for ``period()``; data for other days is ignored)."""
        self._data = data
        self.update()

    def select(self, day: dt.date) -> None:
        """Make ``day`` the selected day, moving the period when it leaves it."""
        if day == self._selected:
            return
        before = self.period()
        self._selected = day
        if self.period() != before:
            self.period_changed.emit(*self.period())
        self.day_changed.emit(day)
        self.update()

    def move_period(self, steps: int) -> None:
        """``steps`` months (month view) or weeks (week view) on."""
        if self._month:
            self.select(add_months(self._selected, steps))
        else:
            self.select(self._selected + dt.timedelta(days=7 * steps))

    # --- geometry --------------------------------------------------------------------------

    def _rows(self) -> int:
        return 6 if self._month else 1

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def cell_rect(self, day: dt.date) -> QRect:
        start, _ = self.period()
        index = (day - start).days
        rows, top = self._rows(), self._header_height()
        w = self.width() / 7
        h = (self.height() - top) / rows
        row, col = divmod(index, 7)
        return QRect(round(col * w), round(top + row * h), round(w), round(h))

    def day_at(self, pos: QPoint) -> dt.date | None:
        start, end = self.period()
        top = self._header_height()
        if pos.y() < top or self.width() <= 0:
            return None
        col = min(6, max(0, int(pos.x() * 7 / self.width())))
        row = int((pos.y() - top) * self._rows() / max(1, self.height() - top))
        day = start + dt.timedelta(days=row * 7 + col)
        return day if start <= day <= end else None

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colours = grid_colours()
        painter.fillRect(self.rect(), colours["base"])
        start, end = self.period()
        fm = self.fontMetrics()
        line = fm.height() + 2
        top = self._header_height()
        w = self.width() / 7
        locale = QLocale()  # the default the language switch sets
        painter.setPen(colours["muted"])
        for col in range(7):
            name = locale.dayName(col + 1, locale.FormatType.ShortFormat)
            painter.drawText(QRect(round(col * w), 0, round(w), top),
                             Qt.AlignmentFlag.AlignCenter, name)
        data = self._data if self._data and self._data.start == start else None
        infos = {d.day: d for d in data.days} if data else {}
        day = start
        while day <= end:
            rect = self.cell_rect(day)
            info = infos.get(day)
            kind = info.kind if info else (DayKind.WEEKEND if day.weekday() >= 5
                                           else DayKind.WORKDAY)
            background = {DayKind.WEEKEND: colours["off"], DayKind.HOLIDAY: colours["holiday"],
                          DayKind.MAKEUP: colours["makeup"]}.get(kind, colours["base"])
            if day == self._selected:
                background = colours["selected"]
            if day == self._drop_day:
                background = colours["today"]
            painter.fillRect(rect, background)
            painter.setPen(colours["grid"])
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            inner = rect.adjusted(4, 2, -4, -2)
            # the day number; today's on a filled mark
            other_month = self._month and day.month != self._selected.month
            number = str(day.day)
            if day == self._today:
                mark = QRect(inner.left(), inner.top(), fm.horizontalAdvance(number) + 8, line)
                painter.fillRect(mark, colours["today"])
                painter.setPen(colours["on_today"])
            else:
                painter.setPen(colours["muted"] if other_month else colours["text"])
            painter.drawText(inner.left() + 4, inner.top() + fm.ascent() + 1, number)
            # the holiday's name, or the make-up working day's mark
            if info is not None and kind in (DayKind.HOLIDAY, DayKind.MAKEUP):
                label = (info.holiday_zh if self.chinese else info.holiday_en) or ""
                tag = self.words["makeup" if kind == DayKind.MAKEUP else "holiday"]
                painter.setPen(colours["muted"])
                painter.drawText(QRect(inner.left() + 30, inner.top(), inner.width() - 30, line),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 fm.elidedText(f"{tag} {label}".strip(),
                                               Qt.TextElideMode.ElideRight, inner.width() - 30))
            if data is not None:
                self._paint_entries(painter, colours, data, day, inner, line)
            day += dt.timedelta(days=1)
        if self.hasFocus():
            painter.setPen(colours["focus"])
            painter.drawRect(self.cell_rect(self._selected).adjusted(1, 1, -2, -2))
        painter.end()
        self.painted.emit()

    def _paint_entries(self, painter: QPainter, colours: dict[str, QColor], data: CalendarData,
                       day: dt.date, inner: QRect, line: int) -> None:
        fm = self.fontMetrics()
        meetings = data.meetings.get(day, ())
        due = data.due.get(day, ())
        y = inner.top() + line
        room = max(0, (inner.bottom() - y) // line)
        entries: list[tuple[str, QColor]] = []
        for m in meetings:
            if m.status == MeetingStatus.CANCELLED:
                continue
            colour = colours["planned"] if m.status == MeetingStatus.PLANNED else colours["held"]
            mark = "○" if m.status == MeetingStatus.PLANNED else "●"
            entries.append((f"{mark} {m.time} {m.partner_name}", colour))
        # meetings beyond the first few the data holds
        hidden = max(0, data.meeting_counts.get(day, 0) - len(meetings))
        if due:
            late = any(v.reason == DueReason.OVERDUE for v in due)
            entries.append((self.words["due"].replace("%1", str(len(due))),
                            colours["overdue" if late else "due"]))
        shown = entries if len(entries) <= room and not hidden else entries[:max(0, room - 1)]
        width = inner.width() - 4
        for text, colour in shown:
            painter.setPen(colour)
            painter.drawStaticText(inner.left() + 2, y, self._elided(text, width))
            y += line
        if len(shown) < len(entries) + (1 if hidden else 0) and room > 0:
            painter.setPen(colours["muted"])
            more = len(entries) - len(shown) + hidden
            painter.drawText(inner.left() + 2, y + fm.ascent(),
                             self.words["more"].replace("%1", str(more)))

    def _elided(self, text: str, width: int) -> QStaticText:
        """``text`` cut to ``width`` with an ellipsis, laid out once: the same partners
        come back month after month, and shaping Chinese text is the costly part of a
        paint (forgotten when the font changes)."""
        key = (text, width, self.font().key())
        static = self._elided_cache.get(key)
        if static is None:
            if len(self._elided_cache) > 20_000:
                self._elided_cache.clear()
            static = QStaticText(self.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, width))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self.font())
            self._elided_cache[key] = static
        return static

    # --- keyboard and mouse ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        if key in steps and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.select(self._selected + dt.timedelta(days=steps[key]))
        elif key == Qt.Key.Key_PageUp:
            self.move_period(-1)
        elif key == Qt.Key.Key_PageDown:
            self.move_period(1)
        elif key == Qt.Key.Key_Home:
            self.select(self.period()[0] if not self._month else self._selected.replace(day=1))
        elif key == Qt.Key.Key_T and not event.modifiers():
            self.select(self._today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit(self._selected)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.setFocus()
            self.select(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.activated.emit(day)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # --- drops -----------------------------------------------------------------------------

    @staticmethod
    def _accepts(mime: QMimeData) -> bool:
        return mime.hasFormat(PARTNER_MIME) or mime.hasFormat(MEETING_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or not self._accepts(event.mimeData()):
            event.ignore()
            return
        if day != self._drop_day:
            self._drop_day = day
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._drop_day = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        day = self.day_at(event.position().toPoint())
        self._drop_day = None
        self.update()
        mime = event.mimeData()
        if day is None:
            return
        for kind, fmt in (("meeting", MEETING_MIME), ("partner", PARTNER_MIME)):
            if mime.hasFormat(fmt):
                event.acceptProposedAction()
                self.dropped.emit(kind, bytes(mime.data(fmt).data()).decode("utf-8"), day)
                return
