"""The contract of one pushed op, on top of the field contract (models/contract.py).

The server checks every op of a push with ``check_op`` and rejects a bad one on its
own (the others of the request are applied); the laptop checks its pending ops with
the same function before sending them, so an op the server would refuse never holds
up the ops behind it. See docs/sync-protocol.md, "The field contract".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models import contract
from models.errors import ValidationError
from models.schema import ENTITIES, normalise
from sync import protocol as p

OPS = ("create", "update", "delete")
OP_KEYS = frozenset(("op_id", "seq", "entity", "entity_id", "op", "changes", "base_version",
                     "created_at"))


class OpRefused(Exception):
    """An op the contract refuses: ``reason`` is one of protocol.REASONS."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class CheckedOp:
    op_id: str
    seq: int
    entity: str
    entity_id: str
    op: str
    changes: dict[str, tuple[Any, Any]]  # field -> (old, new), both in stored form
    base_version: int

    def as_dict(self) -> dict[str, Any]:
        return {"op_id": self.op_id, "seq": self.seq, "entity": self.entity,
                "entity_id": self.entity_id, "op": self.op, "changes": self.changes,
                "base_version": self.base_version}


def check_op(op: Any) -> CheckedOp:
    """The op with its values in stored form, or OpRefused saying why not."""
    if not isinstance(op, dict):
        raise OpRefused(p.REASON_INVALID, "An op must be a JSON object.")
    unknown = sorted(str(k) for k in op if k not in OP_KEYS)
    if unknown:
        raise OpRefused(p.REASON_INVALID, f"Unknown field in the op: {contract.show(unknown)}.")
    try:
        op_id = contract.check_id(op.get("op_id"), "op_id")
        seq = contract.check_seq(op.get("seq"), "seq", 1)
        base = contract.check_seq(op.get("base_version", 0), "base_version", 0)
        created = op.get("created_at")
        if created is not None and not isinstance(created, str):
            raise ValidationError("created_at must be text", field="created_at")
        if created is not None:
            contract.check_text(created, "created_at", contract.STAMP_MAX)
    except ValidationError as exc:
        raise OpRefused(p.REASON_INVALID, str(exc)) from None
    name = op.get("entity")
    if not isinstance(name, str) or name not in ENTITIES:
        raise OpRefused(p.REASON_UNKNOWN_ENTITY, f"Unknown record type {contract.show(name)}.")
    if name not in p.WRITABLE_ENTITIES:
        raise OpRefused(p.REASON_READ_ONLY,
                        f"{name} records come from head office and cannot be changed.")
    kind = op.get("op")
    if kind not in OPS:
        raise OpRefused(p.REASON_INVALID, f"Unknown operation {contract.show(kind)}.")
    try:
        entity_id = contract.check_id(op.get("entity_id"), "entity_id")
        changes = _changes(name, op.get("changes"))
    except ValidationError as exc:
        raise OpRefused(p.REASON_INVALID, str(exc)) from None
    return CheckedOp(op_id, seq, name, entity_id, kind, changes, base)


def split_sendable(ops: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """For the laptop: the ops to send, and answers for those the contract refuses (the
    server would reject them too), to be marked rejected and shown at once, so they
    never hold up the ops behind them."""
    sendable, refused = [], []
    for op in ops:
        try:
            check_op(op)
        except OpRefused as exc:
            refused.append({"op_id": op["op_id"], "seq": op["seq"], "entity": op["entity"],
                            "entity_id": op["entity_id"], "outcome": p.OUTCOME_REJECTED,
                            "version": None, "reason": exc.reason, "message": exc.message,
                            "conflicts": [], "duplicate": False})
            continue
        sendable.append(op)
    return sendable, refused


def _changes(entity_name: str, changes: Any) -> dict[str, tuple[Any, Any]]:
    if changes is None:
        return {}
    if not isinstance(changes, dict):
        raise ValidationError("changes must be a JSON object {field: [old, new]}", field="changes")
    ent = ENTITIES[entity_name]
    out: dict[str, tuple[Any, Any]] = {}
    for name, pair in changes.items():
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError(f"{contract.show(name)}: a change must be [old, new]", field=name)
        old, new = pair
        if name == "deleted":
            if old not in (None, 0, 1) or new not in (0, 1):  # True/False compare equal too
                raise ValidationError("deleted: a change must be [0, 1] or [1, 0]", field=name)
            out[name] = (None if old is None else int(old), int(new))
            continue
        ent.field(name)  # an unknown field -> ValidationError
        new = normalise(ent, name, new)
        if old is None:  # a create, or a field that was empty
            out[name] = (None, new)
            continue
        try:
            old = normalise(ent, name, old)
        except ValidationError:
            # the old value is only compared (and kept in a conflict record): a value
            # stored before the contract existed may be over-long, but it must be
            # something JSON can carry
            if not contract.servable(old) or _unsendable(old):
                raise ValidationError(f"{entity_name}: {name}: the old value cannot be stored",
                                      field=name) from None
        out[name] = (old, new)
    return out


def _unsendable(value: Any) -> bool:
    try:
        contract.dumps(value)
    except (ValueError, TypeError, RecursionError):
        return True
    return False
