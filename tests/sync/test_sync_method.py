"""Joint goals, stage history and touchpoints through the real server (SQLite and
PostgreSQL): they travel between a manager's laptops, and a manager writes them only
for partners in their scope (issue 14)."""
from __future__ import annotations

from models import playbook
from sync.client import held_ops
from tests.sync.sync_world import SyncWorld


def test_goals_stage_moves_and_touchpoints_travel_between_laptops(world: SyncWorld):
    head = world.laptop("head", "head")
    p = head.store.create_partner(name_zh="华东渠道", tier="core", stage="running_in")
    head.sync()
    world.assign(p["id"], "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    meeting = a.store.create("meeting", {"partner_id": p["id"], "type": "quarterly_review",
                                         "starts_at": "2026-10-08 10:00", "status": "held"})
    contact = a.store.create("contact", {"partner_id": p["id"], "name": "王总"})
    annual = a.store.create("joint_goal", {
        "partner_id": p["id"], "title": "年度销售额", "kpi": "sales", "target": 1200000,
        "period": "2026", "status": "agreed", "meeting_id": meeting["id"],
        "our_commitment": "市场基金 5 万", "partner_commitment": "新增两名销售"})
    stage = a.store.create("joint_goal", {
        "partner_id": p["id"], "title": "四季度销售额", "kpi": "sales", "target": 400000,
        "period": "2026-Q4", "status": "on_track", "parent_id": annual["id"]})
    a.store.create("touchpoint", {"partner_id": p["id"], "contact_id": contact["id"],
                                  "happened_on": "2026-09-15", "kind": "gift", "note": "中秋月饼"})
    playbook.update_partner(a.store, p["id"], {"stage": "mature", "agreement_end": "2027-03-31",
                                               "service_terms": "专属客服"}, reason="磨合期结束")
    r = a.sync()
    assert r.rejected == 0 and a.store.pending_count() == 0
    assert world.record("joint_goal", stage["id"])["parent_id"] == annual["id"]
    assert world.record("partner", p["id"])["agreement_end"] == "2027-03-31"
    assert world.count("stage_change", partner_id=p["id"]) == 1

    b = world.laptop("b", "li.na")
    b.sync()
    assert b.store.get("joint_goal", annual["id"])["partner_commitment"] == "新增两名销售"
    (move,) = playbook.stage_history(b.store, p["id"])
    assert (move["from_stage"], move["to_stage"], move["reason"]) == ("running_in", "mature", "磨合期结束")
    (touch,) = playbook.touchpoints(b.store, p["id"])
    assert (touch["kind"], touch["contact_name"]) == ("gift", "王总")
    b.store.update("joint_goal", stage["id"], {"status": "at_risk"})
    b.sync()
    a.sync()
    assert a.store.get("joint_goal", stage["id"])["status"] == "at_risk"
    assert a.sync().verified is not False


def test_a_manager_writes_goals_only_in_their_partners_scope(world: SyncWorld):
    head = world.laptop("head", "head")
    p = head.store.create_partner(name_zh="西南渠道", tier="ordinary", stage="intro")
    head.sync()
    world.assign(p["id"], "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    # wang.wei learned of the partner somehow (a copied profile): his laptop has it
    w = world.laptop("w", "wang.wei")
    w.store.apply_remote("partner", a.store.get("partner", p["id"]), version=1)
    goal = w.store.create("joint_goal", {"partner_id": p["id"], "title": "越权目标",
                                         "period": "2026", "status": "agreed"})
    touch = w.store.create("touchpoint", {"partner_id": p["id"], "happened_on": "2026-11-01",
                                          "kind": "call"})
    w.sync()
    assert world.record("joint_goal", goal["id"]) is None
    assert world.record("touchpoint", touch["id"]) is None
    # answered as if the partner did not exist: held, never applied
    assert {op["entity_id"] for op in held_ops.held_ops(w.store)} == {goal["id"], touch["id"]}
    a.sync()
    assert a.store.count("joint_goal") == 0
