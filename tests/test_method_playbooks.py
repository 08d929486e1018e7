"""The method's playbooks in the data layer (issue 14): joint goals and their progress,
stage history, touchpoints as contact, slower replies, renewals, training counts,
stage sections of the review templates."""
from __future__ import annotations

import datetime as dt

import pytest

from models import goals, insights, playbook
from models.errors import ValidationError
from models.templates import BUILTIN_TEMPLATES, score_run, template_items


def _store_on(store, day: str):
    store.clock = lambda: f"{day} 09:00:00"
    return store


def test_a_stage_change_is_recorded_with_its_reason_in_the_same_write(store, partner):
    _store_on(store, "2026-11-20")
    playbook.update_partner(store, partner["id"], {"stage": "advanced", "region": "华北"},
                            reason="联合创新项目启动")
    playbook.update_partner(store, partner["id"], {"region": "华南"})  # no stage move
    (move,) = playbook.stage_history(store, partner["id"])
    assert (move["changed_on"], move["from_stage"], move["to_stage"], move["reason"]) == (
        "2026-11-20", "mature", "advanced", "联合创新项目启动")
    assert [o["entity"] for o in store.outbox()][-3:] == ["partner", "stage_change", "partner"]


def test_goal_periods_are_years_or_quarters(store, partner):
    base = {"partner_id": partner["id"], "title": "年度销售", "status": "agreed"}
    assert store.create("joint_goal", {**base, "period": "2026-q3"})["period"] == "2026-Q3"
    for bad in ("2026-Q5", "26", "2026-07", "Q3"):
        with pytest.raises(ValidationError, match="period"):
            store.create("joint_goal", {**base, "period": bad})


def test_goal_progress_from_a_kpi_and_at_risk_when_behind_its_period(store, partner, today):
    for month, sales in (("2026-07", 100.0), ("2026-08", 80.0), ("2026-09", 20.0)):
        store.apply_remote("kpi_snapshot", {"id": f"00000000-0000-4000-8000-0000000000{month[-1]}0",
                                            "partner_id": partner["id"], "period": month,
                                            "sales": sales, "repurchase_rate": 0.3}, version=1)
    annual = store.create("joint_goal", {"partner_id": partner["id"], "title": "年度销售额",
                                         "kpi": "sales", "target": 2000, "period": "2026",
                                         "status": "agreed"})
    q3 = store.create("joint_goal", {"partner_id": partner["id"], "title": "三季度销售额",
                                     "kpi": "sales", "target": 200, "period": "2026-Q3",
                                     "parent_id": annual["id"], "status": "on_track"})
    store.create("joint_goal", {"partner_id": partner["id"], "title": "复购率", "metric": "季度复购",
                                "actual": 0.1, "target": 0.2, "period": "2026-Q4",
                                "status": "proposed"})
    listed = goals.partner_goals(store, partner["id"], today)
    assert [g["title"] for g in listed] == ["年度销售额", "三季度销售额", "复购率"]
    by_title = {g["title"]: g for g in listed}
    assert by_title["年度销售额"]["progress"] == 200.0 and by_title["年度销售额"]["at_risk"]
    # the quarter ended at 100% of its target: not at risk
    assert by_title["三季度销售额"]["ratio"] == 1.0 and not by_title["三季度销售额"]["at_risk"]
    assert not by_title["复购率"]["at_risk"]  # proposed: not yet agreed
    assert [g["id"] for g in goals.goals_at_risk(store, today)] == [annual["id"]]
    store.update("joint_goal", q3["id"], {"status": "at_risk"})
    assert {g["id"] for g in goals.goals_at_risk(store, today)} == {annual["id"], q3["id"]}


def test_a_touchpoint_within_the_cadence_counts_as_contact(store, today):
    _store_on(store, "2026-05-01")  # created long before, never visited since
    partner = store.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    (ov,) = insights.partner_overviews(store, today)
    assert insights.Sign.NO_CONTACT in ov.signs
    store.create("touchpoint", {"partner_id": partner["id"], "happened_on": "2026-11-10",
                                "kind": "call"})
    (ov,) = insights.partner_overviews(store, today)
    assert ov.last_touch == dt.date(2026, 11, 10)
    assert insights.Sign.NO_CONTACT not in ov.signs
    assert ov.visit_status == "overdue"  # a call is not a visit


def _reply(store, partner_id, opened: str, done: str) -> None:
    item = store.create_action_item(partner_id=partner_id, title="请回复", owner_side="partner",
                                    opened_on=opened)
    store.update("action_item", item["id"], {"status": "done", "done_on": done})


def test_slower_replies_are_measured_against_the_partners_own_history(store, partner, today):
    for opened, done in (("2026-03-01", "2026-03-03"), ("2026-04-01", "2026-04-04"),
                         ("2026-05-01", "2026-05-03")):
        _reply(store, partner["id"], opened, done)
    _reply(store, partner["id"], "2026-10-01", "2026-10-03")
    (ov,) = insights.partner_overviews(store, today)
    assert ov.reply_days_recent is None  # one recent reply is not a trend
    _reply(store, partner["id"], "2026-10-20", "2026-11-12")
    (ov,) = insights.partner_overviews(store, today)
    assert ov.reply_days_usual == pytest.approx(7 / 3)
    assert ov.reply_days_recent == pytest.approx(12.5)
    assert insights.Sign.SLOWER_REPLIES in ov.signs


def test_renewals_and_training_counts(store, partner, today):
    store.update("partner", partner["id"], {"agreement_start": "2025-12-31",
                                            "agreement_end": "2026-12-31"})
    (due,) = playbook.renewals_due(store, today)
    assert due["in_days"] == 34
    assert playbook.renewals_due(store, today, days=30) == []
    store.create("meeting", {"partner_id": partner["id"], "type": "training",
                             "starts_at": "2026-09-01 10:00", "status": "held"})
    store.create("meeting", {"partner_id": partner["id"], "type": "training",
                             "starts_at": "2026-09-02 10:00", "status": "cancelled"})
    store.create("touchpoint", {"partner_id": partner["id"], "happened_on": "2026-10-01",
                                "kind": "training", "note": "线上产品培训"})
    assert playbook.training_count(store, partner["id"], today) == 2


def test_reviews_walk_the_sections_of_the_partners_stage():
    (ordinary,) = [t for t in BUILTIN_TEMPLATES if t["tier"] == "ordinary"]
    keys = {i["key"] for i in template_items(ordinary["sections"], "running_in")}
    assert {"runin_response", "auto_incentives", "growth"} <= keys
    assert "intro_rules" not in keys and "adv_innovation" not in keys
    # a review made before stages had sections walks what it walked then
    assert not any(i["key"].startswith(("intro_", "runin_", "mature_", "adv_"))
                   for i in template_items(ordinary["sections"]))
    _, completion = score_run(ordinary["sections"], {"runin_response": {"value": "yes"}},
                              "running_in")
    assert completion == pytest.approx(1 / len(keys), abs=0.001)
    for tpl in BUILTIN_TEMPLATES:
        assert {s.get("stage") for s in tpl["sections"]} >= {"intro", "running_in", "mature",
                                                             "advanced"}


def test_the_server_refuses_a_pushed_goal_with_a_bad_period():
    from sync import op_contract

    op = {"op_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "seq": 1, "entity": "joint_goal",
          "entity_id": "1f8fad5b-d9cb-469f-a165-70867728950e", "op": "create", "base_version": 0,
          "changes": {"period": [None, "2026-Q9"], "title": [None, "目标"]}}
    with pytest.raises(op_contract.OpRefused, match="period") as err:
        op_contract.check_op(op)
    assert err.value.reason == "invalid"
    op["changes"]["period"] = [None, "2026-q2"]
    assert op_contract.check_op(op).changes["period"] == (None, "2026-Q2")


def test_the_pack_data_carries_the_joint_goals_of_its_period(store, partner, today):
    from models.pack_data import gather_pack_data

    old = store.create("joint_goal", {"partner_id": partner["id"], "title": "2025 年目标",
                                      "period": "2025", "status": "achieved"})
    annual = store.create("joint_goal", {"partner_id": partner["id"], "title": "2026 年销售额",
                                         "period": "2026", "status": "agreed", "target": 100,
                                         "actual": 40})
    stage = store.create("joint_goal", {"partner_id": partner["id"], "title": "四季度",
                                        "period": "2026-Q4", "status": "on_track",
                                        "parent_id": annual["id"]})
    data = gather_pack_data(store, partner["id"], today=today,
                            period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 11, 27))
    assert [g["id"] for g in data.joint_goals] == [annual["id"], stage["id"]]
    assert old["id"] not in {g["id"] for g in data.joint_goals}
    assert data.joint_goals[0]["at_risk"] and data.joint_goals[1]["period_kind"] == "quarter"


def test_goals_read_in_one_batch_measure_what_one_by_one_does(store, partner, today):
    for n, month in enumerate(("2026-01", "2026-05", "2026-08", "2026-10")):
        store.apply_remote("kpi_snapshot", {"id": f"00000000-0000-4000-8000-00000000010{n}",
                                            "partner_id": partner["id"], "period": month,
                                            "sales": 10.0 * (n + 1), "profit": None,
                                            "active_customers": 40 + n}, version=1)
    rows = [store.create("joint_goal", {"partner_id": partner["id"], "title": k, "kpi": k,
                                        "period": p, "status": "agreed", "target": 100})
            for k in ("sales", "profit", "active_customers")
            for p in ("2026", "2026-Q2", "2026-Q3", "2026-Q4", "2025")]
    batch = goals.kpi_progress_many(store, rows)
    for g in rows:
        assert batch[g["id"]] == goals.kpi_progress(store, partner["id"], g["kpi"], g["period"])
    assert batch[rows[0]["id"]] == (100.0, dt.date(2026, 10, 31))
    assert batch[rows[1]["id"]] == (20.0, dt.date(2026, 5, 31))
    assert batch[rows[5]["id"]] == (None, None)  # profit never sent
