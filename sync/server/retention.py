"""Tombstone retention: deleted records are kept for a while, then purged.

A delete is a tombstone (``deleted = 1``, every field kept) so that every laptop learns
of it by its next pull. Kept forever, tombstones would grow the database and every
pull from zero without end. ``purge`` removes the tombstones whose last change is older
than ``ServerSettings.tombstone_retention_days`` (default 180):

1. the **horizon** H is the highest version among tombstones last changed before the
   cutoff date;
2. every tombstone with ``version <= H`` is deleted, in every entity table, and H is
   kept in ``server_meta`` (``purged_through``), all in one transaction.

The rule in 2. is by version, not by date, so a laptop can repeat it exactly: every
pull answer carries ``purged_through``, and the client forgets its own tombstones with
``0 < version <= purged_through`` (and no pending op), so verify keeps matching. A
laptop whose cursor is below H may have missed a deletion whose tombstone is gone: its
next pull is answered ``reset`` (``reset_reason: "purged"``) and it re-syncs from zero,
keeping its outbox (docs/sync-protocol.md, section 5, "Retention").
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from sync.server.config import ServerSettings, fmt
from sync.server.db import ENTITY_TABLES, meta_value, server_meta, write_tx

log = logging.getLogger("channelkeeper.server")

K_PURGED_THROUGH = "purged_through"
K_PURGED_AT = "purged_at"


def purged_through(conn: Connection) -> int:
    """The purge horizon: tombstones numbered up to it may be gone (0: none purged)."""
    value = conn.execute(select(meta_value(K_PURGED_THROUGH))).scalar()
    return int(value) if value else 0


def _set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(update(server_meta).where(server_meta.c.key == key)
                    .values(value=value)).rowcount == 0:
        conn.execute(insert(server_meta).values(key=key, value=value))


def purge(engine: Engine, settings: ServerSettings, days: float | None = None) -> dict[str, Any]:
    """Remove tombstones last changed more than ``days`` (default: the setting) ago.
    Returns ``{"cutoff", "purged_through", "purged": {entity: rows}}``."""
    days = settings.tombstone_retention_days if days is None else float(days)
    if days < 0:
        raise ValueError("the retention must not be negative")
    cutoff = fmt(settings.now() - dt.timedelta(days=days))
    purged: dict[str, int] = {}
    with write_tx(engine) as conn:
        horizon = purged_through(conn)
        for table in ENTITY_TABLES.values():
            highest = conn.execute(select(func.max(table.c.version)).where(
                table.c.deleted == 1, table.c.updated_at < cutoff)).scalar()
            horizon = max(horizon, int(highest or 0))
        if horizon:
            for name, table in ENTITY_TABLES.items():
                n = conn.execute(delete(table).where(
                    table.c.deleted == 1, table.c.version <= horizon)).rowcount
                if n:
                    purged[name] = n
            _set_meta(conn, K_PURGED_THROUGH, str(horizon))
            _set_meta(conn, K_PURGED_AT, settings.stamp())
    if purged:
        log.info("tombstones purged", extra={"cutoff": cutoff, "purged_through": horizon,
                                             "purged": purged})
    return {"cutoff": cutoff, "purged_through": horizon, "purged": purged}
