"""Opening a profile's SQLite file safely.

A file that is not SQLite, is damaged, or was written by a newer ChannelKeeper is
refused with a clear message and never written to. Before pending migrations run on
a file that already holds data, the file is backed up beside itself.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from models import migrations
from models.connection import Connection
from models.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    SchemaTooNewError,
    is_locked_error,
)
from models.sqlite_uri import sqlite_uri

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _connect(path: str | Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (Connection.atomic), never implicit.
    # check_same_thread=False: the desktop app confines each connection to one worker
    # thread itself (the database lane); the flag only lets that thread differ from the
    # one that opened it.
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _check_file(path: Path) -> None:
    """Refuse, from its 100-byte header alone, a file that is not SQLite or is cut short."""
    if not path.exists() or path.stat().st_size == 0:
        return
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(100)
    if head[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a ChannelKeeper database (not an SQLite file). "
            "It was left untouched; choose another profile or restore a backup."
        )
    page_size = int.from_bytes(head[16:18], "big") if len(head) == 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptDatabaseError(
            f"{path} is damaged (its header is incomplete). It was left untouched; restore a backup."
        )
    pages = int.from_bytes(head[28:32], "big")
    # the page count in the header is only trustworthy when its "valid for" stamp
    # matches the change counter (SQLite file format, section 1.3.7), and when no
    # write-ahead log is left: a checkpoint that a crash cut short has written the
    # new first page but not yet the pages after it, and SQLite completes the file
    # from the log when it opens it (the full check after an unclean close follows)
    if pages and head[24:28] == head[92:96] and size < pages * page_size \
            and not _log_left(path):
        raise CorruptDatabaseError(
            f"{path} is damaged (the file is shorter than its header says: truncated). "
            "It was left untouched; restore a backup."
        )


def _log_left(path: Path) -> bool:
    """A non-empty write-ahead log beside the file: the last session did not close."""
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def applied_names(db: Connection | Database) -> list[str]:
    """The migrations recorded in the file, in the order applied."""
    return migrations.applied_names(db.conn)


def check_schema(db: Connection | Database, path: str | Path = "database") -> list[str]:
    """Raise SchemaTooNewError when the file knows migrations this app does not."""
    applied = applied_names(db)
    known = migrations.known_names()
    unknown = [n for n in applied if n not in known]
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of ChannelKeeper "
            f"(unknown schema steps: {', '.join(unknown)}). Update the app to open it; "
            "the file was left untouched."
        )
    return applied


def backup_file(db: Connection | Database, path: Path, label: str) -> Path:
    """Copy the live database (consistently, via SQLite's backup API) beside itself."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.before-{label}.bak")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def upgrade_due(path: str | Path) -> bool:
    """True when an existing profile database needs this version's migrations (the
    next ``open_database`` backs it up and migrates it: seconds for a large file, which
    the app shows). Read-only and quiet: any problem is for ``open_database`` to report."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=1)
    except sqlite3.Error:
        return False
    try:
        applied = applied_names(Connection(conn))
        return bool(applied) and any(n not in applied for n in migrations.known_names())
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def open_database(path: str | Path, *, migrate: bool = True, verify: bool = False,
                  already_open: bool = False) -> Connection:
    """Open (creating if needed) and migrate a profile's database file.

    A full integrity check reads the whole file (seconds for a large profile), so it
    runs only when it matters: before migrating (the file is about to be rewritten),
    after a session that did not close cleanly (a write-ahead log was left behind),
    or when ``verify`` is asked for. Otherwise the header and the schema are checked;
    ``verify_database`` runs the full check later, e.g. in the background.
    ``already_open``: a second connection beside one this process opened (and checked)
    already, e.g. the sync lane's; its live write-ahead log is no sign of a crash.
    """
    path = Path(path)
    _check_file(path)
    unclean = _log_left(path) and not already_open
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    db = Connection(conn)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            applied = applied_names(db)
            pending = [n for n in migrations.known_names() if n not in applied]
            if applied and migrate and pending:
                verify = True
            if verify or unclean:
                _quick_check(conn, path)
            applied = check_schema(db, path)
            # only now: switching to WAL rewrites the header of a file in rollback mode,
            # and a refused file must be left byte for byte as it was
            db.execute("PRAGMA journal_mode = WAL")
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
        if migrate and pending:
            try:
                if applied:
                    backup_file(db, path, pending[0])
                _migrate(db)
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


def _migrate(db: Connection) -> None:
    """Apply every pending migration (models/migrations)."""
    migrations.apply(db)


def _quick_check(conn: sqlite3.Connection, path: str | Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise CorruptDatabaseError(
            f"{path} is damaged ({result[0] if result else 'no answer'}). "
            "It was left untouched; restore a backup."
        )


def verify_database(db: Connection | Database, path: str | Path = "database") -> None:
    """The full integrity check (reads every page): CorruptDatabaseError if damaged."""
    try:
        _quick_check(db.conn, path)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(f"{path} is damaged ({exc}); restore a backup.") from exc


def open_memory_database() -> Connection:
    db = Connection(_connect(":memory:"))
    _migrate(db)
    return db
