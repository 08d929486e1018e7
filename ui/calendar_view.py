"""The Calendar page: planned and held visits by week or month, the partners whose
visit falls due each day, and China's working days (weekends, statutory holidays,
make-up working days).

Keyboard first. In the grid: arrows move the day, PgUp/PgDn the period, T today,
W/M week or month, N plans a visit on the day (choose the partner), S suggests the
coming week, E exports the shown days' planned visits to .ics, Enter opens the day's
list (or plans when the day is empty). In the day's list: Enter opens the
partner, Ctrl+Enter starts a planned meeting (held, now), P plans a due partner on
that day, Ctrl+←/→ (↑/↓) moves a planned visit by a day (a week), Ctrl+P prints the
partner's pack, Ctrl+E exports the visit to .ics. Rows drag onto a day of the grid to plan or move a visit.

Every partner's overview (for the due lists) is loaded once and again after a
change; a navigation loads only the meetings of the days shown.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models import insights, planning, work_days
from models.calendar_data import CalendarData, CalendarMeeting, load_calendar, meetings_between
from models.store import Store
from models.work_days import DayKind
from ui import theme
from ui.app_context import AppContext
from ui.calendar_day_list import DayItemsModel, due_reason_text
from ui.calendar_grid import CalendarGrid
from ui.calendar_keys import CalendarKeys
from ui.empty_state import EmptyOr, EmptyState
from ui.operations.meetings import export_visits, hold_meeting, move_visit, plan_visit
from ui.search_dialog import SearchDialog
from ui.workspace.ui_language import ui_language

RELEVANT_ENTITIES = {"partner", "meeting"}
RELOAD_DELAY_MS = 300
#: a pause on a day before its full list is read
DAY_LIST_DELAY_MS = 150

__all__ = ["CalendarView", "DayItemsModel", "due_reason_text"]
class CalendarView(QWidget):
    """``open_partner(id)``, ``open_record(partner id, "meeting", id)`` and
    ``pack_requested(partner id)`` for the main window; ``loaded`` after each load."""

    open_partner = Signal(str)
    open_record = Signal(str, str, str)
    pack_requested = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._request = 0
        self._day_request = 0
        self._overviews: list[insights.PartnerOverview] | None = None
        self.data_: CalendarData | None = None
        self.grid = CalendarGrid(ctx.today())
        self.title = QLabel()
        self.title.setObjectName("calendar_title")
        theme.set_text_style(self.title, "title")
        self.prev_button = QPushButton()
        self.today_button = QPushButton()
        self.next_button = QPushButton()
        self.mode_button = QPushButton()
        self.plan_button = QPushButton()
        self.suggest_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_ics())
        self.suggest_button.setObjectName("suggest_week")
        for b in (self.prev_button, self.today_button, self.next_button, self.mode_button,
                  self.plan_button, self.suggest_button, self.export_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.suggest_button.clicked.connect(self.suggest_week)
        self.prev_button.clicked.connect(lambda: self.grid.move_period(-1))
        self.next_button.clicked.connect(lambda: self.grid.move_period(1))
        self.today_button.clicked.connect(lambda: self.grid.select(self.ctx.today()))
        self.mode_button.clicked.connect(
            lambda: self.grid.set_month_mode(not self.grid.month_mode))
        self.plan_button.clicked.connect(lambda: self.plan_visit_on(self.grid.selected_day()))
        # the title above the buttons: beside them, the row is wider than a 1920x1080
        # screen at 150% (tests/test_real_screens.py)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.tools = bar  # later pieces (suggest, export) add their buttons here
        for b in (self.prev_button, self.today_button, self.next_button, self.mode_button,
                  self.plan_button, self.suggest_button, self.export_button):
            bar.addWidget(b)

        self.day_title = QLabel()
        self.day_title.setObjectName("calendar_day_title")
        self.day_title.setWordWrap(True)
        self.day_model = DayItemsModel(self)
        self.day_list = QListView()
        self.day_list.setObjectName("calendar_day_list")
        self.day_list.setModel(self.day_model)
        self.day_list.setDragEnabled(True)
        self.day_list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.day_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.day_list.activated.connect(self._row_activated)
        self.day_help = QLabel()
        self.day_help.setWordWrap(True)
        self.range_note = QLabel()
        self.range_note.setWordWrap(True)
        theme.set_tone(self.range_note, "muted")
        theme.set_tone(self.day_help, "muted")
        theme.set_text_style(self.day_help, "small")
        theme.set_text_style(self.day_title, "subtitle")
        self.today_button.setIcon(theme.icon("calendar"))
        self.mode_button.setIcon(theme.icon("calendar-week"))
        self.plan_button.setIcon(theme.icon("calendar-plus"))
        self.suggest_button.setIcon(theme.icon("list-check"))
        self.export_button.setIcon(theme.icon("file-export"))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.day_title)
        # a day with nothing on it: what the calendar is for, and the next steps
        self.day_empty = EmptyState("calendar_day_empty")
        self.day_empty.add_step("calendar_empty_plan",
                                lambda: self.plan_visit_on(self.grid.selected_day()))
        self.day_empty.add_step("calendar_empty_suggest", self.suggest_week)
        self.day_or_empty = EmptyOr(self.day_list, self.day_empty).watch(self.day_model)
        side_layout.addWidget(self.day_or_empty, 1)
        side_layout.addWidget(self.day_help)
        splitter = QSplitter()
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        side.setMinimumWidth(300)
        splitter.setSizes([880, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.range_note)
        self.setFocusProxy(self.grid)

        self.grid.period_changed.connect(lambda *_: self.load_period())
        self.grid.day_changed.connect(lambda _d: self._show_day())
        self.grid.activated.connect(self._day_activated)
        self.grid.dropped.connect(self._dropped)
        self.keys = CalendarKeys(self)  # an event filter on the grid and the day's list
        self._day_timer = QTimer(self)
        self._day_timer.setSingleShot(True)
        self._day_timer.setInterval(DAY_LIST_DELAY_MS)
        self._day_timer.timeout.connect(self._load_day)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        self.retranslate()
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Every partner's overview again, then the days shown."""
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        start, end = self.grid.period()

        def load(store: Store) -> tuple[list[insights.PartnerOverview], CalendarData]:
            overviews = insights.partner_overviews(store, today, cadence)
            return overviews, load_calendar(store, start, end, today, overviews)

        def done(result: tuple[list[insights.PartnerOverview], CalendarData]) -> None:
            self._overviews = result[0]
            if request == self._request:
                self._show(result[1])

        self.ctx.run_db(load, done, self._load_failed)

    def load_period(self) -> None:
        """The days now shown (the overviews loaded already are reused)."""
        if self._overviews is None:
            self.reload()
            return
        self._request += 1
        request = self._request
        today = self.ctx.today()
        start, end = self.grid.period()
        overviews = self._overviews
        self.ctx.run_db(lambda s: load_calendar(s, start, end, today, overviews),
                        lambda data: request == self._request and self._show(data),
                        self._load_failed)

    def _show(self, data: CalendarData) -> None:
        self.data_ = data
        self.grid.set_today(self.ctx.today())
        self.grid.set_data(data)
        self._show_day()
        self.retranslate_title()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.status_message.emit(
            self.tr("Could not load the calendar: %1").replace("%1", str(exc)))

    @Slot(object)
    def _on_changed(self, change: Any) -> None:
        if change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    # --- the selected day ----------------------------------------------------------------

    def _show_day(self) -> None:
        day = self.grid.selected_day()
        data = self.data_
        if data is None or not data.start <= day <= data.end:
            self.day_model.set_rows([], [])
        else:
            due = data.due.get(day, [])
            self.day_model.set_rows(data.meetings.get(day, []), due)
            # the grid holds a day's first few meetings: the whole day (cancelled ones
            # too) comes from the database lane once the user stops on a day, so a
            # run of arrow keys or PgDn is not queued behind day lists nobody reads
            self._day_request += 1
            self._day_timer.start()
        self.day_title.setText(self._day_text(day))
        self.day_list.setAccessibleName(self.day_title.text())
        self.retranslate_title()

    def _load_day(self) -> None:
        """The selected day's every meeting, for its list."""
        day, data = self.grid.selected_day(), self.data_
        if data is None or not data.start <= day <= data.end:
            return
        due = data.due.get(day, [])
        request = self._day_request

        def show_all(meetings: list[CalendarMeeting]) -> None:
            if request == self._day_request and self.grid.selected_day() == day:
                current = self.day_list.currentIndex().row()
                self.day_model.set_rows(meetings, due)
                if current >= 0:
                    self.day_list.setCurrentIndex(self.day_model.index(
                        min(current, self.day_model.rowCount() - 1)))

        self.ctx.run_db(lambda s: meetings_between(s, day, day), show_all, self._load_failed)


    def _day_text(self, day: dt.date) -> str:
        locale = QLocale()
        text = locale.toString(day, QLocale.FormatType.LongFormat)
        info = work_days.day_info(day)
        chinese = ui_language(self.ctx).startswith("zh")
        name = info.holiday_zh if chinese else info.holiday_en
        if info.kind == DayKind.HOLIDAY:
            text += " — " + self.tr("public holiday: %1").replace("%1", name)
        elif info.kind == DayKind.MAKEUP:
            text += " — " + self.tr("make-up working day (调休) for %1").replace("%1", name)
        elif info.kind == DayKind.WEEKEND:
            text += " — " + self.tr("weekend")
        if not info.known:
            text += " " + self.tr("(holidays not yet published for this year)")
        return text

    def selected_row(self) -> tuple[str, Any] | None:
        index = self.day_list.currentIndex()
        return self.day_model.row_at(index.row()) if index.isValid() else None

    @Slot(QModelIndex)
    def _row_activated(self, index: QModelIndex) -> None:
        kind, row = self.day_model.row_at(index.row())
        if kind == "meeting":
            self.open_record.emit(row.partner_id, "meeting", row.id)
        else:
            self.open_partner.emit(row.partner_id)

    @Slot(object)
    def _day_activated(self, day: dt.date) -> None:
        if self.day_model.rowCount():
            self.day_list.setFocus()
            if not self.day_list.currentIndex().isValid():
                self.day_list.setCurrentIndex(self.day_model.index(0))
        else:
            self.plan_visit_on(day)

    # --- actions ---------------------------------------------------------------------------

    def plan_visit_on(self, day: dt.date) -> None:
        """Ask which partner, then plan a visit to it on ``day``."""

        dialog = SearchDialog(self.ctx, self, purpose=self.tr("Plan a visit on %1: which partner?")
                              .replace("%1", QLocale().toString(day, QLocale.FormatType.ShortFormat)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda _e, _r, pid: self.plan(pid, day))
        dialog.open()
        self.search_dialog = dialog  # tests drive it

    def plan(self, partner_id: str, day: dt.date) -> None:
        """A planned visit to ``partner_id`` on ``day``."""
        if not work_days.day_info(day).working:
            self.ctx.status_message.emit(self.tr("Note: %1 is not a working day.").replace(
                "%1", day.isoformat()))
        plan_visit(self.ctx, partner_id, day, ui_language(self.ctx),
                   on_done=lambda row: self.ctx.status_message.emit(
                       self.tr("Visit planned on %1.").replace("%1", day.isoformat())))

    def move(self, meeting_id: str, day: dt.date) -> None:
        move_visit(self.ctx, meeting_id, day, on_done=lambda row: self.ctx.status_message.emit(
            self.tr("Visit moved to %1.").replace("%1", day.isoformat())))

    def start_meeting(self, meeting: CalendarMeeting) -> None:
        """Hold a planned meeting now, then open it in the partner's workspace."""
        hold_meeting(self.ctx, meeting.id, on_done=lambda row: self.open_record.emit(
            meeting.partner_id, "meeting", meeting.id))

    @Slot()
    def suggest_week(self) -> None:
        """Propose the coming week's visits from what is due, then let the manager
        accept, move or drop each (ui/suggest_week_dialog.py)."""
        today = self.ctx.today()
        week = planning.coming_week(today)
        cadence = self.ctx.settings.cadence()
        # the overviews loaded for the calendar, unless a change is waiting to reload them
        cached = None if self._reload_timer.isActive() else self._overviews

        def propose(store: Store) -> list[planning.Suggestion]:
            overviews = cached if cached is not None else insights.partner_overviews(
                store, today, cadence)
            return planning.suggest_week(store, overviews, today, week)

        def show(suggestions: list[planning.Suggestion]) -> None:
            # late: import cycle with ui.suggest_week_dialog
            from ui.suggest_week_dialog import SuggestWeekDialog

            if not suggestions:
                self.ctx.status_message.emit(self.tr(
                    "Nothing to suggest for the coming week: no partner is due, or every "
                    "day is full."))
                return
            dialog = SuggestWeekDialog(self.ctx, suggestions, week, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.planned.connect(lambda _n: self.grid.select(week[0]))
            dialog.open()
            self.suggest_dialog = dialog  # tests drive it

        self.ctx.run_db(propose, show, self._load_failed)

    def export_ics(self, meeting_ids: list[str] | None = None, path: str | None = None) -> None:
        """The planned visits of the days shown (or the ones named) to an .ics file
        that Outlook, DingTalk and WeCom import; asks where unless ``path`` is given."""
        start, end = self.grid.period()
        if path is None:
            name = f"visits-{start.isoformat()}-{end.isoformat()}.ics"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export planned visits"), name,
                self.tr("Calendar files (*.ics)"))
            if not path:
                return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        lang = "zh_CN" if ui_language(self.ctx).startswith("zh") else "en"
        export_visits(self.ctx, path, None if meeting_ids else start,
                      None if meeting_ids else end, meeting_ids, lang,
                      on_done=lambda n: self.ctx.status_message.emit(
                          self.tr("%1 planned visits written to %2.").replace(
                              "%1", str(n)).replace("%2", path)))

    @Slot(str, str, object)
    def _dropped(self, kind: str, record_id: str, day: dt.date) -> None:
        if kind == "meeting":
            self.move(record_id, day)
        else:
            self.plan(record_id, day)

    # --- language --------------------------------------------------------------------------

    def retranslate_title(self) -> None:
        locale = QLocale()
        start, _end = self.grid.period()
        day = self.grid.selected_day()
        if self.grid.month_mode:
            # the month's title: the format is the translation's ("yyyy年M月")
            self.title.setText(locale.toString(day, self.tr("MMMM yyyy")))
        else:
            self.title.setText(self.tr("Week of %1").replace(
                "%1", locale.toString(start, QLocale.FormatType.LongFormat)))

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("◀ Previous (PgUp)"))
        self.today_button.setText(self.tr("Today (T)"))
        self.next_button.setText(self.tr("Next (PgDn) ▶"))
        self.mode_button.setText(self.tr("Week (W) / Month (M)"))
        self.plan_button.setText(self.tr("Plan a visit… (N)"))
        self.suggest_button.setText(self.tr("Suggest a week… (S)"))
        self.export_button.setText(self.tr("Export .ics… (E)"))
        self.grid.words = {
            "planned": self.tr("planned"), "held": self.tr("held"),
            "due": self.tr("%1 due"), "more": self.tr("+%1 more"),
            "makeup": self.tr("work day"), "holiday": self.tr("holiday"),
        }
        self.grid.chinese = ui_language(self.ctx).startswith("zh")
        years = work_days.known_years()
        self.range_note.setText(self.tr(
            "Holidays and make-up working days (调休) are known for %1–%2; beyond those "
            "years only weekends are marked.").replace("%1", str(years.start)).replace(
            "%2", str(years.stop - 1)))
        self.day_help.setText(self.tr(
            "Enter: open · Ctrl+Enter: start the meeting · P: plan this partner on this day · "
            "Ctrl+←/→: move a planned visit · Ctrl+P: review pack · Ctrl+E: export to .ics · "
            "drag a row onto a day"))
        self.day_empty.set_texts(
            self.tr("Nothing on this day"),
            self.tr("The calendar shows your planned and held visits and the partners "
                    "whose visit falls due. Plan a visit on this day, or let "
                    "ChannelKeeper suggest the coming week from what is due."),
            {"calendar_empty_plan": self.tr("Plan a visit…"),
             "calendar_empty_suggest": self.tr("Suggest a week…")})
        self.day_title.setText(self._day_text(self.grid.selected_day()))
        self.day_list.setAccessibleName(self.day_title.text())
        self.retranslate_title()
        self.day_model.layoutChanged.emit()
        self.grid.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
