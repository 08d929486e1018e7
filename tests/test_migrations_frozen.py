"""Migrations are frozen: each shipped step's SQL stays as it shipped, a fresh profile
equals one migrated from any schema an earlier version shipped (schema and built-in
rows), and today's description of the data (models/schema.py, the built-in
templates) matches what the steps build, so a change there without a new step fails
here rather than on a user's laptop."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from models import migrations
from models.builtin_ids import builtin_id
from models.database import connect
from models.schema import ENTITIES, META_COLUMNS
from models.store import Store
from models.templates import BUILTIN_TEMPLATES
from tests.keys import TEST_KEY, open_test_database

ROOT = Path(__file__).resolve().parent.parent
#: dumps (sqlite3's iterdump) of the databases earlier versions made, by the code of
#: that version: the oldest schema shipped, and the newest before migrations were SQL
SHIPPED_SCHEMAS = sorted((Path(__file__).parent / "shipped_schemas").glob("*.sql"))

#: sha256 of each shipped migration (its text with \n line ends). A step that has
#: shipped is never edited: change the schema with a new file, and add its hash
#: here when it ships.
SHIPPED = {
    "0001_initial": "9554b1a5d578cc0dfc71872fe4c258b524018dceb91c9ed63b864f6705272bc2",
    "0002_search_index": "d79485d1aef1dcc1ad12d98c7ab36fbfd9cfb66ad91e2bc3d1c6606c9e075ed0",
    "0003_builtin_templates": "a6cfa5a5689ffddfc95c9e334963fd4576de0b05a34ece1ee2b5cb11783d232b",
    "0004_sync_bookkeeping": "af8c0ca8477927351fcefad8f0b426f2dd16ffc6b6c234fe7341a925b53e2921",
    "0005_sync_conflict_server_ids":
        "22f92fa2e2d5aa7ab4efbb09c6c5e315d2d3bfdac8274181b7386d840ff73835",
    "0006_overview_covering_indexes":
        "f8d430bd6f6a744ee7f5a4ce82b7a1548f887cb37fcea5df761b9c51861edee3",
    "0007_search_index_backfill":
        "53557fcf2100c1c62c31f19fa30c5dbd9fe0cefc3ff34d39575d643bcb8c05fc",
    "0008_sync_conflict_raised_by":
        "508d52bf159416610d111b5f3b6e1e044c9dd170f2d0a412420e181a02a765fc",
    "0009_method_playbooks":
        "064c0f43b983e0f04721835895e961c7c79dd90001467dacd6b4a048e239e7cc",
    "0010_search_pinyin_keys":
        "99d85926f123989802499ecbf1ad4dd39002d0fd90252ddfbaaf3122a0c76398",
    "0011_partner_language_feedback_channel":
        "2473f6808a75fa208746fa1a54c6d54d7d24a542a37467f6ab50c054838e9f2d",
    "0012_calendar_month_index":
        "fcd1a997a01dce86f646b15df2f5a9fc48cd594ede2b788b7aaf3d1ec38639de",
}


def test_shipped_migrations_are_unchanged_and_in_order():
    steps = migrations.shipped()
    names = [m.name for m in steps]
    assert names[: len(SHIPPED)] == list(SHIPPED), "a shipped migration was renamed or removed"
    changed = [m.name for m in steps if m.name in SHIPPED
               and hashlib.sha256(m.sql.replace("\r\n", "\n").encode("utf-8")).hexdigest()
               != SHIPPED[m.name]]
    assert not changed, f"shipped migrations were edited: {changed}; add a new step instead"


def _snapshot(path: Path) -> dict[str, object]:
    """What must be equal: the schema (every table, index and trigger as SQLite stores
    its SQL), the built-in rows, the local settings, and the steps recorded."""
    conn = connect(path, TEST_KEY, read_only=True)
    try:
        schema = sorted(conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        columns = {table: conn.execute(f"PRAGMA table_xinfo({table})").fetchall()
                   for (kind, table, _, _) in schema if kind == "table"}
        return {
            "schema": schema,
            "columns": columns,
            "templates": conn.execute("SELECT * FROM checklist_templates ORDER BY id").fetchall(),
            "settings": conn.execute("SELECT * FROM settings ORDER BY key").fetchall(),
            "steps": conn.execute(
                "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def fresh(tmp_path) -> dict[str, object]:
    path = tmp_path / "fresh.db"
    open_test_database(path).conn.close()
    return _snapshot(path)


@pytest.mark.parametrize("dump", SHIPPED_SCHEMAS, ids=[p.stem for p in SHIPPED_SCHEMAS])
def test_a_fresh_profile_equals_one_migrated_from_a_shipped_schema(tmp_path, fresh, dump):
    path = tmp_path / "old.db"
    conn = connect(path, TEST_KEY)
    conn.executescript(dump.read_text(encoding="utf-8"))
    conn.close()
    open_test_database(path).conn.close()
    assert _snapshot(path) == fresh


def test_the_oldest_shipped_schema_is_the_first_step_alone():
    dump = SHIPPED_SCHEMAS[0].read_text(encoding="utf-8")
    assert "'0001_initial'" in dump and "'0002_search_index'" not in dump


def test_todays_entities_match_the_migrated_schema(tmp_path):
    """models/schema.py describes what the steps build: a field added there needs a
    step that adds its column (else fresh and upgraded profiles would both lack it)."""
    db = open_test_database(tmp_path / "db.sqlite")
    try:
        problems = []
        for ent in ENTITIES.values():
            have = {r[1]: r[2] for r in db.conn.execute(f"PRAGMA table_info({ent.table})")}
            want = {name: None for name in META_COLUMNS} | {f.name: f.sql_type for f in ent.fields}
            for name, sql_type in want.items():
                if name not in have:
                    problems.append(f"{ent.table}.{name} has no column: add a migration")
                elif sql_type and have[name] != sql_type:
                    problems.append(f"{ent.table}.{name} is {have[name]}, schema says {sql_type}")
        assert not problems, "\n".join(problems)
    finally:
        db.conn.close()


def test_todays_built_in_templates_match_the_migrated_rows(tmp_path):
    """models/templates.py's built-ins are what the steps wrote: changing one needs a
    step that updates its row (profiles made before would keep the old one)."""
    db = open_test_database(tmp_path / "db.sqlite")
    try:
        rows = {r["id"]: r for r in Store(db).rows("checklist_template")}
    finally:
        db.conn.close()
    for tpl in BUILTIN_TEMPLATES:
        row = rows[builtin_id(tpl["key"])]
        assert (row["name"], row["tier"]) == (tpl["name"], tpl["tier"])
        assert json.loads(row["sections"]) == tpl["sections"]


def test_migrating_needs_no_sqlite_utils_and_no_store():
    """The steps are SQL: opening and migrating a profile loads neither sqlite-utils nor
    the store's code (which today's tables and search would shape)."""
    code = (
        "import sys, tempfile, pathlib\n"
        "from models.database import open_database\n"
        "db = open_database(pathlib.Path(tempfile.mkdtemp()) / 'x.db', key=bytes(32))\n"
        "assert [r[0] for r in db.conn.execute('SELECT count(*) FROM checklist_templates')][0]\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'\n"
        "             or m in ('models.store', 'models.schema', 'models.templates'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_an_upgrade_indexes_records_written_before_the_search_index(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path, TEST_KEY)
    conn.executescript(SHIPPED_SCHEMAS[0].read_text(encoding="utf-8"))
    conn.execute("INSERT INTO partners (id, created_at, updated_at, name_zh, tier, stage)"
                 " VALUES ('p1', '2026-01-01', '2026-01-01', '西南渠道伙伴', 'core', 'mature')")
    conn.execute("INSERT INTO partners (id, created_at, updated_at, name_zh, tier, stage, deleted)"
                 " VALUES ('p2', '2026-01-01', '2026-01-01', '西南已删除', 'core', 'mature', 1)")
    conn.commit()
    conn.close()
    store = Store(open_test_database(path))
    try:
        assert [h.entity_id for h in store.search("西南")] == ["p1"]
        assert not store.search_backlog_pending()
    finally:
        store.db.conn.close()
