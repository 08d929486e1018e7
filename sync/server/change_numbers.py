"""Change numbers: how a writer takes them, and how far a pull may read.

A record's ``version`` and an assignment's ``granted_seq``/``revoked_seq`` are change
numbers. A pull delivers the changes numbered above its cursor up to a *horizon* H and
then moves the cursor to H, so one rule makes pulls gap-free: **once a pull has read H,
no change numbered <= H can still commit.** Each database keeps it its own way, behind
the same two calls (``allocate_seq``, ``committed_seq``); docs/sync-protocol.md,
section 5, "Change numbering", has the argument in full.

* SQLite has one writer at a time (every writing transaction starts with
  ``BEGIN IMMEDIATE``), so a counter row in commit order costs nothing extra: a writer
  bumps ``sync_counter``; H is its committed value.
* PostgreSQL numbers a transaction's changes from its own transaction id, as PgQ
  (Skytools) orders events by ``txid_current()``: change ``i`` of transaction ``x`` is
  ``base + x * PER_TRANSACTION + i``. A pull's H lies just below the numbers of the
  oldest transaction of this database still running (from ``pg_current_snapshot()``
  and ``pg_stat_activity``), or of the next id to be assigned if none runs: every
  transaction with a smaller id has ended, and every later one gets a larger id, so
  nothing numbered <= H can appear any more. Writers never wait for each other (only for
  a record both change); a long transaction in this database delays what pulls deliver
  until it ends, it never makes them skip.

``base`` (server_meta ``change_base``) places the numbers above every number handed out
before (the old counter, or the rows of a restored backup), so cursors stay monotonic;
``change_floor`` is the last of those earlier numbers, below which a horizon never drops.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

#: numbers one PostgreSQL transaction may take (a push needs at most 500, a CSV import
#: two per row); with 64-bit numbers this leaves room for 2**43 transaction ids
PER_TRANSACTION = 1 << 20
BASE_KEY = "change_base"
#: every number up to this one was final when ``base`` was set (the old counter's last
#: number, or the largest number a restore loaded): a horizon is never below it, even
#: while a transaction older than that moment still runs somewhere in the cluster
FLOOR_KEY = "change_floor"
_TAKEN = "change_numbers_taken"  # conn.info: (transaction id, numbers taken so far)

_PG_TAKE = text(
    "SELECT pg_current_xact_id()::text::bigint, "
    "(SELECT value FROM server_meta WHERE key = :key)::bigint"
)
# The statement's snapshot S is taken before it runs, pg_stat_activity is read while it
# runs: the oldest transaction of *this database* that was running at S and still runs,
# else S's xmax. PostgreSQL keeps one copy of pg_stat_activity per transaction, so the
# statement drops it first (the CTE is scanned before the select list is computed).
# pg_stat_activity shows 32-bit ids, the snapshot 64-bit ones.
_PG_HORIZON = text(
    "WITH fresh AS MATERIALIZED (SELECT pg_stat_clear_snapshot()) "
    "SELECT (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x "
    "        WHERE x::text::bigint % 4294967296 IN ("
    "            SELECT backend_xid::text::bigint FROM pg_stat_activity "
    "            WHERE datname = current_database() AND backend_xid IS NOT NULL)), "
    "pg_snapshot_xmax(pg_current_snapshot())::text::bigint, "
    "(SELECT value FROM server_meta WHERE key = :key)::bigint, "
    "(SELECT value FROM server_meta WHERE key = :floor)::bigint FROM fresh"
)


class TooManyChanges(RuntimeError):
    """One transaction asked for more than ``PER_TRANSACTION`` change numbers."""


def _postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def allocate_seq(conn: Connection, n: int = 1) -> int:
    """Reserve ``n`` consecutive change numbers for this transaction; returns the first.

    SQLite: the counter row, bumped under the database's write lock. PostgreSQL: the
    next ``n`` numbers of this transaction's own block (no lock, no waiting); numbers
    taken by a savepoint that rolls back, or by a transaction that rolls back, are gaps."""
    if n < 1:
        raise ValueError("allocate at least one change number")
    if not _postgres(conn):
        top = conn.execute(
            text("UPDATE sync_counter SET seq = seq + :n WHERE id = 1 RETURNING seq"), {"n": n}
        ).scalar_one()
        return int(top) - n + 1
    xid, base = conn.execute(_PG_TAKE, {"key": BASE_KEY}).one()
    seen_xid, taken = conn.info.get(_TAKEN, (None, 0))
    if seen_xid != xid:  # the connection's previous transaction ended: a new block
        taken = 0
    if taken + n > PER_TRANSACTION:
        raise TooManyChanges(f"one transaction may write at most {PER_TRANSACTION:,} changes: "
                             "split the work into smaller transactions")
    conn.info[_TAKEN] = (xid, taken + n)
    return int(base) + int(xid) * PER_TRANSACTION + taken


def committed_seq(conn: Connection) -> int:
    """The pull horizon H: every change numbered <= H has committed or rolled back, and
    no transaction can still take a number <= H. Read it first in a pull, then read
    rows (READ COMMITTED: later statements see everything that ended before).

    PostgreSQL, with S the snapshot of the horizon's statement and X its xmax (no id
    below X is assigned after S): a transaction of this database with an id x < X
    either had ended at S (not in S's running list), or was running at S, and then
    either still runs when pg_stat_activity is read (so H is below its numbers) or has
    ended before (so the later statements see it). Ids >= X number above H. Other
    databases of the cluster never write these tables, so their transactions do not
    hold pulls back. The server never uses prepared (two-phase) transactions, which
    would run without a backend."""
    if not _postgres(conn):
        return int(conn.execute(text("SELECT seq FROM sync_counter WHERE id = 1")).scalar_one())
    oldest, xmax, base, floor = conn.execute(_PG_HORIZON, {"key": BASE_KEY, "floor": FLOOR_KEY}).one()
    first_open = int(xmax) if oldest is None else min(int(oldest), int(xmax))
    return max(int(base) + first_open * PER_TRANSACTION - 1, int(floor or 0))


def _highest_sql() -> str:
    # late: import cycle with sync.server.db
    from sync.server.db import ENTITY_TABLES

    parts = [f"SELECT max(version) AS v FROM {t.name}" for t in ENTITY_TABLES.values()]
    parts += ["SELECT max(granted_seq) FROM assignments", "SELECT max(revoked_seq) FROM assignments"]
    return f"(SELECT max(v) FROM ({' UNION ALL '.join(parts)}) AS numbers)"


def highest_number(conn: Connection) -> int:
    """The largest change number stored anywhere (records and assignments)."""
    return int(conn.execute(text(f"SELECT {_highest_sql()}")).scalar() or 0)


def realign(conn: Connection) -> bool:
    """Make every number handed out from now on larger than every stored one, if rows
    were loaded with numbers from elsewhere (a restore from another database, or a
    PostgreSQL cluster whose transaction ids differ); True if it had to.

    Never moves anything in normal operation, so running it at every start is safe:
    a stored number always comes from a transaction that ended, whose id is below the
    next id PostgreSQL will assign (``pg_snapshot_xmax``), so it lies below that
    transaction's block. Moving ``base`` while writers run would break the horizon,
    which is why it only happens when numbers are already wrong (restore: server
    stopped)."""
    if not _postgres(conn):
        top = highest_number(conn)
        counter = int(conn.execute(text("SELECT seq FROM sync_counter WHERE id = 1")).scalar_one())
        if counter >= top:
            return False
        conn.execute(text("UPDATE sync_counter SET seq = :v WHERE id = 1"), {"v": top})
        return True
    top, next_xid, base = conn.execute(text(
        f"SELECT {_highest_sql()}, pg_snapshot_xmax(pg_current_snapshot())::text::bigint, "
        "(SELECT value FROM server_meta WHERE key = :key)::bigint"), {"key": BASE_KEY}).one()
    top = int(top or 0)
    if base is not None and top < int(base) + int(next_xid) * PER_TRANSACTION:
        return False
    xid = int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    # this transaction's block starts above top; every number up to top is final
    for key, value in ((BASE_KEY, top + 1 - xid * PER_TRANSACTION), (FLOOR_KEY, top)):
        conn.execute(text("DELETE FROM server_meta WHERE key = :key"), {"key": key})
        conn.execute(text("INSERT INTO server_meta (key, value) VALUES (:key, :v)"),
                     {"key": key, "v": str(value)})
    conn.info.pop(_TAKEN, None)
    return True
