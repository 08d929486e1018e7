"""Everything that differs between SQLite and PostgreSQL, in one place.

The rest of the server writes portable SQLAlchemy Core. What cannot be portable lives
here: which driver a URL means, how an engine is set up (SQLite needs WAL, a busy
timeout and ``BEGIN IMMEDIATE``; PostgreSQL a connection pool), how concurrent
migrations are serialised, and how identity counters are realigned after rows were
copied in with explicit ids (restore). tests/scale/test_dialect.py covers each.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from sync import protocol as p
from sync.server.errors import ApiError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
#: the one PostgreSQL driver we ship (psycopg 3); a bare postgresql:// URL would make
#: SQLAlchemy look for psycopg2, which is not installed
PG_DRIVER = "psycopg"
#: any constant works: every server process takes the same advisory lock to migrate
MIGRATION_LOCK_ID = 7247101
#: connections per worker process; uvicorn runs sync endpoints in a 40-thread pool, so
#: more than this wait briefly for a connection rather than overload PostgreSQL
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 10
#: connections older than this are replaced (server-side idle timeouts, failovers)
PG_POOL_RECYCLE_S = 1800


def normalize_url(url: str) -> str:
    """The URL SQLAlchemy should open: ``postgres://`` and ``postgresql://`` use psycopg 3.
    Anything that is neither SQLite nor PostgreSQL is refused with a clear message."""
    url = url.strip()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ApiError(400, p.ERROR_BAD_REQUEST,
                       f"Not a database URL: {url!r} (expected sqlite:///FILE or "
                       "postgresql://USER@HOST:PORT/DB).") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "postgres":  # Heroku-style spelling
        backend = POSTGRESQL
    if backend == SQLITE:
        return url
    if backend == POSTGRESQL:
        if driver in ("", "psycopg2"):
            parsed = parsed.set(drivername=f"{POSTGRESQL}+{PG_DRIVER}")
        return parsed.render_as_string(hide_password=False)
    raise ApiError(400, p.ERROR_BAD_REQUEST,
                   f"Unsupported database {backend!r}: use sqlite:///FILE or postgresql://...")


def backend_of(url: str) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return make_url(normalize_url(url)).get_backend_name()


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite database file, quoted so that any path survives parsing
    (``?``, ``#`` and ``%`` in a folder name would otherwise cut or change it)."""
    return URL.create(SQLITE, database=str(path)).render_as_string()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other databases and in-memory)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != SQLITE or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def redacted(url: str) -> str:
    """The URL without its password, for logs and messages."""
    try:
        return make_url(normalize_url(url)).render_as_string(hide_password=True)
    except ApiError:
        return "<invalid database URL>"


def private_file(path: Path) -> None:
    """Create ``path`` (empty) readable and writable by this user only, and any missing
    folder above it likewise (0700): the server database and its backups hold password
    hashes and token hashes. An existing file keeps its mode (an administrator may have
    chosen it); a loose one is logged. On Windows the mode bits mean little and the
    folder's access list applies."""
    if path.exists():
        if os.name == "posix" and path.stat().st_mode & 0o077:
            logging.getLogger("channelkeeper.server").warning(
                "database file readable by others", extra={"file": str(path),
                                                           "mode": oct(path.stat().st_mode & 0o777)})
        return
    missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
    for folder in reversed(missing):  # mkdir(parents=True) gives only the last one the mode
        folder.mkdir(mode=0o700, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another process created it first: its mode stands
        return
    os.close(fd)


def make_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE for
    transactions marked ``immediate`` so writers queue instead of failing; a new SQLite
    file is created 0600 (``private_file``), and its -wal and -shm files follow its mode."""
    url = normalize_url(url)
    if make_url(url).get_backend_name() == SQLITE:
        path = sqlite_file(url)
        if path is not None and not str(path).startswith("file:"):
            private_file(path)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            # let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it)
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("immediate")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    # READ COMMITTED (PostgreSQL's default) is what the change counter relies on: a pull
    # reads the counter's committed value, and every change at or below it is committed
    # no pre-ping: it costs a round trip per checkout (several per request); after a
    # database restart the first statement on a stale connection fails instead, SQLAlchemy
    # then discards the whole pool, and that one request answers 5xx (clients retry)
    return create_engine(url, pool_size=PG_POOL_SIZE, max_overflow=PG_MAX_OVERFLOW,
                         pool_pre_ping=False, pool_recycle=PG_POOL_RECYCLE_S)


#: SQLite's busy handler lets a waiting writer retry at most every 100 ms; a bulk writer
#: that takes the write lock again at once after each batch would starve it
SQLITE_WRITER_PAUSE_S = 0.11


def let_writers_in(engine: Engine) -> None:
    """Between two batches of a bulk write: give waiting writers (pushes) their turn.
    PostgreSQL queues lock waiters in order, so there is nothing to do."""
    if engine.dialect.name == SQLITE:
        time.sleep(SQLITE_WRITER_PAUSE_S)


def insert_many(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert many rows in the current transaction. PostgreSQL takes them through COPY
    (no statement per row to parse and plan: bulk imports); SQLite, in process, through
    executemany."""
    if not rows:
        return
    if conn.dialect.name != POSTGRESQL:
        conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def insert_or_update(conn: Connection, table: Table):
    """The dialect's INSERT that takes ``.on_conflict_do_update`` (an atomic upsert:
    SQLite 3.24+ and PostgreSQL spell it the same, but SQLAlchemy keeps one construct
    per dialect)."""
    if conn.dialect.name == POSTGRESQL:
        return pg_insert(table)

    return sqlite_insert(table)


#: PostgreSQL error classes that asking again can cure: connection exceptions (08),
#: serialization failure and deadlock (40001, 40P01), too many connections (53300),
#: operator intervention: terminated backend, shutdown, not yet accepting (57P01-57P03)
PG_TRANSIENT_STATES = ("08", "40001", "40P01", "53300", "57P01", "57P02", "57P03")
SQLITE_BUSY = 5  # "database is locked" after the busy timeout


def is_transient(exc: DBAPIError) -> bool:
    """Whether a database error is momentary (a dropped or refused connection, a busy
    database) rather than a fault of this request or of the data."""
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state.startswith(PG_TRANSIENT_STATES):
        return True
    if getattr(orig, "sqlite_errorcode", None) == SQLITE_BUSY:
        return True
    # late: optional dependency (psycopg, the server's extra, for PostgreSQL)
    import psycopg

    # psycopg reports a connection lost mid-query without an SQLSTATE
    return isinstance(orig, psycopg.OperationalError) and state is None


def lock_for_migrations(conn: Connection) -> None:
    """Serialise schema upgrades of several processes starting at once. SQLite already
    holds its write lock (BEGIN IMMEDIATE); PostgreSQL takes a transaction advisory lock."""
    if conn.dialect.name == POSTGRESQL:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")


def serialize_writers(conn: Connection, key: str) -> None:
    """Make the writing transactions that pass the same ``key`` run one after the other
    from this point until they end (others never wait). SQLite already runs one writer
    at a time (BEGIN IMMEDIATE); PostgreSQL takes a transaction advisory lock on the
    key's 64-bit hash. After it, READ COMMITTED statements see what the previous holder
    committed: a check-then-insert made under it cannot lose a race."""
    if conn.dialect.name == POSTGRESQL:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


def realign_identity(conn: Connection, table: Table) -> None:
    """After rows were inserted with explicit integer ids (a restore), make the next
    generated id follow the largest one. SQLite's INTEGER PRIMARY KEY does that by
    itself; a PostgreSQL identity/serial column keeps its own sequence."""
    if conn.dialect.name != POSTGRESQL:
        return
    pk = [c for c in table.primary_key.columns if c.autoincrement is True]
    for col in pk:
        highest = conn.execute(select(func.max(col))).scalar()
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                           {"t": table.name, "c": col.name}).scalar()
        if seq:
            if highest is None:
                conn.execute(text("SELECT setval(:s, 1, false)"), {"s": seq})
            else:
                conn.execute(text("SELECT setval(:s, :v, true)"), {"s": seq, "v": int(highest)})


def drop_everything(conn: Connection, table_names: list[str]) -> None:
    """Remove the server's tables (a forced restore into a used database)."""
    for name in table_names:
        quoted = conn.dialect.identifier_preparer.quote(name)
        suffix = " CASCADE" if conn.dialect.name == POSTGRESQL else ""
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quoted}{suffix}")
