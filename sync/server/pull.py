"""Pull, verify and snapshot: what a device reads.

A pull first reads the horizon H (change_numbers.committed_seq) and returns only
changes numbered <= H: no change numbered <= H can still commit, so none can land below
the cursor later. Partners granted since the cursor's ``grants`` mark are back-filled
first. See docs/sync-protocol.md 5, 7.
"""
from __future__ import annotations

import functools
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)

from models.schema import ENTITIES
from sync import protocol as p
from sync.protocol import Cursor
from sync.server import auth, paging, records, retention, scope
from sync.server.auth import Caller, Principal
from sync.server.db import (
    ENTITY_TABLES,
    assignments,
    committed_seq,
    conflicts,
    meta_value,
    read_tx,
)
from sync.server.errors import ApiError

PARTNER_ENTITIES = tuple(n for n, e in ENTITIES.items() if n == "partner" or e.partner_field)


# above this many partners SQLite is told to walk the version index (see _scoped)
WIDE_SCOPE_PARTNERS = 300


class _Plan(NamedTuple):
    """The statements of a page of changes: the versions of every entity in one
    statement (bound parameter ``page_limit``), then the rows of the entities that have
    any (bound parameter ``cutoff``)."""
    versions: Any
    rows: dict[str, Any]


def _plan(conds_by_entity: dict[str, Any]) -> _Plan:
    members = []
    for name, cond in conds_by_entity.items():
        table = ENTITY_TABLES[name]
        sub = (select(literal(name, String).label("entity"), table.c.version.label("version"))
               .where(cond).order_by(table.c.version).limit(bindparam("page_limit")).subquery())
        members.append(select(sub.c.entity, sub.c.version))
    rows = {name: select(ENTITY_TABLES[name]).where(cond, ENTITY_TABLES[name].c.version <= bindparam("cutoff"))
            .order_by(ENTITY_TABLES[name].c.version) for name, cond in conds_by_entity.items()}
    return _Plan(union_all(*members) if len(members) > 1 else members[0], rows)


def _page(conn: Connection, plan: _Plan, params: dict[str, Any], limit: int) -> tuple[list[dict], int | None]:
    """The first ``limit`` rows by version across entities, and the page's last version
    if more exist (else None): the next page starts above it.

    Versions first (narrow rows, at most ``limit`` + 1 per entity, one statement for
    all entities), then full rows only up to the page's last version, so a page reads
    about ``limit`` full rows rather than ``limit`` per entity."""
    versions: list[int] = []
    with_rows: dict[str, None] = {}  # entities with nothing new need no second read
    for name, version in conn.execute(plan.versions, {**params, "page_limit": limit + 1}):
        versions.append(int(version))
        with_rows[name] = None
    if not versions:
        return [], None
    versions.sort()
    cutoff = versions[min(limit, len(versions)) - 1]
    found: list[tuple[int, str, dict]] = []
    for name in with_rows:
        result = conn.execute(plan.rows[name], {**params, "cutoff": cutoff})
        keys = tuple(result.keys())  # once per entity, not per row (5,000 rows a page)
        at = keys.index("version")
        found += [(int(r[at]), name, dict(zip(keys, r, strict=True))) for r in result.all()]
    found.sort(key=lambda t: t[0])
    # a row updated between the two reads has a new version above the pull's bound H
    # and comes with a later pull, so the cutoff is the right resume point either way
    return [records.as_change(name, row) for _v, name, row in found], \
        (cutoff if len(versions) > limit else None)


#: bound parameters of the statements built once (``_changes_plan``, ``_news_query``,
#: ``_verify_query``): the caller, and the cursor's range
_USER = bindparam("scope_user", type_=String)
_AFTER = bindparam("after", type_=BigInteger)
_HIGH = bindparam("high", type_=BigInteger)
_GRANTS = bindparam("grants", type_=BigInteger)


def _user_param(admin: bool) -> Any:
    return None if admin else _USER


def _scoped(dialect_name: str, name: str, admin: bool, wide: bool) -> Any:
    """``scope.scope_filter`` for the caller (bound parameter ``scope_user``), written so
    that SQLite pages a wide scope along the version index. Its planner otherwise picks
    the partner index and sorts every record in scope for each page (measured: 0.5 s a
    page on 100,000 meetings, O(scope) per page); ``partner_id || ''`` hides that index.
    PostgreSQL plans from statistics."""
    if not wide or admin or dialect_name != "sqlite" or name == "checklist_template":
        return scope.scope_filter(name, _user_param(admin))
    table = ENTITY_TABLES[name]
    column = table.c.id if name == "partner" else table.c[ENTITIES[name].partner_field]
    return column.concat("").in_(scope.active_partner_ids(_USER))


@functools.cache
def _changes_plan(dialect_name: str, admin: bool, wide: bool) -> _Plan:
    """The plan of a page of changes (after the back-fill), built once per kind of
    caller: bound parameters ``scope_user``, ``after`` (the cursor) and ``high``."""
    return _plan({
        name: and_(_scoped(dialect_name, name, admin, wide), ENTITY_TABLES[name].c.version > _AFTER,
                   ENTITY_TABLES[name].c.version <= _HIGH)
        for name in ENTITIES
    })


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


@functools.cache
def _news_query(admin: bool) -> Any:
    checks = [exists().where(t.c.version > _AFTER, t.c.version <= _HIGH) for t in ENTITY_TABLES.values()]
    if not admin:
        a = assignments.c
        checks.append(exists().where(a.user_id == _USER, or_(
            and_(a.granted_seq > _GRANTS, a.granted_seq <= _HIGH),
            and_(a.revoked_seq > _AFTER, a.revoked_seq <= _HIGH))))
    return select(or_(*checks))


def _numbered_since(conn: Connection, who: Principal, cur: Cursor, high: int) -> bool:
    """Whether anything this pull could deliver is numbered in (cursor, high]: one
    query of index probes. On PostgreSQL ``high`` moves with every transaction of the
    database, numbering or not, so an unchanged cursor is not enough to tell."""
    if cur.seq == high and cur.grants >= high:
        return False
    return bool(conn.execute(_news_query(who.is_admin), {
        "after": cur.seq, "high": high, "grants": cur.grants, "scope_user": who.user_id}).scalar())


class _PurgedMeanwhile(Exception):
    """A purge committed while this pull read its page (PostgreSQL's READ COMMITTED lets
    a statement see it): tombstones the page should carry may be gone."""


#: a pull's first statement: the caller's token, the server epoch and the purge horizon
_OPENING = auth.access_query(meta_value("epoch").label("epoch"),
                             meta_value(retention.K_PURGED_THROUGH).label("purged"))


def pull(engine: Engine, caller: Caller | Principal, cursor_text: str | None, limit: int) -> dict[str, Any]:
    """A page of changes for the caller (a request's token is checked in the pull's
    own transaction)."""
    caller = auth.as_caller(caller)
    try:
        return _pull(engine, caller, cursor_text, limit)
    except _PurgedMeanwhile:
        return _pull(engine, caller, None, limit, reason=p.RESET_PURGED)


def _pull(engine: Engine, caller: Caller | auth.Known, cursor_text: str | None, limit: int,
          reason: str | None = None) -> dict[str, Any]:
    limit = max(1, min(int(limit), p.MAX_PULL_LIMIT))
    with read_tx(engine) as conn:
        who, opening = caller.identify(conn, _OPENING)
        epoch, purged = str(opening.epoch), int(opening.purged or 0)
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

        granted, removed = _scope_moves(conn, who, cur, start_seq, high)
        if granted:  # asked only while no back-fill runs
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
            changes, more = _page(conn, _plan(conds), {}, limit)
            if more is not None:
                bf["after"] = more
            else:
                cur.grants, cur.backfill = int(bf["grants"]), None
            has_more = True  # the normal change pages follow
        else:
            phase = "changes"
            changes, more = _page(conn, _changes_plan(conn.dialect.name, who.is_admin, wide),
                                  {"scope_user": who.user_id, "after": cur.seq, "high": high}, limit)
            has_more = more is not None
            cur.seq = more if more is not None else high
            # no grant in (grants, high] was pending when this request started
            cur.grants = max(cur.grants, high)

        return _answer(conn, who, changes, cur, has_more, reset, phase, removed, epoch,
                       start_seq=start_seq, reason=reason)


@functools.cache
def _scope_moves_query() -> Any:
    """The caller's assignments granted in (``grants``, ``high``] and still held, and
    those revoked in (``after``, ``high``], each with whether the partner is assigned
    to the caller now (another assignment of it): one statement for both."""
    a, held = assignments.c, assignments.alias("held")
    now_held = a.partner_id.in_(select(held.c.partner_id).where(
        held.c.user_id == _USER, held.c.revoked_seq.is_(None)))
    return select(a.partner_id, a.granted_seq, a.revoked_seq, now_held.label("held")).where(
        a.user_id == _USER, or_(
            and_(a.revoked_seq.is_(None), a.granted_seq > _GRANTS, a.granted_seq <= _HIGH),
            and_(a.revoked_seq > _AFTER, a.revoked_seq <= _HIGH)))


def _scope_moves(conn: Connection, who: Principal, cur: Cursor, start_seq: int,
                 high: int) -> tuple[list[Any], list[str]]:
    """Partners granted since the cursor's ``grants`` mark (a back-fill is due; only
    asked while none runs) and partners removed from the caller's scope since
    ``start_seq`` (reported as ``scope_removed``; only asked for an incremental pull)."""
    want_granted, want_removed = cur.backfill is None, start_seq > 0
    if who.is_admin or not (want_granted or want_removed):
        return [], []
    rows = conn.execute(_scope_moves_query(), {
        "scope_user": who.user_id, "high": high,
        # an empty range where one of the two is not wanted
        "grants": cur.grants if want_granted else high, "after": start_seq if want_removed else high,
    }).all()
    granted = [r for r in rows if r.revoked_seq is None]
    removed = sorted({r.partner_id for r in rows if r.revoked_seq is not None and not r.held})
    return granted, removed


def _answer(conn: Connection, who: Principal, changes: list[dict], cur: Cursor, has_more: bool,
            reset: bool, phase: str, removed: list[str], epoch: str, *, start_seq: int,
            reason: str | None) -> dict[str, Any]:
    """The page. The purge horizon is read again here, after the rows (in one statement
    with the conflict count): see ``_PurgedMeanwhile``."""
    open_count, purged = conn.execute(_closing_query(who.is_admin), {"scope_user": who.user_id}).one()
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


@functools.cache
def _closing_query(admin: bool) -> Any:
    """A page's last statement: the caller's open conflicts (bound parameter
    ``scope_user``) and the purge horizon."""
    q = select(func.count()).select_from(conflicts).where(conflicts.c.resolved_at.is_(None))
    if not admin:
        q = q.where(conflicts.c.partner_id.in_(scope.active_partner_ids(_USER)))
    return select(q.scalar_subquery(), meta_value(retention.K_PURGED_THROUGH))


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


def verify(engine: Engine, caller: Caller | Principal, entities: list[str] | None = None) -> dict[str, Any]:
    """Count and digest of (id, version) per entity over the caller's scope, tombstones
    included."""
    caller = auth.as_caller(caller)
    # each name costs a scan of the scope: a repeated name is answered once
    names = list(dict.fromkeys(entities)) if entities else list(ENTITIES)
    unknown = [n for n in names if n not in ENTITIES]
    pairs: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
    with read_tx(engine) as conn:
        who, _row = caller.identify(conn)
        if unknown:
            raise ApiError(400, p.ERROR_BAD_REQUEST, f"Unknown record types: {', '.join(unknown)}.")
        high = committed_seq(conn)
        for name, rid, version in conn.execute(_verify_query(who.is_admin, tuple(names)),
                                               {"scope_user": who.user_id}):
            pairs[name].append((rid, version))
    out: dict[str, Any] = {}
    for name in names:
        count, digest = p.verify_digest(pairs[name])
        out[name] = {"count": count, "hash": digest}
    return {"entities": out, "as_of": high}


@functools.lru_cache(maxsize=64)
def _verify_query(admin: bool, names: tuple[str, ...]) -> Any:
    """(entity, id, version) of every record of ``names`` in the scope of the caller
    (bound parameter ``scope_user``), tombstones included: one statement for all."""
    members = [select(literal(name, String).label("entity"), ENTITY_TABLES[name].c.id,
                      ENTITY_TABLES[name].c.version)
               .where(scope.scope_filter(name, _user_param(admin))) for name in names]
    return union_all(*members) if len(members) > 1 else members[0]


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
