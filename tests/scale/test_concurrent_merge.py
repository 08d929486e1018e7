"""Two pushes of different users that change the same field of the same record at the
same moment: the second is merged against what the first committed, never against the
row as it was before the first wrote (a lost update). On SQLite writers run one at a
time; on PostgreSQL pushes of different users run side by side (change numbers come
from transaction ids, docs/sync-protocol.md section 5), so the merge must read the
record it is about to change under the row's lock."""
from __future__ import annotations

import json
import threading
import uuid

from sqlalchemy import insert, select

from sync import protocol as p
from sync.server import push as push_module
from sync.server import records
from sync.server.auth import Principal
from sync.server.config import ServerSettings
from sync.server.db import (
    ENTITY_TABLES,
    allocate_seq,
    conflicts,
    devices,
    make_engine,
    users,
    write_tx,
)
from sync.server.migrate import upgrade

NOW = "2026-12-03 10:00:00"


def _admin(conn, name: str) -> Principal:
    uid, did = str(uuid.uuid4()), str(uuid.uuid4())
    conn.execute(insert(users).values(id=uid, username=name, role="admin", password_hash="x",
                                      created_at=NOW, disabled=0))
    conn.execute(insert(devices).values(id=did, user_id=uid, name=f"{name} laptop", created_at=NOW,
                                        last_seq=0))
    return Principal(uid, name, "admin", did)


def _edit(meeting_id: str, old: str, new: str, base: int) -> dict:
    return {"op_id": str(uuid.uuid4()), "seq": 1, "entity": "meeting", "entity_id": meeting_id,
            "op": "update", "changes": {"notes": [old, new]}, "base_version": base,
            "created_at": NOW}


def test_two_users_editing_one_field_at_once_give_a_conflict_not_a_lost_edit(db_url, monkeypatch):
    engine = make_engine(db_url)
    upgrade(engine)
    settings = ServerSettings()
    try:
        with write_tx(engine) as conn:
            first, second = _admin(conn, "head.office.a"), _admin(conn, "head.office.b")
            seq = allocate_seq(conn, 2)
            pid, mid = str(uuid.uuid4()), str(uuid.uuid4())
            records.insert_record(conn, "partner", pid, records.clean_values(
                "partner", {"name_zh": "并发渠道", "tier": "core", "stage": "mature"}),
                seq=seq, user="test", now=NOW)
            records.insert_record(conn, "meeting", mid, records.clean_values(
                "meeting", {"partner_id": pid, "type": "visit", "starts_at": "2026-12-01 10:00",
                            "notes": "原纪要"}), seq=seq + 1, user="test", now=NOW)
            base = seq + 1

        # the first push stops right after reading the records it writes, until the
        # second has had its chance to run to the end
        read_done, go_on = threading.Event(), threading.Event()
        real_read = push_module._read_locked

        def read_then_wait(conn, ops):
            rows = real_read(conn, ops)
            if threading.current_thread().name == "first push":
                read_done.set()
                assert go_on.wait(60)
            return rows

        monkeypatch.setattr(push_module, "_read_locked", read_then_wait)
        answers: dict[str, dict] = {}

        def run(who: Principal, note: str) -> None:
            answers[threading.current_thread().name] = push_module.push(
                engine, settings, who, [_edit(mid, "原纪要", note, base)])

        one = threading.Thread(target=run, args=(first, "甲改的"), name="first push")
        two = threading.Thread(target=run, args=(second, "乙改的"), name="second push")
        one.start()
        assert read_done.wait(60)
        two.start()
        two.join(3)  # it runs to the end, or waits for the first (the row, or SQLite's lock)
        go_on.set()
        one.join(60)
        two.join(60)
        assert not one.is_alive() and not two.is_alive()

        outcomes = sorted(a["results"][0]["outcome"] for a in answers.values())
        assert outcomes == sorted([p.OUTCOME_APPLIED, p.OUTCOME_CONFLICT]), answers
        with engine.connect() as conn:
            meetings = ENTITY_TABLES["meeting"]
            kept = conn.execute(select(meetings.c.notes).where(meetings.c.id == mid)).scalar_one()
            filed = conn.execute(select(conflicts.c.server_value, conflicts.c.incoming_value)
                                 .where(conflicts.c.entity_id == mid)).all()
        # whichever came second is filed as a conflict against the other's value
        assert len(filed) == 1
        assert {kept, *(json.loads(v) for v in filed[0])} == {"甲改的", "乙改的"}
    finally:
        engine.dispose()
