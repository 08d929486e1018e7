"""Several server processes behind one address: ``server run --workers N``.

uvicorn's supervisor binds the socket once and forks N worker processes that accept
from it. Each worker builds its own app through :func:`app_from_environment` (an
import-string factory, which is what uvicorn needs to start workers); the database URL
and settings reach it through the environment. Nothing a request depends on lives in
process memory: tokens, devices, revocations and the sign-in throttle are rows in the
database, so any worker can answer any request. Migrations run once, in the
supervisor, before the workers start.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from typing import Any

import uvicorn
from fastapi import FastAPI

from sync.server import dialect, retention
from sync.server.app import create_app
from sync.server.config import ENV_SERVER_DB, ServerSettings, default_db_url
from sync.server.logging_setup import configure_logging
from sync.server.migrate import upgrade

#: JSON object of ServerSettings overrides (access_ttl, argon2 costs...) for the workers
ENV_SERVER_SETTINGS = "CHANNELKEEPER_SERVER_SETTINGS"
ENV_LOG_LEVEL = "CHANNELKEEPER_SERVER_LOG_LEVEL"
FACTORY = "sync.server.workers:app_from_environment"
KEEP_ALIVE_SECONDS = 75


def settings_overrides(settings: ServerSettings) -> dict[str, Any]:
    """The plain (JSON-able) settings that differ from the defaults."""
    default = asdict(ServerSettings())
    return {f.name: getattr(settings, f.name) for f in fields(ServerSettings)
            if f.name != "clock" and getattr(settings, f.name) != default[f.name]}


def settings_from_environment() -> ServerSettings:
    raw = os.environ.get(ENV_SERVER_SETTINGS)
    overrides = json.loads(raw) if raw else {}
    known = {f.name for f in fields(ServerSettings)} - {"clock"}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"unknown server settings: {', '.join(sorted(unknown))}")
    return ServerSettings(**overrides)


def app_from_environment() -> FastAPI:
    """The app of one worker process (uvicorn calls this in each worker)."""
    configure_logging(os.environ.get(ENV_LOG_LEVEL, "info"))
    # the supervisor migrated already; a worker never races another on the schema
    return create_app(default_db_url(), settings_from_environment(), run_migrations=False)


def serve(db_url: str, *, host: str, port: int, workers: int = 1,
          settings: ServerSettings | None = None, log_level: str = "info") -> None:
    """Migrate, then serve ``db_url`` with ``workers`` processes until interrupted."""
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if workers > 1 and dialect.sqlite_file(db_url) is None and dialect.backend_of(db_url) == dialect.SQLITE:
        raise ValueError("an in-memory SQLite database cannot be shared by several workers")
    configure_logging(log_level)
    engine = dialect.make_engine(db_url)
    try:
        upgrade(engine)
        # tombstones past the retention go at every start (and with `server purge`)
        retention.purge(engine, settings or ServerSettings())
    finally:
        engine.dispose()
    os.environ[ENV_SERVER_DB] = db_url
    os.environ[ENV_SERVER_SETTINGS] = json.dumps(settings_overrides(settings or ServerSettings()))
    os.environ[ENV_LOG_LEVEL] = log_level
    logging.getLogger("channelkeeper.server").info(
        "serving", extra={"database": dialect.redacted(db_url), "host": host, "port": port,
                          "workers": workers})
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                log_config=None, access_log=False, log_level=log_level,
                # laptops sync every few minutes and proxies pool connections: uvicorn's
                # 5 s default closes idle connections just as clients reuse them
                timeout_keep_alive=KEEP_ALIVE_SECONDS,
                proxy_headers=True, forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
