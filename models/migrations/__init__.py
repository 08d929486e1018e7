"""The local store's schema migrations: SQL files, frozen as they shipped.

Each step is a file ``NNNN_name.sql`` in this folder, applied in name order, each in
one transaction together with the row that records it. The SQL names its tables,
columns and rows literally: nothing here reads ``models.schema``, the templates or
the store, so what a profile's schema is depends only on which files ran on it, and
a fresh profile and an upgraded one end the same (tests/test_migrations_frozen.py checks
both, and holds a hash of every shipped file).

Append a new file for any change; never edit, rename or reorder a shipped one. The
store refuses a file that has migrations this folder does not know (a newer app
wrote it).

The record is the table sqlite-utils' ``Migrations`` kept for these steps before
(same name, columns and set name), read and written here in plain SQL, so every
existing profile reads the same.

Derived data is the exception: the search index must match today's search code, not
the one of the day a step shipped. A step that needs records (re)indexed puts them
in the search backlog (0007), and ``apply`` indexes the backlog with today's store
once the steps are done.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: the name of the set and of the table recording what was applied (as sqlite-utils named them)
MIGRATION_SET = "channelkeeper"
MIGRATIONS_TABLE = "_sqlite_migrations"
_CREATE_RECORD_TABLE = (
    f'CREATE TABLE "{MIGRATIONS_TABLE}" (\n'
    '   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n'
    '   "name" TEXT,\n'
    '   "applied_at" TEXT\n'
    ")"
)
_CREATE_RECORD_INDEX = (
    f'CREATE UNIQUE INDEX "idx_{MIGRATIONS_TABLE}_migration_set_name"\n'
    f'    ON "{MIGRATIONS_TABLE}" ("migration_set", "name")'
)
FOLDER = Path(__file__).resolve().parent
#: records a migration's search backlog may hold and still be indexed while the file
#: opens; a larger one (a whole 100,000-meeting profile re-indexed by 0010) is left
#: to the app's indexing in the background (desktop/search_backlog.py) and to the
#: commands that search (they drain it first), so that opening stays quick
OPEN_INDEX_LIMIT = 20_000


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The file's statements, one by one (``executescript`` would commit first)."""
        out: list[str] = []
        pending = ""
        for line in self.sql.splitlines(keepends=True):
            pending += line
            if sqlite3.complete_statement(pending):
                out.append(pending.strip())
                pending = ""
        if pending.strip() and not all(
                ln.strip().startswith("--") or not ln.strip() for ln in pending.splitlines()):
            raise ValueError(f"migration {self.name}: unterminated statement {pending.strip()[:80]!r}")
        return out


@cache
def shipped() -> tuple[Migration, ...]:
    """Every migration of this version, in order."""
    return tuple(Migration(path.stem, path.read_text(encoding="utf-8"))
                 for path in sorted(FOLDER.glob("[0-9][0-9][0-9][0-9]_*.sql")))


def known_names() -> list[str]:
    """Every migration's name, in order."""
    return [m.name for m in shipped()]


def applied_names(conn: Any) -> list[str]:
    """The migrations recorded in the file, in the order applied (``conn``: a DB-API
    connection to the file)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [MIGRATIONS_TABLE]).fetchone():
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET])]


def apply(db: Any, *, stop_before: str | None = None) -> list[str]:
    """Apply every pending migration (up to, not including, ``stop_before``) and index
    what they put in the search backlog. ``db``: the store's handle (``.conn`` is a
    DB-API connection in autocommit mode). Returns the names applied. A failing step
    is rolled back whole and stays pending; the steps before it stay applied."""
    conn = db.conn
    done = set(applied_names(conn))
    if stop_before is not None and stop_before in done:
        raise ValueError(f"cannot stop before {stop_before}: it is applied already")
    ran: list[str] = []
    backlog_before = _search_backlog(conn)
    for migration in shipped():
        if migration.name == stop_before:
            break
        if migration.name in done:
            continue
        conn.execute("BEGIN")
        try:
            _ensure_record_table(conn)
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                [MIGRATION_SET, migration.name, dt.datetime.now(dt.UTC).isoformat(sep=" ")])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        ran.append(migration.name)
    if ran and _search_backlog(conn) != backlog_before:
        _index_search_backlog(db)
    return ran


def _ensure_record_table(conn: Any) -> None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [MIGRATIONS_TABLE]).fetchone():
        conn.execute(_CREATE_RECORD_TABLE)
        conn.execute(_CREATE_RECORD_INDEX)


def _search_backlog(conn: Any) -> str | None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'"
                        ).fetchone():
        return None
    row = conn.execute("SELECT value FROM settings WHERE key = 'search.backlog'").fetchone()
    return row[0] if row else None


def _index_search_backlog(db: Any) -> None:
    """Index what the steps queued for search, with today's search code (derived data,
    see the module's docstring). A backlog a sync left before the upgrade is indexed
    with it: the position is one per table."""
    from models.store import Store  # late: migrating loads no store code unless indexing is due

    store = Store(db)
    if store.search_backlog_count() > OPEN_INDEX_LIMIT:
        return
    while store.index_backlog():
        pass
