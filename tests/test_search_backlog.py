"""The search backlog: records a first sync applies without indexing them are indexed
later in chunks, and then search exactly as if they had been indexed at once; edits,
deletes, re-deliveries and a failure half-way lose nothing and index nothing twice."""
from __future__ import annotations

import uuid

import pytest

from models.search_index import SearchIndex
from models.store import K_SEARCH_BACKLOG, Store
from tests.keys import open_test_database

PARTNER = str(uuid.uuid4())


def pulled(n: int, start: int = 0, note: str = "渠道激励与返点") -> list[tuple[dict, int]]:
    """A partner's meetings as a pull delivers them: (row, version)."""
    return [({"id": str(uuid.UUID(int=i + 1)), "partner_id": PARTNER, "type": "visit",
              "starts_at": "2026-11-20 10:00", "notes": f"第{i}次拜访：{note} visit {i}"}, 100 + i)
            for i in range(start, start + n)]


def index_of(store: Store) -> set[tuple]:
    """What the index holds, by record (document ids differ between stores)."""
    return set(store.db.execute(
        "SELECT d.entity, d.entity_id, d.partner_id, d.title, f.title, f.body "
        "FROM search_fts f JOIN search_docs d ON d.docid = f.rowid").fetchall())


@pytest.fixture
def two(tmp_path):
    """The same records in two stores: one indexed as applied, one through the backlog."""
    now = Store(open_test_database(tmp_path / "now.db"))
    later = Store(open_test_database(tmp_path / "later.db"))
    for s, index in ((now, True), (later, False)):
        s.apply_remote_many("partner", [({"id": PARTNER, "name_zh": "华东渠道分销商",
                                          "tier": "core", "stage": "mature"}, 99)], index=index)
        s.apply_remote_many("meeting", pulled(45), index=index)
    yield now, later
    now.db.conn.close()
    later.db.conn.close()


def drain(store: Store, limit: int) -> list[int]:
    chunks = []
    while n := store.index_backlog(limit):
        chunks.append(n)
    return chunks


def test_the_backlog_ends_with_the_index_a_direct_apply_gives(two):
    now, later = two
    assert later.search("返点") == [] and later.search("华东") == []
    assert later.search_backlog_pending() and later.search_backlog_count() == 46
    assert not now.search_backlog_pending()
    assert drain(later, 20) == [20, 20, 6]
    assert not later.search_backlog_pending()
    assert later.get_setting(K_SEARCH_BACKLOG) is None
    assert index_of(later) == index_of(now)
    assert len(later.search("返点", limit=100)) == 45


def test_edits_and_deletes_while_waiting_are_neither_lost_nor_indexed_twice(two):
    _, later = two
    first, second = pulled(2)
    later.update("meeting", first[0]["id"], {"notes": "本地修改：联合促销"})  # indexed now
    later.delete("meeting", second[0]["id"])
    assert [h.entity_id for h in later.search("促销")] == [first[0]["id"]]
    drain(later, 7)
    assert [h.entity_id for h in later.search("促销")] == [first[0]["id"]]
    assert second[0]["id"] not in {h.entity_id for h in later.search("返点", limit=100)}
    docs = later.db.execute("SELECT count(*), count(DISTINCT entity_id) FROM search_docs").fetchone()
    assert docs == (45, 45)  # 44 live meetings and the partner, each once


def test_a_record_delivered_again_without_index_loses_its_stale_document(two):
    now, later = two
    assert later.index_backlog(30) == 30  # the partner and the first 29 meetings
    again = pulled(1, note="库存周转")
    for s in (now, later):
        s.apply_remote_many("meeting", again, index=s is now)
    assert later.search("周转") == [] and later.search("激励", limit=100) != []
    assert again[0][0]["id"] not in {h.entity_id for h in later.search("激励", limit=100)}
    # the upsert kept the record's old rowid, before the position reached: found anyway
    assert drain(later, 100) == [17]
    assert index_of(later) == index_of(now)


def test_a_chunk_that_fails_half_way_is_redone_whole(two, monkeypatch):
    now, later = two
    later.index_backlog(10)
    real = SearchIndex.index_many
    calls = []

    def failing(self, ent, rows):
        calls.append(len(rows))
        real(self, ent, rows)
        raise OSError("disk went away")

    monkeypatch.setattr(SearchIndex, "index_many", failing)
    with pytest.raises(OSError):
        later.index_backlog(10)
    monkeypatch.setattr(SearchIndex, "index_many", real)
    assert calls == [10]
    assert later.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 10  # rolled back
    drain(later, 10)
    assert index_of(later) == index_of(now)


def test_an_unreadable_backlog_position_rescans_everything(two):
    now, later = two
    later.index_backlog(15)
    later.set_setting(K_SEARCH_BACKLOG, "{not json")
    assert later.search_backlog_pending()
    drain(later, 1000)
    assert index_of(later) == index_of(now)
    assert not later.search_backlog_pending()


def test_the_search_index_is_a_collaborator_of_the_store_not_a_base(store):
    """Issue 12, item 4: the index is its own object (``store.index``), holding its own
    state, not a mixin the store inherits from."""
    assert Store.__bases__ == (object,)
    assert isinstance(store.index, SearchIndex) and store.index._store is store
    p = store.create_partner(name_zh="华东协作渠道", tier="core", stage="mature")
    assert [h.entity_id for h in store.index.search("协作")] == [p["id"]]
