"""First syncs: a laptop's records reach the server once and come back to another."""
from __future__ import annotations

from tests.sync.sync_world import SyncWorld


def test_create_push_pull_between_two_laptops(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = a.store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                               "starts_at": "2026-11-20 10:00", "notes": "季度复盘：返利透明"})
    r = a.sync()
    assert (r.pushed, r.applied, r.rejected) == (2, 2, 0)
    assert r.verified
    assert a.store.pending_count() == 0
    assert world.record("partner", p["id"])["name_zh"] == "华东渠道分销商"
    assert a.store.get("partner", p["id"])["version"] > 0
    world.assign(p["id"], "wang.wei")
    b = world.laptop("b", "wang.wei")
    r = b.sync()
    assert r.pulled >= 2 and r.verified
    assert b.store.get("partner", p["id"])["name_zh"] == "华东渠道分销商"
    assert [h.entity for h in b.store.search("返利")] == ["meeting"]
    # nothing to do: pull + verify only
    r = b.sync()
    assert (r.pushed, r.pulled) == (0, 0)
    assert r.requests <= 2
    print("no-op sync", r.requests, "requests", r.bytes, "bytes", f"{r.duration*1000:.0f} ms")
