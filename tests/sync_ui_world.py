"""Helpers for the sync UI tests: the real sync server on 127.0.0.1 with users and
assigned partners, a fault proxy in front of it (offline on demand), and the real main
window on a real profile. The keyring is the suite's in-memory one (tests/conftest.py)."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from desktop import app as desktop_app
from desktop.paths import Profile
from sync.server import records, scope
from sync.server.admin import add_user
from sync.server.config import ServerSettings
from sync.server.db import allocate_seq, write_tx
from tests.sync.fault_proxy import FaultProxy
from tests.sync_fixtures import ApiClient, sqlite_url, start_server

PASSWORD = "correct horse 1"
FAST_HTTP = {"timeout": (5.0, 30.0), "retries": 1, "backoff": 0.01}  # offline shows fast


class ServerWorld:
    """The real server (SQLite in ``folder``) behind a fault proxy."""

    def __init__(self, folder: Path) -> None:
        self.settings = ServerSettings(argon2_time_cost=1, argon2_memory_kib=8192)
        self.direct_url, self._stop = start_server(sqlite_url(folder), self.settings)
        self.engine = self._stop.app.state.engine
        port = int(self.direct_url.rsplit(":", 1)[1])
        self.proxy = FaultProxy("127.0.0.1", port).start()
        self.url = self.proxy.url
        self.user_ids: dict[str, str] = {}
        self.clients: list[ApiClient] = []

    def add_user(self, name: str, role: str = "manager") -> str:
        self.user_ids[name] = add_user(self.engine, self.settings, name, role, PASSWORD)["id"]
        return self.user_ids[name]

    def partner(self, name: str, manager: str | None = None, **values: Any) -> str:
        """A partner written as head office would, assigned to ``manager``."""
        pid = str(uuid.uuid4())
        with write_tx(self.engine) as conn:
            seq = allocate_seq(conn, 2)
            now = self.settings.stamp()
            clean = records.clean_values("partner", {"name_zh": name, "tier": "core",
                                                     "stage": "mature", **values})
            records.insert_record(conn, "partner", pid, clean, seq=seq, user="admin", now=now)
            if manager:
                scope.grant(conn, pid, self.user_ids[manager], seq + 1, now)
        return pid

    def client(self, name: str) -> ApiClient:
        c = ApiClient(self.direct_url)
        c.login(name, PASSWORD, f"{name} test client")
        self.clients.append(c)
        return c

    def record(self, client: ApiClient, entity: str, rid: str) -> dict:
        r = client.get(f"/api/records/{entity}/{rid}")
        assert r.status_code == 200, r.text
        return r.json()

    def offline(self) -> None:
        """Every request through the proxy loses its connection (network gone)."""
        self.proxy.add("/", "drop_before", count=None)

    def online(self) -> None:
        self.proxy.clear()

    def close(self) -> None:
        for c in self.clients:
            c.close()
        self.proxy.stop()
        self._stop()


def open_window(qtbot, profile: Profile, *, probe_interval_ms: int = 30000, offer_demo: bool = False,
                http_options: dict | None = None):
    """The real main window on ``profile``, its sync service with fast test timeouts
    (``http_options={}``: the app's own, patient ones)."""
    desktop_app.create_app([])
    session = desktop_app.open_session(
        profile, offer_demo=offer_demo, device_name="test laptop",
        http_options=FAST_HTTP if http_options is None else http_options,
        probe_interval_ms=probe_interval_ms)
    assert session is not None
    window = session.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    return window
