"""Head office moving partners between managers while laptops are offline; rejected
ops; a client upgraded with unsent changes; a server restored from a backup."""
from __future__ import annotations

import datetime as dt
import json
import uuid

from models import migrations
from sync.server import backup as server_backup
from tests.keys import open_test_database
from tests.sync.sync_world import Laptop, SyncWorld


def _partner(world: SyncWorld, head: Laptop, name: str, *users: str, meetings: int = 0) -> dict:
    p = head.store.create_partner(name_zh=name, tier="core", stage="running_in")
    for i in range(meetings):
        head.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                      "starts_at": f"2025-0{1 + i % 9}-1{i % 10} 10:00",
                                      "notes": f"{name} 历史拜访 {i}"})
    head.sync()
    for u in users:
        world.assign(p["id"], u)
    return p


def test_unassignment_with_unsynced_notes_keeps_them_then_forgets_the_partner(world):
    head = world.laptop("head", "head")
    p = _partner(world, head, "华东渠道", "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    note = a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                      "starts_at": "2026-11-26 15:00", "notes": "离线写的纪要"})
    world.unassign(p["id"], "li.na")  # meanwhile, at head office
    r = a.sync()
    assert (r.applied, r.rejected) == (1, 0)  # within the grace period
    assert r.removed_partners == [p["id"]]
    assert a.store.find("partner", p["id"]) is None and a.store.count("meeting") == 0
    assert a.store.search("离线") == []
    assert world.record("meeting", note["id"])["notes"] == "离线写的纪要"
    assert a.sync().verified is not False


def test_a_rejected_op_stays_visible_and_does_not_block_the_queue(world, tmp_path):
    head = world.laptop("head", "head")
    p = _partner(world, head, "过期渠道", "li.na")
    q = _partner(world, head, "在管渠道", "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                               "starts_at": "2026-11-02 10:00", "notes": "来不及发送"})
    a.store.update("partner", q["id"], {"notes": "这一条应当送达"})
    world.unassign(p["id"], "li.na")
    world.clock_shift = dt.timedelta(days=15)  # past the 14-day grace
    a.engine.session.access_token = None
    a.engine.credentials = a.credentials  # (the refresh token is still valid: 30 days)
    r = a.sync()
    assert (r.rejected, r.applied) == (1, 1)
    assert world.record("partner", q["id"])["notes"] == "这一条应当送达"
    (op,) = a.engine.rejected_ops()
    assert op["outcome"]["reason"] == "out_of_scope" and op["entity"] == "meeting"
    assert a.engine.status().rejected == 1 and a.engine.status().pending == 0
    out = tmp_path / "rejected.json"
    assert a.engine.export_rejected(out) == 1
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported[0]["changes"]["notes"] == [None, "来不及发送"]
    assert exported[0]["reason"] == "out_of_scope"


def test_reassignment_a_to_b_to_a_brings_back_the_whole_history(world: SyncWorld):
    head = world.laptop("head", "head")
    p = _partner(world, head, "来回调整的渠道", "li.na", meetings=5)
    a = world.laptop("a", "li.na")
    a.sync()
    assert a.store.count("meeting") == 5
    world.unassign(p["id"], "li.na")
    world.assign(p["id"], "wang.wei")
    b = world.laptop("b", "wang.wei")
    b.sync()
    b.store.update("partner", p["id"], {"goals": "B 期间定下的目标"})
    m = b.store.create("meeting", {"partner_id": p["id"], "type": "training",
                                   "starts_at": "2026-11-15 09:00", "notes": "B 的培训"})
    b.sync()
    world.unassign(p["id"], "wang.wei")
    world.assign(p["id"], "li.na")
    r = a.sync()  # a was offline through all of it
    assert a.store.get("partner", p["id"])["goals"] == "B 期间定下的目标"
    assert a.store.get("meeting", m["id"])["notes"] == "B 的培训"
    assert a.store.count("meeting") == 6 and r.verified
    b.sync()
    assert b.store.find("partner", p["id"]) is None


def test_a_newly_assigned_partner_arrives_with_its_old_history(world: SyncWorld):
    head = world.laptop("head", "head")
    old = _partner(world, head, "老渠道", meetings=12)  # nobody's yet
    a = world.laptop("a", "li.na")
    mine = _partner(world, head, "已分配的渠道", "li.na")
    a.sync()  # a's cursor is now past all of old's history
    assert a.store.find("partner", old["id"]) is None
    world.assign(old["id"], "li.na")
    r = a.sync()
    assert a.store.find("partner", old["id"]) is not None
    assert a.store.count("meeting", "partner_id = ?", [old["id"]]) == 12
    assert a.store.find("partner", mine["id"]) is not None and r.verified


def _old_outbox(db, entity: str, entity_id: str, op: str, diff: dict, base: int, now: str) -> None:
    """An outbox entry as every version since the first wrote it."""
    db.execute("INSERT INTO outbox (op_id, entity, entity_id, op, changes, base_version,"
               " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [str(uuid.uuid4()), entity, entity_id, op, json.dumps(diff, ensure_ascii=False),
                base, now])


def test_client_schema_upgrade_with_a_non_empty_outbox(world: SyncWorld):
    head = world.laptop("head", "head")
    p = _partner(world, head, "升级前的渠道", "li.na")
    path = world.folder / "old.db"
    # an older ChannelKeeper: no sync bookkeeping tables yet, unsent work in its outbox
    old_db = open_test_database(path, migrate=False)
    migrations.apply(old_db, stop_before="0004_sync_bookkeeping")
    # written as that version wrote them, with the columns its schema had (today's
    # Store would write today's columns: later migrations add fields and index keys)
    remote = world.record("partner", p["id"])
    now = "2026-11-03 09:00:00"
    with old_db.atomic():
        old_db.execute(
            "INSERT INTO partners (id, version, created_at, updated_at, deleted, name_zh, tier,"
            " stage, notes) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)",
            [p["id"], remote["version"], remote["created_at"], now, remote["name_zh"],
             remote["tier"], remote["stage"], "旧版本里写的"])
        _old_outbox(old_db, "partner", p["id"], "update",
                    {"notes": [remote["notes"], "旧版本里写的"]}, remote["version"], now)
        m = {"id": str(uuid.uuid4()), "partner_id": p["id"], "type": "visit",
             "status": "held", "starts_at": "2026-11-03 10:00", "notes": "旧版本的纪要"}
        old_db.execute(
            "INSERT INTO meetings (id, version, created_at, updated_at, deleted, partner_id,"
            " type, status, starts_at, notes) VALUES (:id, 0, :now, :now, 0, :partner_id,"
            " :type, :status, :starts_at, :notes)", {**m, "now": now})
        _old_outbox(old_db, "meeting", m["id"], "create",
                    {k: [None, v] for k, v in m.items() if k != "id"}, 0, now)
    old_db.conn.close()
    a = world.laptop("old", "li.na")  # the new app opens (and migrates) the file
    assert list(world.folder.glob("backups/channelkeeper-*-before-0004_sync_bookkeeping.backup"))
    assert a.store.pending_count() == 2
    r = a.sync()
    assert (r.applied, r.rejected) == (2, 0)
    assert world.record("partner", p["id"])["notes"] == "旧版本里写的"
    assert world.record("meeting", m["id"])["notes"] == "旧版本的纪要"


def test_server_restored_from_a_backup_gets_the_lost_ops_again(world: SyncWorld):
    head = world.laptop("head", "head")
    p = _partner(world, head, "备份恢复的渠道", "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    before = a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                        "starts_at": "2026-11-04 10:00", "notes": "备份之前"})
    a.sync()
    # last night's backup, taken while the server runs (SQLite backup API / JSON dump)
    backup_file = world.folder / "server-backup"
    server_backup.backup(world.db_url, backup_file)
    lost = a.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                      "starts_at": "2026-11-05 10:00", "notes": "备份之后"})
    a.store.update("partner", p["id"], {"goals": "备份之后定的目标"})
    a.engine.http.base_url = world.base_url
    a.sync()
    # disaster: head office restores last night's backup
    world.stop()
    world.engine.dispose()
    server_backup.restore(backup_file, world.db_url, force=True)  # a new server epoch
    world.start()
    assert world.record("meeting", lost["id"]) is None
    a.engine.http.base_url = world.base_url
    r = a.sync()
    assert r.requeued == 2
    a.sync()
    assert world.record("meeting", lost["id"])["notes"] == "备份之后"
    assert world.record("partner", p["id"])["goals"] == "备份之后定的目标"
    assert world.record("meeting", before["id"])["notes"] == "备份之前"
    assert a.store.get("meeting", lost["id"])["notes"] == "备份之后"
    assert a.sync().verified is not False
