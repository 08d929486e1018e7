"""Planned visits: plan one on a day, move it, hold it at the real time."""
from __future__ import annotations

import datetime as dt

import pytest

from models import insights, planning
from models.errors import ValidationError

TODAY = dt.date(2026, 11, 27)


def test_plan_move_and_hold_a_visit(store, partner):
    row = planning.plan_visit(store, partner["id"], dt.datetime(2026, 12, 2, 14, 30))
    assert (row["status"], row["starts_at"], row["type"]) == ("planned", "2026-12-02 14:30",
                                                              "visit")
    assert row["agenda"]  # suggested from the type, like any new meeting
    moved = planning.move_visit(store, row["id"], dt.date(2026, 12, 4))
    assert moved["starts_at"] == "2026-12-04 14:30"
    ov = insights.partner_overviews(store, TODAY, partner_ids=[partner["id"]])[0]
    assert ov.last_met is None and ov.next_planned == dt.date(2026, 12, 4)
    held = planning.hold_meeting(store, row["id"], dt.datetime(2026, 11, 27, 9, 5))
    assert (held["status"], held["starts_at"]) == ("held", "2026-11-27 09:05")
    ov = insights.partner_overviews(store, TODAY, partner_ids=[partner["id"]])[0]
    assert ov.last_met == TODAY and ov.visit_status == "ok"
    # a held meeting is neither moved nor held again: a clear refusal, nothing changed
    with pytest.raises(ValidationError) as refused:
        planning.move_visit(store, row["id"], dt.date(2026, 12, 9))
    assert refused.value.code == planning.NOT_PLANNED
    assert store.get("meeting", row["id"])["starts_at"] == "2026-11-27 09:05"


def _partners(store, specs):
    """(name, tier, region, last visit or None) → ids by name; on the books since January."""
    store.clock = lambda: "2026-01-05 09:00:00"
    ids = {}
    for name, tier, region, met in specs:
        p = store.create_partner(name_zh=name, tier=tier, stage="mature", region=region)
        if met:
            store.create("meeting", {"partner_id": p["id"], "type": "visit", "status": "held",
                                     "starts_at": f"{met} 10:00"})
        ids[name] = p["id"]
    return ids


def test_suggest_a_week_by_tier_region_and_day_limit(store):
    ids = _partners(store, [
        ("普通甲", "ordinary", "华东", "2026-08-01"),     # overdue (90 days)
        ("核心乙", "core", "华南", "2026-11-10"),          # due 12-10, in the week
        ("核心丙", "core", "华东", "2026-10-01"),          # overdue
        ("战略丁", "strategic", "华南", None),             # never met: overdue
        ("新兴戊", "emerging", "华北", "2026-11-20"),      # due 12-11, in the week
        ("核心己", "core", "华北", "2026-11-25"),          # due 12-25: not this week
        ("普通庚", "ordinary", "华东", "2026-09-20"),     # due 12-19: not this week
    ])
    planned = store.create_partner(name_zh="已计划", tier="core", stage="mature", region="华东")
    planning.plan_visit(store, planned["id"], dt.datetime(2026, 12, 7, 9, 0))
    overviews = insights.partner_overviews(store, TODAY)
    assert planning.coming_week(TODAY) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    week = (dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    got = planning.suggest_week(store, overviews, TODAY, week, per_day=2)
    names = [(s.partner_name, s.day.isoformat()) for s in got]
    # core first (overdue before due), strategic, emerging, ordinary; the 华东 pair
    # together on Monday (one slot left beside the visit already planned there),
    # 华南 together, then 华北; the weekend is not used
    assert [s.partner_name for s in sorted(got, key=lambda s: (
        {"core": 0, "strategic": 1, "emerging": 2, "ordinary": 3}[s.tier]))][:2] == [
        "核心丙", "核心乙"]
    assert names == [("核心丙", "2026-12-07"), ("普通甲", "2026-12-08"),
                     ("核心乙", "2026-12-08"), ("战略丁", "2026-12-09"),
                     ("新兴戊", "2026-12-09")]
    assert {s.partner_id for s in got}.isdisjoint({ids["核心己"], ids["普通庚"], planned["id"]})
    assert {s.partner_name: s.reason for s in got}["核心乙"] == "cadence"
    # a limit of one a day spreads them; capacity cuts the least important
    one = planning.suggest_week(store, overviews, TODAY, week, per_day=1)
    assert [(s.partner_name, s.day.day) for s in one] == [
        ("核心丙", 8), ("核心乙", 9), ("战略丁", 10), ("新兴戊", 11)]


def test_accepted_suggestions_are_planned_in_one_transaction(store, partner):
    rows = planning.plan_visits(store, [(partner["id"], dt.datetime(2026, 12, 8, 10, 0))])
    assert [(r["status"], r["starts_at"]) for r in rows] == [("planned", "2026-12-08 10:00")]
    with pytest.raises(ValidationError):
        planning.plan_visits(store, [(partner["id"], dt.datetime(2026, 12, 9, 10, 0)),
                                     ("0f8fad5b-d9cb-469f-a165-70867728950e", dt.datetime(2026, 12, 9, 11, 0))])
    assert len(store.rows("meeting", "status = 'planned'")) == 1
