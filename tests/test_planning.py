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
