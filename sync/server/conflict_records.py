"""Conflict records: the value a merge did not keep, visible to the manager and head
office until someone resolves it (docs/sync-protocol.md section 6)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select, update

from models.errors import ValidationError
from sync import protocol as p
from sync.server import authorize, paging, records
from sync.server.auth import Principal
from sync.server.config import ServerSettings
from sync.server.db import allocate_seq, conflicts, read_tx, write_tx
from sync.server.errors import ApiError
from sync.server.pull import conflict_scope

CHOICES = ("server", "incoming", "custom")


def _as_json(row: Any) -> dict[str, Any]:
    d = dict(row._mapping)
    for key in ("server_value", "incoming_value", "base_value"):
        # a value stored before the field contract may hold Infinity/NaN, which no JSON
        # answer can carry: it is shown as null rather than failing the whole list
        d[key] = json.loads(d[key], parse_constant=lambda _c: None) if d[key] is not None else None
    d["user"] = d.pop("user_name")
    return d


def list_conflicts(engine: Engine, who: Principal, state: str = "open", after: str | None = None,
                   limit: int = p.DEFAULT_LIST_LIMIT) -> dict:
    """One page of the conflicts in ``who``'s scope, oldest first (sync/server/paging.py)."""
    q = select(conflicts)
    if state == "open":
        q = q.where(conflicts.c.resolved_at.is_(None))
    elif state == "resolved":
        q = q.where(conflicts.c.resolved_at.is_not(None))
    elif state != "all":
        raise ApiError(400, p.ERROR_BAD_REQUEST, "state must be open, resolved or all.")
    cond = conflict_scope(who)
    if cond is not None:
        q = q.where(cond)
    with read_tx(engine) as conn:
        rows, next_after = paging.read_page(conn, q, [conflicts.c.created_at, conflicts.c.id], after, limit)
    return {"conflicts": [_as_json(r) for r in rows], "next_after": next_after}


def resolve(engine: Engine, settings: ServerSettings, who: Principal, conflict_id: str,
            choice: str, value: Any = None) -> dict:
    """Close a conflict; "incoming" or "custom" writes that value as a new version."""
    if choice not in CHOICES:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"choice must be one of {', '.join(CHOICES)}.")
    with write_tx(engine) as conn:
        seq = allocate_seq(conn)
        q = select(conflicts).where(conflicts.c.id == conflict_id)
        cond = conflict_scope(who)
        if cond is not None:
            q = q.where(cond)
        row = conn.execute(q).first()
        if row is None:
            raise ApiError(404, p.ERROR_NOT_FOUND, "No such conflict.")
        if row.resolved_at:
            raise ApiError(409, p.ERROR_BAD_REQUEST, "This conflict was already resolved.")
        now = settings.stamp()
        if row.kind == p.CONFLICT_EDIT_REVIVED:
            # the merge applied the laptop's side (the record lives again): "server"
            # means the deletion stands after all
            if choice == "server":
                choice_value: Any = 1
            else:
                choice_value = json.loads(row.incoming_value) if choice == "incoming" else value
            if choice_value not in (0, 1):  # True/False compare equal too
                raise ApiError(400, p.ERROR_BAD_REQUEST, "The value must be 0 (alive) or 1 (deleted).")
            write = {"deleted": int(choice_value)}
        elif choice != "server":
            chosen = json.loads(row.incoming_value) if choice == "incoming" else value
            if row.field == "deleted":
                if chosen not in (0, 1):
                    raise ApiError(400, p.ERROR_BAD_REQUEST, "The value must be 0 (alive) or 1 (deleted).")
                values = {"deleted": int(chosen)}
            else:
                try:
                    values = records.clean_values(row.entity, {row.field: chosen})
                except ValidationError as exc:
                    raise ApiError(400, p.ERROR_BAD_REQUEST, str(exc)) from None
            write = values
        else:
            write = {}  # the server's value already stands
        if write:
            current = records.get(conn, row.entity, row.entity_id, lock=True)
            if current is None:
                raise ApiError(404, p.ERROR_NOT_FOUND, "The record of this conflict is gone.")
            try:  # the same check as a pushed op: old and new partner, every reference
                authorize.check_write(conn, who, settings, row.entity, row.entity_id, current, write)
            except authorize.Denied as exc:
                status = 404 if exc.reason == p.REASON_UNKNOWN_RECORD else 403
                raise ApiError(status, p.ERROR_NOT_FOUND if status == 404 else p.ERROR_FORBIDDEN,
                               exc.message) from None
            if any(current.get(k) != v for k, v in write.items()):
                records.update_record(conn, row.entity, row.entity_id, write, seq=seq,
                                      user=who.username, now=now)
        conn.execute(update(conflicts).where(conflicts.c.id == conflict_id).values(
            resolved_at=now, resolved_by=who.username, resolution=choice,
        ))
        row = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).first()
        return _as_json(row)
