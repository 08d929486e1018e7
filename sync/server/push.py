"""Push: apply a device's outbox operations, one transaction per request.

A request's ops are applied in one transaction, in which the caller's token is
checked too; an op the database refuses rolls back alone (``push``: the request is
done again with a savepoint per op). Each op's result is stored under its op id in
that transaction, with the device's last sequence number, so a resent op is answered
from that record and never applied twice; a crash mid-request loses the whole
request, which the client resends. The merge is field by field against the op's old
values; a field both sides changed keeps the server's value and files the incoming
one as a conflict record. See docs/sync-protocol.md, sections 4 and 6.
"""
from __future__ import annotations

import functools
import json
import logging
import math
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, case, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError

from models import contract
from models.errors import ValidationError
from models.schema import ENTITIES
from sync import protocol as p
from sync.op_contract import CheckedOp, OpRefused, check_op
from sync.server import auth, authorize, dialect, records, scope
from sync.server.auth import Caller, Principal
from sync.server.config import ServerSettings
from sync.server.db import (
    ENTITY_TABLES,
    allocate_seq,
    applied_ops,
    conflicts,
    devices,
    meta_value,
    write_tx,
)
from sync.server.errors import ApiError

log = logging.getLogger(__name__)


#: a push's first statement: the caller's token and the server epoch
_OPENING = auth.access_query(meta_value("epoch").label("epoch"))


class _Careful(Exception):
    """The database refused an op in the pass without savepoints: the request is done
    again from the start, each op in a savepoint of its own."""


def push(engine: Engine, settings: ServerSettings, caller: Caller | Principal, ops: list[Any],
         seen_epoch: str | None = None) -> dict[str, Any]:
    """Apply ``ops`` in order in one transaction; one result per op, with the device's
    last sequence number and the server epoch. An op that breaks the contract
    (sync/op_contract.py) or that the database refuses is answered ``rejected`` on its
    own; the request is refused whole only when it is not a list of ops in order, or
    when ``seen_epoch`` (the epoch the laptop last saw) is not this server's: then
    nothing is applied (409 epoch_changed, answered before anything else), and the
    laptop first re-sends what a restore lost.

    The ops are first applied without a savepoint each (two statements less per op);
    if the database refuses one, the whole transaction is rolled back and done again
    with a savepoint per op, so the refused op is undone alone and the others stand,
    exactly as if it had been done that way from the start."""
    problem = None
    checked: list[CheckedOp | dict] = []
    if len(ops) > p.MAX_PUSH_OPS:
        problem = f"Send at most {p.MAX_PUSH_OPS} ops per push."
    last = None
    for op in ops if problem is None else ():
        try:
            checked.append(check_op(op))
        except OpRefused as exc:
            checked.append(_refused(op, exc))
            continue
        if last is not None and checked[-1].seq <= last:
            problem = "Ops must be sent in outbox order (increasing seq)."
            break
        last = checked[-1].seq
    caller = auth.as_caller(caller)
    try:
        return _push(engine, settings, caller, checked, last, problem, seen_epoch, careful=False)
    except _Careful:
        return _push(engine, settings, caller, checked, last, problem, seen_epoch, careful=True)


def _push(engine: Engine, settings: ServerSettings, caller: Caller | auth.Known, checked: list[CheckedOp | dict],
          last: int | None, problem: str | None, seen_epoch: str | None, *, careful: bool) -> dict[str, Any]:
    valid = [c for c in checked if isinstance(c, CheckedOp)]
    with write_tx(engine) as conn:
        who, opening = caller.identify(conn, _OPENING)
        epoch = str(opening.epoch)
        if seen_epoch and seen_epoch != epoch:
            # restored from a backup (or replaced) since this laptop last synced
            raise ApiError(409, p.ERROR_EPOCH_CHANGED,
                           "The server was restored or replaced since your last sync.",
                           server_epoch=epoch)
        if problem is not None:
            raise ApiError(400, p.ERROR_BAD_REQUEST, problem)
        if not valid:
            return {"results": checked, "last_seq": _last_seq(conn, who), "server_epoch": epoch}
        # this user's pushes one at a time: a resend racing its original (another
        # worker, a client asking again after a timeout) waits for it to commit, then
        # finds its stored answers here instead of applying the ops a second time
        dialect.serialize_writers(conn, f"push {who.user_id}")
        priors = _priors(conn, who, valid)
        if all(c.op_id in priors for c in valid):  # a pure resend writes nothing
            return {"results": [priors[c.op_id] if isinstance(c, CheckedOp) else c for c in checked],
                    "last_seq": _last_seq(conn, who), "server_epoch": epoch}
        # one number per op (change_numbers: pulls never pass them while this runs);
        # numbers of rejected or duplicate ops are gaps
        first = allocate_seq(conn, len(valid))
        results, answered = [], []
        authorize.preload(conn, who, settings)
        try:
            rows = _read_locked(conn, [c for c in valid if c.op_id not in priors])
            i = 0
            for c in checked:
                if not isinstance(c, CheckedOp):
                    results.append(c)
                    continue
                prior = priors.get(c.op_id)
                if prior is None:
                    if careful:
                        prior = _apply_in_savepoint(conn, settings, who, c.as_dict(), first + i, rows)
                    else:
                        try:
                            prior = _apply(conn, settings, who, c.as_dict(), first + i, rows)
                        except (IntegrityError, DataError) as exc:
                            raise _Careful from exc
                    results.append({**prior, "duplicate": False})
                    if not prior.get("retry"):  # a "not yet" is judged again when it comes back
                        answered.append((c, prior))
                        priors[c.op_id] = {**prior, "duplicate": True}  # the same op id again
                else:
                    results.append(prior)
                i += 1
        finally:
            authorize.forget(conn)
        stamp = settings.stamp()
        if answered:  # same transaction as the ops: stored exactly when they are applied
            conn.execute(insert(applied_ops), [{
                "op_id": c.op_id, "device_id": who.device_id, "seq": c.seq,
                "result": contract.dumps(result), "applied_at": stamp,
            } for c, result in answered])
        # under the push lock no other push of this device runs: the row's last_seq is
        # this device's, the higher of what it was and this push's last op
        last_seq = conn.execute(_SEEN, {"device": who.device_id, "last": last, "now": stamp}).scalar_one()
    return {"results": results, "last_seq": int(last_seq), "server_epoch": epoch}


def _last_seq(conn: Connection, who: Principal) -> int:
    return int(conn.execute(select(devices.c.last_seq).where(devices.c.id == who.device_id)).scalar_one())


_SEEN = (update(devices).where(devices.c.id == bindparam("device"))
         .values(last_seq=case((devices.c.last_seq < bindparam("last"), bindparam("last")),
                               else_=devices.c.last_seq),
                 last_seen_at=bindparam("now"))
         .returning(devices.c.last_seq))


@functools.cache
def _locking_read(entity_name: str) -> Any:
    table = ENTITY_TABLES[entity_name]
    return (select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))
            .order_by(table.c.id).with_for_update())


def _chunks(ids: list[str], size: int = 250) -> Iterator[list[str]]:
    """``ids`` in parts below every backend's bound-parameter limit."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _read_locked(conn: Connection, ops: list[CheckedOp]) -> dict[tuple[str, str], dict | None]:
    """The stored rows of the records ``ops`` write, read and locked for the merge
    (records.get with ``lock``), one statement per record type instead of one per op;
    a record the server does not have maps to None. Types and ids in a fixed order, so
    two pushes lock the rows they share in the same order."""
    ids: dict[str, set[str]] = {}
    for c in ops:
        ids.setdefault(c.entity, set()).add(c.entity_id)
    rows: dict[tuple[str, str], dict | None] = {}
    for name in sorted(ids):
        for part in _chunks(sorted(ids[name])):
            rows.update({(name, i): None for i in part})
            for row in conn.execute(_locking_read(name), {"ids": part}).mappings():
                rows[(name, row["id"])] = dict(row)
    return rows


def _refused(op: Any, exc: OpRefused) -> dict:
    """The answer to an op the contract refuses: echoes what it can of the op (the
    client matches answers by op id), made safe to send back."""
    get = op.get if isinstance(op, dict) else (lambda _k: None)
    seq = get("seq")
    return {
        "op_id": contract.clean_echo(get("op_id") or ""), "entity": contract.clean_echo(get("entity") or ""),
        "seq": seq if isinstance(seq, int) and not isinstance(seq, bool)
        and 0 <= seq <= contract.SEQ_MAX else None,
        "entity_id": contract.clean_echo(get("entity_id") or ""), "outcome": p.OUTCOME_REJECTED,
        "version": None, "reason": exc.reason, "message": exc.message, "conflicts": [],
        "duplicate": False,
    }


_PRIORS = (select(applied_ops.c.op_id, applied_ops.c.device_id, applied_ops.c.result)
           .join(devices, devices.c.id == applied_ops.c.device_id)
           .where(devices.c.user_id == bindparam("user"),
                  applied_ops.c.op_id.in_(bindparam("ids", expanding=True)))
           .order_by(applied_ops.c.seq))


def _priors(conn: Connection, who: Principal, ops: list[CheckedOp]) -> dict[str, dict]:
    """Stored results of the ``ops`` already applied, marked duplicate: sent before by
    this device, or by another device of the same user for the same record (the same
    laptop signed in again is a new device, and sends its unacknowledged ops again under
    it). Another user's op id is never a resend, nor one of this user's for another
    record."""
    record_of = {c.op_id: (c.entity, c.entity_id) for c in ops}
    op_ids = list(record_of)
    out: dict[str, dict] = {}
    for part in _chunks(op_ids):
        rows = conn.execute(_PRIORS, {"user": who.user_id, "ids": part})
        for row in rows:
            result = json.loads(row.result)
            if row.device_id == who.device_id:
                out[row.op_id] = {**result, "duplicate": True}
            elif (result.get("entity"), result.get("entity_id")) == record_of[row.op_id]:
                out.setdefault(row.op_id, {**result, "duplicate": True})
    return out


def _apply_in_savepoint(conn: Connection, settings: ServerSettings, who: Principal,
                        op: dict[str, Any], seq: int, rows: dict | None = None) -> dict:
    """Apply one op; a database error undoes this op alone and answers it rejected,
    the request's other ops stand."""
    for attempt in (1, 2):
        try:
            with conn.begin_nested():
                return _apply(conn, settings, who, op, seq, rows)
        except IntegrityError as exc:
            # a create that lost a race for its id to another device's push (which
            # committed while this one waited on the row): judged again as the
            # merge it now is, exactly as if it had come second
            if attempt == 1 and op["op"] == "create":
                continue
            log.warning("push op %s rejected by the database: %s", op["op_id"], exc.orig)
        except DataError as exc:
            log.warning("push op %s rejected by the database: %s", op["op_id"], exc.orig)
        break
    return _reject(op, p.REASON_INVALID, "The server could not store this change "
                   "(it breaks a database rule).")


def _result(op: dict, outcome: str, version: int | None = None, reason: str | None = None,
            message: str | None = None, conflict_ids: list[str] | None = None) -> dict:
    return {
        "op_id": op["op_id"], "seq": op["seq"], "entity": op["entity"],
        "entity_id": op["entity_id"], "outcome": outcome, "version": version,
        "reason": reason, "message": message, "conflicts": conflict_ids or [],
    }


def _reject(op: dict, reason: str, message: str) -> dict:
    return _result(op, p.OUTCOME_REJECTED, reason=reason, message=message)


def _not_yet(op: dict, reason: str, message: str, version: int | None = None) -> dict:
    """Refused for now: the record (or one it points at) is not on the server, and may
    arrive later (another laptop re-sends it to a restored server). ``version`` is the
    record's current version, None when the server does not have the record at all."""
    return {**_result(op, p.OUTCOME_REJECTED, version=version, reason=reason, message=message),
            "retry": True}


def _denied(op: dict, denied: authorize.Denied, version: int | None) -> dict:
    """An authorization refusal as a result: "no such record" may change by itself (the
    record arrives later), so it is refused for now only (``retry``)."""
    if denied.reason in p.RETRY_REASONS:
        return _not_yet(op, denied.reason, denied.message, version)
    return _reject(op, denied.reason, denied.message)


def same(kind: str, a: Any, b: Any) -> bool:
    """Equal as stored values (JSON compared parsed, reals with a tolerance)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        if kind == "json":
            return json.loads(a) == json.loads(b) if isinstance(a, str) and isinstance(b, str) else a == b
        if kind == "real":
            return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
        if kind in ("int", "bool"):
            return int(a) == int(b)
    except (TypeError, ValueError):
        return False
    return str(a) == str(b)


def _kind(entity_name: str, field: str) -> str:
    return "int" if field == "deleted" else ENTITIES[entity_name].field(field).kind


def _apply(conn: Connection, settings: ServerSettings, who: Principal, op: dict, seq: int,
           rows: dict | None = None) -> dict:
    """Apply one op. ``rows``: the records of the push read up front (``_read_locked``);
    each is used once, as an earlier op of the same push may change the record (then
    it is read again, locked, like one not read up front)."""
    name, entity_id, changes = op["entity"], op["entity_id"], op["changes"]
    key = (name, entity_id)
    current = rows.pop(key) if rows is not None and key in rows else records.get(conn, name, entity_id, lock=True)
    if current is None:
        if op["op"] != "create":
            # the same answer as for a record the caller may not see (authorize.py); the
            # record may still arrive (a restored server): refused for now only
            return _not_yet(op, p.REASON_UNKNOWN_RECORD, authorize.NO_SUCH)
        return _create(conn, settings, who, op, changes, seq)
    return _merge(conn, settings, who, op, changes, current, seq)


def _create(conn: Connection, settings: ServerSettings, who: Principal, op: dict,
            changes: dict, seq: int) -> dict:
    name = op["entity"]
    ent = ENTITIES[name]
    values = {k: new for k, (_old, new) in changes.items() if k != "deleted"}
    deleted = changes.get("deleted", (0, 0))[1]
    try:
        for f in ent.fields:
            if f.required and values.get(f.name) is None:
                raise ValidationError(f"{name}: {f.name} must not be empty", field=f.name)
        if name == "partner" and not (values.get("name_zh") or values.get("name_en")):
            raise ValidationError("partner: a Chinese or an English name is required", field="name_zh")
    except ValidationError as exc:
        return _reject(op, p.REASON_INVALID, str(exc))
    try:
        authorize.check_write(conn, who, settings, name, op["entity_id"], None,
                              {**values, "deleted": deleted})
    except authorize.Denied as exc:
        return _denied(op, exc, None)
    now = settings.stamp()
    records.insert_record(conn, name, op["entity_id"], values, seq=seq, user=who.username,
                          now=now, deleted=deleted)
    if name == "partner" and not who.is_admin:
        scope.grant(conn, op["entity_id"], who.user_id, seq, now)  # a manager's new partner is theirs
        authorize.granted(conn, op["entity_id"])
    return _result(op, p.OUTCOME_APPLIED, version=seq)


def _merge(conn: Connection, settings: ServerSettings, who: Principal, op: dict, changes: dict,
           current: dict, seq: int) -> dict:
    name = op["entity"]
    partner_id = records.partner_of(name, current)
    try:
        values = {k: new for k, (_old, new) in changes.items()}
        if current["deleted"] and "deleted" not in changes and changes:
            values["deleted"] = 0  # an edit revives a deleted record (see below): an undelete
        authorize.check_write(conn, who, settings, name, op["entity_id"], current, values)
    except authorize.Denied as exc:
        return _denied(op, exc, int(current["version"]))

    apply: dict[str, Any] = {}
    clashes: list[tuple[str, str, Any, Any, Any]] = []  # kind, field, server, incoming, base
    for field, (old, new) in changes.items():
        kind, server = _kind(name, field), current.get(field)
        if same(kind, server, new):
            continue  # both sides made the same change, or nothing to do
        if same(kind, server, old):
            apply[field] = new  # only this side changed it
        else:
            clashes.append((p.CONFLICT_FIELD, field, server, new, old))  # server value stays
    if current["deleted"] and "deleted" not in changes and changes:
        # an edit to a record deleted on the server: keep the edit, revive the record
        apply["deleted"] = 0
        clashes.append((p.CONFLICT_EDIT_REVIVED, "deleted", 1, 0, 0))

    conflict_ids = []
    now = settings.stamp()
    for kind, field, server, incoming, base in clashes:
        cid = str(uuid.uuid4())
        conflict_ids.append(cid)
        conn.execute(insert(conflicts).values(
            id=cid, entity=name, entity_id=op["entity_id"], partner_id=partner_id, field=field,
            kind=kind, server_value=_dump(server), incoming_value=_dump(incoming),
            base_value=_dump(base), op_id=op["op_id"], device_id=who.device_id,
            user_name=who.username, created_at=now,
        ))
    version = int(current["version"])
    if apply or clashes:
        # a conflict bumps the version too, so the pull brings the kept value back
        records.update_record(conn, name, op["entity_id"], apply, seq=seq, user=who.username, now=now)
        version = seq
    if clashes:
        outcome = p.OUTCOME_CONFLICT
    elif int(current["version"]) != int(op.get("base_version") or 0):
        outcome = p.OUTCOME_MERGED
    else:
        outcome = p.OUTCOME_APPLIED
    return _result(op, outcome, version=version, conflict_ids=conflict_ids)


def _dump(value: Any) -> str:
    return contract.dumps(value)
