"""The one authorization check every write of a record goes through, whatever the
endpoint (a pushed op, a conflict resolved with a value; head office writes through
the same push and resolve calls as an admin).

``check_write`` looks at the partner the record belongs to now, the partner it would
belong to afterwards, and every record it refers to (an action item's meeting, a
checklist run's template). Scope is decided before existence, and a record the caller
never had in scope is answered exactly like one that does not exist, so no answer
tells a manager whether someone else's record is there.

What a manager may write (docs/sync-protocol.md, section 3):

* a partner assigned to them now: anything;
* a partner unassigned from them less than ``scope_grace_days`` ago and not assigned
  to anyone else since (the grace): creating records under it and editing fields of
  its records, so work done offline while it was theirs still arrives; never deleting
  or undeleting, never moving a record to or from it;
* a partner they had once, otherwise: nothing (``out_of_scope``);
* a partner they never had, or one that does not exist: nothing (``unknown_record``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, bindparam, select

from models.schema import ENTITIES
from sync import protocol as p
from sync.server import records
from sync.server.auth import Principal
from sync.server.config import ServerSettings, fmt
from sync.server.db import ENTITY_TABLES, assignments

WRITE, GRACE, KNOWN, UNKNOWN = "write", "grace", "known", "unknown"
#: conn.info key of the partner access levels read for one request
CACHE = "authorize_partner_access"


class Denied(Exception):
    """A write the caller may not make: ``reason`` is a protocol REASON_*."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


NOT_YOURS = "That partner is not assigned to you."
NO_SUCH = "The server has no such record for you."


_ASSIGNMENTS = select(assignments.c.partner_id, assignments.c.revoked_seq, assignments.c.revoked_at) \
    .where(assignments.c.user_id == bindparam("user"))


def preload(conn: Connection, who: Principal, settings: ServerSettings) -> None:
    """Read the caller's assignments once for a request of many writes (a push): one
    query instead of one per op. ``forget`` ends it."""
    if who.is_admin:
        return
    levels: dict[str, str] = {}
    for row in conn.execute(_ASSIGNMENTS, {"user": who.user_id}):
        level = _level(conn, who, settings, row.partner_id, row.revoked_seq, row.revoked_at)
        if _rank(level) > _rank(levels.get(row.partner_id, UNKNOWN)):
            levels[row.partner_id] = level
    conn.info[CACHE] = levels


def forget(conn: Connection) -> None:
    # a connection lost mid-request is thrown away with its cache, and touching it
    # would raise over the database error that the server answers with 503
    if not conn.invalidated:
        conn.info.pop(CACHE, None)


def granted(conn: Connection, partner_id: str) -> None:
    """A partner a manager just created is theirs for the rest of the request."""
    cache = conn.info.get(CACHE)
    if cache is not None:
        cache[partner_id] = WRITE


def _rank(level: str) -> int:
    return (UNKNOWN, KNOWN, GRACE, WRITE).index(level)


def _level(conn: Connection, who: Principal, settings: ServerSettings, partner_id: str,
           revoked_seq: int | None, revoked_at: str | None) -> str:
    if revoked_seq is None:
        return WRITE
    since = fmt(settings.now() - dt.timedelta(days=settings.scope_grace_days))
    if revoked_at is None or revoked_at < since:
        return KNOWN
    reassigned = conn.execute(select(assignments.c.id).where(
        assignments.c.partner_id == partner_id, assignments.c.user_id != who.user_id,
        assignments.c.granted_seq > revoked_seq).limit(1)).first()
    return KNOWN if reassigned else GRACE


def partner_access(conn: Connection, who: Principal, settings: ServerSettings,
                   partner_id: str | None) -> str:
    """WRITE, GRACE, KNOWN (had it once) or UNKNOWN (never had it, or no such partner)."""
    if not partner_id:
        return UNKNOWN
    if who.is_admin:
        return WRITE if records.get(conn, "partner", partner_id) is not None else UNKNOWN
    cache = conn.info.get(CACHE)
    if cache is not None:
        return cache.get(partner_id, UNKNOWN)
    best = UNKNOWN
    for row in conn.execute(select(assignments.c.revoked_seq, assignments.c.revoked_at).where(
            assignments.c.user_id == who.user_id, assignments.c.partner_id == partner_id)):
        level = _level(conn, who, settings, partner_id, row.revoked_seq, row.revoked_at)
        if _rank(level) > _rank(best):
            best = level
    return best


def _deny(level: str) -> Denied:
    if level == UNKNOWN:
        return Denied(p.REASON_UNKNOWN_RECORD, NO_SUCH)
    return Denied(p.REASON_OUT_OF_SCOPE, NOT_YOURS)


def check_write(conn: Connection, who: Principal, settings: ServerSettings, entity_name: str,
                entity_id: str, current: dict[str, Any] | None, values: dict[str, Any]) -> None:
    """Raise Denied unless ``who`` may write ``values`` (fields and/or "deleted") to the
    record ``entity_id`` (``current`` is its stored row, None for a create)."""
    ent = ENTITIES[entity_name]
    was_deleted = int(current["deleted"] or 0) if current is not None else 0
    touches_deleted = int(values.get("deleted", was_deleted) or 0) != was_deleted
    if entity_name == "partner":
        if current is None:
            return  # a new partner: a manager's becomes theirs
        old_partner = new_partner = entity_id
    else:
        old_partner = records.partner_of(entity_name, current) if current is not None else None
        new_partner = values.get(ent.partner_field, old_partner) if ent.partner_field else None
    moving = current is not None and new_partner != old_partner
    for partner_id in dict.fromkeys(x for x in (old_partner, new_partner) if x is not None):
        level = partner_access(conn, who, settings, partner_id)
        if level == WRITE:
            continue
        if level == GRACE and not touches_deleted and not moving:
            continue
        raise _deny(level if level != GRACE else KNOWN)
    for f in ent.fields:
        if f.kind != "ref" or f.name == ent.partner_field or not values.get(f.name):
            continue
        _check_reference(conn, who, settings, f.ref or "", values[f.name])


def _check_reference(conn: Connection, who: Principal, settings: ServerSettings, target: str,
                     target_id: str) -> None:
    """A referenced record must be one the caller may read: a published template, or a
    record of a partner they may write. Missing and foreign give the same answer."""
    table = ENTITY_TABLES[target]
    if target == "checklist_template":
        row = conn.execute(select(table.c.published).where(table.c.id == target_id)).first()
        if row is None or (not who.is_admin and row.published != 1):
            raise Denied(p.REASON_UNKNOWN_RECORD, NO_SUCH)
        return
    partner_field = ENTITIES[target].partner_field
    column = table.c.id if target == "partner" else table.c[partner_field]
    row = conn.execute(select(column).where(table.c.id == target_id)).first()
    if row is None:
        raise Denied(p.REASON_UNKNOWN_RECORD, NO_SUCH)
    level = partner_access(conn, who, settings, row[0])
    if level not in (WRITE, GRACE):
        raise Denied(p.REASON_UNKNOWN_RECORD, NO_SUCH)
