"""What the partner workspace reads (models/workspace.py) follows the rules of the
Today and Partners pages (models/insights.py): one implementation of each."""
from __future__ import annotations

import datetime as dt

from models import insights
from models.domain import DEFAULT_CADENCE_DAYS, cadence_days
from models.workspace import KEY_DATES_DAYS, partner_profile, partner_reviews, partner_status


def test_a_partners_key_dates_are_todays_for_its_contacts(store):
    east = store.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    west = store.create_partner(name_zh="西部渠道", tier="core", stage="mature")
    for partner, name, birthday in ((east, "陈总", "1988-02-29"), (east, "赵经理", "1990-03-05"),
                                    (east, "远的", "1990-06-05"), (west, "王总", "1985-03-01")):
        store.create("contact", {"partner_id": partner["id"], "name": name, "birthday": birthday,
                                 "company_anniversary": "2015-02-28"})
    today = dt.date(2027, 2, 20)  # a common year: 29 February falls on 1 March
    mine = partner_profile(store, east["id"], today)["key_dates"]
    everyone = insights.upcoming_key_dates(store, today, KEY_DATES_DAYS)
    assert mine == [d for d in everyone if d["partner_id"] == east["id"]]
    assert [(d["name"], d["kind"], d["date"]) for d in mine] == [
        ("陈总", "company_anniversary", dt.date(2027, 2, 28)),
        ("赵经理", "company_anniversary", dt.date(2027, 2, 28)),
        ("远的", "company_anniversary", dt.date(2027, 2, 28)),
        ("陈总", "birthday", dt.date(2027, 3, 1)),
        ("赵经理", "birthday", dt.date(2027, 3, 5)),
    ]


def test_status_and_reviews_of_one_partner(store):
    partner = store.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    today = dt.date(2026, 11, 27)
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-10-01 10:00"})
    status = partner_status(store, partner["id"], today, cadence_days({"core": 90}))
    assert status == insights.partner_overviews(store, today, cadence_days({"core": 90}))[0]
    assert status.visit_status == "ok"
    reviews = partner_reviews(store, partner["id"])
    assert reviews["tier"] == "core" and reviews["runs"] == []
    assert reviews["templates"] == store.published_templates()


def test_a_partial_cadence_is_completed_from_the_defaults(store):
    assert cadence_days({"core": 14}) == {**DEFAULT_CADENCE_DAYS, "core": 14}
    store.create_partner(name_zh="新兴渠道", tier="emerging", stage="intro")
    # a cadence that names only one tier still rates every partner
    assert insights.partner_overviews(store, dt.date(2026, 11, 27), {"core": 14})
