"""Schema migrations from the first schema on: data survives, a backup is taken
first, a newer file is refused untouched, a failing step changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from models import migrations
from models.database import Database, connect
from models.errors import SchemaTooNewError
from models.migrations import Migration, known_names
from models.store import Store
from tests.keys import TEST_KEY, open_test_database

NAMES = known_names()
SHIPPED = migrations.shipped()
PARTNER_ID = "5b0c2f7e-0000-4000-8000-000000000001"
MEETING_ID = "5b0c2f7e-0000-4000-8000-000000000002"
NOTES = "渠道方反馈近期回款周期变长，希望总部在返点结算上提速。" * 40


def _db_at(path: Path, stop_before: str | None) -> None:
    """A file with the migrations before ``stop_before`` applied and some data."""
    db = Database(connect(path, TEST_KEY))
    migrations.apply(db, stop_before=stop_before)
    now = "2026-01-05 09:00"
    db.execute(
        "INSERT INTO partners (id, version, created_at, updated_at, name_zh, tier, stage, region)"
        " VALUES (?, 3, ?, ?, '华东渠道分销商', 'core', 'mature', '华东')",
        [PARTNER_ID, now, now],
    )
    db.execute(
        "INSERT INTO meetings (id, version, created_at, updated_at, partner_id, type, starts_at, notes)"
        " VALUES (?, 0, ?, ?, ?, 'visit', '2026-01-05 10:00', ?)",
        [MEETING_ID, now, now, PARTNER_ID, NOTES],
    )
    db.execute(
        "INSERT INTO outbox (op_id, entity, entity_id, op, changes, base_version, created_at)"
        " VALUES ('op-1', 'meeting', ?, 'update', ?, 0, ?)",
        [MEETING_ID, json.dumps({"notes": [None, NOTES]}, ensure_ascii=False), now],
    )
    db.execute("INSERT INTO settings (key, value) VALUES ('device_id', 'laptop-1')")
    db.conn.close()


def _applied(path: Path) -> list[str]:
    conn = connect(path, TEST_KEY, read_only=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _assert_data_intact(store: Store) -> None:
    p = store.get("partner", PARTNER_ID)
    assert (p["name_zh"], p["tier"], p["stage"], p["version"]) == (
        "华东渠道分销商",
        "core",
        "mature",
        3,
    )
    assert store.get("meeting", MEETING_ID)["notes"] == NOTES
    (op,) = store.outbox()
    assert op["op_id"] == "op-1" and op["changes"] == {"notes": [None, NOTES]}
    assert store.get_setting("device_id") == "laptop-1"


def test_there_is_more_than_one_migration():
    assert NAMES[0] == "0001_initial" and len(NAMES) >= 3 and len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("step", range(1, len(NAMES)), ids=lambda i: f"from-before-{NAMES[i]}")
def test_upgrade_keeps_data_and_backs_up_first(tmp_path, step):
    path = tmp_path / "channelkeeper.db"
    _db_at(path, stop_before=NAMES[step])
    assert _applied(path) == NAMES[:step]

    db = open_test_database(path)
    store = Store(db)
    assert migrations.applied_names(db.conn) == NAMES
    _assert_data_intact(store)
    if step <= NAMES.index("0007_search_index_backfill"):
        # records from before the search index existed are found too (the rows above
        # are written without the store, i.e. unindexed, which after 0007 no writer does)
        assert [h.entity_id for h in store.search("华东渠道")] == [PARTNER_ID]
        assert [h.entity_id for h in store.search("回款", entities=["meeting"])] == [MEETING_ID]
    # the upgraded store works: new writes go to the outbox and are searchable
    store.update("partner", PARTNER_ID, {"region": "华南"})
    assert store.outbox()[-1]["changes"] == {"region": ["华东", "华南"]}
    assert [h.entity_id for h in store.search("华南", entities=["partner"])] == [PARTNER_ID]
    db.conn.close()

    (backup,) = (tmp_path / "backups").glob(f"channelkeeper-*-before-{NAMES[step]}.backup")
    assert _applied(backup) == NAMES[:step]  # taken before the first pending step ran
    old = Store(Database(connect(backup, TEST_KEY, read_only=True)))
    _assert_data_intact(old)
    old.db.conn.close()


def test_new_file_gets_every_migration_and_no_backup(tmp_path):
    path = tmp_path / "channelkeeper.db"
    db = open_test_database(path)
    assert migrations.applied_names(db.conn) == NAMES
    assert Store(db).count("checklist_template") >= 1  # built-in templates shipped
    db.conn.close()
    assert not list(tmp_path.glob("backups/*"))


def test_up_to_date_file_is_not_backed_up_or_changed(tmp_path):
    path = tmp_path / "channelkeeper.db"
    _db_at(path, stop_before=None)
    open_test_database(path).conn.close()  # the first open switches the file to WAL mode
    before = path.read_bytes()
    open_test_database(path).conn.close()
    assert not list(tmp_path.glob("backups/*"))
    assert path.read_bytes() == before


@pytest.mark.parametrize("also_pending", [False, True], ids=["all-known-applied", "some-pending"])
def test_file_from_a_newer_app_is_refused_untouched(tmp_path, also_pending):
    path = tmp_path / "channelkeeper.db"
    _db_at(path, stop_before=NAMES[-1] if also_pending else None)
    conn = connect(path, TEST_KEY)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('channelkeeper', '9001_from_the_future', '2027-01-01')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="9001_from_the_future") as exc:
        open_test_database(path)
    assert "newer version" in str(exc.value)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("backups/*"))
    assert "9001_from_the_future" in _applied(path)


def test_failing_migration_changes_nothing_and_leaves_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "channelkeeper.db"
    _db_at(path, stop_before=None)
    failing = Migration("9999_test_failing_step", (
        "ALTER TABLE partners ADD COLUMN doomed TEXT;\n"
        "UPDATE partners SET name_zh = 'overwritten';\n"
        "INSERT INTO no_such_table VALUES ('step failed half way');\n"))
    monkeypatch.setattr(migrations, "shipped", lambda: (*SHIPPED, failing))

    with pytest.raises(sqlcipher.OperationalError, match="no_such_table"):
        open_test_database(path)
    monkeypatch.undo()
    assert _applied(path) == NAMES
    db = open_test_database(path)
    _assert_data_intact(Store(db))
    assert "doomed" not in {r[1] for r in db.conn.execute("PRAGMA table_info(partners)")}
    db.conn.close()
    (backup,) = (tmp_path / "backups").glob(
        "channelkeeper-*-before-9999_test_failing_step.backup")
    assert _applied(backup) == NAMES
