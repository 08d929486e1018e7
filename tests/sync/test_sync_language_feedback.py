"""A partner's preferred language and an action item's feedback channel travel
through the real server (SQLite and PostgreSQL) between a manager's laptops, and the
server refuses a value outside the contract (issue 14)."""
from __future__ import annotations

from tests.sync.sync_world import SyncWorld


def test_language_and_feedback_channel_travel_between_laptops(world: SyncWorld):
    head = world.laptop("head", "head")
    p = head.store.create_partner(name_zh="华东渠道", tier="core", stage="mature", language="en")
    head.sync()
    world.assign(p["id"], "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    assert a.store.get("partner", p["id"])["language"] == "en"
    item = a.store.create("action_item", {
        "partner_id": p["id"], "title": "回复返点问题", "owner_side": "ours", "severity": "medium",
        "status": "open", "opened_on": "2026-11-20"})
    a.store.update("action_item", item["id"], {
        "status": "feedback_given", "feedback": "已电话告知", "feedback_channel": "phone"})
    a.store.update("partner", p["id"], {"language": "zh_CN"})
    r = a.sync()
    assert r.rejected == 0 and a.store.pending_count() == 0
    assert world.record("action_item", item["id"])["feedback_channel"] == "phone"
    assert world.record("partner", p["id"])["language"] == "zh_CN"
    b = world.laptop("b", "li.na")
    b.sync()
    got = b.store.get("action_item", item["id"])
    assert (got["feedback"], got["feedback_channel"]) == ("已电话告知", "phone")
    assert b.store.get("partner", p["id"])["language"] == "zh_CN"
    assert b.sync().verified is not False
