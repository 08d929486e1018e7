"""The server's tables (SQLAlchemy Core) and engine.

Entity tables mirror models/schema.py plus server bookkeeping (who wrote a record).
A record's ``version`` is the number of its last change (``allocate_seq``), unique
across entities; sync/server/change_numbers.py says how numbers are handed out and how
far a pull may read. SQL stays portable between SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    ScalarSelect,
    String,
    Table,
    Text,
    select,
)

from models.schema import ENTITIES, Entity
from sync.server import dialect
from sync.server.change_numbers import allocate_seq, committed_seq  # noqa: F401  (every writer and reader imports them from here)

metadata = MetaData()

ID = 36  # a UUID's text form
#: entity columns looked up by exact value (indexed)
NAME_LOOKUPS = {"partner": ("name_zh", "name_en")}


def _kind_type(kind: str):
    if kind in ("int", "bool"):
        return BigInteger()
    if kind == "real":
        return Float()
    if kind in ("date", "datetime"):
        return String(32)
    if kind == "ref":
        return String(ID)
    return Text()


def _entity_table(ent: Entity) -> Table:
    cols = [
        Column("id", String(ID), primary_key=True),
        Column("version", BigInteger, nullable=False),
        Column("created_at", String(32), nullable=False),
        Column("updated_at", String(32), nullable=False),
        Column("deleted", Integer, nullable=False, default=0),
        Column("deleted_at", String(32)),
        Column("created_by", String(100)),
        Column("updated_by", String(100)),
    ]
    cols += [Column(f.name, _kind_type(f.kind)) for f in ent.fields]
    indexes = [Index(f"ix_{ent.table}_version", "version", unique=True)]
    if ent.partner_field:
        indexes.append(Index(f"ix_{ent.table}_partner", ent.partner_field))
    # CSV imports and admin commands find partners by exact name
    indexes += [Index(f"ix_{ent.table}_{col}", col) for col in NAME_LOOKUPS.get(ent.name, ())]
    return Table(ent.table, metadata, *cols, *indexes)


ENTITY_TABLES: dict[str, Table] = {name: _entity_table(e) for name, e in ENTITIES.items()}

server_meta = Table(
    "server_meta", metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)

# SQLite's change counter (see change_numbers.allocate_seq); PostgreSQL numbers changes
# from transaction ids and keeps only the numbers' base in server_meta
sync_counter = Table(
    "sync_counter", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", String(ID), primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("disabled", Integer, nullable=False, default=0),
)

devices = Table(
    "devices", metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("last_seen_at", String(32)),
    Column("revoked_at", String(32)),
    Column("last_seq", BigInteger, nullable=False, default=0),
    # sha256 of the device key handed out at sign-in: a later sign-in that presents it
    # comes from a laptop this user already used (see sync/server/throttle.py)
    Column("trust_key_hash", String(64), index=True),
    # remote wipe (migration 0004): head office marked the device lost; the laptop
    # confirmed it erased its data
    Column("wipe_requested_at", String(32)),
    Column("wiped_at", String(32)),
)

tokens = Table(
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 hex of the token
    Column("kind", String(10), nullable=False),  # access | refresh
    Column("device_id", String(ID), nullable=False, index=True),
    Column("user_id", String(ID), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),  # refresh tokens: rotated away
    Column("revoked_at", String(32)),
)

login_failures = Table(
    "login_failures", metadata,
    Column("key", String(300), primary_key=True),  # kind:value (sync/server/throttle.py)
    Column("failures", Integer, nullable=False),
    Column("window_start", String(32), nullable=False),
)

# a partner granted to a user: granted_seq/revoked_seq are change numbers
assignments = Table(
    "assignments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("partner_id", String(ID), nullable=False, index=True),
    Column("user_id", String(ID), nullable=False, index=True),
    Column("granted_seq", BigInteger, nullable=False),
    Column("granted_at", String(32), nullable=False),
    Column("revoked_seq", BigInteger),
    Column("revoked_at", String(32)),
)

# every op result, keyed by device and op id: a resent op gets its original answer back,
# whichever of the same user's devices sends it again (a laptop signed in anew); another
# user's op with the same id is a different op
applied_ops = Table(
    "applied_ops", metadata,
    Column("device_id", String(ID), primary_key=True),
    Column("op_id", String(ID), primary_key=True, index=True),
    Column("seq", BigInteger, nullable=False),
    Column("result", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

# stored records that break the field contract (models/contract.py): found by a pull
# that could not send them (they are skipped) or by `server check`, for the admin
quarantine = Table(
    "quarantine", metadata,
    Column("entity", String(40), primary_key=True),
    Column("record_id", String(200), primary_key=True),
    Column("version", BigInteger),
    Column("field", String(100)),
    Column("problem", Text, nullable=False),
    Column("found_by", String(20), nullable=False),  # pull | snapshot | check
    Column("found_at", String(32), nullable=False),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(ID), primary_key=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(ID), nullable=False, index=True),
    Column("partner_id", String(ID), index=True),
    Column("field", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("server_value", Text),  # JSON
    Column("incoming_value", Text),  # JSON
    Column("base_value", Text),  # JSON
    Column("op_id", String(ID)),
    Column("device_id", String(ID)),
    Column("user_name", String(100)),
    Column("created_at", String(32), nullable=False),
    Column("resolved_at", String(32)),
    Column("resolved_by", String(100)),
    Column("resolution", String(20)),
)


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``postgresql://`` means psycopg 3). The per-database set-up
    (SQLite: WAL, busy timeout, BEGIN IMMEDIATE) lives in sync/server/dialect.py."""

    return dialect.make_engine(url)


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A writing transaction (BEGIN IMMEDIATE on SQLite)."""
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


#: server_meta key set when `server demo` seeded the demo organisation
DEMO_META_KEY = "demo_seeded_at"


def is_demo_server(conn: Connection) -> bool:
    """Whether this database holds the demo organisation: laptops with demo data may
    sync only with such a server (it says so in /health)."""
    return conn.execute(select(server_meta.c.key).where(
        server_meta.c.key == DEMO_META_KEY)).first() is not None


def meta_value(key: str) -> ScalarSelect:
    """The statement that reads one of ``server_meta``'s values (a scalar subquery, to
    read beside other columns of a statement)."""
    return select(server_meta.c.value).where(server_meta.c.key == key).scalar_subquery()


def server_epoch(conn: Connection) -> str:
    return str(conn.execute(select(meta_value("epoch"))).scalar_one())


def refresh_statistics(engine: Engine) -> None:
    """ANALYZE after a bulk load (demo, CSV import). Without fresh statistics
    PostgreSQL plans the scoped pull query as a sort of every row in scope per page
    (measured: 1.5 s a page instead of a few ms on 20,000 meetings). ANALYZE exists
    under that name in both SQLite and PostgreSQL."""
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
