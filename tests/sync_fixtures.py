"""The real sync server for tests: ``start_server(db_url)`` runs uvicorn on 127.0.0.1
in a thread (any free port) and returns (base_url, stop). Also fresh databases:
``sqlite_url(tmp_path)`` and ``postgres_database()`` (created and dropped)."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import uvicorn

from sync import protocol
from sync.server.app import create_app
from sync.server.config import ServerSettings

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def start_server(
    db_url: str, settings: ServerSettings | None = None
) -> tuple[str, Callable[[], None]]:
    """Serve ``db_url`` (migrated on start) until ``stop()``; returns the base URL.
    ``stop.app`` is the FastAPI app (``.state.engine``, ``.state.settings``)."""
    app = create_app(db_url, settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name=f"sync-server-{port}")
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the sync server did not start")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)
        sock.close()
        app.state.engine.dispose()

    stop.app = app  # type: ignore[attr-defined]  # tests reach the engine and settings
    return base, stop


def sqlite_url(folder) -> str:
    return f"sqlite:///{folder}/server-{uuid.uuid4().hex[:8]}.db"


def postgres_available() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5432), timeout=1):
        return True
    return False


@contextlib.contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """A fresh PostgreSQL database (empty, or a copy of the database ``template``),
    dropped afterwards; yields its URL."""
    from sqlalchemy import create_engine, text

    name = f"ck_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class ApiClient:
    """A tiny test client for the real server: version headers and bearer token."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, headers=protocol.request_headers(), timeout=30)
        self.token: str | None = None
        self.refresh_token: str | None = None
        self.device_id: str | None = None

    def login(self, username: str, password: str, device: str = "test laptop") -> dict:
        r = self.http.post("/api/auth/login", json={"username": username, "password": password,
                                                     "device_name": device})
        r.raise_for_status()
        data = r.json()
        self.token, self.refresh_token, self.device_id = (
            data["access_token"], data["refresh_token"], data["device_id"])
        return data

    def refresh(self) -> dict:
        r = self.http.post("/api/auth/refresh", json={"refresh_token": self.refresh_token})
        r.raise_for_status()
        data = r.json()
        self.token, self.refresh_token = data["access_token"], data["refresh_token"]
        return data

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, headers: dict | None = None, **kw) -> httpx.Response:
        return self.http.get(path, headers={**self._auth(), **(headers or {})}, **kw)

    def post(self, path: str, headers: dict | None = None, **kw) -> httpx.Response:
        return self.http.post(path, headers={**self._auth(), **(headers or {})}, **kw)

    def close(self) -> None:
        self.http.close()
