""""Try the demo": the reference sync server, run inside the app for one profile.

The server runs in a thread of the app (uvicorn on 127.0.0.1 and a free port), with
its SQLite database in the profile's ``demo-server`` folder, seeded once with the demo
organisation. No child interpreter is started, so the same code works from a checkout
and from the bundled app, and the server can never outlive the app. The demo users'
names are kept beside that database, never their passwords: each sign-in gives the
demo manager a fresh random password, written straight into this profile's own demo
database, so the next start of the app can bring the same server back and sign in
again.

Plain Python (no Qt): the UI runs these blocking calls in a background lane.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from sync.server import admin
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.db import make_engine
from sync.server.demo_org import seed_demo
from sync.server.dialect import sqlite_url
from sync.server.errors import ApiError
from sync.server.migrate import upgrade

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0
DEMO_MANAGER = "li.na"


class DemoServerError(Exception):
    """The demo server could not be seeded or started (message fit for the user)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # as uvicorn binds: connections of a stopped server in TIME_WAIT do not count
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class DemoServer:
    """One local reference server: ``seed()``, ``start()``, ``stop()``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def database(self) -> Path:
        return self.folder / "server.db"

    @property
    def db_url(self) -> str:
        return sqlite_url(self.database)

    @property
    def sign_ins_file(self) -> Path:
        return self.folder / "sign-ins.json"

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise DemoServerError("The demo server is not running.")
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- seeding -------------------------------------------------------------------------

    def sign_ins(self) -> list[dict[str, str]]:
        """The demo organisation's users ({username, role}); [] before seeding. A file
        from an earlier version that still holds passwords is rewritten without them."""
        try:
            data = json.loads(self.sign_ins_file.read_text(encoding="utf-8"))
            users = [u for u in data.get("users", []) if isinstance(u, dict)]
        except (OSError, ValueError, AttributeError):
            return []
        if any("password" in u for u in users):
            users = [{k: v for k, v in u.items() if k != "password"} for u in users]
            self._write_sign_ins(users)
        return users

    def manager(self) -> dict[str, str]:
        """The demo manager to sign in as, with a new password set for this sign-in."""
        users = self.sign_ins()
        chosen = next((u for u in users if u.get("username") == DEMO_MANAGER), None) or \
            next((u for u in users if u.get("role") == "manager"), None)
        if chosen is None:
            raise DemoServerError("The demo server has no manager to sign in as.")
        password = secrets.token_urlsafe(18)

        engine = make_engine(self.db_url)
        try:
            admin.set_password(engine, ServerSettings(), chosen["username"], password)
        except (ApiError, OSError, SQLAlchemyError) as exc:
            raise DemoServerError(f"The demo server's users could not be prepared: {exc}") from exc
        finally:
            engine.dispose()
        return {**chosen, "password": password}

    def _write_sign_ins(self, users: list[dict[str, str]]) -> None:
        self.sign_ins_file.write_text(json.dumps({"users": users}, indent=2), encoding="utf-8")
        os.chmod(self.sign_ins_file, 0o600)

    def seed(self) -> list[dict[str, str]]:
        """Create and seed the server database once; later calls reuse it."""
        existing = self.sign_ins()
        if existing and self.database.exists():
            return existing
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in (self.database, self.sign_ins_file):
            stale.unlink(missing_ok=True)  # a half-seeded earlier attempt

        engine = make_engine(self.db_url)
        try:
            upgrade(engine)
            result = seed_demo(engine, ServerSettings())
        except (ApiError, OSError, SQLAlchemyError) as exc:
            raise DemoServerError(f"The demo server could not be prepared: {exc}") from exc
        finally:
            engine.dispose()
        # the passwords seed_demo made are not kept: each sign-in sets a fresh one
        users = [{"username": u["username"], "role": u["role"]} for u in result["users"]]
        if not users:
            raise DemoServerError("The demo server gave no sign-ins.")
        self._write_sign_ins(users)
        return users

    # --- running -----------------------------------------------------------------------

    def start(self, port: int | None = None, timeout: float = START_TIMEOUT_S) -> str:
        """Start the server (on ``port`` when it is free, else any free port) and wait
        until it accepts requests. Returns the base URL."""
        if self.running:
            return self.base_url
        if not self.database.exists():
            raise DemoServerError("The demo server has no database yet.")

        self.port = port if port and port_is_free(port) else free_port()
        try:
            app = create_app(self.db_url, ServerSettings())
        except (OSError, SQLAlchemyError) as exc:
            raise DemoServerError(f"The demo server could not be started: {exc}") from exc
        # log_config=None: the app's own logging stays as it is
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None,
                                access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="demo-server", daemon=True)
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.started:
                log.info("demo server on %s", self.base_url)
                return self.base_url
            if not thread.is_alive():  # uvicorn gave up (e.g. the port was taken meanwhile)
                self._server = self._thread = None
                raise DemoServerError("The demo server stopped at start; see the app's log.")
            thread.join(0.05)
        self.stop()
        raise DemoServerError("The demo server did not answer in time.")

    def healthy(self, timeout: float = 2.0) -> bool:
        try:
            return requests.get(self.base_url + "/health", timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server: open requests finish, then its thread ends."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout)
        app = server.config.app
        engine = getattr(getattr(app, "state", None), "engine", None)
        if engine is not None:
            engine.dispose()

    def describe(self) -> dict[str, Any]:
        return {"url": self.base_url if self.port else None, "running": self.running,
                "database": str(self.database)}
