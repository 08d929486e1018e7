"""Named, transactional schema migrations of the local store, from the first schema on.

Append new migrations at the end; never edit or reorder an applied one. The store
refuses a file that has migrations this list does not know (a newer app wrote it).

The steps are applied by sqlite-utils' ``Migrations``, which is imported (~0.09 s)
only when something is due: opening an up-to-date file compares the names recorded in
``MIGRATIONS_TABLE`` with ``known_names()`` in plain SQL (see models/database.py).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.schema import ENTITIES

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

#: sqlite-utils' name of the set and of the table recording what was applied
MIGRATION_SET = "channelkeeper"
MIGRATIONS_TABLE = "_sqlite_migrations"

_steps: list[tuple[str, Callable[[Any], None]]] = []
_migrations: Migrations | None = None


def step(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register a migration (in order of definition)."""

    def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        _steps.append((name, fn))
        return fn

    return register


def __getattr__(name: str) -> Any:
    # ``migrations``: the sqlite-utils Migrations set, built on first use
    if name == "migrations":
        return migration_set()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def migration_set() -> Migrations:
    """The steps as a sqlite-utils ``Migrations`` set (imports sqlite-utils)."""
    global _migrations
    if _migrations is None:
        from sqlite_utils.migrations import Migrations

        built = Migrations(MIGRATION_SET)
        assert built.migrations_table == MIGRATIONS_TABLE
        for name, fn in _steps:
            built(name=name)(fn)
        _migrations = built
    return _migrations


def _create_entity_tables(db: Database) -> None:
    for ent in ENTITIES.values():
        cols = [
            "id TEXT PRIMARY KEY",
            "version INTEGER NOT NULL DEFAULT 0",
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
            "deleted INTEGER NOT NULL DEFAULT 0",
            "deleted_at TEXT",
        ]
        cols += [f"{f.name} {f.sql_type}" for f in ent.fields]
        db.execute(f"CREATE TABLE {ent.table} ({', '.join(cols)})")
        for idx in ent.indexes:
            name = f"idx_{ent.table}_{'_'.join(idx)}"
            db.execute(f"CREATE INDEX {name} ON {ent.table} ({', '.join(idx)})")


@step("0001_initial")
def m0001_initial(db: Database) -> None:
    _create_entity_tables(db)
    # The outbox: every local write appends here in the same transaction; sync pushes
    # it in seq order. changes = {field: [old, new]}.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            changes TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            outcome TEXT,
            acked_at TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_outbox_state ON outbox (state, seq)")
    db.execute("CREATE INDEX idx_outbox_entity ON outbox (entity_id)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")


@step("0002_search_index")
def m0002_search_index(db: Database) -> None:
    # docid maps an FTS row to its record, so a re-index deletes by rowid, not by scan
    db.execute(
        """CREATE TABLE search_docs (
            docid INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL UNIQUE,
            partner_id TEXT,
            title TEXT
        )"""
    )
    db.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


@step("0003_builtin_templates")
def m0003_builtin_templates(db: Database) -> None:
    from models.builtin_ids import builtin_id
    from models.templates import BUILTIN_TEMPLATES

    for tpl in BUILTIN_TEMPLATES:
        db.execute(
            "INSERT INTO checklist_templates (id, version, created_at, updated_at, name, tier,"
            " sections, published) VALUES (?, 0, '2026-01-01 00:00', '2026-01-01 00:00',"
            " ?, ?, ?, 1)",
            [
                builtin_id(tpl["key"]),
                tpl["name"],
                tpl["tier"],
                json.dumps(tpl["sections"], ensure_ascii=False),
            ],
        )


@step("0004_sync_bookkeeping")
def m0004_sync_bookkeeping(db: Database) -> None:
    # Conflicts the server reported for our ops (same field changed on both sides),
    # kept for review: both values stay visible until someone resolves them.
    db.execute(
        """CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field TEXT NOT NULL,
            local_value TEXT,
            server_value TEXT,
            server_version INTEGER,
            detected_at TEXT NOT NULL,
            resolved_at TEXT,
            UNIQUE (op_id, field)
        )"""
    )
    db.execute("CREATE INDEX idx_sync_conflicts_entity ON sync_conflicts (entity_id)")
    # Partners taken out of our scope while we still had unsent ops for them: their
    # local data is dropped only once every such op is acknowledged.
    db.execute(
        "CREATE TABLE sync_scope_removals (partner_id TEXT PRIMARY KEY, noted_at TEXT NOT NULL)"
    )
    # One row per sync attempt: the UI's history and the log of repair pulls.
    db.execute(
        """CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            report TEXT
        )"""
    )


@step("0005_sync_conflict_server_ids")
def m0005_sync_conflict_server_ids(db: Database) -> None:
    # the server's id of each conflict (to resolve it there) and its kind
    # (field | edit_revived, see docs/sync-protocol.md section 6)
    db.execute("ALTER TABLE sync_conflicts ADD COLUMN server_id INTEGER")
    db.execute("ALTER TABLE sync_conflicts ADD COLUMN kind TEXT")


@step("0006_overview_covering_indexes")
def m0006_overview_covering_indexes(db: Database) -> None:
    # Covering indexes for insights.partner_overviews, which the Today and Partners
    # views load at start: with 100,000 meetings, reading each meeting row (notes and
    # all) for its status took 360 ms; the index alone takes 70 ms.
    db.execute(
        "CREATE INDEX idx_meetings_overview ON meetings (partner_id, status, starts_at, deleted)"
    )
    db.execute(
        "CREATE INDEX idx_action_items_overview"
        " ON action_items (status, partner_id, owner_side, due_on, deleted)"
    )
    db.execute(
        "CREATE INDEX idx_kpi_snapshots_overview"
        " ON kpi_snapshots (partner_id, period DESC, sales, target, deleted)"
    )

@step("0007_search_index_backfill")
def m0007_search_index_backfill(db: Database) -> None:
    # Rows written before 0002 created the search index were never indexed, so an
    # upgraded file could not find them. Index every live record the index lacks
    # (on an up-to-date file: none, found through the unique entity_id index).
    from models.store import Store

    store = Store(db)
    for ent in ENTITIES.values():
        if not ent.search_title:
            continue
        for row in store.rows(ent.name, "id NOT IN (SELECT entity_id FROM search_docs)"):
            store._index(ent, row)


@step("0008_sync_conflict_raised_by")
def m0008_sync_conflict_raised_by(db: Database) -> None:
    # The conflict list also holds conflicts raised elsewhere (head office, another
    # laptop, another manager of a shared partner): who raised one.
    db.execute("ALTER TABLE sync_conflicts ADD COLUMN raised_by TEXT")


def known_names() -> list[str]:
    """Every migration's name, in order (with any a test added to the built set)."""
    if _migrations is not None:
        return [m.name for m in _migrations._migrations]
    return [name for name, _ in _steps]
