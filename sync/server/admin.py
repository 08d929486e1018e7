"""Head-office operations: users, assignments, devices, templates.

Each is a plain function on the engine, called by both the `server` commands and the
admin API. Anything that writes records or assignments draws change numbers first
(db.allocate_seq) so pulls see it in order.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Engine, or_, select

from models.builtin_ids import builtin_id
from models.errors import ValidationError
from models.templates import every_item
from sync import protocol as p
from sync.server import auth, dialect, paging, records, scope
from sync.server.config import ServerSettings
from sync.server.db import (
    ENTITY_TABLES,
    allocate_seq,
    devices,
    read_tx,
    users,
    write_tx,
)
from sync.server.errors import ApiError

ADMIN_ACTOR = "admin"


def add_user(engine: Engine, settings: ServerSettings, username: str, role: str, password: str) -> dict:
    with write_tx(engine) as conn:
        user_id = auth.create_user(conn, settings, username, role, password)
    return {"id": user_id, "username": username.strip(), "role": role}


def set_password(engine: Engine, settings: ServerSettings, username: str, password: str) -> dict:
    with write_tx(engine) as conn:
        if not auth.set_password(conn, settings, username, password):
            raise ApiError(404, p.ERROR_NOT_FOUND, f"No user {username!r}.")
    return {"username": username.strip(), "password_changed": True}


def users_page(engine: Engine, after: str | None = None, limit: int = p.DEFAULT_LIST_LIMIT) -> dict:
    """One page of the users by name (sync/server/paging.py)."""
    with read_tx(engine) as conn:
        rows, next_after = paging.read_page(
            conn, select(users.c.id, users.c.username, users.c.role, users.c.created_at),
            [users.c.username], after, limit)
    return {"users": [dict(r._mapping) for r in rows], "next_after": next_after}


def devices_page(engine: Engine, after: str | None = None, limit: int = p.DEFAULT_LIST_LIMIT) -> dict:
    """One page of the devices, oldest first (sync/server/paging.py)."""
    with read_tx(engine) as conn:
        rows, next_after = paging.read_page(
            conn, select(devices, users.c.username).join(users, users.c.id == devices.c.user_id),
            [devices.c.created_at, devices.c.id], after, limit)
    return {"devices": [dict(r._mapping) for r in rows], "next_after": next_after}


def list_devices(engine: Engine) -> list[dict]:
    """Every device, oldest first, read page by page (`server list-devices`)."""
    out: list[dict] = []
    after = None
    while True:
        page = devices_page(engine, after, p.MAX_LIST_LIMIT)
        out += page["devices"]
        if not (after := page["next_after"]):
            return out


def revoke_device(engine: Engine, settings: ServerSettings, device_id: str) -> dict:
    with write_tx(engine) as conn:
        if not auth.revoke_device(conn, device_id, settings.stamp()):
            raise ApiError(404, p.ERROR_NOT_FOUND, f"No device {device_id}.")
    return {"device_id": device_id, "revoked": True}


def wipe_device(engine: Engine, settings: ServerSettings, device_id: str) -> dict:
    """Mark a lost device for a remote wipe (unlike revoking, which only ends its
    sign-in and leaves the data on the laptop). A revoked device cannot be reached."""
    with write_tx(engine) as conn:
        row = auth.request_wipe(conn, device_id, settings.stamp())
    if row is None:
        raise ApiError(404, p.ERROR_NOT_FOUND, f"No device {device_id}.")
    if row.revoked_at is not None:
        raise ApiError(409, p.ERROR_BAD_REQUEST,
                       f"Device {device_id} was already revoked at {row.revoked_at}: it can no "
                       "longer sign in, so it cannot be told to erase its data.")
    return {"device_id": device_id, "wipe_requested_at": row.wipe_requested_at or settings.stamp(),
            "wiped_at": row.wiped_at}


def user_by_name(conn: Connection, username: str) -> Any:
    row = conn.execute(select(users).where(users.c.username == username.strip())).first()
    if row is None:
        raise ApiError(404, p.ERROR_NOT_FOUND, f"No user named {username!r}.")
    return row


def find_partner(conn: Connection, ref: str) -> str:
    """A partner id from an id or an exact Chinese or English name."""
    table = ENTITY_TABLES["partner"]
    ref = ref.strip()
    hits = conn.execute(
        select(table.c.id).where(
            or_(table.c.id == ref, table.c.name_zh == ref, table.c.name_en == ref),
            table.c.deleted == 0,
        )
    ).all()
    if not hits:
        raise ApiError(404, p.ERROR_NOT_FOUND, f"No partner {ref!r} (give its id or exact name).")
    if len(hits) > 1:
        raise ApiError(409, p.ERROR_BAD_REQUEST, f"Several partners are named {ref!r}: use the id.")
    return hits[0].id


def assign(engine: Engine, settings: ServerSettings, partner_ref: str, username: str) -> dict:
    with write_tx(engine) as conn:
        seq = allocate_seq(conn)
        partner_id = find_partner(conn, partner_ref)
        user = user_by_name(conn, username)
        created = scope.grant(conn, partner_id, user.id, seq, settings.stamp())
    return {"partner_id": partner_id, "username": user.username, "assigned": created}


def unassign(engine: Engine, settings: ServerSettings, partner_ref: str, username: str | None) -> dict:
    with write_tx(engine) as conn:
        seq = allocate_seq(conn)
        partner_id = find_partner(conn, partner_ref)
        user_id = user_by_name(conn, username).id if username else None
        n = scope.revoke(conn, partner_id, user_id, seq, settings.stamp())
    return {"partner_id": partner_id, "unassigned": n}


def template_id(key: str) -> str:
    """Built-in and published templates share the app's uuid5 ids, so a laptop's
    built-in copy and the server's are the same record."""
    return builtin_id(key)


def validate_template(tpl: dict[str, Any]) -> dict[str, Any]:
    for key in ("key", "name", "sections"):
        if not tpl.get(key):
            raise ApiError(400, p.ERROR_BAD_REQUEST, f"The template needs a {key!r}.")
    if not isinstance(tpl["sections"], list):
        raise ApiError(400, p.ERROR_BAD_REQUEST, "sections must be a list of sections.")
    for section in tpl["sections"]:
        if not isinstance(section, dict) or not isinstance(section.get("items", []), list):
            raise ApiError(400, p.ERROR_BAD_REQUEST,
                           "Every section must be an object whose items are a list.")
    seen: set[str] = set()
    for item in every_item(tpl["sections"]):
        if not isinstance(item, dict) or not item.get("key") or not item.get("text"):
            raise ApiError(400, p.ERROR_BAD_REQUEST, "Every item needs a key and a text.")
        if item["key"] in seen:
            raise ApiError(400, p.ERROR_BAD_REQUEST, f"Item key {item['key']!r} is used twice.")
        seen.add(item["key"])
    try:
        return records.clean_values("checklist_template", {
            "name": tpl["name"], "tier": tpl.get("tier"), "sections": tpl["sections"],
            "published": 1 if tpl.get("published", True) else 0,
        })
    except ValidationError as exc:
        raise ApiError(400, p.ERROR_BAD_REQUEST, str(exc)) from None


def publish_templates(engine: Engine, settings: ServerSettings, templates: list[dict[str, Any]]) -> list[dict]:
    """Create or replace templates by key; each gets a new version for pulls."""
    cleaned = [(tpl["key"], validate_template(tpl)) for tpl in templates]
    out = []
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, max(1, len(cleaned)))
        now = settings.stamp()
        for i, (key, values) in enumerate(cleaned):
            tid = template_id(key)
            dialect.serialize_writers(conn, f"template {tid}")  # the check holds at the insert
            if records.get(conn, "checklist_template", tid) is None:
                records.insert_record(conn, "checklist_template", tid, values, seq=seq + i,
                                      user=ADMIN_ACTOR, now=now)
            else:
                records.update_record(conn, "checklist_template", tid, {**values, "deleted": 0},
                                      seq=seq + i, user=ADMIN_ACTOR, now=now)
            out.append({"id": tid, "key": key, "name": values["name"], "version": seq + i})
    return out


def load_template_file(text: str) -> list[dict[str, Any]]:
    """One template object or a list of them, from JSON text."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"The template file is not valid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(t, dict) for t in items):
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The file must hold a template object or a list of them.")
    return items
