"""Today's method lists (issue 14): joint goals at risk and agreements to renew, each
with its card, loaded in the database lane; a goal opens in the workspace's Goals tab."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.jobs import JobRunner
from desktop.settings import Settings
from ui.app_context import AppContext
from ui.today_view import TodayView

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def ctx(store, tmp_path, qapp):
    jobs = JobRunner()
    context = AppContext(store, jobs, Settings(tmp_path / "settings.ini"), today=lambda: TODAY)
    yield context
    jobs.shutdown()


def _column(section, col: int = 0) -> list[str]:
    return [section.proxy.index(r, col).data() for r in range(section.proxy.rowCount())]


def test_goals_at_risk_and_renewals_have_their_lists_and_cards(qtbot, ctx, store):
    east = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature",
                                agreement_end="2027-01-10")
    west = store.create_partner(name_zh="西南分销", tier="ordinary", stage="running_in",
                                agreement_end="2026-11-20")
    store.create_partner(name_zh="华北分销", tier="ordinary", stage="mature",
                         agreement_end="2027-09-30")  # far off: not listed
    behind = store.create("joint_goal", {"partner_id": east["id"], "title": "新增门店数",
                                         "target": 30, "actual": 5, "period": "2026",
                                         "status": "agreed"})
    store.create("joint_goal", {"partner_id": west["id"], "title": "三季度销售额", "target": 100,
                                "actual": 60, "period": "2026-Q3", "status": "at_risk"})
    store.create("joint_goal", {"partner_id": west["id"], "title": "四季度培训", "target": 4,
                                "actual": 3, "period": "2026-Q4", "status": "on_track"})
    view = TodayView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.extras_loaded, timeout=5000):
        view.reload()
    goals_list = next(e.section for e in view.entries if e.section.objectName() == "goals_at_risk")
    # the quarter that ended at 60% first, then the annual goal at 17% in November
    assert _column(goals_list) == ["三季度销售额", "新增门店数"]
    assert _column(goals_list, 2) == ["60%", "17%"]
    assert view.card("goals_at_risk").figure.text() == "2"
    renewals = next(e.section for e in view.entries if e.section.objectName() == "agreement_renewals")
    assert _column(renewals, 2) == ["西南分销", "华东渠道分销商"]
    assert _column(renewals, 1) == ["-7", "44"]
    assert view.card("agreements_renew").figure.text() == "2"
    view.open_card(view.card("goals_at_risk").card, goals_list)
    row = goals_list.proxy.index(1, 0)
    with qtbot.waitSignal(view.open_record) as opened:
        goals_list.view.activated.emit(row)
    assert opened.args == [east["id"], "joint_goal", behind["id"]]


def test_goals_at_risk_are_read_again_only_after_a_change_that_may_move_them(
        qtbot, ctx, store, monkeypatch):
    from models import goals
    from models.store import Change

    east = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    store.create("joint_goal", {"partner_id": east["id"], "title": "新增门店数", "target": 30,
                                "actual": 5, "period": "2026", "status": "agreed"})
    calls = []
    real = goals.goals_at_risk
    monkeypatch.setattr(goals, "goals_at_risk", lambda *a: calls.append(1) or real(*a))
    view = TodayView(ctx)
    qtbot.addWidget(view)
    for _ in range(2):
        with qtbot.waitSignal(view.extras_loaded, timeout=5000):
            view.reload()
    assert len(calls) == 1
    ctx.changed.emit(Change("meeting", ("x",), "update"))  # notes typed: not a goal input
    with qtbot.waitSignal(view.extras_loaded, timeout=5000):
        view.reload()
    assert len(calls) == 1
    ctx.changed.emit(Change("kpi_snapshot", (), "remote"))
    with qtbot.waitSignal(view.extras_loaded, timeout=5000):
        view.reload()
    assert len(calls) == 2
