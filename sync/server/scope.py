"""Who may see and write which records.

A manager's scope is the partners assigned to them now (with everything that hangs
off those partners) plus published templates; an admin sees everything. Writes are
also accepted for a partner unassigned less than ``scope_grace_days`` ago, so notes
written offline while it was assigned still arrive.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Select,
    and_,
    insert,
    or_,
    select,
    true,
    update,
)

from models.schema import ENTITIES
from sync.server import dialect
from sync.server.auth import Principal
from sync.server.config import ServerSettings, fmt
from sync.server.db import ENTITY_TABLES, assignments


def active_partner_ids(user_id: str | BindParameter) -> Select:
    return select(assignments.c.partner_id).where(
        assignments.c.user_id == user_id, assignments.c.revoked_seq.is_(None)
    )


def read_filter(entity_name: str, who: Principal) -> ColumnElement[bool]:
    """The WHERE clause limiting ``entity_name`` rows to ``who``'s scope."""
    return scope_filter(entity_name, None if who.is_admin else who.user_id)


def scope_filter(entity_name: str, user_id: str | BindParameter | None) -> ColumnElement[bool]:
    """``read_filter`` for the manager ``user_id`` (None: an admin, who sees everything).
    ``user_id`` may be a bound parameter, for a statement built once and executed for
    every caller."""
    table = ENTITY_TABLES[entity_name]
    ent = ENTITIES[entity_name]
    if entity_name == "checklist_template":
        return table.c.published == 1
    if user_id is None:
        return true()
    column = table.c.id if entity_name == "partner" else table.c[ent.partner_field]
    return column.in_(active_partner_ids(user_id))


def partner_in_read_scope(conn: Connection, who: Principal, partner_id: str | None) -> bool:
    if who.is_admin:
        return True
    if not partner_id:
        return False
    return conn.execute(
        active_partner_ids(who.user_id).where(assignments.c.partner_id == partner_id).limit(1)
    ).first() is not None


def partner_in_write_scope(
    conn: Connection, who: Principal, partner_id: str | None, settings: ServerSettings
) -> bool:
    """Assigned now, or unassigned within the grace window."""
    if who.is_admin:
        return True
    if not partner_id:
        return False
    since = fmt(settings.now() - dt.timedelta(days=settings.scope_grace_days))
    return conn.execute(
        select(assignments.c.id).where(
            assignments.c.user_id == who.user_id,
            assignments.c.partner_id == partner_id,
            or_(assignments.c.revoked_seq.is_(None), assignments.c.revoked_at >= since),
        ).limit(1)
    ).first() is not None


def grant(conn: Connection, partner_id: str, user_id: str, seq: int, now: str) -> bool:
    """Assign; False if the user already has the partner."""
    dialect.serialize_writers(conn, f"assign {partner_id} {user_id}")  # the check holds at the insert
    if conn.execute(active_partner_ids(user_id).where(assignments.c.partner_id == partner_id)).first():
        return False
    conn.execute(insert(assignments).values(
        partner_id=partner_id, user_id=user_id, granted_seq=seq, granted_at=now,
    ))
    return True


def revoke(conn: Connection, partner_id: str, user_id: str | None, seq: int, now: str) -> int:
    """Unassign from one user (or from everybody); the number of assignments ended."""
    cond = and_(assignments.c.partner_id == partner_id, assignments.c.revoked_seq.is_(None))
    if user_id is not None:
        cond = and_(cond, assignments.c.user_id == user_id)
    return conn.execute(update(assignments).where(cond).values(revoked_seq=seq, revoked_at=now)).rowcount
