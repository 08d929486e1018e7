"""What a pack shows, gathered from a real store (no Qt): period rule, cadence,
warning signs, actions and response times, checklist deltas, next steps."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from models.errors import NotFoundError, ValidationError
from models.pack_data import (
    DEFAULT_PERIOD_DAYS,
    default_period,
    gather_pack_data,
    partners_due_this_week,
)
from models.templates import score_run

TODAY = dt.date(2026, 11, 27)


def _meeting(store, pid, day, status="held", notes=None):
    return store.create("meeting", {"partner_id": pid, "type": "regular_review", "status": status,
                                    "starts_at": f"{day} 10:00", "notes": notes})


def _run(store, partner, day, answers):
    tpl = store.rows("checklist_template", "tier IS NULL")[0]
    score, completion = score_run(tpl["sections"], answers)
    return store.create("checklist_run", {
        "partner_id": partner["id"], "template_id": tpl["id"], "performed_on": day,
        "answers": answers, "score": score, "completion": completion})


def test_default_period_is_since_the_previous_review_else_90_days(store, partner):
    assert default_period(store, partner["id"], TODAY) == (
        TODAY - dt.timedelta(days=DEFAULT_PERIOD_DAYS), TODAY)
    _run(store, partner, "2026-09-15", {"growth": {"value": "yes"}})
    _run(store, partner, "2026-10-20", {"growth": {"value": "no"}})
    assert default_period(store, partner["id"], TODAY) == (dt.date(2026, 10, 20), TODAY)
    data = gather_pack_data(store, partner["id"], today=TODAY)
    assert data.period_start == dt.date(2026, 10, 20) and data.period_end == TODAY


def test_unknown_deleted_partner_and_empty_period_are_refused(store, partner):
    with pytest.raises(NotFoundError):
        gather_pack_data(store, "no-such-id", today=TODAY)
    with pytest.raises(ValidationError, match="period is empty"):
        gather_pack_data(store, partner["id"], today=TODAY, period_start=dt.date(2026, 11, 1),
                         period_end=dt.date(2026, 10, 1))
    store.delete("partner", partner["id"])
    with pytest.raises(NotFoundError):
        gather_pack_data(store, partner["id"], today=TODAY)


def test_meetings_are_those_of_the_period_in_order(store, partner):
    _meeting(store, partner["id"], "2026-08-01")
    late = _meeting(store, partner["id"], "2026-11-20", notes="渠道方反馈库存积压")
    early = _meeting(store, partner["id"], "2026-09-10")
    data = gather_pack_data(store, partner["id"], today=TODAY, period_start=dt.date(2026, 9, 1),
                            period_end=TODAY)
    assert [m["id"] for m in data.meetings] == [early["id"], late["id"]]
    assert data.meetings[1]["notes"] == "渠道方反馈库存积压"


def test_cadence_kept_and_missed(store, partner):
    # core partner: a meeting at least every 30 days
    for day in ("2026-08-25", "2026-09-20", "2026-10-15", "2026-11-10"):
        _meeting(store, partner["id"], day)
    kept = gather_pack_data(store, partner["id"], today=TODAY, period_start=dt.date(2026, 9, 1),
                            period_end=TODAY)
    assert kept.cadence.kept and len(kept.cadence.visits) == 3
    assert kept.cadence.last_visit == dt.date(2026, 11, 10)

    other = store.create_partner(name_zh="华北渠道", tier="core", stage="intro")
    _meeting(store, other["id"], "2026-09-05")
    _meeting(store, other["id"], "2026-09-20", status="cancelled")
    missed = gather_pack_data(store, other["id"], today=TODAY, period_start=dt.date(2026, 9, 1),
                              period_end=TODAY)
    assert not missed.cadence.kept
    assert missed.cadence.gaps == [(dt.date(2026, 9, 5), TODAY, 83)]
    assert "no_contact" in missed.signs and "meetings_cancelled" in missed.signs


def test_actions_open_overdue_done_and_response_times(store, partner):
    pid = partner["id"]
    overdue = store.create_action_item(partner_id=pid, title="提交库存报表", owner_side="partner",
                                       severity="high", opened_on="2026-11-01")  # due 11-03
    fresh = store.create_action_item(partner_id=pid, title="安排培训", severity="low",
                                     opened_on="2026-11-25")
    on_time = store.create("action_item", {
        "partner_id": pid, "title": "回复账期申请", "owner_side": "ours", "severity": "medium",
        "status": "feedback_given", "opened_on": "2026-10-01", "due_on": "2026-10-06",
        "started_on": "2026-10-03", "done_on": "2026-10-04", "feedback_on": "2026-10-05"})
    late = store.create("action_item", {
        "partner_id": pid, "title": "更新政策文件", "owner_side": "ours", "severity": "medium",
        "status": "done", "opened_on": "2026-10-01", "due_on": "2026-10-06",
        "started_on": "2026-10-10", "done_on": "2026-10-12"})
    data = gather_pack_data(store, pid, today=TODAY, period_start=dt.date(2026, 9, 1),
                            period_end=TODAY)
    open_ids = [a["id"] for a in data.open_actions]
    assert open_ids[0] == overdue["id"]  # overdue first
    assert set(open_ids) == {overdue["id"], fresh["id"], late["id"]}  # done awaits feedback
    assert [a["id"] for a in data.overdue_actions] == [overdue["id"]]
    assert data.overdue_actions[0]["days_overdue"] == (TODAY - dt.date(2026, 11, 3)).days
    assert {a["id"] for a in data.done_actions} == {on_time["id"], late["id"]}
    r = data.responses
    assert (r.responded, r.on_time, r.late) == (2, 1, 1)
    assert r.median_days == 5.5 and r.median_deadline_days == 5.0
    assert r.open_overdue == 1
    assert r.by_severity["medium"] == (2, 1, 5.5, 5.0)
    # next steps: items still needing work, soonest deadline first (not those awaiting feedback)
    assert [a["id"] for a in data.next_steps] == [overdue["id"], fresh["id"]]
    assert "partner_actions_overdue" in data.signs


def test_checklist_latest_run_failed_items_and_change(store, partner):
    _run(store, partner, "2026-08-01", {"growth": {"value": "yes"}, "transparent": {"value": "yes"},
                                        "satisfaction": {"value": 2}})
    _run(store, partner, "2026-11-01", {
        "growth": {"value": "no", "comment": "只谈了返点"}, "transparent": {"value": "yes"},
        "satisfaction": {"value": 4}})
    data = gather_pack_data(store, partner["id"], today=TODAY)
    c = data.checklist
    assert c.performed_on == dt.date(2026, 11, 1) and c.previous_on == dt.date(2026, 8, 1)
    assert c.score is not None and c.previous_score is not None
    assert c.delta == round(c.score - c.previous_score, 1)
    failed = {i.key: i for i in c.failed}
    assert set(failed) == {"growth"} and failed["growth"].comment == "只谈了返点"
    trends = {i.key: i.trend for i in c.items if i.trend}
    assert trends == {"growth": -1, "satisfaction": 1}


def test_a_partner_with_nothing_recorded_gets_an_empty_but_valid_pack(store, partner):
    store.db.execute("UPDATE partners SET created_at = ? WHERE id = ?",  # created long ago
                     ["2026-01-05 09:00", partner["id"]])
    data = gather_pack_data(store, partner["id"], today=TODAY)
    assert data.is_empty and data.checklist is None and data.kpis == []
    assert data.cadence.last_visit is None and not data.cadence.kept
    assert data.next_meeting is None and data.signatory is None


def test_a_partner_created_today_owes_no_visits_from_before_it_existed(store):
    """The cadence clock starts when the partner was created, not 90 days back."""
    partner = store.create_partner(name_zh="新签约渠道", tier="core", stage="intro")
    today = dt.date.fromisoformat(partner["created_at"][:10])
    data = gather_pack_data(store, partner["id"], today=today)
    assert data.cadence.kept and data.cadence.gaps == []
    # forty days on, a core partner (30-day cadence) is late: counted from creation
    later = gather_pack_data(store, partner["id"], today=today + dt.timedelta(days=40))
    assert later.cadence.gaps == [(today, today + dt.timedelta(days=40), 40)]


def test_history_older_than_the_record_still_counts(store):
    """An imported partner's first meeting predates its record: cadence counts from it."""
    partner = store.create_partner(name_zh="老渠道", tier="core", stage="mature")
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-01-10 10:00"})
    data = gather_pack_data(store, partner["id"], today=dt.date(2026, 6, 30),
                            period_start=dt.date(2026, 4, 1))
    assert data.cadence.gaps and data.cadence.gaps[0][0] == dt.date(2026, 1, 10)


def test_the_signatory_is_a_named_person_the_most_senior_contact(store, partner):
    for name, role in (("李采购", "采购经理"), ("王建国", "总经理"), ("赵销售", "销售总监")):
        store.create("contact", {"partner_id": partner["id"], "name": name, "role": role})
    data = gather_pack_data(store, partner["id"], today=TODAY)
    assert data.signatory["name"] == "王建国"


def test_the_next_planned_meeting_is_known(store, partner):
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": "planned",
                             "starts_at": "2026-12-08 10:00"})
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": "cancelled",
                             "starts_at": "2026-12-02 10:00"})
    data = gather_pack_data(store, partner["id"], today=TODAY)
    assert data.next_meeting["starts_at"] == "2026-12-08 10:00"


def test_kpis_cover_the_period_and_the_chart_shows_six_months(store, partner):
    for month in range(1, 12):
        store.apply_remote("kpi_snapshot", {
            "id": f"k{month}", "partner_id": partner["id"], "period": f"2026-{month:02d}",
            "sales": 100.0 * month, "target": 1000.0}, version=1)
    data = gather_pack_data(store, partner["id"], today=TODAY, period_start=dt.date(2026, 10, 15),
                            period_end=TODAY)
    assert [k.period for k in data.kpis_in_period] == ["2026-10", "2026-11"]
    assert [k.period for k in data.kpis] == [f"2026-{m:02d}" for m in range(6, 12)]
    assert data.kpis[-1].ratio == pytest.approx(1.1)


def test_manager_name_comes_from_settings(store, partner):
    store.set_setting("manager_name", "王磊")
    assert gather_pack_data(store, partner["id"], today=TODAY).manager_name == "王磊"


def test_partners_due_this_week(store, partner):
    # 2026-11-27 is a Friday: the week runs Monday 23 to Sunday 29 November
    planned = store.create_partner(name_zh="本周拜访渠道", tier="ordinary", stage="mature")
    _meeting(store, planned["id"], "2026-11-28", status="planned")
    due = store.create_partner(name_zh="节奏到期渠道", tier="core", stage="mature")
    _meeting(store, due["id"], "2026-10-27")  # + 30 days = 11-26, inside the week
    long_overdue = store.create_partner(name_zh="久未拜访渠道", tier="core", stage="mature")
    _meeting(store, long_overdue["id"], "2026-06-01")
    _meeting(store, partner["id"], "2026-11-20")  # due 12-20: not this week
    ids = partners_due_this_week(store, TODAY)
    assert set(ids) == {planned["id"], due["id"]}


def test_checklist_answers_stored_as_text_are_read(store, partner):
    tpl = store.rows("checklist_template", "tier IS NULL")[0]
    store.create("checklist_run", {
        "partner_id": partner["id"], "template_id": tpl["id"], "performed_on": "2026-11-01",
        "answers": json.dumps({"data": {"value": "no", "comment": "没有数据"}}), "score": 0.0})
    data = gather_pack_data(store, partner["id"], today=TODAY)
    assert [i.key for i in data.checklist.failed] == ["data"]


def test_a_partner_never_met_with_a_first_visit_planned_is_not_late_before_it(store):
    """domain.visit_due_on's rule, as Today uses it: a first visit planned later than
    the cadence allows moves the deadline to that visit."""
    partner = store.create_partner(name_zh="待拜访渠道", tier="core", stage="intro")
    created = dt.date.fromisoformat(partner["created_at"][:10])
    today = created + dt.timedelta(days=40)
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": "planned",
                             "starts_at": (today + dt.timedelta(days=5)).isoformat() + " 10:00"})
    data = gather_pack_data(store, partner["id"], today=today)
    assert data.cadence.kept
    assert data.next_meeting is not None


def test_a_partner_owned_item_done_is_no_longer_open_nor_a_next_step(store, partner):
    pid = partner["id"]
    theirs = store.create_action_item(partner_id=pid, title="提交门店名单", owner_side="partner",
                                      severity="low", opened_on="2026-11-01")
    ours = store.create_action_item(partner_id=pid, title="回复返点问题", owner_side="ours",
                                    severity="low", opened_on="2026-11-01")
    for item in (theirs, ours):
        store.update("action_item", item["id"], {"status": "done", "done_on": "2026-11-20"})
    data = gather_pack_data(store, pid, today=TODAY)
    assert [a["id"] for a in data.open_actions] == [ours["id"]]  # ours awaits feedback
    assert theirs["id"] in {a["id"] for a in data.done_actions}
