"""Backup and restore of the server database.

* SQLite: ``backup`` uses SQLite's online backup API (a consistent copy while the
  server runs); the backup is itself a SQLite file.
* PostgreSQL: a portable JSON-lines dump read through SQLAlchemy in one REPEATABLE READ,
  read-only transaction (a consistent snapshot while the server runs). No pg_dump
  needed, and no version coupling between pg_dump and the server.

``restore`` reads either kind into any database URL (so a team can also move from
SQLite to PostgreSQL with it): it creates the schema of the backup's migration
revision, loads every row, upgrades to the current schema and gives the database a
**new server epoch**, all in one transaction. The new epoch is what tells clients the
server forgot things: their next pull is answered with ``reset`` and they re-sync from
zero, keeping (and re-sending) their outbox. See docs/sync-protocol.md, section 5.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, delete, insert, inspect, select, update

from models.sqlite_uri import sqlite_uri
from sync import protocol as p
from sync.server import change_numbers, dialect
from sync.server.config import fmt
from sync.server.db import committed_seq, metadata, server_epoch, server_meta, write_tx
from sync.server.errors import ApiError
from sync.server.migrate import alembic_config

DUMP_FORMAT = "channelkeeper-server-dump"
DUMP_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
BATCH = 1000
#: tables a restore refuses to overwrite without --force when they hold rows
_DATA_TABLES = ("users", "partners")


class BackupError(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(400, p.ERROR_BAD_REQUEST, message)


def _now() -> str:
    return fmt(dt.datetime.now(dt.UTC).replace(tzinfo=None))


def _revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


# --- backup --------------------------------------------------------------------------


def backup(db_url: str, out: Path) -> dict[str, Any]:
    """Write a consistent backup of ``db_url`` to ``out`` (atomically: a half-written
    backup never carries the final name)."""
    out = Path(out)
    source = dialect.sqlite_file(db_url)
    if source is not None and source.resolve() == out.resolve():
        raise BackupError("The backup file must not be the database itself.")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    # 0600 in a 0700 folder from the start: a backup holds password hashes
    dialect.private_file(tmp)
    try:
        if source is not None:
            info = _backup_sqlite(source, tmp)
        else:
            info = _backup_dump(db_url, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return {"file": str(out), "bytes": out.stat().st_size, **info}


def _backup_sqlite(source: Path, tmp: Path) -> dict[str, Any]:
    if not source.is_file():
        raise BackupError(f"No server database at {source}.")
    src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True, timeout=30)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)  # pages copied under a read lock: a consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        epoch = dst.execute("SELECT value FROM server_meta WHERE key='epoch'").fetchone()[0]
        seq = dst.execute("SELECT seq FROM sync_counter WHERE id=1").fetchone()[0]
        revision = dst.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        dst.close()
        src.close()
    return {"format": "sqlite", "epoch": epoch, "seq": int(seq), "revision": revision}


def _backup_dump(db_url: str, tmp: Path) -> dict[str, Any]:
    engine = dialect.make_engine(db_url)
    rows_total = 0
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            if conn.dialect.name == dialect.POSTGRESQL:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            present = set(inspect(conn).get_table_names())
            tables = [t for t in metadata.sorted_tables if t.name in present]
            header = {"format": DUMP_FORMAT, "version": DUMP_VERSION, "revision": _revision(conn),
                      "epoch": server_epoch(conn), "seq": committed_seq(conn), "created_at": _now(),
                      "tables": [t.name for t in tables]}
            with open(tmp, "w", encoding="utf-8") as fh:  # created 0600 by backup()
                fh.write(json.dumps(header, ensure_ascii=False) + "\n")
                for table in tables:
                    order = list(table.primary_key.columns) or list(table.columns)
                    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
                        select(table).order_by(*order))
                    for row in result.mappings():
                        fh.write(json.dumps({"t": table.name, "r": dict(row)}, ensure_ascii=False) + "\n")
                        rows_total += 1
                fh.flush()
                os.fsync(fh.fileno())
    finally:
        engine.dispose()
    return {"format": "json", "epoch": header["epoch"], "seq": header["seq"],
            "revision": header["revision"], "rows": rows_total}


# --- restore -------------------------------------------------------------------------


class _Source:
    """Rows of a backup, table by table, whatever its format."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise BackupError(f"No backup file at {path}.")
        self.path = path
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        self.kind = "sqlite" if head == SQLITE_MAGIC else "json"
        if self.kind == "sqlite":
            uri = sqlite_uri(path, mode="ro")
            self.engine: Engine | None = create_engine(
                "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
            with self.engine.connect() as conn:
                self.revision = _revision(conn)
                self.tables = set(inspect(conn).get_table_names())
                self.epoch = conn.exec_driver_sql(
                    "SELECT value FROM server_meta WHERE key='epoch'").scalar() if "server_meta" in self.tables else None
        else:
            self.engine = None
            with open(path, encoding="utf-8") as fh:
                try:
                    header = json.loads(fh.readline())
                except json.JSONDecodeError:
                    header = {}
            if not isinstance(header, dict) or header.get("format") != DUMP_FORMAT:
                raise BackupError(f"{path} is not a ChannelKeeper server backup.")
            if int(header.get("version", 0)) > DUMP_VERSION:
                raise BackupError("This backup was written by a newer server: update the server first.")
            self.revision = header.get("revision")
            self.tables = set(header.get("tables") or [])
            self.epoch = header.get("epoch")
        if not self.revision:
            raise BackupError(f"{path} has no schema revision: not a server backup.")

    def rows(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(table, batch of rows) in backup order."""
        if self.engine is not None:
            with self.engine.connect() as conn:
                for table in metadata.sorted_tables:
                    if table.name not in self.tables:
                        continue
                    src = inspect(conn).get_columns(table.name)
                    names = [c["name"] for c in src]
                    result = conn.exec_driver_sql(
                        f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table.name}"')
                    while batch := result.fetchmany(BATCH):
                        yield table.name, [dict(zip(names, r, strict=True)) for r in batch]
            return
        with open(self.path, encoding="utf-8") as fh:
            fh.readline()
            current, batch = None, []
            for line in fh:
                if not line.strip():
                    continue
                item = json.loads(line)
                if item["t"] != current or len(batch) >= BATCH:
                    if batch:
                        yield current, batch
                    current, batch = item["t"], []
                batch.append(item["r"])
            if batch:
                yield current, batch

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def _known_revision(revision: str) -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        found = scripts.get_revision(revision)
    except (CommandError, ResolutionError, KeyError):
        found = None
    if found is None:
        raise BackupError(f"The backup's schema ({revision}) is newer than this server knows: "
                          "update the server, then restore.")


def restore(backup_file: Path, db_url: str, *, force: bool = False) -> dict[str, Any]:
    """Load ``backup_file`` into ``db_url`` and give it a new epoch. Stop the server
    first. Refuses a database that already has users or partners unless ``force``."""
    source = _Source(Path(backup_file))
    try:
        _known_revision(source.revision)
        engine = dialect.make_engine(db_url)
        try:
            result = _restore(source, engine, force)
            with engine.connect() as conn:
                # fresh planner statistics after a bulk load (PostgreSQL would otherwise
                # plan scoped pulls as full sorts); ANALYZE exists in both databases
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
            return result
        finally:
            engine.dispose()
    finally:
        source.close()


def _restore(source: _Source, engine: Engine, force: bool) -> dict[str, Any]:
    cfg = alembic_config()
    counts: dict[str, int] = {}
    with write_tx(engine) as conn:
        dialect.lock_for_migrations(conn)
        present = set(inspect(conn).get_table_names())
        ours = [t.name for t in reversed(metadata.sorted_tables) if t.name in present]
        used = any(conn.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first()
                   for name in _DATA_TABLES if name in present)
        if used and not force:
            raise BackupError("The target database already has data. Restore into an empty "
                              "database, or add --force to replace it.")
        dialect.drop_everything(conn, [*ours, "alembic_version"])
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, source.revision)  # the schema the rows were written in
        live = {t.name: t for t in metadata.sorted_tables}
        cleared = [t for t in metadata.sorted_tables if t.name in source.tables]
        for table in cleared:  # migrations seed rows (counter, epoch, built-in templates)
            conn.execute(delete(table))
        for name, batch in source.rows():
            table = live.get(name)
            if table is None:
                continue
            cols = set(table.columns.keys())
            conn.execute(insert(table), [{k: v for k, v in r.items() if k in cols} for r in batch])
            counts[name] = counts.get(name, 0) + len(batch)
        for table in cleared:
            dialect.realign_identity(conn, table)
        command.upgrade(cfg, "head")
        # numbers from another database (or PostgreSQL cluster, whose transaction ids
        # differ) must stay below every number handed out from now on
        change_numbers.realign(conn)
        new_epoch = uuid.uuid4().hex
        conn.execute(update(server_meta).where(server_meta.c.key == "epoch").values(value=new_epoch))
        stamp = _now()
        if conn.execute(select(server_meta.c.key).where(server_meta.c.key == "restored_at")).first():
            conn.execute(update(server_meta).where(server_meta.c.key == "restored_at").values(value=stamp))
        else:
            conn.execute(insert(server_meta).values(key="restored_at", value=stamp))
        seq = committed_seq(conn)
    return {"restored_from": str(source.path), "format": source.kind, "old_epoch": source.epoch,
            "server_epoch": new_epoch, "seq": seq, "rows": counts}
