"""Tombstone retention against the real server: a purge removes deleted records past
the retention, laptops that are up to date forget them too (verify keeps matching
without a repair), and a laptop whose cursor is older than the purge re-syncs from
zero keeping its outbox."""
from __future__ import annotations

import datetime as dt

from desktop.cli import main as cli_main
from sync.client import local_state as ls
from sync.client.held_ops import HoldPolicy
from sync.server import retention
from tests.scale.conftest import fast_settings
from tests.sync.sync_world import Laptop, SyncWorld


def _meeting(lap: Laptop, partner_id: str, notes: str) -> str:
    return lap.store.create("meeting", {"partner_id": partner_id, "type": "visit",
                                        "starts_at": "2026-11-20 10:00", "notes": notes})["id"]


def _local_ids(lap: Laptop, table: str = "meetings") -> set[str]:
    return {r[0] for r in lap.store.db.execute(f"SELECT id FROM {table}").fetchall()}


def test_a_purge_forgets_old_tombstones_and_a_stale_laptop_resyncs_keeping_its_outbox(tmp_path, db_url):
    world = SyncWorld(tmp_path, fast_settings(), db_url=db_url)
    try:
        world.add_user("li.na")
        a = world.laptop("a", "li.na")
        stale = world.laptop("stale", "li.na")  # the same manager's old laptop
        p = a.store.create_partner(name_zh="保留期渠道", tier="core", stage="mature")
        gone, kept, edited = (_meeting(a, p["id"], n) for n in ("会删除", "一直在", "离线修改"))
        a.sync()
        stale.sync()
        a.store.delete("meeting", gone)
        a.sync()  # the tombstone the stale laptop never pulls
        # offline on the stale laptop: an edit, a new meeting, and an edit of the
        # meeting deleted meanwhile (the server will not have it after the purge)
        stale.store.update("meeting", edited, {"agenda": "旧电脑的议程"})
        new = _meeting(stale, p["id"], "旧电脑新建")
        stale.store.update("meeting", gone, {"agenda": "改了已删除的"})

        world.clock_shift = dt.timedelta(days=179)  # within the default 180 days: kept
        assert retention.purge(world.engine, world.settings)["purged"] == {}
        world.clock_shift = dt.timedelta(days=181)  # the purge's clock only (tokens expire)
        result = retention.purge(world.engine, world.settings)
        world.clock_shift = dt.timedelta()
        assert result["purged"] == {"meeting": 1} and result["purged_through"] > 0
        assert world.record("meeting", gone) is None
        assert world.record("meeting", kept) is not None
        assert retention.purge(world.engine, world.settings, days=0)["purged"] == {}

        # the laptop that saw the delete forgets the tombstone as the server did
        assert a.store.rows("meeting", "id = ?", [gone], include_deleted=True)
        a.engine.verify_interval = 0  # verify although the sync moved no record
        r = a.sync()
        assert gone not in _local_ids(a)
        assert r.verified and r.repaired == [] and r.requeued == 0

        # the stale laptop: its cursor is older than the purge; it pushes first, then
        # the pull says reset (purged) and it re-reads everything; no op is re-sent
        stale.engine.hold_policy = HoldPolicy(syncs=2, seconds=0)
        acked_before = len(stale.store.outbox("acked"))
        r = stale.sync()
        assert r.requeued == 0 and r.held == 1 and r.verified
        assert "meeting" in r.repaired
        assert world.record("meeting", edited)["agenda"] == "旧电脑的议程"
        assert world.record("meeting", new)["notes"] == "旧电脑新建"
        assert world.conflicts() == []
        # its edit of the purged meeting is kept, pending, with the local record
        assert stale.store.pending_count() == 1
        assert stale.store.rows("meeting", "id = ?", [gone], include_deleted=True)
        assert len(stale.store.outbox("acked")) == acked_before + 2
        assert kept in _local_ids(stale)
        stale.sync()  # the bounded wait ends: shown as refused, never dropped
        (refused,) = stale.engine.rejected_ops()
        assert (refused["entity_id"], refused["outcome"]["reason"]) == (gone, "unknown_record")
        assert stale.store.get_setting(ls.K_CURSOR)
    finally:
        world.close()


def test_purge_command_and_retention_setting(tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/server.db"
    assert cli_main(["server", "demo", "--db", db]) == 0
    capsys.readouterr()
    assert cli_main(["server", "purge", "--db", db, "--days", "0"]) == 0
    out = capsys.readouterr().out
    assert '"purged_through"' in out and '"cutoff"' in out
    assert cli_main(["server", "purge", "--db", db, "--days", "-1"]) == 2
    assert "must not be negative" in capsys.readouterr().err
