"""`server demo`: a demo organisation on the server.

Two channel managers, one admin, about 60 partners of every tier and stage (Chinese
and English names) split between the managers, with a year of contacts, meetings,
action items, reviews and KPI history. The records come from the app's own demo
generator (models/demo_data.py), run against a scratch in-memory store and copied
over, so the demo the desktop shows and the one the server holds look alike.
"""
from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Engine, insert, select

from models.database import open_memory_database
from models.demo_data import generate
from models.schema import ENTITIES
from models.store import Store
from sync import protocol as p
from sync.server import auth, scope
from sync.server.admin import ADMIN_ACTOR
from sync.server.config import ServerSettings
from sync.server.db import (
    DEMO_META_KEY,
    ENTITY_TABLES,
    allocate_seq,
    refresh_statistics,
    server_meta,
    users,
    write_tx,
)
from sync.server.errors import ApiError

DEMO_USERS = (("li.na", "manager"), ("wang.lei", "manager"), ("admin", "admin"))
#: copied in this order so every reference points at a record already there
ENTITY_ORDER = ("partner", "contact", "meeting", "action_item", "checklist_run", "kpi_snapshot",
                "stage_change", "touchpoint", "joint_goal")


def seed_demo(engine: Engine, settings: ServerSettings, *, partners: int = 60, meetings: int = 360,
              actions: int = 240, seed: int = 7) -> dict[str, Any]:
    """Seed the demo; returns {"users": [{username, password, role}], "counts": {...}}."""
    scratch = Store(open_memory_database())
    generate(scratch, partners=partners, meetings=meetings, actions=actions, seed=seed,
             today=settings.now().date())
    rows = {name: scratch.rows(name, include_deleted=True) for name in ENTITY_ORDER}
    total = sum(len(v) for v in rows.values())
    sign_ins = []
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, total + len(rows["partner"]) + 1)
        now = settings.stamp()
        taken = conn.execute(select(users.c.username).where(
            users.c.username.in_([u for u, _r in DEMO_USERS]))).scalars().all()
        if taken:
            raise ApiError(409, p.ERROR_BAD_REQUEST,
                           f"The demo is already here (user {taken[0]} exists): use a fresh database.")
        ids = {}
        for username, role in DEMO_USERS:
            password = secrets.token_urlsafe(9)
            ids[username] = auth.create_user(conn, settings, username, role, password)
            sign_ins.append({"username": username, "password": password, "role": role})
        managers = [ids[u] for u, r in DEMO_USERS if r == "manager"]
        counts = {}
        for name in ENTITY_ORDER:
            ent = ENTITIES[name]
            batch = []
            for row in rows[name]:
                deleted = int(row["deleted"])
                batch.append({
                    **{f: row[f] for f in ent.field_names}, "id": row["id"], "version": seq,
                    "created_at": now, "updated_at": now, "deleted": deleted,
                    "deleted_at": now if deleted else None, "created_by": ADMIN_ACTOR,
                    "updated_by": ADMIN_ACTOR,
                })
                seq += 1
            if batch:  # one executemany per entity: seconds faster on PostgreSQL
                conn.execute(insert(ENTITY_TABLES[name]), batch)
            counts[name] = len(rows[name])
        for i, partner in enumerate(sorted(rows["partner"], key=lambda r: r["id"])):
            scope.grant(conn, partner["id"], managers[i % len(managers)], seq, now)
            seq += 1
        # laptops holding demo data may sync with this server (its /health says so)
        conn.execute(insert(server_meta).values(key=DEMO_META_KEY, value=now))
    scratch.db.conn.close()
    refresh_statistics(engine)
    return {"users": sign_ins, "counts": counts}
