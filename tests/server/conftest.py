"""Server test fixtures: every server test runs against a temp SQLite file and a fresh
PostgreSQL database, through the real uvicorn server on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import pytest

from sync.server import records, scope
from sync.server.admin import add_user
from sync.server.config import ServerSettings
from sync.server.db import allocate_seq, write_tx
from tests.sync_fixtures import (
    ApiClient,
    postgres_database,
    start_server,
)

PASSWORD = "correct horse"


class FakeClock:
    """The server's clock, movable by tests (token expiry, grace windows)."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None) + self.offset

    def advance(self, **kw: float) -> None:
        self.offset += dt.timedelta(**kw)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield request.getfixturevalue("server_sqlite_copy")
        return
    with postgres_database(template=request.getfixturevalue("pg_template")) as url:
        yield url


@dataclass
class Harness:
    base_url: str
    app_engine: object
    settings: ServerSettings
    clock: FakeClock
    clients: list[ApiClient] = field(default_factory=list)

    def add_user(self, name: str, role: str = "manager") -> str:
        return add_user(self.app_engine, self.settings, name, role, PASSWORD)["id"]

    def client(self, name: str | None = None, device: str = "laptop") -> ApiClient:
        c = ApiClient(self.base_url)
        self.clients.append(c)
        if name:
            c.login(name, PASSWORD, device)
        return c

    def partner(self, name: str, manager_id: str | None = None, **values) -> str:
        """A partner written as head office would, optionally assigned."""
        pid = str(uuid.uuid4())
        with write_tx(self.app_engine) as conn:
            seq = allocate_seq(conn, 2)
            now = self.settings.stamp()
            values = records.clean_values("partner", {"name_zh": name, "tier": "core", "stage": "mature",
                                                      **values})
            records.insert_record(conn, "partner", pid, values, seq=seq, user="admin", now=now)
            if manager_id:
                scope.grant(conn, pid, manager_id, seq + 1, now)
        return pid


@pytest.fixture
def server(db_url):
    clock = FakeClock()
    settings = ServerSettings(clock=clock, argon2_time_cost=1, argon2_memory_kib=8192,
                              api_docs=True)
    base, stop = start_server(db_url, settings)
    h = Harness(base, stop.app.state.engine, settings, clock)
    yield h
    for c in h.clients:
        c.close()
    stop()


def op(entity: str, entity_id: str, changes: dict, *, seq: int, base: int = 0, kind: str = "update",
       op_id: str | None = None) -> dict:
    return {"op_id": op_id or str(uuid.uuid4()), "seq": seq, "entity": entity, "entity_id": entity_id,
            "op": kind, "changes": changes, "base_version": base, "created_at": "2026-11-27 09:00:00"}


def push(client: ApiClient, *ops: dict) -> list[dict]:
    r = client.post("/api/sync/push", json={"ops": list(ops)})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def pull_all(client: ApiClient, cursor: str | None = None, limit: int = 500) -> tuple[list[dict], str, list]:
    """Every page until has_more is false: (changes, final cursor, scope_removed)."""
    changes, removed = [], []
    while True:
        params = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/sync/pull", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        changes += body["changes"]
        removed += body["scope_removed"]
        cursor = body["cursor"]
        if not body["has_more"]:
            return changes, cursor, removed
