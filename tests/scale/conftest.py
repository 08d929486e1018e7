"""Fixtures for the server-at-scale tests: a database on each backend, the server as
it is deployed (``main.py server run --workers N`` in its own process group, JSON logs
to a file), and a small organisation of managers with partners."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from sync import protocol
from sync.server import records, scope
from sync.server.admin import add_user
from sync.server.config import ServerSettings
from sync.server.db import allocate_seq, committed_seq, make_engine, read_tx, write_tx
from sync.server.migrate import upgrade
from sync.server.workers import ENV_SERVER_SETTINGS
from tests.pg_required import fresh_postgres_database
from tests.sync_fixtures import sqlite_url

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse 9"
#: test passwords need no memory-hard hashing: keeps sign-ins fast in every worker
FAST_HASH = {"argon2_time_cost": 1, "argon2_memory_kib": 8192}


def fast_settings(**kw) -> ServerSettings:
    return ServerSettings(**FAST_HASH, **kw)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def pg_url():
    with fresh_postgres_database() as url:
        yield url


def horizon_reaches(engine, number: int, timeout: float = 60) -> None:
    """Wait until pulls may read change ``number``. On PostgreSQL the horizon follows
    the oldest transaction of the whole cluster, and other databases on this machine's
    cluster may hold one open for a while: that delays, it never lowers."""
    deadline = time.monotonic() + timeout
    while True:
        with read_tx(engine) as reader:
            if committed_seq(reader) >= number:
                return
        assert time.monotonic() < deadline, f"the horizon never reached {number}"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """``main.py server run`` in its own process group; stopped with SIGTERM (then
    SIGKILL of that group if it hangs). ``log_lines()`` parses its JSON-lines log."""

    def __init__(self, db_url: str, log_file: Path, *, workers: int = 1,
                 settings: dict | None = None) -> None:
        self.db_url = db_url
        self.log_file = log_file
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, ENV_SERVER_SETTINGS: json.dumps({**FAST_HASH, **(settings or {})}),
               "PYTHONUNBUFFERED": "1"}
        self._log = open(log_file, "ab")  # noqa: SIM115  (closed in stop())
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "server", "run", "--db", db_url,
             "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}):\n{self.log_text()[-3000:]}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not become healthy:\n" + self.log_text()[-3000:])

    def log_text(self) -> str:
        self._log.flush()
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def log_lines(self) -> list[dict]:
        """Every JSON line of the log (the startup banner printed by the command is not
        JSON and is skipped)."""
        out = []
        for line in self.log_text().splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._log.close()


@pytest.fixture
def start_server_process(tmp_path):
    started: list[ServerProcess] = []

    def start(db_url: str, *, workers: int = 1, settings: dict | None = None) -> ServerProcess:
        sp = ServerProcess(db_url, tmp_path / f"server-{len(started)}.log", workers=workers,
                           settings=settings)
        started.append(sp)
        return sp

    yield start
    for sp in started:
        sp.stop()


class Client:
    """A small HTTP client for one signed-in device. ``fresh_connections`` opens a new
    TCP connection per request, so consecutive requests land on any worker."""

    def __init__(self, base_url: str, *, fresh_connections: bool = False) -> None:
        limits = httpx.Limits(max_keepalive_connections=0) if fresh_connections else httpx.Limits()
        self.http = httpx.Client(base_url=base_url, headers=protocol.request_headers(), timeout=30,
                                 limits=limits)
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.device_id: str | None = None
        self.seq = 0

    def login(self, username: str, password: str = PASSWORD, device: str = "laptop") -> httpx.Response:
        r = self.http.post("/api/auth/login", json={"username": username, "password": password,
                                                     "device_name": device})
        if r.status_code == 200:
            data = r.json()
            self.access_token, self.refresh_token, self.device_id = (
                data["access_token"], data["refresh_token"], data["device_id"])
        return r

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"} if self.access_token else {}

    def request(self, method: str, path: str, **kw) -> httpx.Response:
        return self.http.request(method, path, headers={**self.headers(), **kw.pop("headers", {})}, **kw)

    def get(self, path: str, **kw) -> httpx.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw) -> httpx.Response:
        return self.request("POST", path, **kw)

    def op(self, entity: str, entity_id: str, changes: dict, *, kind: str = "update",
           base: int = 0) -> dict:
        self.seq += 1
        return {"op_id": str(uuid.uuid4()), "seq": self.seq, "entity": entity, "entity_id": entity_id,
                "op": kind, "changes": changes, "base_version": base,
                "created_at": "2026-11-27 09:00:00"}

    def push(self, *ops: dict) -> list[dict]:
        r = self.post("/api/sync/push", json={"ops": list(ops)})
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def pull_all(self, cursor: str | None = None) -> tuple[list[dict], str]:
        changes: list[dict] = []
        while True:
            params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            r = self.get("/api/sync/pull", params=params)
            assert r.status_code == 200, r.text
            body = r.json()
            changes += body["changes"]
            cursor = body["cursor"]
            if not body["has_more"]:
                return changes, cursor

    def close(self) -> None:
        self.http.close()


@dataclass
class Org:
    """Users and partners written straight into the server database (as head office)."""

    db_url: str
    settings: ServerSettings = field(default_factory=fast_settings)

    def __post_init__(self) -> None:
        self.engine = make_engine(self.db_url)
        upgrade(self.engine)
        self.user_ids: dict[str, str] = {}

    def user(self, name: str, role: str = "manager") -> str:
        self.user_ids[name] = add_user(self.engine, self.settings, name, role, PASSWORD)["id"]
        return self.user_ids[name]

    def partner(self, name: str, manager: str | None = None, **values) -> str:
        pid = str(uuid.uuid4())
        with write_tx(self.engine) as conn:
            seq = allocate_seq(conn, 2)
            now = self.settings.stamp()
            clean = records.clean_values("partner", {"name_zh": name, "tier": "core", "stage": "mature",
                                                     **values})
            records.insert_record(conn, "partner", pid, clean, seq=seq, user="admin", now=now)
            if manager:
                scope.grant(conn, pid, self.user_ids[manager], seq + 1, now)
        return pid

    def close(self) -> None:
        self.engine.dispose()


@dataclass
class Deployment:
    """One server as deployed (2 workers) on one backend, shared by the tests of this
    package (starting one costs seconds); each test uses its own user names."""

    db_url: str
    org: Org
    server: ServerProcess

    def client(self, user: str | None = None, *, fresh_connections: bool = True) -> Client:
        c = Client(self.server.base_url, fresh_connections=fresh_connections)
        if user:
            r = c.login(user)
            assert r.status_code == 200, r.text
        return c


@pytest.fixture(scope="package", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def deployment(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("deployment")
    if request.param == "sqlite":
        url_cm = contextlib.nullcontext(sqlite_url(folder))
    else:
        url_cm = fresh_postgres_database()
    with url_cm as url:
        org = Org(url)
        # the command gets the URL as an administrator types it (postgresql://...)
        server = ServerProcess(url.replace("postgresql+psycopg://", "postgresql://"),
                               folder / "server.log", workers=2)
        try:
            yield Deployment(url, org, server)
        finally:
            server.stop()
            org.close()
