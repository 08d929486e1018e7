"""Several people editing the same records offline: field-level merge, kept conflicts,
deletes, and edits made while a sync is running."""
from __future__ import annotations

import datetime as dt

from models.store import utcnow
from tests.sync.sync_world import Laptop, SyncWorld


def _shared_partner(world: SyncWorld, *users: str) -> tuple[Laptop, dict]:
    head = world.laptop("head", "head")
    p = head.store.create_partner(name_zh="西南战略伙伴", tier="strategic", stage="advanced",
                                  region="西南", notes="初始备注")
    head.sync()
    for u in users:
        world.assign(p["id"], u)
    return head, p


def test_two_managers_and_head_office_merge_fields_and_keep_a_conflict(world: SyncWorld):
    head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    pid = p["id"]
    # offline, each edits: different fields, plus one field edited by both managers
    head.store.update("partner", pid, {"notes": "总部：本季度返利规则公开"})
    a.store.update("partner", pid, {"region": "华北", "incentive_scheme": "阶梯返利"})
    b.store.update("partner", pid, {"goals": "联合目标：复购率提升", "incentive_scheme": "项目分红"})
    assert head.sync().applied == 1
    ra = a.sync()
    assert (ra.merged, ra.conflict) == (1, 0)
    rb = b.sync()
    assert rb.conflict == 1
    assert rb.conflicts == [{"entity": "partner", "entity_id": pid, "field": "incentive_scheme",
                             "local_value": "项目分红", "server_value": "阶梯返利"}]
    (c,) = b.engine.conflicts()
    assert (c["local_value"], c["server_value"]) == ("项目分红", "阶梯返利")
    for lap in (head, a, b):
        lap.sync()
    expected = {"region": "华北", "goals": "联合目标：复购率提升", "notes": "总部：本季度返利规则公开",
                "incentive_scheme": "阶梯返利"}  # first to reach the server wins the clash
    server = world.record("partner", pid)
    assert {k: server[k] for k in expected} == expected
    for lap in (head, a, b):
        row = lap.store.get("partner", pid)
        assert {k: row[k] for k in expected} == expected, lap.name
        assert row["version"] == server["version"]
    assert [c["incoming_value"] for c in world.conflicts()] == ["项目分红"]


def test_an_edit_made_while_a_sync_is_in_flight_stays_pending(world: SyncWorld):
    _head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    b.store.update("partner", p["id"], {"goals": "服务器上的新目标"})
    b.sync()
    a.store.update("partner", p["id"], {"region": "华中"})
    edits = []

    def edit_during_sync(progress):
        if not edits and progress.phase == "push":  # the batch is read, not yet answered
            edits.append(a.store.update("partner", p["id"], {"notes": "同步途中写的"}))

    a.engine.progress = edit_during_sync
    r = a.sync()
    assert r.pushed == 1  # only the region edit
    (late,) = a.store.outbox("pending")
    assert late["changes"] == {"notes": ["初始备注", "同步途中写的"]}
    row = a.store.get("partner", p["id"])
    assert row["notes"] == "同步途中写的"  # the pull did not undo it
    assert row["goals"] == "服务器上的新目标"  # but brought the rest
    a.engine.progress = None
    assert a.sync().pushed == 1
    assert world.record("partner", p["id"])["notes"] == "同步途中写的"


def test_a_pull_keeps_a_pending_edit_of_the_same_field(world: SyncWorld):
    _head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    b.store.update("partner", p["id"], {"notes": "B 的备注"})
    b.sync()

    def edit_before_pull(progress):
        if progress.phase == "push" and not a.store.outbox("pending")[1:]:
            a.store.update("partner", p["id"], {"notes": "A 在同步时写的备注"})

    a.store.update("partner", p["id"], {"region": "东北"})
    a.engine.progress = edit_before_pull
    a.sync()
    assert a.store.get("partner", p["id"])["notes"] == "A 在同步时写的备注"
    a.engine.progress = None
    r = a.sync()
    assert r.conflict == 1  # B was first; both texts are kept
    assert world.record("partner", p["id"])["notes"] == "B 的备注"
    assert a.engine.conflicts()[0]["local_value"] == "A 在同步时写的备注"
    assert a.store.get("partner", p["id"])["notes"] == "B 的备注"


def test_delete_versus_offline_edit_revives_with_a_conflict(world: SyncWorld):
    head, p = _shared_partner(world, "li.na", "wang.wei")
    m = head.store.create("meeting", {"partner_id": p["id"], "type": "quarterly_review",
                                      "starts_at": "2026-10-10 14:00", "notes": "季度复盘"})
    head.sync()
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    a.store.delete("meeting", m["id"])
    a.sync()
    assert world.record("meeting", m["id"])["deleted"] == 1
    b.store.update("meeting", m["id"], {"decisions": "离线补充的决定"})
    rb = b.sync()
    assert rb.conflict == 1
    assert b.engine.conflicts()[0]["kind"] == "edit_revived"
    a.sync()
    for lap in (a, b):
        row = lap.store.get("meeting", m["id"])
        assert row["decisions"] == "离线补充的决定" and row["notes"] == "季度复盘"


def test_offline_edit_then_remote_delete_keeps_the_tombstone(world: SyncWorld):
    head, p = _shared_partner(world, "li.na", "wang.wei")
    m = head.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                      "starts_at": "2026-10-11 09:00"})
    head.sync()
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    b.store.update("meeting", m["id"], {"notes": "先到服务器"})
    b.sync()
    a.store.delete("meeting", m["id"])  # based on the older version
    assert a.sync().pushed == 1
    b.sync()
    assert b.store.find("meeting", m["id"]) is None
    assert b.store.get("meeting", m["id"], include_deleted=True)["notes"] == "先到服务器"


def test_create_then_delete_offline(world: SyncWorld):
    _head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync()
    m = a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                   "starts_at": "2026-11-01 10:00", "notes": "写错了"})
    a.store.delete("meeting", m["id"])
    r = a.sync()
    assert (r.pushed, r.rejected) == (2, 0)
    assert world.record("meeting", m["id"])["deleted"] == 1
    b.sync()
    assert b.store.find("meeting", m["id"]) is None
    assert b.store.search("写错") == []


def test_a_client_clock_days_off_does_not_decide_anything(world: SyncWorld):
    _head, p = _shared_partner(world, "li.na", "wang.wei")
    past = lambda: (dt.datetime.fromisoformat(utcnow()) - dt.timedelta(days=5)).isoformat(
        sep=" ", timespec="seconds")
    future = lambda: (dt.datetime.fromisoformat(utcnow()) + dt.timedelta(days=3)).isoformat(
        sep=" ", timespec="seconds")
    a = world.laptop("a", "li.na", clock=past)
    b = world.laptop("b", "wang.wei", clock=future)
    a.sync(), b.sync()
    b.store.update("partner", p["id"], {"goals": "B（时钟快三天）"})
    a.store.update("partner", p["id"], {"goals": "A（时钟慢五天）", "region": "华南"})
    # A reaches the server first: its value stands although B's clock says later
    a.sync()
    assert b.sync().conflict == 1
    a.sync()
    server = world.record("partner", p["id"])
    assert (server["goals"], server["region"]) == ("A（时钟慢五天）", "华南")
    assert server["updated_at"][:10] == utcnow()[:10]  # the server's clock, not a laptop's
    assert a.store.get("partner", p["id"])["goals"] == b.store.get("partner", p["id"])["goals"]


def test_head_office_and_every_laptop_in_scope_see_one_conflict_until_it_is_resolved(
        world: SyncWorld):
    head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    a.store.update("partner", p["id"], {"incentive_scheme": "阶梯返利"})
    b.store.update("partner", p["id"], {"incentive_scheme": "项目分红"})
    a.sync()
    assert b.sync().conflict == 1
    # raised by b's change; head office and li.na (the partner is hers too) see it
    for lap in (head, a):
        r = lap.sync()
        assert r.open_conflicts == 1
        (c,) = lap.engine.conflicts()
        assert (c["entity_id"], c["field"], c["local_value"], c["server_value"]) == (
            p["id"], "incentive_scheme", "项目分红", "阶梯返利"), lap.name
    # nothing new: no extra request for the list
    assert head.sync().requests == 1
    # head office settles it; the laptops close theirs at their next sync
    (c,) = head.engine.conflicts()
    head.engine.resolve_conflict(c["id"], "incoming")
    for lap in (a, b):
        lap.sync()
        assert lap.engine.conflicts() == [], lap.name
        assert lap.store.get("partner", p["id"])["incentive_scheme"] == "项目分红"


def test_the_laptop_reads_every_page_of_the_conflict_list(world: SyncWorld, monkeypatch):
    """The server pages its conflict list (sync/server/paging.py): the laptop follows
    the cursor, so the details of every conflict its push raised, and the conflicts
    raised elsewhere, reach it however many pages they fill."""
    from sync.client import conflicts as client_conflicts

    monkeypatch.setattr(client_conflicts, "CONFLICT_PAGE", 2)
    head, p = _shared_partner(world, "li.na", "wang.wei")
    a, b = world.laptop("a", "li.na"), world.laptop("b", "wang.wei")
    a.sync(), b.sync()
    fields = ("notes", "goals", "region", "incentive_scheme", "address")
    head.store.update("partner", p["id"], {f: f"总部 {f}" for f in fields})
    head.sync()
    a.store.update("partner", p["id"], {f: f"经理 {f}" for f in fields})
    ra = a.sync()
    assert ra.conflict == 1
    assert sorted(c["field"] for c in ra.conflicts) == sorted(fields)
    assert len(a.engine.conflicts()) == len(fields)
    b.sync()  # raised elsewhere: the other manager in scope lists them too
    assert len(b.engine.conflicts()) == len(fields)


def test_the_conflicts_are_a_collaborator_of_the_engine_not_a_base(world: SyncWorld):
    """Issue 12, item 4: the conflict list is an object of its own
    (``engine.conflict_book``) on the engine's store, not a mixin the engine inherits."""
    from sync.client.conflicts import ConflictBook
    from sync.client.engine import SyncEngine

    assert not any(base.__module__ == "sync.client.conflicts" for base in SyncEngine.__mro__)
    lap = world.laptop("a", "li.na")
    assert isinstance(lap.engine.conflict_book, ConflictBook)
    assert lap.engine.conflict_book.store is lap.engine.store
    assert lap.engine.conflicts() == []
