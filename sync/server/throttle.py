"""Limits on failed sign-ins, counted in the database so they hold across workers.

An attempt is counted BEFORE its password is checked, in one short transaction that
increments every counter that applies (an atomic upsert per key): thirty parallel
guesses cannot all pass a check made before any of them is recorded. When a counter is
already at its limit the attempt is refused with 429 and counts nowhere (the password
is not checked). A sign-in that succeeds takes its own attempt back.

Which counters apply (limits per ``login_window``, defaults in ServerSettings):

- From a laptop that presents a valid device key (handed out at an earlier successful
  sign-in of the same user, kept in its keyring, void once the device is revoked):
  only ``key:<hash>``, 5 failures. Nobody else's failures, from any address, can lock
  the user out of their own laptops.
- From anywhere else: ``pair:<user>|<address>`` (5: one address guessing one account),
  ``acct:<user>`` (20: one account guessed from many addresses) and ``addr:<address>``
  (100: one address trying many accounts). Five failures from an office NAT lock that
  account out of new sign-ins from that address only, for at most the window, and
  never out of laptops that signed in before.

Each counter's window starts at its first failure and ends ``login_window`` later; a
refused attempt does not extend it. Expired rows are purged now and then.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, case, delete, update

from sync import protocol as p
from sync.server import dialect
from sync.server.config import ServerSettings, fmt
from sync.server.db import login_failures, write_tx
from sync.server.errors import ApiError

#: about one charge in this many also deletes expired counters
PURGE_EVERY = 64


@dataclass(frozen=True)
class Limit:
    key: str
    max_failures: int
    #: a successful sign-in clears the counter (True) or only takes its attempt back
    reset_on_success: bool


def limits_for(settings: ServerSettings, username: str, address: str,
               device_key_hash: str | None) -> list[Limit]:
    """The counters an attempt is charged to (see the module doc)."""
    if device_key_hash:
        return [Limit(f"key:{device_key_hash}", settings.login_max_failures, True)]
    name = username.strip().lower()
    return [
        Limit(f"pair:{name}|{address}"[:300], settings.login_max_failures, True),
        Limit(f"acct:{name}"[:300], settings.login_account_max_failures, False),
        Limit(f"addr:{address}"[:300], settings.login_address_max_failures, False),
    ]


class _Refused(Exception):
    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


def charge(engine: Engine, settings: ServerSettings, limits: list[Limit]) -> None:
    """Count one attempt against every limit, or raise 429 (counting nothing) when one
    is used up. Keys are taken in sorted order so concurrent charges never deadlock."""
    now = settings.now()
    stamp, cutoff = fmt(now), fmt(now - dt.timedelta(seconds=settings.login_window))
    try:
        with write_tx(engine) as conn:
            wait = 0
            for limit in sorted(limits, key=lambda lim: lim.key):
                failures, window_start = _increment(conn, limit.key, stamp, cutoff)
                if failures > limit.max_failures:
                    end = dt.datetime.fromisoformat(window_start) + dt.timedelta(seconds=settings.login_window)
                    wait = max(wait, int((end - now).total_seconds()) + 1)
            if wait:
                raise _Refused(wait)  # rolls the increments back
            if random.randrange(PURGE_EVERY) == 0:
                conn.execute(delete(login_failures).where(login_failures.c.window_start <= cutoff))
    except _Refused as refused:
        raise ApiError(
            429, p.ERROR_RATE_LIMITED,
            "Too many failed sign-ins. Wait a few minutes and try again.",
            headers={"Retry-After": str(refused.wait)}, retry_after=refused.wait,
        ) from None


def _increment(conn: Connection, key: str, stamp: str, cutoff: str) -> tuple[int, str]:
    """Add one failure to ``key`` (starting a new window when the old one ended);
    returns the new count and the window's start."""
    table = login_failures
    stmt = dialect.insert_or_update(conn, table).values(key=key, failures=1, window_start=stamp)
    expired = table.c.window_start <= cutoff
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": case((expired, 1), else_=table.c.failures + 1),
            "window_start": case((expired, stamp), else_=table.c.window_start),
        },
    ).returning(table.c.failures, table.c.window_start)
    row = conn.execute(stmt).one()
    return int(row.failures), str(row.window_start)


def refund(conn: Connection, limits: list[Limit]) -> None:
    """A successful sign-in: clear its own counters, take its attempt back from the
    shared ones (failures of others, from other addresses, still count)."""
    for limit in sorted(limits, key=lambda lim: lim.key):
        row = login_failures.c.key == limit.key
        if limit.reset_on_success:
            conn.execute(delete(login_failures).where(row))
        else:
            conn.execute(update(login_failures).where(row, login_failures.c.failures > 0)
                         .values(failures=login_failures.c.failures - 1))
