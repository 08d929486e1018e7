"""Pull, verify and snapshot: what a device reads.

A pull first reads the horizon H (change_numbers.committed_seq) and returns only
changes numbered <= H: no change numbered <= H can still commit, so none can land below
the cursor later. Partners granted since the cursor's ``grants`` mark are back-filled
first. See docs/sync-protocol.md 5, 7.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, or_, select

from models.schema import ENTITIES
from sync import protocol as p
from sync.protocol import Cursor
from sync.server import paging, records, retention, scope
from sync.server.auth import Principal
from sync.server.db import (
    ENTITY_TABLES,
    assignments,
    committed_seq,
    conflicts,
    read_tx,
    server_meta,
)
from sync.server.errors import ApiError

PARTNER_ENTITIES = tuple(n for n, e in ENTITIES.items() if n == "partner" or e.partner_field)


# above this many partners SQLite is told to walk the version index (see _scoped)
WIDE_SCOPE_PARTNERS = 300


def _page(conn: Connection, conds_by_entity: dict[str, Any], limit: int) -> tuple[list[dict], int | None]:
    """The first ``limit`` rows by version across entities, and the page's last version
    if more exist (else None): the next page starts above it.

    Versions first (narrow rows), then full rows only up to the page's last version, so
    a page reads about ``limit`` full rows rather than ``limit`` per entity."""
    versions: list[int] = []
    with_rows: list[str] = []  # entities with nothing new need no second read
    for name, cond in conds_by_entity.items():
        table = ENTITY_TABLES[name]
        found_versions = conn.execute(
            select(table.c.version).where(cond).order_by(table.c.version).limit(limit + 1)
        ).scalars().all()
        if found_versions:
            versions += found_versions
            with_rows.append(name)
    if not versions:
        return [], None
    versions.sort()
    cutoff = versions[min(limit, len(versions)) - 1]
    found: list[tuple[int, str, dict]] = []
    for name in with_rows:
        table, cond = ENTITY_TABLES[name], conds_by_entity[name]
        result = conn.execute(
            select(table).where(cond, table.c.version <= cutoff).order_by(table.c.version))
        keys = tuple(result.keys())  # once per entity, not per row (5,000 rows a page)
        at = keys.index("version")
        found += [(int(r[at]), name, dict(zip(keys, r, strict=True))) for r in result.all()]
    found.sort(key=lambda t: t[0])
    # a row updated between the two reads has a new version above the pull's bound H
    # and comes with a later pull, so the cutoff is the right resume point either way
    return [records.as_change(name, row) for _v, name, row in found], \
        (cutoff if len(versions) > limit else None)


def _scoped(conn: Connection, name: str, who: Principal, wide: bool) -> Any:
    """``scope.read_filter``, written so that SQLite pages a wide scope along the
    version index. Its planner otherwise picks the partner index and sorts every record
    in scope for each page (measured: 0.5 s a page on 100,000 meetings, O(scope) per
    page); ``partner_id || ''`` hides that index. PostgreSQL plans from statistics."""
    if not wide or who.is_admin or conn.dialect.name != "sqlite" or name == "checklist_template":
        return scope.read_filter(name, who)
    table = ENTITY_TABLES[name]
    column = table.c.id if name == "partner" else table.c[ENTITIES[name].partner_field]
    return column.concat("").in_(scope.active_partner_ids(who.user_id))


def _is_wide(conn: Connection, who: Principal) -> bool:
    if who.is_admin or conn.dialect.name != "sqlite":
        return True  # only SQLite's planner needs telling (see _scoped)
    n = conn.execute(select(func.count()).select_from(
        scope.active_partner_ids(who.user_id).limit(WIDE_SCOPE_PARTNERS + 1).subquery())).scalar_one()
    return int(n) > WIDE_SCOPE_PARTNERS


def _decode(text: str | None) -> Cursor | None:
    try:
        return Cursor.decode(text)
    except ValueError as exc:
        raise ApiError(400, p.ERROR_BAD_CURSOR, f"The sync position is unreadable ({exc}): "
                       "pull again without a cursor.") from None


def _numbered_since(conn: Connection, who: Principal, cur: Cursor, high: int) -> bool:
    """Whether anything this pull could deliver is numbered in (cursor, high]: one
    query of index probes. On PostgreSQL ``high`` moves with every transaction of the
    database, numbering or not, so an unchanged cursor is not enough to tell."""
    if cur.seq == high and cur.grants >= high:
        return False
    checks = [exists().where(t.c.version > cur.seq, t.c.version <= high) for t in ENTITY_TABLES.values()]
    if not who.is_admin:
        a = assignments.c
        checks.append(exists().where(a.user_id == who.user_id, or_(
            and_(a.granted_seq > cur.grants, a.granted_seq <= high),
            and_(a.revoked_seq > cur.seq, a.revoked_seq <= high))))
    return bool(conn.execute(select(or_(*checks))).scalar())


class _PurgedMeanwhile(Exception):
    """A purge committed while this pull read its page (PostgreSQL's READ COMMITTED lets
    a statement see it): tombstones the page should carry may be gone."""


def pull(engine: Engine, who: Principal, cursor_text: str | None, limit: int) -> dict[str, Any]:
    try:
        return _pull(engine, who, cursor_text, limit)
    except _PurgedMeanwhile:
        return _pull(engine, who, None, limit, reason=p.RESET_PURGED)


def _pull(engine: Engine, who: Principal, cursor_text: str | None, limit: int,
          reason: str | None = None) -> dict[str, Any]:
    limit = max(1, min(int(limit), p.MAX_PULL_LIMIT))
    with read_tx(engine) as conn:
        epoch, purged = retention.epoch_and_horizon(conn)
        high = committed_seq(conn)
        cur = _decode(cursor_text)
        reset = reason is not None
        if cur is not None and (cur.epoch != epoch or cur.seq > high):
            reset, cur, reason = True, None, p.RESET_EPOCH
        elif cur is not None and cur.user != who.user_id:
            reset, cur, reason = True, None, p.RESET_USER
        elif cur is not None and cur.seq < purged:
            # tombstones this laptop has not seen are purged: only a re-read from zero
            # (and the client's snapshot repair) removes what they deleted
            reset, cur, reason = True, None, p.RESET_PURGED
        if cur is None:
            # from zero the normal pages deliver every partner in scope: no back-fill due
            cur = Cursor(epoch=epoch, user=who.user_id, seq=0, grants=high)
        start_seq = cur.seq
        if cur.backfill is None and not _numbered_since(conn, who, cur, high):
            # no change, grant or removal numbered in (cursor, high]: move the cursor up
            # to high (as an empty page would) without scanning the scope
            cur.seq, cur.grants = high, max(cur.grants, high)
            # (_answer reads the purge horizon again: a purge committed meanwhile may
            # have taken rows the check above did not find)
            return _answer(conn, who, [], cur, False, reset, "changes", [], epoch,
                           start_seq=start_seq, reason=reason)

        if cur.backfill is None and not who.is_admin:
            granted = conn.execute(
                select(assignments.c.partner_id, assignments.c.granted_seq).where(
                    assignments.c.user_id == who.user_id, assignments.c.revoked_seq.is_(None),
                    assignments.c.granted_seq > cur.grants, assignments.c.granted_seq <= high,
                )
            ).all()
            if granted:
                cur.backfill = {
                    "partners": sorted({g.partner_id for g in granted}),
                    "after": 0,
                    "grants": max(int(g.granted_seq) for g in granted),
                }

        wide = _is_wide(conn, who)

        if cur.backfill is not None:
            phase = "backfill"
            bf = cur.backfill
            conds = {}
            for name in PARTNER_ENTITIES:
                table = ENTITY_TABLES[name]
                col = table.c.id if name == "partner" else table.c[ENTITIES[name].partner_field]
                conds[name] = and_(
                    col.in_(bf["partners"]), scope.read_filter(name, who),
                    table.c.version > int(bf["after"]), table.c.version <= cur.seq,
                )
            changes, more = _page(conn, conds, limit)
            if more is not None:
                bf["after"] = more
            else:
                cur.grants, cur.backfill = int(bf["grants"]), None
            has_more = True  # the normal change pages follow
        else:
            phase = "changes"
            conds = {
                name: and_(_scoped(conn, name, who, wide), ENTITY_TABLES[name].c.version > cur.seq,
                           ENTITY_TABLES[name].c.version <= high)
                for name in ENTITIES
            }
            changes, more = _page(conn, conds, limit)
            has_more = more is not None
            cur.seq = more if more is not None else high
            # no grant in (grants, high] was pending when this request started
            cur.grants = max(cur.grants, high)

        removed: list[str] = []
        if not who.is_admin and start_seq > 0:
            removed = sorted({r.partner_id for r in conn.execute(
                select(assignments.c.partner_id).where(
                    assignments.c.user_id == who.user_id,
                    assignments.c.revoked_seq > start_seq, assignments.c.revoked_seq <= high,
                    assignments.c.partner_id.not_in(scope.active_partner_ids(who.user_id)),
                )
            )})
        return _answer(conn, who, changes, cur, has_more, reset, phase, removed, epoch,
                       start_seq=start_seq, reason=reason)


def _answer(conn: Connection, who: Principal, changes: list[dict], cur: Cursor, has_more: bool,
            reset: bool, phase: str, removed: list[str], epoch: str, *, start_seq: int,
            reason: str | None) -> dict[str, Any]:
    """The page. The purge horizon is read again here, after the rows (in one statement
    with the conflict count): see ``_PurgedMeanwhile``."""
    open_count, purged = conn.execute(select(
        _open_conflicts_query(who).scalar_subquery(),
        select(server_meta.c.value).where(
            server_meta.c.key == retention.K_PURGED_THROUGH).scalar_subquery())).one()
    purged = int(purged or 0)
    if 0 < start_seq < purged:
        raise _PurgedMeanwhile
    return {
        "changes": changes,
        "cursor": cur.encode(),
        "has_more": has_more,
        "reset": reset,
        "phase": phase,
        "scope_removed": removed,
        "open_conflicts": int(open_count),
        "server_epoch": epoch,
        "reset_reason": reason if reset else None,
        "purged_through": purged,
    }


def conflict_scope(who: Principal):
    if who.is_admin:
        return None
    return conflicts.c.partner_id.in_(scope.active_partner_ids(who.user_id))


def _open_conflicts_query(who: Principal):
    q = select(func.count()).select_from(conflicts).where(conflicts.c.resolved_at.is_(None))
    cond = conflict_scope(who)
    return q if cond is None else q.where(cond)


def open_conflict_count(conn: Connection, who: Principal) -> int:
    return int(conn.execute(_open_conflicts_query(who)).scalar_one())


def verify(engine: Engine, who: Principal, entities: list[str] | None = None) -> dict[str, Any]:
    """Count and digest of (id, version) per entity over the caller's scope, tombstones
    included."""
    # each name costs a scan of the scope: a repeated name is answered once
    names = list(dict.fromkeys(entities)) if entities else list(ENTITIES)
    unknown = [n for n in names if n not in ENTITIES]
    if unknown:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"Unknown record types: {', '.join(unknown)}.")
    out: dict[str, Any] = {}
    with read_tx(engine) as conn:
        high = committed_seq(conn)
        for name in names:
            table = ENTITY_TABLES[name]
            pairs = conn.execute(
                select(table.c.id, table.c.version).where(scope.read_filter(name, who))
            ).all()
            count, digest = p.verify_digest((r.id, r.version) for r in pairs)
            out[name] = {"count": count, "hash": digest}
    return {"entities": out, "as_of": high}


def snapshot(engine: Engine, who: Principal, entity_name: str, after: str | None, limit: int) -> dict:
    """Every record of one entity in scope, paged by id (the repair read)."""
    if entity_name not in ENTITIES:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"Unknown record type {entity_name!r}.")
    limit = max(1, min(int(limit), p.MAX_PULL_LIMIT))
    table = ENTITY_TABLES[entity_name]
    with read_tx(engine) as conn:
        high = committed_seq(conn)
        q = select(table).where(scope.read_filter(entity_name, who))
        if after:
            q = q.where(table.c.id > after)
        rows = conn.execute(q.order_by(table.c.id).limit(limit + 1)).mappings().all()
    page = [records.as_change(entity_name, dict(r)) for r in rows[:limit]]
    return {"rows": page, "next_after": page[-1]["id"] if len(rows) > limit else None, "as_of": high}


def read_record(engine: Engine, who: Principal, entity_name: str, entity_id: str) -> dict:
    if entity_name not in ENTITIES:
        raise ApiError(404, p.ERROR_NOT_FOUND, "No such record.")
    table = ENTITY_TABLES[entity_name]
    with read_tx(engine) as conn:
        row = conn.execute(
            select(table).where(table.c.id == entity_id, scope.read_filter(entity_name, who))
        ).mappings().first()
    if row is None:
        raise ApiError(404, p.ERROR_NOT_FOUND, "No such record.")
    return records.as_change(entity_name, dict(row))


def list_partners(engine: Engine, who: Principal, after: str | None = None,
                  limit: int = p.DEFAULT_LIST_LIMIT) -> tuple[list[dict], str | None]:
    """One page of the partners in scope, by id (sync/server/paging.py), and the next
    page's cursor."""
    table = ENTITY_TABLES["partner"]
    with read_tx(engine) as conn:
        rows, next_after = paging.read_page(
            conn, select(table).where(scope.read_filter("partner", who), table.c.deleted == 0),
            [table.c.id], after, limit)
    return [dict(r._mapping) for r in rows], next_after
