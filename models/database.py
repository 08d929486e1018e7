"""Opening a profile's SQLite file safely.

A file that is not SQLite, is damaged, or was written by a newer ChannelKeeper is
refused with a clear message and never written to. Before pending migrations run on
a file that already holds data, the file is backed up beside itself.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from models.errors import (
    CorruptDatabaseError, DatabaseLockedError, SchemaTooNewError, is_locked_error,
)
from models.migrations import known_names, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _connect(path: str | Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (Database.atomic), never implicit.
    # check_same_thread=False: the desktop app confines each connection to one worker
    # thread itself (the database lane); the flag only lets that thread differ from the
    # one that opened it.
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _check_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a ChannelKeeper database (not an SQLite file). "
            "It was left untouched; choose another profile or restore a backup."
        )


def _applied(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def check_schema(db: Database, path: str | Path = "database") -> list[str]:
    """Raise SchemaTooNewError when the file knows migrations this app does not."""
    applied = _applied(db)
    unknown = [n for n in applied if n not in known_names()]
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of ChannelKeeper "
            f"(unknown schema steps: {', '.join(unknown)}). Update the app to open it; "
            "the file was left untouched."
        )
    return applied


def backup_file(db: Database, path: Path, label: str) -> Path:
    """Copy the live database (consistently, via SQLite's backup API) beside itself."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.before-{label}.bak")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def open_database(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate a profile's database file."""
    path = Path(path)
    _check_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    db = Database(conn)
    try:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            result = conn.execute("PRAGMA quick_check").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseLockedError(
                    f"{path} is in use by another program. Close it and try again."
                ) from exc
            raise CorruptDatabaseError(f"{path} cannot be read: {exc}. It was left untouched.") from exc
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(
                f"{path} is damaged ({exc}). It was left untouched; restore a backup."
            ) from exc
        if result is None or result[0] != "ok":
            raise CorruptDatabaseError(
                f"{path} is damaged ({result[0] if result else 'no answer'}). "
                "It was left untouched; restore a backup."
            )
        applied = check_schema(db, path)
        if migrate:
            try:
                pending = migrations.pending(db)
                if pending and applied:
                    backup_file(db, path, pending[0].name)
                migrations.apply(db)
            except sqlite3.OperationalError as exc:
                if is_locked_error(exc):
                    raise DatabaseLockedError(
                        f"{path} is in use by another program, so its update to this version "
                        "could not run. Close the other program and try again."
                    ) from exc
                raise
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return db


def open_memory_database() -> Database:
    db = Database(_connect(":memory:"))
    migrations.apply(db)
    return db
