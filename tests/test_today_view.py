"""Today: overdue visits, overdue actions, key dates and lying-flat partners, loaded in
the database lane from a real store."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

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
    assert view.summary.text() == "Overdue visits: 1 · Overdue action items: 1"


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
