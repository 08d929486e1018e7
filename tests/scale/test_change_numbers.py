"""Change numbers across the upgrade and restores: cursors laptops held before the
upgrade keep working, and numbers loaded from elsewhere never collide with new ones
(docs/sync-protocol.md, section 5, "Change numbering")."""
from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import text

from sync.protocol import Cursor
from sync.server import change_numbers, records
from sync.server import pull as pull_module
from sync.server.auth import Principal
from sync.server.db import allocate_seq, make_engine, server_epoch, write_tx
from sync.server.migrate import alembic_config, upgrade
from tests.scale.conftest import horizon_reaches

ADMIN = Principal(str(uuid.uuid4()), "numbers.admin", "admin", "device")


def _partner(conn, name: str, seq: int) -> str:
    pid = str(uuid.uuid4())
    records.insert_record(conn, "partner", pid,
                          records.clean_values("partner", {"name_zh": name, "tier": "core", "stage": "mature"}),
                          seq=seq, user="numbers-test", now="2026-12-03 10:00:00")
    return pid


def _old_partner(conn, name: str, seq: int) -> str:
    """A partner written by the schema of that era: only the columns it had (later
    migrations add fields the current row would name)."""
    pid = str(uuid.uuid4())
    conn.execute(text(
        "INSERT INTO partners (id, version, created_at, updated_at, deleted, created_by, "
        "updated_by, name_zh, tier, stage) VALUES (:id, :seq, :now, :now, 0, 'numbers-test', "
        "'numbers-test', :name, 'core', 'mature')"),
        {"id": pid, "seq": seq, "now": "2026-12-03 10:00:00", "name": name})
    return pid


def test_a_cursor_from_the_counter_era_continues_after_the_upgrade(db_url):
    """Partners numbered by the old counter, a laptop's cursor after them, the upgrade,
    a new partner: the old cursor brings exactly the new one, numbered above the
    counter, and no reset."""
    engine = make_engine(db_url)
    try:
        cfg = alembic_config()
        with write_tx(engine) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002_builtin_templates")
            old_ids = []
            for i in range(3):  # how every writer numbered changes before the upgrade
                seq = conn.execute(text("UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 "
                                        "RETURNING seq")).scalar_one()
                old_ids.append(_old_partner(conn, f"旧号{i}", int(seq)))
            counter = int(conn.execute(text("SELECT seq FROM sync_counter")).scalar_one())
            epoch = server_epoch(conn)
        held = Cursor(epoch=epoch, user=ADMIN.user_id, seq=counter, grants=counter).encode()
        upgrade(engine)
        with write_tx(engine) as conn:
            seq = allocate_seq(conn)
            new_id = _partner(conn, "新号", seq)
        assert seq > counter
        page = pull_module.pull(engine, ADMIN, held, 500)
        assert not page["reset"]  # even while an older transaction holds the horizon back
        horizon_reaches(engine, seq)
        page = pull_module.pull(engine, ADMIN, held, 500)
        assert not page["reset"]
        # exactly what changed after the cursor: the new partner, and the built-in
        # templates later migrations re-published; none of the old partners again
        changed = [(c["entity"], c["id"]) for c in page["changes"]]
        assert [i for e, i in changed if e == "partner"] == [new_id]
        assert {e for e, _ in changed} <= {"partner", "checklist_template"}
        assert Cursor.decode(page["cursor"]).seq >= seq
        everything = pull_module.pull(engine, ADMIN, None, 500)
        assert set(old_ids) | {new_id} <= {c["id"] for c in everything["changes"]}
    finally:
        engine.dispose()


def test_numbers_loaded_from_another_cluster_are_stepped_over(pg_url):
    """Rows restored with PostgreSQL's own tools into another cluster carry numbers
    above this cluster's transaction ids. The next start moves the numbering above
    them (new changes would otherwise be numbered below, and pulls would never reach
    the restored rows); a start in normal operation moves nothing."""
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            base_before = conn.execute(text("SELECT value FROM server_meta WHERE key = 'change_base'")).scalar()
        upgrade(engine)  # normal operation: nothing to move
        with engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM server_meta WHERE key = 'change_base'")).scalar() == base_before
        with write_tx(engine) as conn:
            far = allocate_seq(conn) + 5_000 * change_numbers.PER_TRANSACTION  # another cluster's ids
            restored = _partner(conn, "别处恢复", far)
        upgrade(engine)
        with write_tx(engine) as conn:
            after = allocate_seq(conn)
            fresh = _partner(conn, "恢复后新写", after)
        assert after > far
        horizon_reaches(engine, after)
        page = pull_module.pull(engine, ADMIN, None, 500)
        assert {restored, fresh} <= {c["id"] for c in page["changes"]}
    finally:
        engine.dispose()


def test_sqlite_counter_is_raised_above_loaded_numbers(tmp_path):
    from tests.sync_fixtures import sqlite_url

    engine = make_engine(sqlite_url(tmp_path))
    try:
        upgrade(engine)
        with write_tx(engine) as conn:
            far = allocate_seq(conn) + 1000
            _partner(conn, "别处恢复", far)
        upgrade(engine)
        with write_tx(engine) as conn:
            assert allocate_seq(conn) == far + 1
    finally:
        engine.dispose()
