"""Stored rows that break the field contract: skipped when they cannot be sent,
listed for the admin.

The server checks every value before storing it (sync/op_contract.py), so a bad row
can only come from before the contract existed or from outside the server (a restored
old backup, a hand edit). A pull or snapshot page that cannot be written as JSON is
written again without the rows at fault; those rows are recorded here, and the page,
the cursor and every other row go on as usual. ``server check`` reads every stored
row against the contract, lists what it finds and records it here too.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from models import contract
from models.errors import ValidationError
from models.schema import ENTITIES, META_COLUMNS, normalise
from sync.server.db import ENTITY_TABLES, quarantine, utcnow, write_tx

log = logging.getLogger(__name__)
CHECK_PAGE = 1000


def _encode(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


def _sendable(change: dict) -> bool:
    try:
        _encode(change)
    except (ValueError, UnicodeEncodeError):
        return False
    return True


def encode_page(engine: Engine, payload: dict[str, Any], key: str, found_by: str) -> bytes:
    """``payload`` as JSON bytes; the records in ``payload[key]`` that JSON cannot carry
    (Infinity, NaN, a lone surrogate...) are left out and quarantined. Costs nothing
    when the page is clean (one encode, as before)."""
    try:
        return _encode(payload)
    except (ValueError, UnicodeEncodeError):
        pass
    good, bad = [], []
    for change in payload[key]:
        (good if _sendable(change) else bad).append(change)
    record(engine, [(c["entity"], c["row"], _first_problem(c["entity"], c["row"])) for c in bad],
           found_by)
    return _encode({**payload, key: good})


def _first_problem(entity_name: str, row: dict) -> tuple[str | None, str]:
    problems = row_problems(entity_name, row)
    return problems[0] if problems else (None, "cannot be written as JSON")


def row_problems(entity_name: str, row: dict) -> list[tuple[str | None, str]]:
    """(field, problem) for each value of a stored row the contract refuses."""
    ent = ENTITIES[entity_name]
    out: list[tuple[str | None, str]] = []
    if not contract.is_id(row.get("id")):
        out.append(("id", f"the id {contract.show(row.get('id'))} is not a UUID"))
    for name in META_COLUMNS[1:]:
        if not contract.servable(row.get(name)):
            out.append((name, "cannot be written as JSON"))
    for f in ent.fields:
        value = row.get(f.name)
        if value is None or value == "":
            continue  # a missing value is the merge's business, not the encoder's
        try:
            normalise(ent, f.name, value)
        except ValidationError as exc:
            out.append((f.name, str(exc)))
    return out


def record(engine: Engine, found: list[tuple[str, dict, tuple[str | None, str]]],
           found_by: str) -> None:
    """Add rows to the quarantine list (a row already listed stays as first found)."""
    if not found:
        return
    now = utcnow()
    for entity_name, row, (field, problem) in found:
        log.error("quarantined %s %s (version %s): %s", entity_name,
                  contract.clean_echo(row.get("id")), row.get("version"), problem)
        try:
            with write_tx(engine) as conn:
                conn.execute(insert(quarantine).values(
                    entity=entity_name, record_id=contract.clean_echo(row.get("id"), 200),
                    version=row.get("version"), field=field, problem=problem[:2000],
                    found_by=found_by, found_at=now))
        except IntegrityError:
            pass  # listed already


def _rows(engine: Engine, entity_name: str) -> Iterator[dict]:
    table = ENTITY_TABLES[entity_name]
    after: str | None = None
    while True:
        with engine.connect() as conn:
            q = select(table).order_by(table.c.id).limit(CHECK_PAGE)
            if after is not None:
                q = q.where(table.c.id > after)
            rows = [dict(r) for r in conn.execute(q).mappings()]
        yield from rows
        if len(rows) < CHECK_PAGE:
            return
        after = rows[-1]["id"]


def check(engine: Engine) -> dict[str, Any]:
    """Read every stored record against the contract; the quarantine list becomes what
    was found (rows fixed since an earlier check leave it). For ``server check``."""
    checked: dict[str, int] = {}
    problems: list[dict[str, Any]] = []
    found: list[tuple[str, dict, tuple[str | None, str]]] = []
    for name in ENTITIES:
        n = 0
        for row in _rows(engine, name):
            n += 1
            row_found = row_problems(name, row)
            if row_found:
                found.append((name, row, row_found[0]))
                problems += [{"entity": name, "id": contract.clean_echo(row.get("id"), 200),
                              "version": row.get("version"), "field": field, "problem": problem}
                             for field, problem in row_found]
        checked[name] = n
    with write_tx(engine) as conn:
        conn.execute(delete(quarantine))
    record(engine, found, "check")
    return {"checked": checked, "problems": problems, "quarantined": len(found)}


def listed(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(quarantine).order_by(quarantine.c.entity, quarantine.c.record_id)).mappings()]
