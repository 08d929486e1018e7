"""Pull pages grow while they apply quickly, stay small when they do not, and keep a
page size set by hand."""
from __future__ import annotations

import pytest

from sync.client import pulling
from tests.sync.sync_world import SyncWorld


@pytest.fixture
def small_pages(monkeypatch):
    """Pages start at 5 records, so a few dozen records show the growth."""
    monkeypatch.setattr(pulling, "PULL_LIMIT", 5)


def requested_limits(laptop) -> list[int]:
    limits: list[int] = []
    fetch = laptop.engine.puller._fetch_page

    def spy(cursor, device, limit):
        limits.append(limit)
        return fetch(cursor, device, limit)

    laptop.engine.puller._fetch_page = spy
    return limits


def seed(world: SyncWorld, n: int) -> None:
    a = world.laptop("a", "li.na")
    with a.store.transaction():
        p = a.store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
        for i in range(n):
            a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                       "starts_at": "2026-11-20 10:00", "notes": f"拜访 {i}"})
    assert a.sync().pushed == n + 1


def test_pages_grow_while_they_apply_quickly(world: SyncWorld, small_pages):
    seed(world, 70)
    b = world.laptop("b", "li.na")
    limits = requested_limits(b)
    r = b.sync()
    assert r.pulled >= 71 and r.verified
    # the second page is asked for before the first is applied, so it cannot grow yet
    assert limits == [5, 5, 10, 20, 40]
    assert b.store.count("meeting") == 70


def test_slow_pages_stay_small_and_a_set_page_size_stays_fixed(world: SyncWorld, small_pages,
                                                                monkeypatch):
    seed(world, 30)
    monkeypatch.setattr(pulling, "PAGE_APPLY_TARGET_S", 0.0)  # every page is "slow"
    b = world.laptop("b", "li.na")
    limits = requested_limits(b)
    assert b.sync().verified
    assert set(limits) == {5}
    c = world.laptop("c", "li.na")
    monkeypatch.setattr(pulling, "PAGE_APPLY_TARGET_S", 60.0)
    c.engine.pull_limit = 7  # set by hand: fixed
    limits = requested_limits(c)
    assert c.sync().verified
    assert set(limits) == {7} and len(limits) >= 5


def test_a_deferred_first_sync_leaves_search_to_the_backlog_and_later_pulls_index(
        world: SyncWorld):
    seed(world, 12)
    b = world.laptop("b", "li.na")
    b.restart(defer_search_index=True)
    r = b.sync()
    assert r.verified and r.search_backlog
    assert b.store.count("meeting") == 12  # every record is there at once
    assert b.store.search("拜访") == []  # only search waits
    while b.store.index_backlog(5):
        pass
    assert len(b.store.search("拜访", limit=100)) == 12
    # a later sync pulls from its cursor: what it brings is indexed as it is applied
    c = world.laptop("c", "li.na")
    assert c.sync().verified
    pid = c.store.rows("partner")[0]["id"]
    c.store.create("meeting", {"partner_id": pid, "type": "training",
                               "starts_at": "2026-11-21 09:00", "notes": "新品培训：库存周转"})
    assert c.sync().pushed == 1
    r = b.sync()
    assert r.pulled >= 1 and not r.search_backlog
    assert len(b.store.search("周转")) == 1


def test_a_cancelled_sync_keeps_what_it_did_and_the_next_one_goes_on(world: SyncWorld):
    from sync.client.errors import SyncCancelled

    seed(world, 30)
    b = world.laptop("b", "li.na")
    b.engine.pull_limit = 5
    pages: list[int] = []

    def stop_after_two_pages(p):
        if p.phase == "pull":
            pages.append(p.done)
            if len(pages) == 2:
                b.engine.cancel()

    b.engine.progress = stop_after_two_pages
    with pytest.raises(SyncCancelled):
        b.sync()
    kept = b.store.count("meeting") + b.store.count("partner")
    assert 0 < kept <= 10  # the two pages applied, not more
    b.engine.progress = None
    r = b.sync()  # goes on from the saved cursor
    assert r.verified and b.store.count("meeting") == 30
    # offline edits, then a push stopped after its first batch
    pid = b.store.rows("partner")[0]["id"]
    with b.store.transaction():
        for i in range(12):
            b.store.create("meeting", {"partner_id": pid, "type": "visit",
                                       "starts_at": "2026-11-22 10:00", "notes": f"离线 {i}"})
    b.engine.push_batch_size = 5
    b.engine.progress = lambda p: p.phase == "push" and p.done >= 5 and b.engine.cancel()
    with pytest.raises(SyncCancelled):
        b.sync()
    assert b.store.pending_count() == 7  # the first batch was answered and kept
    b.engine.progress = None
    r = b.sync()
    assert r.pushed == 7 and r.verified and b.store.pending_count() == 0
    assert world.count("meeting") == 42  # nothing twice
