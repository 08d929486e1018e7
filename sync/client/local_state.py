"""The client's local sync bookkeeping, kept in the profile's own database.

Settings (``store.get_setting``): server address, user, device id, pull cursor,
server epoch, highest acknowledged outbox seq, last sync time. Tables (migration
0004): conflicts reported by the server, scope removals waiting for our ops to be
acknowledged, and one row per sync run. Every function takes the store and runs on
the thread that owns it (the engine's caller's).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.schema import ENTITIES, entity
from models.store import Row, Store, new_id
from sync import protocol
from sync.client import held_ops
from sync.client.held_ops import HoldPolicy

K_SERVER = "sync.server_url"
K_USER = "sync.user"
K_DEVICE = "sync.device_id"
K_DEVICE_NAME = "sync.device_name"
K_CURSOR = "sync.cursor"
K_EPOCH = "sync.epoch"
K_ACKED_SEQ = "sync.acked_seq"
K_LAST_SYNC = "sync.last_sync_at"
K_LAST_ERROR = "sync.last_error"
K_INSECURE = "sync.allow_insecure_http"


@dataclass(frozen=True)
class LocalSyncState:
    server_url: str | None
    user: str | None
    device_id: str
    cursor: str | None
    epoch: str | None
    acked_seq: int
    last_sync_at: str | None
    last_error: str | None


def device_id(store: Store) -> str:
    """This profile's device id, created on first use (one per laptop profile)."""
    value = store.get_setting(K_DEVICE)
    if not value:
        value = new_id()
        store.set_setting(K_DEVICE, value)
    return value


def read_state(store: Store) -> LocalSyncState:
    return LocalSyncState(
        server_url=store.get_setting(K_SERVER),
        user=store.get_setting(K_USER),
        device_id=device_id(store),
        cursor=store.get_setting(K_CURSOR),
        epoch=store.get_setting(K_EPOCH),
        acked_seq=int(store.get_setting(K_ACKED_SEQ) or 0),
        last_sync_at=store.get_setting(K_LAST_SYNC),
        last_error=store.get_setting(K_LAST_ERROR),
    )


# --- push side -----------------------------------------------------------------------


def push_batch(store: Store, limit: int, max_seq: int | None, after_seq: int = 0) -> list[Row]:
    """The next pending ops in seq order after ``after_seq`` (the last one this push
    sent: an op left pending by its answer waits for the next sync), none newer than
    ``max_seq`` (the outbox's last seq when the sync started: an edit made during the
    sync waits for the next)."""
    where = "state = 'pending' AND seq > ?"
    params: list[Any] = [after_seq]
    if max_seq is not None:
        where += " AND seq <= ?"
        params.append(max_seq)
    rows = store.query(
        f"SELECT * FROM outbox WHERE {where} ORDER BY seq LIMIT {int(limit)}", params
    )
    for r in rows:
        r["changes"] = json.loads(r["changes"])
    return rows


def last_seq(store: Store) -> int:
    return store.db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]


def wire_op(op: Row) -> dict[str, Any]:
    """An outbox row as a push op: exactly the protocol's fields (not ``state``)."""
    return {
        "op_id": op["op_id"], "seq": op["seq"], "entity": op["entity"],
        "entity_id": op["entity_id"], "op": op["op"], "changes": op["changes"],
        "base_version": op["base_version"], "created_at": op["created_at"],
    }


def record_push_results(store: Store, batch: list[Row], results: list[dict[str, Any]],
                        conflict_details: dict[int, dict[str, Any]], now: str, *,
                        attempt: str = "", hold: HoldPolicy | None = None) -> dict[str, int]:
    """Mark each answered op and record versions and conflicts, in one transaction.

    ``results`` are the server's push results; ``conflict_details`` maps a server
    conflict id to its record (GET /api/conflicts). Ops the server did not answer stay
    pending: they go again next time, and the server answers a resent op with its
    original result. An op refused only for now is held (sync.client.held_ops): it
    stays pending until ``hold``'s bound, then it is rejected; ``attempt`` names the
    sync. Counts by outcome, plus ``held``."""
    by_id = {op["op_id"]: op for op in batch}
    counts = {o: 0 for o in protocol.OUTCOMES}
    counts[held_ops.STATE_HELD] = 0
    with store.transaction():
        acked_seq = int(store.get_setting(K_ACKED_SEQ) or 0)
        for res in results:
            op = by_id.get(res.get("op_id"))
            outcome = res.get("outcome")
            if op is None or outcome not in protocol.OUTCOMES:
                continue  # not an answer for one of our ops: leave it pending
            state = "rejected" if outcome == protocol.OUTCOME_REJECTED else "acked"
            detail = {k: res.get(k) for k in ("outcome", "version", "reason", "message",
                                                "conflicts", "duplicate")}
            if held_ops.is_not_yet(res):
                state = held_ops.hold(store, op, res, detail, now=now, attempt=attempt,
                                      policy=hold or held_ops.HoldPolicy())
                counts[outcome if state == "rejected" else held_ops.STATE_HELD] += 1
                continue
            counts[outcome] += 1
            store.db.execute(
                "UPDATE outbox SET state = ?, outcome = ?, acked_at = ? WHERE op_id = ?",
                [state, json.dumps(detail, ensure_ascii=False), now, op["op_id"]],
            )
            for cid in res.get("conflicts") or []:
                c = conflict_details.get(cid, {})
                field = c.get("field") or c.get("kind") or "?"
                incoming = c["incoming_value"] if "incoming_value" in c else \
                    (op["changes"].get(field) or [None, None])[1]
                store.db.execute(
                    "INSERT OR IGNORE INTO sync_conflicts (op_id, entity, entity_id, field,"
                    " local_value, server_value, server_version, detected_at, server_id, kind)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [op["op_id"], op["entity"], op["entity_id"], field, _dump(incoming),
                     _dump(c.get("server_value")), res.get("version"), now, cid,
                     c.get("kind") or protocol.CONFLICT_FIELD],
                )
            if res.get("version") is not None and state == "acked":
                store.set_version(op["entity"], op["entity_id"], int(res["version"]))
            acked_seq = max(acked_seq, op["seq"])
        store.set_setting(K_ACKED_SEQ, str(acked_seq))
    return counts


def requeue_acked(store: Store, after_seq: int = 0) -> int:
    """Put acknowledged ops newer than ``after_seq`` back in the queue: the server was
    restored from a backup and no longer has them (its device ``last_seq`` says how far
    it got). Safe even if it has some: the server skips op ids it already knows."""
    n = store.db.execute(
        "UPDATE outbox SET state = 'pending' WHERE state = 'acked' AND seq > ?", [after_seq]
    ).rowcount
    store.set_setting(K_ACKED_SEQ, str(after_seq))
    return n


# --- pull side -----------------------------------------------------------------------


def pending_fields(store: Store, entity_id: str) -> set[str]:
    """Fields of a record with a local change the server has not acknowledged yet."""
    fields: set[str] = set()
    for (changes,) in store.db.execute(
        "SELECT changes FROM outbox WHERE entity_id = ? AND state = 'pending'", [entity_id]
    ).fetchall():
        fields.update(json.loads(changes))
    if "deleted" in fields:
        fields.add("deleted_at")
    return fields


def overlay_pending(store: Store, entity_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The pulled row with our unacknowledged local values kept on top: the server
    merges them when the op is pushed, so a pull must not undo them meanwhile."""
    fields = pending_fields(store, row["id"])
    if not fields:
        return row
    local = store.find(entity_name, row["id"]) or store.rows(
        entity_name, "id = ?", [row["id"]], include_deleted=True)
    if isinstance(local, list):
        local = local[0] if local else None
    if local is None:
        return row
    return {**row, **{f: local[f] for f in fields if f in local}}


def unacked_ops_for_partner(store: Store, partner_id: str) -> int:
    """Local ops touching a partner or anything under it that the server has not
    acknowledged (pending)."""
    subqueries = [
        f"SELECT id FROM {e.table} WHERE {e.partner_field} = ?"
        for e in ENTITIES.values() if e.partner_field
    ]
    sql = (
        "SELECT count(*) FROM outbox WHERE state = 'pending' AND (entity_id = ? OR "
        + " OR ".join(f"entity_id IN ({q})" for q in subqueries) + ")"
    )
    return store.db.execute(sql, [partner_id] * (1 + len(subqueries))).fetchone()[0]


def remove_from_scope(store: Store, partner_id: str, now: str) -> bool:
    """Forget a partner taken out of our scope, or defer it until our ops about it are
    acknowledged. True when its data was removed now."""
    if unacked_ops_for_partner(store, partner_id):
        store.db.execute(
            "INSERT OR IGNORE INTO sync_scope_removals (partner_id, noted_at) VALUES (?, ?)",
            [partner_id, now],
        )
        return False
    store.forget_partner(partner_id)
    store.db.execute("DELETE FROM sync_scope_removals WHERE partner_id = ?", [partner_id])
    return True


def cancel_scope_removal(store: Store, partner_id: str) -> None:
    """The partner came back into scope (A → B → A): nothing to forget any more."""
    store.db.execute("DELETE FROM sync_scope_removals WHERE partner_id = ?", [partner_id])


def deferred_scope_removals(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT partner_id FROM sync_scope_removals ORDER BY noted_at").fetchall()]


# --- conflicts and rejected ops --------------------------------------------------------


def conflicts(store: Store, *, include_resolved: bool = False) -> list[Row]:
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = store.query(f"SELECT * FROM sync_conflicts {where} ORDER BY id")
    for r in rows:
        r["local_value"] = _load(r["local_value"])
        r["server_value"] = _load(r["server_value"])
    return rows


def open_conflict_server_ids(store: Store) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT server_id FROM sync_conflicts WHERE resolved_at IS NULL "
        "AND server_id IS NOT NULL").fetchall()}


def reconcile_conflicts(store: Store, server_open: list[dict[str, Any]], now: str) -> tuple[int, int]:
    """Make the local conflict list match the server's open conflicts in our scope:
    add those raised elsewhere (head office, another laptop of ours, another manager on
    one of our partners) and close the ones resolved elsewhere. Returns (added,
    closed)."""
    wanted = {c["id"]: c for c in server_open if isinstance(c, dict) and c.get("id")}
    added = closed = 0
    with store.transaction():
        local = open_conflict_server_ids(store)
        for sid in local - set(wanted):
            closed += store.db.execute(
                "UPDATE sync_conflicts SET resolved_at = ? WHERE server_id = ? "
                "AND resolved_at IS NULL", [now, sid]).rowcount
        for sid, c in wanted.items():
            if sid in local or not c.get("entity") or not c.get("entity_id"):
                continue
            known = store.db.execute("SELECT 1 FROM sync_conflicts WHERE server_id = ?",
                                     [sid]).fetchone()
            if known:  # closed here, still open there (e.g. a resolve not yet answered)
                continue
            added += store.db.execute(
                "INSERT OR IGNORE INTO sync_conflicts (op_id, entity, entity_id, field,"
                " local_value, server_value, server_version, detected_at, server_id, kind,"
                " raised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [c.get("op_id") or f"server:{sid}", c["entity"], c["entity_id"],
                 c.get("field") or c.get("kind") or "?", _dump(c.get("incoming_value")),
                 _dump(c.get("server_value")), None, c.get("created_at") or now, sid,
                 c.get("kind") or protocol.CONFLICT_FIELD,
                 str(c.get("user") or c.get("device_id") or "?")]).rowcount
    return added, closed


def resolve_conflict(store: Store, conflict_id: int, now: str) -> None:
    store.db.execute("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?", [now, conflict_id])


def rejected_ops(store: Store) -> list[Row]:
    rows = store.outbox("rejected")
    for r in rows:
        r["outcome"] = _load(r["outcome"]) or {}
    return rows


def export_rejected(store: Store, path: str | Path) -> int:
    """Write every rejected op (what we tried, and why the server refused) to JSON."""
    ops = rejected_ops(store)
    payload = [
        {
            "op_id": o["op_id"], "seq": o["seq"], "entity": o["entity"],
            "entity_id": o["entity_id"], "op": o["op"], "changes": o["changes"],
            "base_version": o["base_version"], "created_at": o["created_at"],
            "rejected_at": o["acked_at"], "reason": o["outcome"].get("reason"),
        }
        for o in ops
    ]
    Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return len(payload)


# --- sync runs -----------------------------------------------------------------------


def start_run(store: Store, now: str) -> int:
    cur = store.db.execute("INSERT INTO sync_runs (started_at) VALUES (?)", [now])
    return int(cur.lastrowid)


#: sync runs kept in the history (a sync every 5 minutes: about two days)
KEEP_RUNS = 500


def finish_run(store: Store, run_id: int, now: str, outcome: str, report: dict[str, Any]) -> None:
    store.db.execute(
        "UPDATE sync_runs SET finished_at = ?, outcome = ?, report = ? WHERE id = ?",
        [now, outcome, json.dumps(report, ensure_ascii=False, default=str), run_id],
    )
    store.db.execute("DELETE FROM sync_runs WHERE id <= ?", [run_id - KEEP_RUNS])


def entity_table(name: str) -> str:
    return entity(name).table


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
