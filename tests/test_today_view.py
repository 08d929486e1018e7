"""Today: overdue visits, overdue actions, key dates and lying-flat partners, loaded in
the database lane from a real store."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.jobs import JobRunner
from desktop.settings import Settings
from ui.app_context import AppContext
from ui.today_sections import PARTNER_ID_ROLE
from ui.today_view import TodayView

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def ctx(store, tmp_path, qapp):
    jobs = JobRunner()
    context = AppContext(store, jobs, Settings(tmp_path / "settings.ini"), today=lambda: TODAY)
    yield context
    jobs.shutdown()


@pytest.fixture
def portfolio(store):
    """An overdue core partner with an overdue action and a cancelled meeting, a partner
    visited last week, and a contact whose birthday is in five days."""
    overdue = store.create_partner(name_zh="华东渠道分销商", name_en="East China Distribution",
                                   tier="core", stage="mature", region="华东")
    fine = store.create_partner(name_zh="深圳新兴科技", tier="emerging", stage="intro",
                                region="华南")
    store.create("meeting", {"partner_id": overdue["id"], "type": "quarterly_review",
                             "status": "held", "starts_at": "2026-09-01 10:00"})
    store.create("meeting", {"partner_id": overdue["id"], "type": "visit",
                             "status": "cancelled", "starts_at": "2026-11-10 10:00"})
    store.create("meeting", {"partner_id": fine["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-11-20 14:00"})
    action = store.create_action_item(partner_id=overdue["id"], title="提交联合活动方案",
                                      owner_side="partner", severity="high",
                                      opened_on="2026-11-01")
    store.create("contact", {"partner_id": fine["id"], "name": "李丽华", "role": "渠道经理",
                             "birthday": "1985-12-02"})
    return {"overdue": overdue, "fine": fine, "action": action}


def _loaded_view(qtbot, ctx) -> TodayView:
    view = TodayView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    return view


def _column(section, col: int = 0) -> list[str]:
    proxy = section.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_today_lists_overdue_partner_and_overdue_action(qtbot, ctx, portfolio):
    view = _loaded_view(qtbot, ctx)
    assert _column(view.visits) == ["华东渠道分销商"]  # the partner met last week is fine
    assert view.visits.proxy.index(0, 4).data() == "Overdue"
    assert view.visits.title.text() == "Visits due (1)"
    assert _column(view.actions, 1) == ["提交联合活动方案"]
    assert _column(view.actions, 0) == ["2026-11-03"]  # core + high: 2 days to respond
    assert view.actions.proxy.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert view.actions.title.text() == "Action items due (1)"
    # the summary cards: what is late, in figures (red only there)
    assert view.card("visits_overdue").figure.text() == "1"
    assert view.card("actions_late").figure.text() == "1"
    assert view.card("actions_feedback").figure.text() == "0"
    assert view.card("visits_overdue").accessibleName() == "Visits overdue: 1"


def test_today_shows_key_dates_and_lying_flat_signs(qtbot, ctx, portfolio):
    view = _loaded_view(qtbot, ctx)
    assert _column(view.key_dates, 3) == ["李丽华"]
    assert _column(view.key_dates, 0) == ["2026-12-02"]
    assert _column(view.key_dates, 1) == ["5"]
    assert _column(view.key_dates, 2) == ["Birthday"]
    # overdue visit + partner-owned overdue action + a cancelled meeting
    assert _column(view.lying_flat) == ["华东渠道分销商"]
    signs = view.lying_flat.proxy.index(0, 3).data()
    assert signs == ("No contact within cadence; Partner-owned actions overdue; "
                     "Meetings cancelled")


def test_empty_sections_say_so(qtbot, ctx):
    view = _loaded_view(qtbot, ctx)
    # the method's lists arrive in a second job; until then a list has no count
    qtbot.waitUntil(lambda: all(s.load_state == "loaded" for s in view.sections()), timeout=5000)
    for section in view.sections():
        assert section.title.text().endswith("(0)")
        assert section.stack.currentWidget() is section.empty
        assert section.empty.text()


def test_enter_on_a_row_opens_the_partner(qtbot, ctx, portfolio):
    view = _loaded_view(qtbot, ctx)
    view.show()
    tree = view.visits.view
    tree.setFocus()
    tree.setCurrentIndex(view.visits.proxy.index(0, 0))
    with qtbot.waitSignal(view.open_partner) as opened:
        QTest.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [portfolio["overdue"]["id"]]
    # an action row names the record too, so the workspace can select it
    actions = view.actions.view
    index = view.actions.proxy.index(0, 1)
    assert index.data(PARTNER_ID_ROLE) == portfolio["overdue"]["id"]
    with qtbot.waitSignal(view.open_record) as opened:
        actions.activated.emit(index)
    assert opened.args == [portfolio["overdue"]["id"], "action_item", portfolio["action"]["id"]]


def test_a_change_reloads_today(qtbot, ctx, portfolio):
    view = _loaded_view(qtbot, ctx)
    loads = []
    view.loaded.connect(lambda: loads.append(1))
    pid = portfolio["fine"]["id"]

    def add_two(store):
        store.create_action_item(partner_id=pid, title="确认返点结算时间", opened_on="2026-11-01")
        store.create_action_item(partner_id=pid, title="安排产品培训", opened_on="2026-11-02")

    ctx.run_db(add_two)
    qtbot.waitUntil(lambda: view.actions.model.rowCount() == 3, timeout=5000)
    assert loads == [1]  # two writes, one (debounced) reload


def test_cadence_from_settings_decides_who_is_due(qtbot, ctx, portfolio):
    ctx.settings.set_cadence({"core": 120})
    view = _loaded_view(qtbot, ctx)
    assert _column(view.visits) == []  # 87 days since the last visit, within 120
    ctx.settings.set_cadence({"core": 30, "emerging": 5})
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert sorted(_column(view.visits)) == ["华东渠道分销商", "深圳新兴科技"]


def test_done_items_wait_for_feedback_and_are_not_red(qtbot, ctx, portfolio, store):
    """Late work first and red; done work, past due or not, waits for feedback to the
    partner: listed after it, not red, counted on its own card."""
    done = store.create_action_item(partner_id=portfolio["fine"]["id"], title="补发培训资料",
                                    opened_on="2026-10-01")
    store.set_action_status(done["id"], "done")
    view = _loaded_view(qtbot, ctx)
    assert _column(view.actions, 1) == ["提交联合活动方案", "补发培训资料"]
    late, waiting = (view.actions.proxy.index(r, 4) for r in range(2))
    assert late.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert waiting.data(Qt.ItemDataRole.ForegroundRole) is None
    assert waiting.data() == "Awaiting feedback"
    assert view.card("actions_late").figure.text() == "1"
    assert view.card("actions_feedback").figure.text() == "1"


def test_a_card_opens_its_list_at_its_first_row_from_the_keyboard(qtbot, ctx, portfolio, store):
    done = store.create_action_item(partner_id=portfolio["fine"]["id"], title="补发培训资料",
                                    opened_on="2026-10-01")
    store.set_action_status(done["id"], "done")
    view = _loaded_view(qtbot, ctx)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=3000)
    assert view.list_stack.currentWidget() is view.visits
    card = view.card("actions_feedback")
    card.setFocus()
    QTest.keyClick(card, Qt.Key.Key_Return)
    assert card.isChecked()
    assert view.list_stack.currentWidget() is view.actions
    assert view.actions.current_row()["id"] == done["id"]
    assert view.actions.view.hasFocus()
    # the details pane reads the row in full, and opens it
    assert view.details.heading.text() == "补发培训资料"
    assert "Awaiting feedback" in view.details.body.text()
    with qtbot.waitSignal(view.open_record) as opened:
        view.details.open_button.click()
    assert opened.args == [portfolio["fine"]["id"], "action_item", done["id"]]
    # Space on another card, as on any button
    quiet = view.card("partners_quiet")
    quiet.setFocus()
    QTest.keyClick(quiet, Qt.Key.Key_Space)
    assert view.list_stack.currentWidget() is view.lying_flat
    assert not card.isChecked()


def test_an_empty_profile_says_what_today_is_for(qtbot, ctx):
    view = _loaded_view(qtbot, ctx)
    assert view.first_steps.isVisibleTo(view)
    assert "no partners yet" in view.first_steps.heading.text()
    # never "every partner has been visited" with no partner at all
    assert "visited" not in view.visits.empty.text()
    assert "No partners yet" in view.visits.empty.text()
    with qtbot.waitSignal(view.new_partner_requested):
        view.first_steps.steps["first_steps_new_partner"].click()
    with qtbot.waitSignal(view.demo_requested):
        view.first_steps.steps["first_steps_load_demo"].click()


def test_partners_all_visited_say_so(qtbot, ctx, store):
    p = store.create_partner(name_zh="深圳新兴科技", tier="emerging", stage="intro")
    store.create("meeting", {"partner_id": p["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-11-20 14:00"})
    view = _loaded_view(qtbot, ctx)
    assert not view.first_steps.isVisibleTo(view)
    assert view.visits.empty.text() == "Every partner has been visited within its cadence."


def test_long_cells_have_tooltips_and_the_list_never_scrolls_sideways(qtbot, ctx, portfolio,
                                                                       store):
    title = "与渠道商确认下季度联合营销活动的预算分摊、执行时间表以及各自负责的门店名单和物料清单" * 2
    store.create_action_item(partner_id=portfolio["fine"]["id"], title=title,
                             opened_on="2026-11-01")
    view = _loaded_view(qtbot, ctx)
    view.resize(900, 600)
    view.show()
    view.show_section(view.actions)
    qtbot.waitExposed(view)
    row = _column(view.actions, 1).index(title)
    index = view.actions.proxy.index(row, 1)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == title
    tree = view.actions.view
    # the title column gives way: the list fits its width
    assert tree.header().length() <= tree.viewport().width()
    assert not tree.horizontalScrollBar().isVisible()
    tree.setCurrentIndex(index)
    assert view.details.heading.text() == title


def test_a_registered_section_loads_in_the_database_lane_with_its_card(qtbot, ctx, portfolio):
    """The one registration point other features use (calendar, joint goals)."""
    from ui.today_cards import Card
    from ui.today_sections import Column, RecordTableModel, TodaySection
    from ui.today_view import TodayEntry

    threads = []

    def load(store, today, cadence):
        import threading
        threads.append(threading.current_thread().name)
        return store.query("SELECT id, name_zh AS name, id AS partner_id FROM partners"
                           " WHERE deleted = 0 ORDER BY name_zh")

    view = TodayView(ctx)
    qtbot.addWidget(view)
    entry = TodayEntry(
        TodaySection("renewals", RecordTableModel(
            [Column(lambda: "Partner", lambda r: r["name"], stretch=True)])),
        title=lambda: "Renewals", empty=lambda: "No renewals.", load=load)
    entry.cards = [Card("renewals", lambda: "Renewals due", lambda: entry.section.total)]
    section = view.add_section(entry)
    with qtbot.waitSignal(view.extras_loaded, timeout=5000):
        view.reload()
    import threading
    assert threads and threads[0] != threading.current_thread().name
    assert _column(section) == ["华东渠道分销商", "深圳新兴科技"]
    assert section.title.text() == "Renewals (2)"
    assert view.card("renewals").figure.text() == "2"
    # the trend came with the same job
    assert len(view.trend.weeks) == 12
    with qtbot.waitSignal(view.open_partner) as opened:
        section.view.activated.emit(section.proxy.index(0, 0))
    assert opened.args == [portfolio["overdue"]["id"]]


def test_the_trend_is_read_again_only_when_visits_may_have_changed(qtbot, ctx, portfolio,
                                                                    monkeypatch):
    from models.today_figures import cadence_trend
    from ui import today_view

    calls = []
    monkeypatch.setattr(today_view, "cadence_trend",
                        lambda *a, **k: calls.append(1) or cadence_trend(*a, **k))
    view = TodayView(ctx)
    qtbot.addWidget(view)
    for _ in range(2):
        with qtbot.waitSignal(view.extras_loaded, timeout=5000):
            view.reload()
    assert len(calls) == 1
    kept = view.trend.weeks[-1].kept
    assert kept == 1  # the emerging partner visited on 20 November
    pid = portfolio["overdue"]["id"]
    with qtbot.waitSignal(view.extras_loaded, timeout=5000):
        ctx.run_db(lambda s: s.create("meeting", {"partner_id": pid, "type": "visit",
                                                  "status": "held",
                                                  "starts_at": "2026-11-26 10:00"}))
    assert len(calls) == 2
    assert view.trend.weeks[-1].kept == 2
    assert "100%" in view.trend_title.text()


def _fitted_now(section) -> list[int]:
    """The list's column widths as a fresh fit (while it is shown) sets them."""
    header = section.view.header()
    section.fit_columns()
    return [header.sectionSize(n) for n in range(header.count())]


def test_a_list_hidden_when_its_rows_or_words_change_is_fitted_when_shown(qtbot, ctx,
                                                                          portfolio):
    from desktop import app as desktop_app

    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()  # the rows arrive while Today shows the visits
    header = view.actions.view.header()
    view.show_section(view.actions)
    shown = [header.sectionSize(n) for n in range(header.count())]
    assert shown == _fitted_now(view.actions)
    assert header.sectionSize(0) != header.defaultSectionSize()  # fitted, not Qt's default
    try:
        view.show_section(view.visits)
        desktop_app.install_language("zh_CN")  # the actions' headers change while hidden
        qtbot.waitUntil(lambda: view.actions.title.text().startswith("待办"), timeout=3000)
        view.show_section(view.actions)
        words = [header.sectionSize(n) for n in range(header.count())]
        assert words == _fitted_now(view.actions)
        assert words != shown
    finally:
        desktop_app.install_language("en")
