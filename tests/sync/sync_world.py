"""A small world for end-to-end sync tests: the real server on 127.0.0.1 (from
tests/sync_fixtures.py), its users and assignments, and laptops, each a real SQLite
profile with its own SyncEngine. Head office is an admin user with a laptop of its own."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.store import Store
from sync.client.credentials import MemoryCredentials
from sync.client.engine import SyncEngine, SyncReport
from sync.server import admin
from sync.server.config import ServerSettings
from sync.server.db import ENTITY_TABLES, make_engine, read_tx
from sync.server.db import conflicts as conflicts_table
from tests.keys import open_test_database
from tests.sync_fixtures import sqlite_url, start_server

PASSWORD = "correct horse 1"


class Laptop:
    """One profile: a store on a real file and a signed-in sync engine."""

    def __init__(self, world: SyncWorld, name: str, user: str, *, base_url: str | None = None,
                 clock=None) -> None:
        self.world = world
        self.name = name
        self.user = user
        self.path = world.folder / f"{name}.db"
        self.base_url = base_url or world.base_url
        self.clock = clock
        self.credentials = MemoryCredentials()
        self.store = self._open()
        self.engine = self._engine()
        self.engine.sign_in(user, PASSWORD, f"{name}'s laptop")

    def _open(self) -> Store:
        db = open_test_database(self.path)
        return Store(db, clock=self.clock) if self.clock else Store(db)

    def _engine(self, **kw: Any) -> SyncEngine:
        return SyncEngine(self.store, self.base_url, self.credentials,
                          http_options={"backoff": 0.01, "timeout": (5.0, 60.0)}, **kw)

    def sync(self) -> SyncReport:
        return self.engine.sync()

    def restart(self, **kw: Any) -> None:
        """Close and reopen the profile, as after the app was quit (or killed)."""
        self.engine.close()
        self.store.db.conn.close()
        self.store = self._open()
        self.engine = self._engine(**kw)

    def close(self) -> None:
        self.engine.close()
        self.store.db.conn.close()


class SyncWorld:
    def __init__(self, folder: Path, settings: ServerSettings | None = None,
                 db_url: str | None = None) -> None:
        self.folder = folder
        self.db_url = db_url or sqlite_url(folder)  # tests/sync/conftest.py: SQLite and PostgreSQL
        self.clock_shift = dt.timedelta()
        self.settings = settings or ServerSettings()
        if hasattr(self.settings, "argon2_memory_kib") and settings is None:
            # test passwords need no memory-hard hashing; keeps each world quick
            self.settings.argon2_time_cost, self.settings.argon2_memory_kib = 1, 8192
        real = self.settings.clock
        self.settings.clock = lambda: real() + self.clock_shift
        self.start()
        self.engine = make_engine(self.db_url)
        self.laptops: list[Laptop] = []
        #: laptops kept across hypothesis examples, by name
        self.laptops_by_name: dict[str, Laptop] = {}

    def start(self) -> None:
        self.base_url, self._stop = start_server(self.db_url, self.settings)

    def stop(self) -> None:
        self._stop()

    def close(self) -> None:
        for lap in self.laptops:
            lap.close()
        self.stop()
        self.engine.dispose()

    # --- head office ------------------------------------------------------------------

    def add_user(self, name: str, role: str = "manager") -> None:
        admin.add_user(self.engine, self.settings, name, role, PASSWORD)

    def laptop(self, name: str, user: str, **kw: Any) -> Laptop:
        lap = Laptop(self, name, user, **kw)
        self.laptops.append(lap)
        return lap

    def assign(self, partner_id: str, user: str) -> None:
        admin.assign(self.engine, self.settings, partner_id, user)

    def unassign(self, partner_id: str, user: str | None = None) -> None:
        admin.unassign(self.engine, self.settings, partner_id, user)

    def record(self, entity: str, entity_id: str) -> dict | None:
        table = ENTITY_TABLES[entity]
        with read_tx(self.engine) as conn:
            row = conn.execute(select(table).where(table.c.id == entity_id)).first()
        return dict(row._mapping) if row else None

    def count(self, entity: str, **where: Any) -> int:
        table = ENTITY_TABLES[entity]
        q = select(table.c.id)
        for k, v in where.items():
            q = q.where(table.c[k] == v)
        with read_tx(self.engine) as conn:
            return len(conn.execute(q).all())

    def conflicts(self) -> list[dict]:
        with read_tx(self.engine) as conn:
            rows = conn.execute(select(conflicts_table)).all()
        out = []
        for r in rows:
            d = dict(r._mapping)
            for k in ("server_value", "incoming_value", "base_value"):
                d[k] = json.loads(d[k]) if d[k] is not None else None
            out.append(d)
        return out
