"""Applying what the server sends: pull pages, verify digests, snapshot repair.

Each function runs on the store's thread and does its writes in one transaction, so
a client killed half-way resumes from the last page it applied and skips nothing.
Local changes the server has not acknowledged yet are kept on top of pulled rows.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models.schema import ENTITIES, entity
from models.store import Store
from sync import protocol
from sync.client import local_state as ls

log = logging.getLogger(__name__)

K_REPAIR = "sync.repair_pending"  # entities to repair after a reset pull, comma-separated
K_PURGED = "sync.purged_through"  # the server's tombstone purge horizon already applied here
#: SQLite page cache (KiB) of the sync's connection during a pull from zero
BULK_PAGE_CACHE_KIB = 64 * 1024


@dataclass
class PageResult:
    applied: int = 0
    removed_partners: list[str] = field(default_factory=list)
    deferred_partners: list[str] = field(default_factory=list)
    requeued: int = 0


def _pending_ids(store: Store) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT DISTINCT entity_id FROM outbox WHERE state = 'pending'").fetchall()}


def _apply_rows(store: Store, changes: Iterable[dict[str, Any]], index: bool = True) -> int:
    pending = _pending_ids(store)
    deferred = set(ls.deferred_scope_removals(store))
    by_entity: dict[str, list[tuple[dict[str, Any], int]]] = {}
    for ch in changes:
        name = ch.get("entity")
        row = ch.get("row")
        if name not in ENTITIES or not isinstance(row, dict) or not row.get("id"):
            log.warning("pull: skipped a change that is not a known record: %r", ch.get("entity"))
            continue
        if row["id"] in pending:
            row = ls.overlay_pending(store, name, row)
        if name == "partner" and row["id"] in deferred:
            ls.cancel_scope_removal(store, row["id"])  # in scope again (A → B → A)
        version = int(ch.get("version") or row.get("version") or 0)
        by_entity.setdefault(name, []).append((row, version))
    # no foreign keys locally: applying entity by entity (in order within each) is safe
    return sum(store.apply_remote_many(name, rows, index=index)
               for name, rows in by_entity.items())


def apply_page(store: Store, page: dict[str, Any], *, requeue_after: int | None,
               now: str, index: bool = True) -> PageResult:
    """Apply one pull page and save its cursor, all in one local transaction.
    ``requeue_after``: on a reset page, queue again the acknowledged ops with a seq
    above it (the server was restored and lost them). ``index=False``: the records go
    to the search backlog (``Store.index_backlog``) instead of the index."""
    result = PageResult()
    with store.transaction():
        if page.get("reset"):
            if requeue_after is not None:
                result.requeued = ls.requeue_acked(store, requeue_after)
                log.warning("server restored: %d acknowledged ops queued again", result.requeued)
            # after the last page, records the reset pull did not deliver are dropped
            store.set_setting(K_REPAIR, ",".join(protocol.SYNCED_ENTITIES))
            store.set_setting(K_PURGED, None)  # another database: its own purge horizon
        # removals first: a partner both removed and delivered cannot be in one page,
        # and a later grant arrives as a back-fill
        for partner_id in dict.fromkeys(page.get("scope_removed") or []):
            if ls.remove_from_scope(store, partner_id, now):
                result.removed_partners.append(partner_id)
            else:
                result.deferred_partners.append(partner_id)
        forget_purged(store, page.get("purged_through"))
        result.applied = _apply_rows(store, page.get("changes") or [], index)
        store.set_setting(ls.K_CURSOR, page.get("cursor") or "")
        if page.get("server_epoch"):
            store.set_setting(ls.K_EPOCH, str(page["server_epoch"]))
    return result


def begin_replay(store: Store, after_seq: int, epoch: str) -> int:
    """The server has another epoch (restored from a backup, or replaced) and told us
    before applying anything: queue again, in one local transaction, every acknowledged
    op newer than what it still has of this device (``after_seq``, its ``last_seq``),
    forget the cursor (the next pull starts from zero) and re-read every entity
    afterwards. The ops then go out in their outbox order, before the newer pending
    ones, so nothing conflicts with this laptop's own earlier edits. Returns how many
    ops were queued again."""
    with store.transaction():
        n = ls.requeue_acked(store, after_seq)
        store.set_setting(ls.K_CURSOR, None)
        store.set_setting(ls.K_EPOCH, epoch)
        store.set_setting(K_REPAIR, ",".join(protocol.SYNCED_ENTITIES))
        store.set_setting(K_PURGED, None)
    log.warning("server epoch changed: %d acknowledged ops after seq %d queued again",
                n, after_seq)
    return n


def forget_purged(store: Store, through: Any) -> int:
    """The server purged its tombstones numbered up to ``through`` (retention,
    sync/server/retention.py): forget ours alike (those without a pending op), so
    verify still matches. Only when the horizon moved; returns how many went."""
    try:
        through = int(through or 0)
    except (TypeError, ValueError):
        return 0
    if through <= int(store.get_setting(K_PURGED) or 0):
        return 0
    n = 0
    for name in protocol.SYNCED_ENTITIES:
        ids = [r[0] for r in store.db.execute(
            f"SELECT id FROM {entity(name).table} WHERE deleted = 1 AND version > 0 "
            "AND version <= ? AND id NOT IN (SELECT entity_id FROM outbox WHERE state = 'pending')",
            [through]).fetchall()]
        n += store.forget_records(name, ids) if ids else 0
    store.set_setting(K_PURGED, str(through))
    if n:
        log.info("purge: %d tombstones the server no longer keeps were forgotten", n)
    return n


def retry_deferred_removals(store: Store, now: str) -> list[str]:
    """Forget partners whose removal waited for our ops, now that they are answered."""
    done = []
    with store.transaction():
        for partner_id in ls.deferred_scope_removals(store):
            if ls.remove_from_scope(store, partner_id, now):
                done.append(partner_id)
    return done


# --- verify and repair ---------------------------------------------------------------


def local_digests(store: Store, entities: Iterable[str] = protocol.SYNCED_ENTITIES
                  ) -> dict[str, dict[str, Any]]:
    """(count, hash) of (id, version) per entity over rows the server has (version > 0),
    tombstones included; partners waiting to be forgotten are left out."""
    deferred = ls.deferred_scope_removals(store)
    out = {}
    for name in entities:
        ent = entity(name)
        sql = f"SELECT id, version FROM {ent.table} WHERE version > 0"
        params: list[Any] = []
        if deferred:
            col = "id" if name == "partner" else ent.partner_field
            if col:
                sql += f" AND {col} NOT IN ({', '.join('?' for _ in deferred)})"
                params = list(deferred)
        count, digest = protocol.verify_digest(store.db.execute(sql, params).fetchall())
        out[name] = {"count": count, "hash": digest}
    return out


def mismatched(local: dict[str, dict[str, Any]], server: dict[str, dict[str, Any]]) -> list[str]:
    return [
        name for name, theirs in server.items()
        if name in local and (local[name]["count"], local[name]["hash"])
        != (theirs.get("count"), theirs.get("hash"))
    ]


def begin_snapshot(store: Store) -> None:
    """A scratch table of the ids a snapshot delivered (bounded memory, any collation)."""
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_snapshot_seen (id TEXT PRIMARY KEY)")
    store.db.execute("DELETE FROM sync_snapshot_seen")


def apply_snapshot_page(store: Store, rows: list[dict[str, Any]]) -> int:
    with store.transaction():
        n = _apply_rows(store, rows)
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO sync_snapshot_seen (id) VALUES (?)",
            [(r["row"]["id"],) for r in rows if isinstance(r.get("row"), dict)],
        )
    return n


def finish_snapshot(store: Store, entity_name: str) -> int:
    """Drop local rows of the entity the server did not list (and that carry no
    unsent change); returns how many."""
    ent = entity(entity_name)
    stray = [r[0] for r in store.db.execute(
        f"SELECT id FROM {ent.table} WHERE version > 0 AND id NOT IN "
        "(SELECT id FROM sync_snapshot_seen) AND id NOT IN "
        "(SELECT entity_id FROM outbox WHERE state = 'pending')").fetchall()]
    n = store.forget_records(entity_name, stray) if stray else 0
    store.db.execute("DELETE FROM sync_snapshot_seen")
    if n:
        log.warning("repair: %d local %s records the server does not have were removed",
                    n, entity_name)
    return n


def grow_page_cache(store: Store) -> int:
    """For a pull from zero: a larger SQLite page cache on the sync's connection (a
    first sync upserts 100,000 records at random keys, and the default 2 MB keeps
    reading the same index pages again: ~45 % of the upserts' time here). Returns the
    size before, which the pull puts back (shrinking frees the pages)."""
    before = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = -{BULK_PAGE_CACHE_KIB}")
    return int(before)


def restart_pull(store: Store) -> None:
    with store.transaction():
        store.set_setting(ls.K_CURSOR, None)
        store.set_setting(K_REPAIR, ",".join(protocol.SYNCED_ENTITIES))
