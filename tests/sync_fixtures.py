"""The real sync server for tests: ``start_server(db_url)`` runs uvicorn on 127.0.0.1
in a thread (any free port) and returns (base_url, stop). Also fresh databases:
``sqlite_url(tmp_path)`` and ``postgres_database()`` (created and dropped)."""
from __future__ import annotations

import asyncio
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


class _PromptServer(uvicorn.Server):
    """uvicorn's server, stopped as soon as it is told (``request_stop``). uvicorn itself
    looks at ``should_exit`` on a timer tick and then gives open connections a fixed pause
    before waiting for them on the same tick: a stop took a good part of a second, and the
    suite stops hundreds of servers. Here the request wakes the loop, and the shutdown
    (the same steps: stop listening, ask each connection to close when its response is
    sent, wait for connections and tasks) moves on the moment they are gone."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_S)

    def request_stop(self) -> None:
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(wake.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while (self.server_state.connections or self.server_state.tasks) \
                and time.monotonic() < deadline:
            await asyncio.sleep(STOP_POLL_S)
        for task in self.server_state.tasks:
            task.cancel(msg="the test server stopped")
        for server in self.servers:
            await server.wait_closed()
        await self.lifespan.shutdown()


#: uvicorn's own tick (its once-a-second work counts ten of them)
TICK_S = 0.1
#: how often a stopping server looks whether its connections have closed, and how long
#: it lets a request that is still running finish
STOP_POLL_S = 0.005
STOP_TIMEOUT_S = 10


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
    server = _PromptServer(config)
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
        server.request_stop()
        thread.join(STOP_TIMEOUT_S + 5)
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
