"""Server settings: token lifetimes, sign-in throttling, scope grace, API description,
security headers, tombstone retention, the clock."""
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
    #: sign-in limits per window (sync/server/throttle.py, docs/deploy.md): failures
    #: for one account from one address, or from one laptop holding a device key
    login_max_failures: int = 5
    #: failures for one account from all addresses together (unknown laptops only)
    login_account_max_failures: int = 20
    #: failures from one address for all accounts together (an office NAT is one address)
    login_address_max_failures: int = 100
    login_window: float = 15 * 60  # seconds a failure counts against the limit
    #: a rotated refresh token presented again within this many seconds is refused
    #: without ending the sign-in (concurrent refreshes of one laptop); later, it is
    #: taken as a stolen copy and every token of that sign-in is revoked
    refresh_reuse_grace: float = 60
    scope_grace_days: float = 14
    #: argon2 cost; the defaults are argon2-cffi's (RFC 9106 low-memory profile), tests
    #: lower them to keep the suite fast
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    #: serve the API description at /openapi.json (off by default: it maps the whole
    #: API for anyone who can reach the server). No /docs page: it would load Swagger UI
    #: from a CDN, and no installed package ships its assets
    api_docs: bool = False
    #: Strict-Transport-Security max-age, sent only on requests that came over TLS
    #: (sync.server.security); 0 turns it off
    hsts_seconds: int = 365 * 24 * 3600
    #: tombstones (deleted records) older than this are purged by `server purge` and at
    #: `server run` start (sync.server.retention); a laptop that has not synced since is
    #: told to re-sync from zero
    tombstone_retention_days: float = 180
    #: requests one worker process serves at a time (its thread pool; the rest wait
    #: their turn in order). More threads than this in one process contend for
    #: Python's interpreter lock and stretch every request (docs/deploy.md)
    threads_per_worker: int = 8
    #: the server's clock (naive UTC); tests replace it to make tokens expire
    clock: Callable[[], dt.datetime] = field(default=_utc_now)

    def now(self) -> dt.datetime:
        return self.clock()

    def stamp(self, delta_seconds: float = 0) -> str:
        """A sortable timestamp string, optionally shifted into the future."""
        return fmt(self.now() + dt.timedelta(seconds=delta_seconds))


def fmt(t: dt.datetime) -> str:
    return t.isoformat(sep=" ", timespec="seconds")
