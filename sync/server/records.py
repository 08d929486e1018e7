"""Reading and writing entity records on the server.

Every write goes through ``insert_record``/``update_record`` with a change number from
``db.allocate_seq``: the number becomes the record's version.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from models.schema import ENTITIES, normalise
from sync.server.db import ENTITY_TABLES

Row = dict[str, Any]


def get(conn: Connection, entity_name: str, entity_id: str, *, lock: bool = False) -> Row | None:
    """The stored row, or None. ``lock``: for a write decided on what is read (a merge,
    a resolve), hold the row until the transaction ends, so another writer's change
    cannot commit in between unseen (PostgreSQL runs writers side by side; SQLite has
    one writer at a time anyway and ignores it)."""
    table = ENTITY_TABLES[entity_name]
    query = select(table).where(table.c.id == entity_id)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    return dict(row) if row else None


def partner_of(entity_name: str, row: Row) -> str | None:
    if entity_name == "partner":
        return row.get("id")
    field = ENTITIES[entity_name].partner_field
    return row.get(field) if field else None


def as_change(entity_name: str, row: Row) -> dict[str, Any]:
    """A record as pull and snapshot deliver it."""
    return {
        "entity": entity_name, "id": row["id"], "version": int(row["version"]),
        "deleted": int(row["deleted"] or 0), "row": row,
    }


def clean_values(entity_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised field values (models.schema rules); raises ValidationError."""
    ent = ENTITIES[entity_name]
    return {k: normalise(ent, k, v) for k, v in values.items()}


def new_row(entity_name: str, entity_id: str, values: dict[str, Any], *, seq: int, user: str,
            now: str, deleted: int = 0) -> Row:
    """The full row ``insert_record`` writes (bulk writers insert many at once)."""
    ent = ENTITIES[entity_name]
    row: Row = {f: values.get(f) for f in ent.field_names}
    row.update(
        id=entity_id, version=seq, created_at=now, updated_at=now, deleted=deleted,
        deleted_at=now if deleted else None, created_by=user, updated_by=user,
    )
    return row


def insert_record(
    conn: Connection, entity_name: str, entity_id: str, values: dict[str, Any], *,
    seq: int, user: str, now: str, deleted: int = 0,
) -> Row:
    row = new_row(entity_name, entity_id, values, seq=seq, user=user, now=now, deleted=deleted)
    conn.execute(insert(ENTITY_TABLES[entity_name]).values(**row))
    return row


def update_record(
    conn: Connection, entity_name: str, entity_id: str, values: dict[str, Any], *,
    seq: int, user: str, now: str,
) -> None:
    """Write ``values`` (fields and/or "deleted") as a new version of the record."""
    table = ENTITY_TABLES[entity_name]
    sets = dict(values)
    if "deleted" in sets:
        sets["deleted"] = int(bool(sets["deleted"]))
        sets["deleted_at"] = now if sets["deleted"] else None
    sets.update(version=seq, updated_at=now, updated_by=user)
    conn.execute(update(table).where(table.c.id == entity_id).values(**sets))
