"""Server settings: token lifetimes, sign-in throttling, scope grace, the clock."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

#: where the server keeps its data when no --db is given
ENV_SERVER_DB = "CHANNELKEEPER_SERVER_DB"
DEFAULT_DB_URL = "sqlite:///server.db"


def default_db_url() -> str:
    return os.environ.get(ENV_SERVER_DB) or DEFAULT_DB_URL


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass
class ServerSettings:
    access_ttl: float = 15 * 60  # seconds
    refresh_ttl: float = 30 * 24 * 3600
    login_max_failures: int = 5
    login_window: float = 15 * 60  # seconds a failure counts against the limit
    scope_grace_days: float = 14
    #: argon2 cost; the defaults are argon2-cffi's (RFC 9106 low-memory profile), tests
    #: lower them to keep the suite fast
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    #: the server's clock (naive UTC); tests replace it to make tokens expire
    clock: Callable[[], dt.datetime] = field(default=_utc_now)

    def now(self) -> dt.datetime:
        return self.clock()

    def stamp(self, delta_seconds: float = 0) -> str:
        """A sortable timestamp string, optionally shifted into the future."""
        return fmt(self.now() + dt.timedelta(seconds=delta_seconds))


def fmt(t: dt.datetime) -> str:
    return t.isoformat(sep=" ", timespec="seconds")
