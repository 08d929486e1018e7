""""Try the demo": the reference sync server, run locally for one profile.

The server is a subprocess (``main.py server run``) on 127.0.0.1 and a free port, with
its SQLite database in the profile's ``demo-server`` folder, seeded once with the demo
organisation (``main.py server demo``). The demo users' names are kept beside that
database, never their passwords: each sign-in gives the demo manager a fresh random
password, written straight into this profile's own demo database, so the next start
of the app can bring the same server back and sign in again. The app stops the server
when it quits.

Plain Python (no Qt): the UI runs these blocking calls in a background lane.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import requests
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
START_TIMEOUT_S = 90.0
SEED_TIMEOUT_S = 180.0
DEMO_MANAGER = "li.na"
_SIGN_IN_LINE = re.compile(r"^\s*(\S+)\s+(manager|admin)\s+password:\s+(\S+)\s*$")


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

    def __init__(self, folder: Path, *, python: str = sys.executable) -> None:
        self.folder = Path(folder)
        self.python = python
        self.process: subprocess.Popen[bytes] | None = None
        self.port: int | None = None

    @property
    def database(self) -> Path:
        return self.folder / "server.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def sign_ins_file(self) -> Path:
        return self.folder / "sign-ins.json"

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"

    @property
    def pid_file(self) -> Path:
        return self.folder / "server.pid"

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise DemoServerError("The demo server is not running.")
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

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
        from sync.server import admin
        from sync.server.config import ServerSettings
        from sync.server.db import make_engine
        from sync.server.errors import ApiError

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
        try:
            done = subprocess.run(
                [self.python, str(MAIN), "server", "demo", "--db", self.db_url],
                capture_output=True, timeout=SEED_TIMEOUT_S, check=False, cwd=str(ROOT), env=_child_env(),
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DemoServerError(f"The demo server could not be prepared: {exc}") from exc
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DemoServerError("The demo server could not be prepared: "
                                  + (err[-1] if err else f"exit code {done.returncode}"))
        users = [{"username": m[1], "role": m[2]}  # the printed passwords are not kept
                 for m in (_SIGN_IN_LINE.match(line) for line in out.splitlines()) if m]
        if not users:
            raise DemoServerError("The demo server gave no sign-ins.")
        self._write_sign_ins(users)
        return users

    # --- running -----------------------------------------------------------------------

    def start(self, port: int | None = None, timeout: float = START_TIMEOUT_S) -> str:
        """Start the server (on ``port`` when it is free, else any free port) and wait
        until /health answers. Returns the base URL."""
        if self.running:
            return self.base_url
        if not self.database.exists():
            raise DemoServerError("The demo server has no database yet.")
        self._stop_orphan()
        self.port = port if port and port_is_free(port) else free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        log_handle = self.log_file.open("ab")
        try:
            self.process = subprocess.Popen(
                [self.python, str(MAIN), "server", "run", "--db", self.db_url,
                 "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log_handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=str(ROOT), env=_child_env(),
            )
        except OSError as exc:
            raise DemoServerError(f"The demo server could not be started: {exc}") from exc
        finally:
            log_handle.close()  # the child has its own copy
        self.pid_file.write_text(str(self.process.pid), encoding="utf-8")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise DemoServerError(
                    f"The demo server stopped at start (exit code {code}); see {self.log_file}.")
            if self.healthy(0.5):
                log.info("demo server on %s (pid %s)", self.base_url, self.process.pid)
                return self.base_url
            time.sleep(0.2)
        self.stop()
        raise DemoServerError("The demo server did not answer in time.")

    def healthy(self, timeout: float = 2.0) -> bool:
        try:
            return requests.get(self.base_url + "/health", timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server process (politely first)."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
        self.pid_file.unlink(missing_ok=True)

    def _stop_orphan(self) -> None:
        """A server of this profile left running by an app that was killed holds the
        port and the database: stop it (only if it really is ours: same command line)."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        try:
            orphan = psutil.Process(pid)
            if self.db_url in orphan.cmdline() and "run" in orphan.cmdline():
                log.warning("stopping a demo server left running (pid %s)", pid)
                orphan.terminate()
                orphan.wait(10)
        except (psutil.Error, OSError):
            pass
        self.pid_file.unlink(missing_ok=True)

    def describe(self) -> dict[str, Any]:
        return {"url": self.base_url if self.port else None, "pid": self.process.pid
                if self.process else None, "database": str(self.database)}


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CHANNELKEEPER_SERVER_DB", None)  # the --db given wins anyway; be explicit
    env["PYTHONUNBUFFERED"] = "1"
    return env
