"""A server restored from an older backup: every laptop brings it back to everything it
had acknowledged plus everything pending, in its own order, with no conflict against
itself; an op about a record the server does not have *yet* waits (it is not refused
for good) until the record arrives or the bounded wait ends, then shows as refused."""
from __future__ import annotations

from pathlib import Path

from sync.client import local_state as ls
from sync.client.held_ops import HoldPolicy
from sync.server import backup as server_backup
from sync.server.db import make_engine
from tests.scale.conftest import fast_settings
from tests.sync.sync_world import Laptop, SyncWorld


def _meeting(lap: Laptop, partner_id: str, notes: str) -> str:
    return lap.store.create("meeting", {"partner_id": partner_id, "type": "visit",
                                        "starts_at": "2026-11-20 10:00", "notes": notes})["id"]


def _restore(world: SyncWorld, backup_file: Path) -> None:
    """``server restore B --force`` with the server stopped, as an administrator does it."""
    world.stop()
    world.engine.dispose()
    server_backup.restore(backup_file, world.db_url, force=True)
    world.start()
    world.engine = make_engine(world.db_url)
    for lap in world.laptops:
        lap.engine.http.base_url = world.base_url


def _states(lap: Laptop) -> list[tuple]:
    return lap.store.db.execute("SELECT seq, entity, op, state FROM outbox ORDER BY seq").fetchall()


def _world(tmp_path: Path, db_url: str) -> SyncWorld:
    world = SyncWorld(tmp_path, fast_settings(), db_url=db_url)
    world.add_user("li.na")
    world.add_user("wang.wei")
    world.add_user("head", "admin")
    return world


def test_an_edit_acknowledged_after_the_backup_and_a_newer_pending_one_both_survive(tmp_path, db_url):
    world = _world(tmp_path, db_url)
    try:
        a = world.laptop("a", "li.na")
        p = a.store.create_partner(name_zh="恢复测试渠道", tier="core", stage="mature")
        old = _meeting(a, p["id"], "备份时的文字")
        a.sync()
        server_backup.backup(world.db_url, tmp_path / "B.backup")

        new = _meeting(a, p["id"], "备份后新建")  # created after the backup, acknowledged
        a.store.update("meeting", old, {"notes": "备份后第一次修改"})
        a.sync()
        assert a.store.pending_count() == 0
        a.store.update("meeting", old, {"notes": "最新的修改"})  # not synced
        a.store.update("meeting", new, {"notes": "新建后再改"})

        _restore(world, tmp_path / "B.backup")
        a.sync()
        a.sync()

        assert a.store.pending_count() == 0, _states(a)
        assert world.record("meeting", old)["notes"] == "最新的修改"
        assert world.record("meeting", new)["notes"] == "新建后再改"
        assert world.conflicts() == [], "no conflict of the laptop against itself"
        assert a.engine.rejected_ops() == []
        assert ls.conflicts(a.store) == []
        assert a.store.get("meeting", old)["notes"] == "最新的修改"
        assert a.store.get("meeting", new)["version"] == world.record("meeting", new)["version"]
    finally:
        world.close()


def test_a_restore_while_the_outbox_is_empty_replays_what_the_backup_lost(tmp_path, db_url):
    """No push to carry the epoch check: the pull's reset tells, and the lost ops go
    again after it, in order."""
    world = _world(tmp_path, db_url)
    try:
        a = world.laptop("a", "li.na")
        p = a.store.create_partner(name_zh="空发件箱", tier="core", stage="mature")
        m = _meeting(a, p["id"], "一")
        a.sync()
        server_backup.backup(world.db_url, tmp_path / "B.backup")
        a.store.update("meeting", m, {"notes": "二"})
        a.sync()
        a.store.update("meeting", m, {"notes": "三"})
        a.sync()
        _restore(world, tmp_path / "B.backup")
        a.sync()
        a.sync()
        assert world.record("meeting", m)["notes"] == "三"
        assert world.conflicts() == []
        assert a.store.pending_count() == 0 and a.engine.rejected_ops() == []
    finally:
        world.close()


def test_an_edit_to_a_record_another_laptop_created_after_the_backup_waits_for_it(tmp_path, db_url):
    world = _world(tmp_path, db_url)
    try:
        a = world.laptop("a", "li.na")
        b = world.laptop("b", "li.na")  # the same manager's second laptop
        p = a.store.create_partner(name_zh="两台电脑", tier="core", stage="mature")
        a.sync()
        server_backup.backup(world.db_url, tmp_path / "B.backup")

        m = _meeting(a, p["id"], "A 在备份后新建")
        a.sync()
        b.sync()
        b.store.update("meeting", m, {"agenda": "B 的议程"})
        b.sync()  # acknowledged by the server before the restore
        assert world.record("meeting", m)["agenda"] == "B 的议程"

        _restore(world, tmp_path / "B.backup")
        # B, offline, links a new action item to that meeting (a reference the restored
        # server does not have yet either)
        item = b.store.create_action_item(partner_id=p["id"], meeting_id=m, title="B 的待办",
                                          opened_on="2026-11-21")["id"]
        r1 = b.sync()  # A has not re-created the meeting yet
        r2 = b.sync()
        assert (r1.held, r2.held) == (2, 2) and r2.verified
        assert b.engine.rejected_ops() == [], "not refused for good while the record may come"
        assert b.store.pending_count() == 2, _states(b)
        assert b.store.get("meeting", m)["agenda"] == "B 的议程"
        assert world.record("action_item", item) is None
        a.sync()  # A brings the meeting back
        assert world.record("meeting", m)["notes"] == "A 在备份后新建"
        b.sync()
        assert b.store.pending_count() == 0 and b.engine.rejected_ops() == []
        row = world.record("meeting", m)
        assert (row["notes"], row["agenda"]) == ("A 在备份后新建", "B 的议程")
        assert world.record("action_item", item)["meeting_id"] == m
        assert world.conflicts() == []
        a.sync()
        assert a.store.get("meeting", m)["agenda"] == "B 的议程"
        assert a.store.get("action_item", item)["title"] == "B 的待办"
    finally:
        world.close()


def test_an_op_whose_record_never_comes_back_is_refused_after_the_wait_and_kept(tmp_path, db_url):
    """A's laptop was lost with the only copy of the meeting: B's edit waits through the
    bounded number of syncs, then is listed as refused, with its change, never dropped."""
    world = _world(tmp_path, db_url)
    try:
        a = world.laptop("a", "li.na")
        b = world.laptop("b", "li.na")
        p = a.store.create_partner(name_zh="丢失的电脑", tier="core", stage="mature")
        a.sync()
        server_backup.backup(world.db_url, tmp_path / "B.backup")
        m = _meeting(a, p["id"], "只在 A 上")
        a.sync()
        b.sync()
        b.store.update("meeting", m, {"agenda": "等不到的议程"})
        _restore(world, tmp_path / "B.backup")
        b.engine.hold_policy = HoldPolicy(syncs=3, seconds=0)
        for _ in range(2):
            assert b.sync().held == 1
            assert b.engine.rejected_ops() == []
        assert b.sync().rejected == 1
        refused = b.engine.rejected_ops()
        assert [(o["entity_id"], o["outcome"]["reason"]) for o in refused] == [(m, "unknown_record")]
        assert refused[0]["changes"]["agenda"][1] == "等不到的议程"
        assert refused[0]["outcome"]["held"]["syncs"] == 3
        assert b.store.pending_count() == 0
        assert b.store.get("meeting", m)["agenda"] == "等不到的议程"  # the local text stays
        assert b.sync().held == 0  # refused ops are not sent again
    finally:
        world.close()
