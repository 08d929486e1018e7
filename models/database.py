"""Opening a profile's database: the one place that connects to it.

Every connection to a profile's file (the app, the commands, the sync lane's second
connection, the tests' helpers, the benchmarks) is made by ``open_database`` here. The
file is encrypted with SQLCipher (``sqlcipher3-wheels``): a 32-byte random key is given
as a raw key, so opening costs no key derivation (where the key comes from is the
profile's business, see desktop/profile_keys.py). ``key=None`` opens a plain SQLite
file: the in-memory store, the conversion of a plain profile, and the benchmark's
"encryption off" run.

A file that is not a ChannelKeeper database, is damaged, cannot be unlocked with the
key, or was written by a newer ChannelKeeper is refused with a clear message and
never written to. Before pending migrations run on a file that already holds data,
the file is backed up (encrypted like itself) into the profile's backups folder.
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from models import migrations
from models.backups import backup_name, backups_dir_of, rotate, write_backup
from models.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    PlainDatabaseError,
    SchemaTooNewError,
    WrongKeyError,
    is_locked_error,
)
from models.sqlite_uri import sqlite_uri

_savepoints = itertools.count(1)


class Database:
    """The store's handle on one connection: what it uses, and nothing more.

    ``connect`` opens every connection in autocommit mode (isolation_level=None): the
    driver never opens a transaction by itself, so a statement outside ``atomic``
    commits on its own. Anything beyond ``execute`` and ``atomic`` (sqlite-utils'
    table helpers, say) is had by wrapping ``conn``: ``sqlite_utils.Database(db.conn)``.
    """

    def __init__(self, conn: sqlcipher.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
                ) -> sqlcipher.Cursor:
        return self.conn.execute(sql, parameters if parameters is not None else ())

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction; a nested block is a savepoint inside it."""
        if self.conn.in_transaction:
            savepoint = f"ck_savepoint_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # an error (a RAISE(ROLLBACK) trigger, a full disk) may have ended the
                # whole transaction already, savepoint included
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
KEY_BYTES = 32
#: page cache per connection (KiB, negative in SQLite's terms): SQLCipher decrypts a
#: page each time it is read from disk, so a page kept in memory is read for free
CACHE_KIB = 32 * 1024
#: page cache of the encrypted copy while a plain profile is converted (KiB)
EXPORT_CACHE_KIB = 256 * 1024
#: the benchmark's switch for its "encryption off" run (docs/benchmarks.md); nothing
#: else sets it, and a profile made with it is plain SQLite
ENV_BENCH_PLAIN = "CHANNELKEEPER_BENCH_UNENCRYPTED"


def _pragma_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a database key has {KEY_BYTES} bytes, not {len(key)}")
    # a raw key ("x'…'"): SQLCipher skips its own key derivation
    return f"\"x'{key.hex()}'\""


def connect(path: str | Path, key: bytes | None, *, read_only: bool = False
            ) -> sqlcipher.Connection:
    """A DB-API connection to ``path`` unlocked with ``key`` (nothing read yet).

    isolation_level=None: transactions are explicit (``Database.atomic``), never
    implicit. check_same_thread=False: the desktop app confines each connection to one
    worker thread itself (the database lane); the flag only lets that thread differ
    from the one that opened it."""
    target = sqlite_uri(path, mode="ro") if read_only else str(path)
    conn = sqlcipher.connect(target, uri=read_only, isolation_level=None,
                             check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA cipher_log_level = NONE")  # failures are raised, not printed
    if key is not None:
        conn.execute(f"PRAGMA key = {_pragma_key(key)}")
        # wiping freed memory on every allocation halves SQLCipher's speed; the key
        # itself stays in this process's memory either way
        conn.execute("PRAGMA cipher_memory_security = OFF")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # what sqlite-utils set on every connection before; the schema's triggers expect it
    conn.execute("PRAGMA recursive_triggers = ON")
    return conn


def is_plain_file(path: Path) -> bool:
    """Whether ``path`` starts like a plain (unencrypted) SQLite file."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


def _check_file(path: Path, key: bytes | None) -> None:
    """Refuse, from its first bytes alone, a file that cannot be what the key expects."""
    if not path.exists() or path.stat().st_size == 0:
        return
    plain = is_plain_file(path)
    if key is not None and plain:
        raise PlainDatabaseError(
            f"{path} is not encrypted yet. It was left untouched; ChannelKeeper encrypts "
            "it when the profile is opened by the app or a command.")
    if key is None and not plain:
        raise CorruptDatabaseError(
            f"{path} is not a ChannelKeeper database (not an SQLite file), or it is "
            "encrypted. It was left untouched; choose another profile or restore a backup.")


def _check_length(conn: sqlcipher.Connection, path: Path) -> None:
    """A file shorter than its own header says was truncated. Not while a write-ahead
    log is left beside it: a checkpoint a crash cut short has written the first page
    but not yet the pages after it, and SQLite completes the file from the log."""
    if _log_left(path):
        return
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    if pages and path.stat().st_size < pages * page_size:
        raise CorruptDatabaseError(
            f"{path} is damaged (the file is shorter than its header says: truncated). "
            "It was left untouched; restore a backup.")


def _log_left(path: Path) -> bool:
    """A non-empty write-ahead log beside the file: the last session did not close."""
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def applied_names(db: Database) -> list[str]:
    """The migrations recorded in the file, in the order applied."""
    return migrations.applied_names(db.conn)


def check_schema(db: Database, path: str | Path = "database") -> list[str]:
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


def backup_database(db: Database, target: Path, key: bytes | None,
                    progress: Callable[[int, int], None] | None = None, *,
                    pages: int = 256) -> Path:
    """Copy the live database into ``target`` with SQLite's online backup API,
    encrypted with ``key`` (the database's own). The copy is written beside ``target``
    and renamed into place once whole, so ``target`` is either complete or absent.
    ``pages``: copied per step; -1, all in one step (one read transaction: what a
    connection other than the writers' needs, since a write through another
    connection between steps starts the copy over)."""

    def copy(tmp: Path) -> None:
        dest = connect(tmp, key)
        try:
            db.conn.backup(dest, pages=pages,
                           progress=(lambda _s, left, total: progress(total - left, total))
                           if progress else None)
        finally:
            dest.close()

    return write_backup(target, copy)


def upgrade_due(path: str | Path, key: bytes | None) -> bool:
    """True when an existing profile database needs this version's migrations (the
    next ``open_database`` backs it up and migrates it: seconds for a large file, which
    the app shows). Read-only and quiet: any problem is for ``open_database`` to report."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0 or is_plain_file(path) != (key is None):
        return False
    try:
        conn = connect(path, key, read_only=True)
    except sqlcipher.Error:
        return False
    try:
        applied = migrations.applied_names(conn)
        return bool(applied) and any(n not in applied for n in migrations.known_names())
    except sqlcipher.Error:
        return False
    finally:
        conn.close()


def open_database(path: str | Path, *, key: bytes | None, migrate: bool = True,
                  verify: bool = False, already_open: bool = False,
                  backups: int | None = None) -> Database:
    """Open (creating if needed) and migrate a profile's database file.

    ``key``: the database's 32-byte key, or None for a plain file (see the module's
    docstring for who may do that). A full integrity check reads the whole file
    (seconds for a large profile), so it runs here only when it matters: before
    migrating (the file is about to be rewritten), after a session that did not close
    cleanly (a write-ahead log was left behind), or when ``verify`` is asked for;
    otherwise the app runs it in the background after start (``check_database``).
    ``already_open``: a second connection beside one this process opened (and checked)
    already, e.g. the sync lane's; its live write-ahead log is no sign of a crash.
    ``backups``: how many automatic backups to keep when one is made before migrating.
    """
    path = Path(path)
    _check_file(path, key)
    unclean = _log_left(path) and not already_open
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    conn = connect(path, key)
    db = Database(conn)
    try:
        try:
            _check_length(conn, path)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
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
        except sqlcipher.OperationalError as exc:
            if is_locked_error(exc):
                raise DatabaseLockedError(
                    f"{path} is in use by another program. Close it and try again."
                ) from exc
            raise CorruptDatabaseError(f"{path} cannot be read: {exc}. It was left untouched.") from exc
        except sqlcipher.DatabaseError as exc:
            if key is not None and "not a database" in str(exc):
                raise WrongKeyError(
                    f"{path} cannot be unlocked with this key, or its first page is damaged. "
                    "It was left untouched.") from exc
            raise CorruptDatabaseError(
                f"{path} is damaged ({exc}). It was left untouched; restore a backup."
            ) from exc
        if created:
            restrict_file(path)
        if migrate and pending:
            try:
                if applied:
                    backup_database(db, backups_dir_of(path) / backup_name(f"before-{pending[0]}"),
                                    key)
                    rotate(backups_dir_of(path), backups)
                _migrate(db)
            except sqlcipher.OperationalError as exc:
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


def restrict_file(path: Path) -> None:
    """Owner-only access (0600) on POSIX; on Windows the profile lives in the user's
    own folder, which is already closed to other users."""
    if os.name == "posix":
        os.chmod(path, 0o600)


def _migrate(db: Database) -> None:
    """Apply every pending migration (models/migrations)."""
    migrations.apply(db)


def _quick_check(conn: sqlcipher.Connection, path: str | Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise CorruptDatabaseError(
            f"{path} is damaged ({result[0] if result else 'no answer'}). "
            "It was left untouched; restore a backup."
        )


def verify_database(db: Database, path: str | Path = "database") -> None:
    """The full integrity check (reads and authenticates every page):
    CorruptDatabaseError if damaged."""
    problems = integrity_problems(db)
    if problems:
        raise CorruptDatabaseError(
            f"{path} is damaged ({problems[0]}). It was left untouched; restore a backup.")


def integrity_problems(db: Database, limit: int = 20) -> list[str]:
    """What is wrong with the open database, in SQLite's words (empty: healthy).
    An encrypted file's pages are first checked against their authentication codes
    (a page changed on disk fails there even when its structure still parses)."""
    problems: list[str] = []
    try:
        if db.conn.execute("PRAGMA cipher_status").fetchone() == ("1",):
            problems += [r[0] for r in db.conn.execute("PRAGMA cipher_integrity_check")][:limit]
        result = [r[0] for r in db.conn.execute(f"PRAGMA quick_check({limit})")]
        problems += [line for r in result if r != "ok" for line in r.splitlines()
                     if not line.startswith("***")][:limit]
    except sqlcipher.DatabaseError as exc:
        problems.append(str(exc))
    return problems


def open_memory_database() -> Database:
    db = Database(connect(":memory:", None))
    _migrate(db)
    return db


def encrypt_plain_database(path: Path, key: bytes,
                           progress: Callable[[int, int], None] | None = None) -> Path | None:
    """Convert a plain profile database (an older version's) into an encrypted one.

    The encrypted copy is written beside the file (``sqlcipher_export``), checked
    (structure, and every table's row count against the plain file), and only then
    moved over it; an encrypted backup of it goes into the backups folder. Plain
    backups an older version left beside the file are converted into that folder too,
    then removed. A damaged plain file is refused untouched. Returns the backup made.
    ``progress(done, total)``: bytes written of about ``total``, from time to time."""
    path = Path(path)
    plain = connect(path, None)
    target = path.with_name(path.name + ".encrypting")
    try:
        try:
            _quick_check(plain, path)
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            tables = [r[0] for r in plain.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'")]
            counts = {t: plain.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        except sqlcipher.DatabaseError as exc:
            raise CorruptDatabaseError(
                f"{path} is damaged ({exc}). It was left untouched; restore a backup.") from exc
        _export(plain, target, key, path.stat().st_size, progress)
    finally:
        plain.close()
    check = connect(target, key)
    try:
        _quick_check(check, target)
        for t, n in counts.items():
            if check.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] != n:
                raise CorruptDatabaseError(f"{path}: the encrypted copy lost rows of {t}; "
                                           "the plain file was left untouched.")
        made = backup_database(Database(check),
                               backups_dir_of(path) / backup_name("encrypted"), key)
    except BaseException:
        check.close()
        target.unlink(missing_ok=True)
        raise
    check.close()
    restrict_file(target)
    os.replace(target, path)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    for old in sorted(path.parent.glob(f"{path.name}.*.bak")):
        _encrypt_old_backup(old, key)
    return made


def _export(plain: sqlcipher.Connection, target: Path, key: bytes, total: int,
            progress: Callable[[int, int], None] | None) -> None:
    target.unlink(missing_ok=True)
    plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {_pragma_key(key)}", [str(target)])
    # a new file that is checked, synced to disk and renamed only once whole: no journal
    # while it is written, and pages enough for the indexes it builds row by row
    plain.execute("PRAGMA encrypted.journal_mode = OFF")
    plain.execute("PRAGMA encrypted.synchronous = OFF")
    plain.execute(f"PRAGMA encrypted.cache_size = -{EXPORT_CACHE_KIB}")
    plain.execute(f"PRAGMA main.cache_size = -{CACHE_KIB}")
    if progress is not None:
        def report() -> int:
            # the copy ends a little larger than the plain file: 99 % until it is done
            written = target.stat().st_size if target.exists() else 0
            progress(min(written, total * 99 // 100), total)
            return 0  # go on

        plain.set_progress_handler(report, 200_000)
    try:
        plain.execute("SELECT sqlcipher_export('encrypted')")
    except BaseException:
        plain.execute("DETACH DATABASE encrypted")
        target.unlink(missing_ok=True)
        raise
    finally:
        plain.set_progress_handler(None, 0)
    plain.execute("DETACH DATABASE encrypted")
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())
    if progress is not None:
        progress(total, total)


def _encrypt_old_backup(old: Path, key: bytes) -> None:
    """An older version's plain ``*.bak`` beside the database: into the backups
    folder, encrypted; a file that is not a readable database is left alone."""
    if not is_plain_file(old):
        return
    conn = connect(old, None)
    try:
        write_backup(backups_dir_of(old) / backup_name("older-version"),
                     lambda tmp: _export(conn, tmp, key, 0, None))
    except sqlcipher.DatabaseError:
        return
    finally:
        conn.close()
    old.unlink()


@dataclass(frozen=True)
class DatabaseFile:
    """A profile's database file with the key that unlocks it: what a second
    connection (the sync lane's) or a backup needs, without asking for the key again."""

    path: Path
    key: bytes | None = field(repr=False)
    #: the key is known to be the file's (checked against the profile's key file)
    verified: bool = False

    def open(self, **options: Any) -> Database:
        try:
            return open_database(self.path, key=self.key, **options)
        except WrongKeyError as exc:
            if not self.verified:
                raise
            raise CorruptDatabaseError(
                f"{self.path} is damaged: its first page cannot be read with the profile's "
                "key (which is the right one). It was left untouched; restore a backup."
            ) from exc
