"""The visit cadence counts from the last held visit, else from the partner's creation
or its first planned visit; planned meetings are never visits until held. Today, the
Partners page and the week's packs read the same rule."""
from __future__ import annotations

import datetime as dt

from models import domain, insights
from models import today as today_data
from models.database import open_memory_database
from models.pack_data import partners_due_this_week
from models.store import Store

TODAY = dt.date(2026, 11, 27)  # a Friday


def _store(created: str) -> Store:
    return Store(open_memory_database(), clock=lambda: f"{created} 09:00:00")


def _overview(store: Store, pid: str, day: dt.date = TODAY) -> insights.PartnerOverview:
    return insights.partner_overviews(store, day, partner_ids=[pid])[0]


def test_a_new_partner_is_not_overdue_on_day_one():
    store = _store("2026-11-27")
    p = store.create_partner(name_zh="新渠道", tier="core", stage="intro")
    ov = _overview(store, p["id"])
    assert ov.visit_status == "ok" and ov.due_on == dt.date(2026, 12, 27)
    # due a week before the cadence runs out, overdue after it
    assert _overview(store, p["id"], dt.date(2026, 12, 20)).visit_status == "due"
    assert _overview(store, p["id"], dt.date(2026, 12, 28)).visit_status == "overdue"


def test_a_planned_meeting_is_not_a_visit_until_held():
    store = _store("2026-06-01")
    p = store.create_partner(name_zh="老渠道", tier="core", stage="mature")
    store.create("meeting", {"partner_id": p["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-10-01 10:00"})
    planned = store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                       "status": "planned", "starts_at": "2026-11-20 10:00"})
    ov = _overview(store, p["id"])
    assert ov.last_met == dt.date(2026, 10, 1) and ov.visit_status == "overdue"
    store.update("meeting", planned["id"], {"status": "held"})
    ov = _overview(store, p["id"])
    assert ov.last_met == dt.date(2026, 11, 20) and ov.visit_status == "ok"


def test_a_partner_never_met_counts_from_its_first_planned_visit_when_later():
    store = _store("2026-10-01")
    p = store.create_partner(name_zh="待拜访渠道", tier="core", stage="intro")
    assert _overview(store, p["id"]).visit_status == "overdue"  # created + 30 = 10-31
    store.create("meeting", {"partner_id": p["id"], "type": "visit", "status": "planned",
                             "starts_at": "2026-12-15 10:00"})
    ov = _overview(store, p["id"])
    assert (ov.visit_status, ov.due_on, ov.next_planned) == (
        "ok", dt.date(2026, 12, 15), dt.date(2026, 12, 15))
    # the planned day passes without the visit being held: overdue again
    assert _overview(store, p["id"], dt.date(2026, 12, 16)).visit_status == "overdue"


def test_domain_rule_and_overviews_agree():
    assert domain.visit_status(None, "core", TODAY) == "overdue"  # nothing to count from
    assert domain.visit_status(None, "core", TODAY, created_on=TODAY) == "ok"
    assert domain.visit_status(None, "ordinary", TODAY,
                               created_on=dt.date(2026, 8, 1)) == "overdue"  # 90 days
    assert domain.visit_due_on(None, "core", created_on=dt.date(2026, 11, 1),
                               planned_on=dt.date(2026, 11, 10)) == dt.date(2026, 12, 1)
    assert domain.visit_status(dt.date(2026, 11, 1), "core", TODAY) == "due"


def test_today_and_the_weeks_packs_use_the_same_rule():
    store = _store("2026-10-27")  # + 30 days = 11-26: falls due inside this week
    fresh = store.create_partner(name_zh="本周到期新渠道", tier="core", stage="intro")
    data = today_data.load_today(store, TODAY, {})
    assert [o.id for o in data.visits] == [fresh["id"]]
    assert partners_due_this_week(store, TODAY) == [fresh["id"]]
    store.clock = lambda: "2026-11-27 09:00:00"
    new = store.create_partner(name_zh="今天新建渠道", tier="core", stage="intro")
    assert new["id"] not in {o.id for o in today_data.load_today(store, TODAY, {}).visits}
    assert new["id"] not in partners_due_this_week(store, TODAY)


def test_a_meeting_ahead_starts_planned_one_begun_starts_held():
    now = dt.datetime(2026, 11, 27, 10, 0)
    assert domain.meeting_status_for(dt.datetime(2026, 12, 2, 9, 0), now) == "planned"
    assert domain.meeting_status_for(now, now) == "held"
    assert domain.meeting_status_for(dt.datetime(2026, 11, 20, 9, 0), now) == "held"
