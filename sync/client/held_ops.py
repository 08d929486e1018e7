"""Ops the server refused *for now*: held, sent again, and refused only after a bound.

The server answers ``rejected`` with ``retry: true`` when an op is about a record it
does not have, or points at one (``protocol.RETRY_REASONS``). After a restore from a
backup that is usually temporary: the laptop that created the record has not re-sent
it yet. Such an op stays ``pending`` (so later syncs send it again, in its place in
the outbox, and pulls keep its fields on top) with its waiting recorded in the
outbox's ``outcome`` column as ``{"held": {"since", "syncs", "attempt"}}``. Once it
has waited through at least ``HoldPolicy.syncs`` syncs **and** ``HoldPolicy.seconds``
since the first such answer, it becomes ``rejected``: listed with the refused changes,
never dropped. docs/sync-protocol.md, section 4.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from models.schema import entity
from models.store import Row, Store

#: syncs that must have answered "not yet" before the op is shown as refused
HOLD_SYNCS = 5
#: and the time since the first such answer (a colleague's laptop may be away a week)
HOLD_SECONDS = 7 * 24 * 3600.0
STATE_HELD = "held"


@dataclass(frozen=True)
class HoldPolicy:
    syncs: int = HOLD_SYNCS
    seconds: float = HOLD_SECONDS


def is_not_yet(result: dict[str, Any]) -> bool:
    return result.get("outcome") == "rejected" and bool(result.get("retry"))


def hold(store: Store, op: Row, result: dict[str, Any], detail: dict[str, Any], *,
         now: str, attempt: str, policy: HoldPolicy) -> str:
    """Record a "not yet" answer for ``op``; returns the op's new state: ``pending``
    (held, sent again next sync) or ``rejected`` (the wait is over). ``attempt``
    names the sync, so a sync that pushes twice counts once."""
    before = _load(op.get("outcome"))
    held = before.get("held") if isinstance(before, dict) else None
    if not isinstance(held, dict):
        held = {"since": now, "syncs": 0, "attempt": None}
    if held.get("attempt") != attempt:
        held = {**held, "syncs": int(held.get("syncs") or 0) + 1, "attempt": attempt}
    waited = _seconds_between(str(held.get("since") or now), now)
    over = held["syncs"] >= policy.syncs and waited >= policy.seconds
    state = "rejected" if over else "pending"
    store.db.execute(
        "UPDATE outbox SET state = ?, outcome = ?, acked_at = ? WHERE op_id = ?",
        [state, json.dumps({**detail, "held": held}, ensure_ascii=False),
         now if over else None, op["op_id"]],
    )
    if result.get("version") is None:
        # the server does not have the record: it is not "synced" any more (version 0),
        # so verify does not count it and the pull that brings it back sets its version
        store.db.execute(
            f"UPDATE {_table(op['entity'])} SET version = 0 WHERE id = ?", [op["entity_id"]])
    return state


def held_ops(store: Store) -> list[Row]:
    """Pending ops the server answered "not yet", oldest first (for the status display)."""
    rows = store.query("SELECT * FROM outbox WHERE state = 'pending' AND outcome LIKE "
                       "'%\"held\"%' ORDER BY seq")
    out = []
    for r in rows:
        r["outcome"] = _load(r["outcome"])
        if isinstance(r["outcome"], dict) and "held" in r["outcome"]:
            r["changes"] = json.loads(r["changes"])
            out.append(r)
    return out


def _table(entity_name: str) -> str:
    return entity(entity_name).table


def _seconds_between(earlier: str, later: str) -> float:
    try:
        return (dt.datetime.fromisoformat(later) - dt.datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return 0.0


def _load(text: Any) -> Any:
    if not isinstance(text, str) or not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
