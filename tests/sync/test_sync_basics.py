"""First syncs: a laptop's records reach the server once and come back to another."""
from __future__ import annotations

import pytest

from sync.client.errors import AuthError, NotSignedInError, SyncInProgress
from tests.sync.sync_world import PASSWORD, SyncWorld


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


def test_a_second_sync_while_one_runs_is_refused(world: SyncWorld):
    a = world.laptop("a", "li.na")
    a.store.create_partner(name_zh="并发渠道", tier="core", stage="intro")
    seen = []

    def sync_again(progress):
        if not seen:
            with pytest.raises(SyncInProgress):
                a.engine.sync()
            seen.append(a.engine.status().running)

    a.engine.progress = sync_again
    assert a.sync().pushed == 1
    assert seen == [True] and not a.engine.status().running


def test_verify_mismatch_is_repaired_and_logged(world: SyncWorld, caplog):
    a = world.laptop("a", "li.na")
    p = a.store.create_partner(name_zh="校验渠道", tier="ordinary", stage="mature")
    m = a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                   "starts_at": "2026-11-21 10:00", "notes": "会被误删"})
    a.sync()
    # the local copy drifts: a record the server never had, and a lost one
    a.store.apply_remote("partner", {"id": "00000000-0000-4000-8000-000000000001",
                                     "name_zh": "幽灵渠道", "tier": "core", "stage": "intro"},
                         version=999_999)
    a.store.forget_records("meeting", [m["id"]])
    a.engine.verify_interval = 0
    with caplog.at_level("WARNING"):
        r = a.sync()
    assert r.verified and sorted(r.repaired) == ["meeting", "partner"]
    assert "repair" in caplog.text
    assert a.store.find("partner", "00000000-0000-4000-8000-000000000001") is None
    assert a.store.get("meeting", m["id"])["notes"] == "会被误删"


def test_sign_out_forgets_tokens_and_keeps_unsent_changes(world: SyncWorld):
    a = world.laptop("a", "li.na")
    a.store.create_partner(name_zh="退出前的渠道", tier="core", stage="intro")
    old_refresh = dict(a.credentials._secrets)
    a.engine.sign_out()
    st = a.engine.status()
    assert not st.signed_in and st.pending == 1
    assert a.credentials._secrets == {}
    with pytest.raises(NotSignedInError):
        a.sync()
    # the server revoked the device: the old refresh token is worthless now
    a.credentials._secrets.update(old_refresh)
    with pytest.raises(AuthError):
        a.sync()
    a.engine.sign_in("li.na", PASSWORD, "again")
    assert a.sync().pushed == 1


def test_an_unreadable_cursor_restarts_the_pull_from_zero(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = a.store.create_partner(name_zh="游标渠道", tier="core", stage="intro")
    a.sync()
    a.store.set_setting("sync.cursor", "not-a-cursor")
    r = a.sync()
    assert r.pulled >= 1 and "partner" in r.repaired
    assert a.store.get("partner", p["id"])["version"] > 0
    assert a.sync().pulled == 0
