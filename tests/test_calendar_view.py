"""The Calendar page on a real store file, db lane and offscreen widgets: planned and
held meetings and due partners per day, keyboard navigation, planning by keyboard and
by drag and drop, moving and starting a planned visit; China's working days."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from models import calendar_data, work_days
from tests.workspace_support import TODAY, Harness, add_partner

pytest_plugins = ("workspace_support",)


class Settings:
    language = "en"

    def cadence(self) -> dict[str, int]:
        return {}


@pytest.fixture
def cal_harness(tmp_path):
    h = Harness(tmp_path / "channelkeeper.db", settings=Settings())
    yield h
    h.close()


@pytest.fixture
def world(cal_harness):
    """A core partner met 25 days ago (due in 5 days), an ordinary one with a visit
    planned in 3 days, an emerging one never met created long ago (overdue)."""
    h = cal_harness
    h.store.clock = lambda: "2026-01-05 09:00:00"
    core = h.db(lambda s: add_partner(s))
    ordinary = h.db(lambda s: add_partner(s, name_zh="成都普通分销", name_en=None,
                                          tier="ordinary", region="西南"))
    emerging = h.db(lambda s: add_partner(s, name_zh="深圳新兴科技", name_en=None,
                                          tier="emerging", region="华南"))
    h.db(lambda s: s.create("meeting", {"partner_id": core["id"], "type": "visit",
                                        "status": "held", "starts_at": "2026-11-02 10:00"}))
    planned = h.db(lambda s: s.create("meeting", {
        "partner_id": ordinary["id"], "type": "visit", "status": "planned",
        "starts_at": "2026-11-30 09:30"}))
    return {"core": core, "ordinary": ordinary, "emerging": emerging, "planned": planned}


@pytest.fixture
def view(qtbot, cal_harness, world):
    from ui.calendar_view import CalendarView

    v = CalendarView(cal_harness.ctx)
    v.resize(1200, 800)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.data_ is not None, timeout=5000)
    yield v
    v.close()
    cal_harness.jobs.db.wait_idle(10)


def test_model_lists_meetings_and_due_partners_by_day(cal_harness, world):
    from models import insights

    store = cal_harness.store
    overviews = insights.partner_overviews(store, TODAY)
    start, end = calendar_data.month_grid(TODAY)
    assert (start, end) == (dt.date(2026, 10, 26), dt.date(2026, 12, 6))
    data = calendar_data.load_calendar(store, start, end, TODAY, overviews)
    assert [m.partner_name for m in data.meetings[dt.date(2026, 11, 30)]] == ["成都普通分销"]
    assert [m.status for m in data.meetings[dt.date(2026, 11, 2)]] == ["held"]
    # overdue (never met since January) on today; the core partner on its due day;
    # the ordinary partner has a visit planned, so it is not listed as due
    assert [(v.partner_name, v.reason) for v in data.due[TODAY]] == [("深圳新兴科技", "overdue")]
    assert [(v.partner_name, v.tier, v.reason) for v in data.due[dt.date(2026, 12, 2)]] == [
        ("华东渠道分销商", "core", "cadence")]
    assert sum(len(v) for v in data.due.values()) == 2


def test_make_up_working_days_of_2024():
    """The State Council's 2024 schedule: seven weekend days worked (调休)."""
    makeup = [d.day for d in work_days.days_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
              if d.kind == work_days.DayKind.MAKEUP]
    assert makeup == [dt.date(2024, 2, 4), dt.date(2024, 2, 18), dt.date(2024, 4, 7),
                      dt.date(2024, 4, 28), dt.date(2024, 5, 11), dt.date(2024, 9, 14),
                      dt.date(2024, 9, 29), dt.date(2024, 10, 12)]
    national = work_days.day_info(dt.date(2024, 10, 3))
    assert (national.kind, national.holiday_zh, national.working) == ("holiday", "国庆节", False)
    assert work_days.day_info(dt.date(2024, 2, 12)).holiday_zh == "春节"  # a Monday off
    assert work_days.day_info(dt.date(2024, 2, 4)).working  # a Sunday worked
    assert work_days.next_working_day(dt.date(2024, 10, 1)) == dt.date(2024, 10, 8)


def test_beyond_the_known_years_only_weekends_are_marked():
    years = work_days.known_years()
    assert 2024 in years and 2026 in years
    later = dt.date(years.stop + 3, 10, 1)
    info = work_days.day_info(later)
    assert not info.known and info.kind in ("workday", "weekend")
    assert info.working == (later.weekday() < 5)


def test_keyboard_moves_days_and_periods(qtbot, view):
    grid = view.grid
    grid.setFocus()
    assert grid.selected_day() == TODAY and grid.month_mode
    QTest.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected_day() == TODAY + dt.timedelta(days=1)
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selected_day() == TODAY + dt.timedelta(days=8)  # 5 December
    with qtbot.waitSignal(view.loaded, timeout=5000):
        QTest.keyClick(grid, Qt.Key.Key_PageDown)
    assert grid.selected_day() == dt.date(2027, 1, 5)
    assert view.data_.start == dt.date(2026, 12, 28)
    assert view.title.text() == "January 2027"
    QTest.keyClick(grid, Qt.Key.Key_T)
    assert grid.selected_day() == TODAY
    qtbot.waitUntil(lambda: view.data_.start == dt.date(2026, 10, 26), timeout=5000)
    QTest.keyClick(grid, Qt.Key.Key_W)
    assert not grid.month_mode and grid.period() == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    qtbot.waitUntil(lambda: view.data_.start == dt.date(2026, 11, 23), timeout=5000)
    assert view.title.text().startswith("Week of")


def test_the_day_list_shows_tier_and_reason(qtbot, view):
    texts = [view.day_model.index(r).data() for r in range(view.day_model.rowCount())]
    assert texts == ["Due: 深圳新兴科技 (Emerging) — overdue since 2026-01-26: never visited"]
    view.grid.select(dt.date(2026, 11, 30))
    texts = [view.day_model.index(r).data() for r in range(view.day_model.rowCount())]
    assert texts == ["09:30  成都普通分销 · Visit · Planned (Ordinary)"]


def test_plan_by_keyboard_then_move_and_start(qtbot, view, cal_harness, world):
    grid = view.grid
    grid.setFocus()
    # P on a due partner plans it on the selected day
    QTest.keyClick(grid, Qt.Key.Key_Return)  # today has a due partner: into the list
    assert view.day_list.hasFocus() or QApplication.focusWidget() is view.day_list
    QTest.keyClick(view.day_list, Qt.Key.Key_P)
    emerging = world["emerging"]["id"]

    def planned_rows():
        return cal_harness.db(lambda s: s.rows("meeting", "partner_id = ? AND status = 'planned'",
                                               [emerging]))
    qtbot.waitUntil(lambda: len(planned_rows()) == 1, timeout=5000)
    assert planned_rows()[0]["starts_at"] == f"{TODAY} 10:00"
    # the view reloads: the partner is now a planned visit, no longer due
    qtbot.waitUntil(lambda: [view.day_model.row_at(r)[0] for r in
                             range(view.day_model.rowCount())] == ["meeting"], timeout=5000)
    view.day_list.setFocus()
    view.day_list.setCurrentIndex(view.day_model.index(0))
    QTest.keyClick(view.day_list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: planned_rows()[0]["starts_at"] == "2026-11-28 10:00", timeout=5000)
    # start the moved visit from the calendar: held, at the real time, opened
    view.grid.select(dt.date(2026, 11, 28))
    qtbot.waitUntil(lambda: view.day_model.rowCount() == 1, timeout=5000)
    view.day_list.setFocus()
    view.day_list.setCurrentIndex(view.day_model.index(0))
    with qtbot.waitSignal(view.open_record, timeout=5000) as opened:
        QTest.keyClick(view.day_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    meeting = cal_harness.db(lambda s: s.get("meeting", opened.args[2]))
    assert meeting["status"] == "held" and meeting["starts_at"].startswith(str(TODAY))


def drop_on(grid, mime: QMimeData, pos: QPoint) -> None:
    """What a drag ends with: enter, move over the day, drop (Qt hands a drop only to
    the widget a drag is over, so the events are given in the order a drag gives them)."""
    args = (pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    grid.dragEnterEvent(enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(*args)
    grid.dragMoveEvent(move)
    assert move.isAccepted()
    grid.dropEvent(QDropEvent(pos.toPointF(), *args[1:]))


def test_drag_a_due_partner_onto_a_day_plans_it(qtbot, view, cal_harness, world):
    core = world["core"]["id"]
    view.grid.select(dt.date(2026, 12, 2))
    qtbot.waitUntil(lambda: view.day_model.rowCount() == 1, timeout=5000)
    mime = view.day_model.mimeData([view.day_model.index(0)])
    target = dt.date(2026, 12, 1)
    pos = view.grid.cell_rect(target).center()
    drop_on(view.grid, mime, pos)
    qtbot.waitUntil(lambda: cal_harness.db(lambda s: s.rows(
        "meeting", "partner_id = ? AND status = 'planned'", [core])) != [], timeout=5000)
    row = cal_harness.db(lambda s: s.rows("meeting", "partner_id = ? AND status = 'planned'",
                                          [core]))[0]
    assert row["starts_at"] == "2026-12-01 10:00"
    # a planned meeting dragged to another day moves
    moved = QMimeData()
    moved.setData("application/x-channelkeeper-meeting", world["planned"]["id"].encode())
    drop_on(view.grid, moved, view.grid.cell_rect(dt.date(2026, 12, 3)).center())
    qtbot.waitUntil(lambda: cal_harness.db(lambda s: s.get(
        "meeting", world["planned"]["id"]))["starts_at"] == "2026-12-03 09:30", timeout=5000)


def test_today_lists_this_weeks_planned_visits_and_starts_one(qtbot, cal_harness, world):
    """Today (Friday 27 November) lists the week's planned visits; Ctrl+Enter starts
    one (held, at the real time) and opens it; Ctrl+P asks for its pack."""
    from ui.today_view import TodayView

    h = cal_harness
    core = world["core"]["id"]
    # this week: one this morning, one on Monday not held yet; next week's is not listed
    h.db(lambda s: s.create("meeting", {"partner_id": core, "type": "visit",
                                        "status": "planned", "starts_at": f"{TODAY} 08:30"}))
    h.db(lambda s: s.create("meeting", {"partner_id": world["emerging"]["id"], "type": "training",
                                        "status": "planned", "starts_at": "2026-11-23 14:00"}))
    view = TodayView(h.ctx)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    model = view.planned.model
    rows = [[model.display_text(r, c) for c in (0, 1, 3)] for r in range(model.rowCount())]
    assert rows == [["Mon 11-23 14:00", "深圳新兴科技", "Training"],
                    ["Today 08:30", "华东渠道分销商", "Visit"]]
    assert view.planned.title.text().startswith("Planned visits this week (2)")
    assert view.card("planned_week").figure.text() == "2"
    view.show_section(view.planned)  # the list behind its card
    view.planned.view.setFocus()
    view.planned.view.setCurrentIndex(view.planned.proxy.index(1, 0))
    with qtbot.waitSignal(view.pack_requested, timeout=2000) as pack:
        QTest.keyClick(view.planned.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert pack.args == [core]
    with qtbot.waitSignal(view.open_record, timeout=5000) as opened:
        QTest.keyClick(view.planned.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    meeting = h.db(lambda s: s.get("meeting", opened.args[2]))
    assert opened.args[:2] == [core, "meeting"]
    assert meeting["status"] == "held" and meeting["starts_at"][:10] == str(TODAY)
    qtbot.waitUntil(lambda: view.planned.model.rowCount() == 1, timeout=5000)
    view.close()


def test_suggest_a_week_then_move_drop_and_plan(qtbot, view, cal_harness, world):
    h = cal_harness
    h.db(lambda s: s.set_setting("calendar/visits_per_day", "1"))
    with qtbot.waitSignal(view.loaded, timeout=5000):  # the view reloads after a change
        extra = h.db(lambda s: add_partner(s, name_zh="北方战略伙伴", name_en=None,
                                           tier="strategic", region="华北"))
    view.grid.setFocus()
    QTest.keyClick(view.grid, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: getattr(view, "suggest_dialog", None) is not None, timeout=5000)
    dialog = view.suggest_dialog
    rows = [(s.partner_name, s.day.isoformat()) for s in dialog.model.rows()]
    # coming week Mon 30 Nov – Sun 6 Dec, one a day: core (due 12-02) first, strategic
    # (never met), emerging (never met); the ordinary partner has a visit planned already
    # on Monday, which takes Monday's one slot
    assert rows == [("华东渠道分销商", "2026-12-01"), ("北方战略伙伴", "2026-12-02"),
                    ("深圳新兴科技", "2026-12-03")]
    table = dialog.table
    table.setFocus()
    table.selectRow(1)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    table.selectRow(1)
    QTest.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [(s.partner_name, s.day.day) for s in dialog.model.rows()] == [
        ("华东渠道分销商", 1), ("深圳新兴科技", 4)]
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).text() == "Plan the visits (2)"
    with qtbot.waitSignal(dialog.planned, timeout=5000):
        QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    planned = h.db(lambda s: s.query(
        "SELECT partner_id, starts_at FROM meetings WHERE status = 'planned' ORDER BY starts_at"))
    assert [(r["partner_id"], r["starts_at"]) for r in planned] == [
        (world["ordinary"]["id"], "2026-11-30 09:30"),
        (world["core"]["id"], "2026-12-01 10:00"),
        (world["emerging"]["id"], "2026-12-04 10:00")]
    assert extra["id"] not in {r["partner_id"] for r in planned}


def test_export_the_shown_weeks_planned_visits(qtbot, view, tmp_path):
    from icalendar import Calendar

    view.grid.set_month_mode(False)
    view.grid.select(dt.date(2026, 11, 30))
    out = tmp_path / "week"
    view.export_ics(path=str(out))
    written = tmp_path / "week.ics"
    qtbot.waitUntil(written.exists, timeout=5000)
    events = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Visit: 成都普通分销"]


def test_reminders_at_start_in_the_status_bar_and_settings(qtbot, cal_harness, world):
    """The notifier's first check fills the status bar's count (no tray offscreen:
    nothing fails), lists them, and follows the kinds chosen in Settings."""
    from ui.reminder_notifier import ReminderButton, ReminderNotifier

    h = cal_harness
    h.db(lambda s: s.create("contact", {"partner_id": world["core"]["id"], "name": "陈总",
                                        "birthday": "1970-11-29", "festivals": "春节"}))
    notifier = ReminderNotifier(h.ctx, lambda: None)
    button = ReminderButton(notifier)
    with qtbot.waitSignal(notifier.scanned, timeout=5000):
        notifier.start()
    found = notifier.last
    # the emerging partner (never met) and the core one (due 2 December)
    assert found.counts["birthday"] == 1 and found.counts["visit"] == 2
    assert button.text() == f"Reminders: {found.total}"
    assert "1 birthday(s)" in button.toolTip()
    dialog = button.show_list()
    lines = dialog.model.stringList()
    assert "2026-11-29  Birthday — 陈总 · 华东渠道分销商" in lines
    dialog.close()
    # Settings: birthdays off, snoozed for today
    from ui.calendar_settings import CalendarSettingsBox

    box = CalendarSettingsBox(h.ctx)
    qtbot.waitUntil(lambda: box._loaded is not None, timeout=5000)
    box.kinds["birthday"].setChecked(False)
    box.snooze.setCurrentIndex(1)
    box.per_day.setValue(3)
    box.save()
    h.jobs.db.wait_idle(5)
    assert h.db(lambda s: s.get_setting("calendar/visits_per_day")) == "3"
    with qtbot.waitSignal(notifier.scanned, timeout=5000):
        notifier.check()
    assert "birthday" not in notifier.last.counts and notifier.snoozed
    qtbot.waitUntil(lambda: button.text().endswith("(snoozed)"), timeout=2000)


def test_the_main_window_shows_the_calendar_page_and_the_reminders(qtbot, profile):
    """Ctrl+4 builds and shows the Calendar; opening a partner from it goes to the
    workspace; the status bar's reminder count appears once the window is ready."""
    from tests.test_app_shell import TODAY as SHELL_TODAY
    from tests.test_app_shell import open_window, seed
    from ui.main_window import PAGE_CALENDAR, PAGE_WORKSPACE

    seeded = seed(profile)
    window = open_window(qtbot, profile)
    assert SHELL_TODAY == TODAY  # the window's day, which the due lists below are for
    qtbot.waitUntil(lambda: window.reminder_button.isVisible(), timeout=10000)
    assert window.reminder_button.text().startswith("Reminders: ")
    window.findChild(type(window.menus.act_search), "go_calendar").trigger()
    assert window.current_page() == PAGE_CALENDAR
    cal = window.calendar
    qtbot.waitUntil(lambda: cal.data_ is not None, timeout=10000)
    due_today = [v.partner_id for v in cal.data_.due.get(TODAY, [])]
    assert seeded["chengdu"]["id"] in due_today  # never visited since January: overdue
    cal.open_partner.emit(seeded["chengdu"]["id"])
    qtbot.waitUntil(lambda: window.current_page() == PAGE_WORKSPACE, timeout=5000)
    window.close()


def test_a_month_counts_and_lists_only_live_partners_meetings(cal_harness, world):
    store = cal_harness.store
    for hour in range(9, 19):  # a busy day: more than a cell shows
        store.create("meeting", {"partner_id": world["core"]["id"], "type": "visit",
                                 "status": "held", "starts_at": f"2026-11-16 {hour:02d}:00"})
    store.create("meeting", {"partner_id": world["emerging"]["id"], "type": "visit",
                             "status": "held", "starts_at": "2026-11-16 08:00"})
    store.create("meeting", {"partner_id": world["core"]["id"], "type": "visit",
                             "status": "cancelled", "starts_at": "2026-11-16 07:00"})
    start, end = calendar_data.month_grid(TODAY)
    meetings, counts = calendar_data.first_meetings_by_day(store, start, end)
    day = dt.date(2026, 11, 16)
    assert counts[day] == 11 and len(meetings[day]) == calendar_data.CELL_MEETINGS
    assert meetings[day][0].starts_at == "2026-11-16 08:00"
    store.delete("partner", world["emerging"]["id"])
    meetings, counts = calendar_data.first_meetings_by_day(store, start, end)
    assert counts[day] == 10 and meetings[day][0].starts_at == "2026-11-16 09:00"
