"""CSV and Excel imports from head office: partners and monthly KPIs.

An Excel workbook (.xlsx, recognised by its content) is read from its first sheet, the
header in its first row; its errors name the sheet's row. A CSV file is UTF-8 (with or without the BOM Excel writes); one that is not but decodes
as GB18030/GBK (Excel's default "CSV" on a Chinese Windows) is read as such and the
result says so.

An import runs in two phases. First the whole file is checked (every value, every
manager name) without writing anything: a bad row stops the import with its line
number and nothing is imported. Then it is written in batches of ``BATCH_ROWS``, each
its own short transaction that takes change numbers the way a push does, so pushes of
the managers wait at most one batch, never the whole file. Partners are matched by id,
else by exact name (indexed), so if the server stops between two batches, importing
the same file again completes it without duplicates (docs/deploy.md, "Imports"). The
partners the file names are looked up once, for the whole file, before the first
batch (a partner created elsewhere while the import runs is not matched by name); the
batches look nothing up, so their cost does not grow with the table they fill.
"""
from __future__ import annotations

import contextvars
import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from zipfile import BadZipFile

from sqlalchemy import Connection, Engine, bindparam, select, update

from models import contract
from models.builtin_ids import builtin_id
from models.errors import ValidationError
from sync import protocol as p
from sync.server import dialect, records
from sync.server.admin import ADMIN_ACTOR
from sync.server.config import ServerSettings
from sync.server.db import (
    ENTITY_TABLES,
    allocate_seq,
    assignments,
    read_tx,
    refresh_statistics,
    users,
    write_tx,
)
from sync.server.errors import ApiError

PARTNER_COLUMNS = (
    "id", "name_zh", "name_en", "tier", "stage", "status", "region", "address", "revenue_share",
    "rebate", "incentive_scheme", "goals", "notes", "manager",
)
KPI_COLUMNS = ("partner", "period", "sales", "target", "repurchase_rate", "profit", "active_customers")
# Excel users type the Chinese names of tiers and stages
TIER_NAMES = {"金牌核心渠道": "core", "核心": "core", "普通分销渠道": "ordinary", "普通": "ordinary",
              "新兴试点渠道": "emerging", "新兴": "emerging", "战略合作渠道": "strategic", "战略": "strategic"}
STAGE_NAMES = {"初识": "intro", "磨合": "running_in", "running-in": "running_in", "成熟": "mature", "进阶": "advanced"}
#: imports this big refresh the planner's statistics afterwards
BULK_ROWS = 500
#: rows written per transaction: a push waits for at most one batch (docs/benchmarks.md)
BATCH_ROWS = 500
#: values per IN (...) list of a lookup (SQLite allows 32,766 parameters)
LOOKUP_CHUNK = 5000
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: how an error names where it is: "line" in a CSV file, "row" in a workbook's sheet
_WHERE: contextvars.ContextVar[str] = contextvars.ContextVar("import_where", default="line")
#: the start of every .xlsx file (a zip archive)
XLSX_MAGIC = b"PK\x03\x04"


def _table(data: bytes, allowed: tuple[str, ...], required: tuple[str, ...],
           months: tuple[str, ...] = ()) -> tuple[list[tuple[int, dict]], str]:
    """((line or row, {column: text}) of each row, "utf-8", "gb18030" or "xlsx")."""
    if data.startswith(XLSX_MAGIC):
        _WHERE.set("row")
        return list(_rows(_xlsx_lines(data, months), allowed, required)), "xlsx"
    _WHERE.set("line")
    text, encoding = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    return list(_rows(_csv_lines(reader), allowed, required)), encoding


def _csv_lines(reader: Any) -> Iterator[tuple[int, list[str]]]:
    line = 0
    for cells in reader:
        start, line = line + 1, reader.line_num
        yield start, cells


def _xlsx_lines(data: bytes, months: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows as text cells: a date as YYYY-MM-DD (YYYY-MM in a month
    column: Excel turns a typed 2026-03 into a date), a whole number without ".0"."""
    # late: optional dependency (openpyxl, the server's extra)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ApiError(400, p.ERROR_BAD_REQUEST,
                       f"The file is not an Excel workbook that can be read ({exc}). Save it "
                       "as .xlsx, or as CSV UTF-8.") from None
    try:
        sheet = book.worksheets[0]
        header: list[str] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                header = [str(v).strip().lower() if v is not None else "" for v in values]
            cells = [_cell_text(v, header[i] in months if i < len(header) else False)
                     for i, v in enumerate(values)]
            while cells and not cells[-1].strip():
                cells.pop()  # a sheet's empty cells at the right are no cells
            yield number, cells
    finally:
        book.close()


def _cell_text(value: Any, month: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if month:
            return value.strftime("%Y-%m")
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m") if month else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of an uploaded CSV file."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ApiError(400, p.ERROR_BAD_REQUEST,
                       "The file is neither UTF-8 nor GBK text. In Excel use "
                       "Save As > \"CSV UTF-8 (comma delimited)\".") from None


def _rows(lines: Iterator[tuple[int, list[str]]], allowed: tuple[str, ...],
          required: tuple[str, ...]):
    """Yield (line number, {column: value}) with the header checked."""
    where = _WHERE.get()
    try:
        _first, cells = next(lines)
        header = [h.strip().lower() for h in cells]
    except StopIteration:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The file is empty.", line=1) from None
    unknown = [h for h in header if h and h not in allowed]
    if unknown:
        raise ApiError(400, p.ERROR_BAD_REQUEST,
                       f"{where} 1: unknown column(s) {', '.join(unknown)}; expected some of "
                       f"{', '.join(allowed)}. (If the names look garbled, save the file as CSV UTF-8.)",
                       line=1)
    missing = [c for c in required if c not in header]
    if missing:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"{where} 1: missing column(s) {', '.join(missing)}.", line=1)
    for start, cells in lines:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise ApiError(400, p.ERROR_BAD_REQUEST,
                           f"{where} {start}: {len(cells)} cells but the header has {len(header)}.",
                           line=start)
        yield start, {h: c.strip() for h, c in zip(header, cells, strict=False) if h}


def _fail(line: int, message: str) -> ApiError:
    return ApiError(400, p.ERROR_BAD_REQUEST, f"{_WHERE.get()} {line}: {message} (nothing was imported)",
                    line=line)


@dataclass
class _PartnerRow:
    line: int
    ref: str
    manager_id: str | None
    values: dict[str, Any]


def import_partners(engine: Engine, settings: ServerSettings, data: bytes) -> dict[str, Any]:
    """Create or update partners (matched by id, else by exact name); an optional
    ``manager`` column assigns each to that user."""
    table, encoding = _table(data, PARTNER_COLUMNS, ("tier", "stage"))
    rows = _check_partners(engine, table)
    counts = {"created": 0, "updated": 0, "assigned": 0}
    with read_tx(engine) as conn:
        known = _known_partners(conn, rows)
    for batch in _batches(rows, engine):
        now = settings.stamp()
        plan = _plan_partners(batch, now, known, counts)
        with write_tx(engine) as conn:
            _write_plan(conn, plan, allocate_seq(conn, 2 * len(batch)))
        counts["assigned"] += len(plan.grants)
    if len(rows) >= BULK_ROWS:
        refresh_statistics(engine)
    return {"rows": len(rows), **counts, "encoding": encoding}


def _check_partners(engine: Engine, rows: list[tuple[int, dict]]) -> list[_PartnerRow]:
    """Every row validated, manager names resolved; the first problem raises."""
    checked: list[tuple[int, str, str, dict]] = []
    for line, raw in rows:
        manager = raw.pop("manager", "")
        ref = raw.pop("id", "")
        raw["tier"] = TIER_NAMES.get(raw.get("tier", ""), raw.get("tier", "").lower())
        raw["stage"] = STAGE_NAMES.get(raw.get("stage", ""), raw.get("stage", "").lower())
        raw["status"] = raw.get("status") or "active"
        try:
            values = records.clean_values("partner", raw)
            if ref:  # an id in the file becomes the record's id: the field contract's form
                contract.check_id(ref, "id")
        except ValidationError as exc:
            raise _fail(line, str(exc)) from None
        if not (values.get("name_zh") or values.get("name_en")):
            raise _fail(line, "a partner needs a Chinese or an English name")
        checked.append((line, ref, manager, values))
    wanted = sorted({manager for _l, _r, manager, _v in checked if manager})
    with read_tx(engine) as conn:
        user_ids = {r["username"]: r["id"] for r in _lookup(
            conn, select(users.c.username, users.c.id), users.c.username, wanted)}
    for line, _ref, manager, _values in checked:
        if manager and manager not in user_ids:
            raise _fail(line, f"no user named {manager!r}")
    return [_PartnerRow(line, ref, user_ids.get(manager), values) for line, ref, manager, values in checked]


@dataclass
class _Known:
    """The partners an import matches its rows against: those the file names (by id,
    by exact name) as they were when it started, found with a few indexed lookups for
    the whole file, plus what the import has written since. Batches then look nothing
    up: their cost does not grow with the table they fill."""

    by_id: dict[str, dict]
    named: dict[tuple[str, str], dict]  # (column, name) -> the partner, first by id
    assigned: set[tuple[str, str]]  # active (partner id, user id)


def _known_partners(conn: Connection, rows: Sequence[_PartnerRow]) -> _Known:
    table = ENTITY_TABLES["partner"]
    by_id = {r["id"]: dict(r) for r in _lookup(conn, select(table), table.c.id,
                                                  [row.ref for row in rows if row.ref])}
    named: dict[tuple[str, str], dict] = {}
    for col in ("name_zh", "name_en"):
        names = [row.values[col] for row in rows if row.values.get(col)]
        for hit in _lookup(conn, select(table).where(table.c.deleted == 0).order_by(table.c.id),
                           table.c[col], names):
            named.setdefault((col, hit[col]), dict(hit))
    found = list({r["id"] for r in (*by_id.values(), *named.values())})
    assigned = {(r.partner_id, r.user_id) for r in _lookup(
        conn, select(assignments.c.partner_id, assignments.c.user_id)
        .where(assignments.c.revoked_seq.is_(None)), assignments.c.partner_id, found)}
    return _Known(by_id, named, assigned)


@dataclass
class _Plan:
    """A batch's writes, with change numbers counted from 0 (``_write_plan`` adds the
    first number it was given)."""

    inserts: list[dict]
    updates: dict[tuple[str, ...], list[dict]]
    grants: list[dict]


def _plan_partners(batch: Sequence[_PartnerRow], now: str, known: _Known,
                   counts: dict[str, int]) -> _Plan:
    """One batch: what to insert, update and assign (``known`` learns what it writes)."""
    by_id, named = known.by_id, known.named
    seq = 0
    inserts: list[dict] = []
    updates: dict[tuple[str, ...], list[dict]] = {}
    grants: list[tuple[str, str, int]] = []
    for row in batch:
        existing = by_id.get(row.ref) if row.ref else _by_name(named, row.values)
        if existing is None:
            partner_id = row.ref or str(uuid.uuid4())
            record = records.new_row("partner", partner_id, row.values, seq=seq, user=ADMIN_ACTOR, now=now)
            inserts.append(record)
            counts["created"] += 1
            existing = record
        else:
            partner_id = existing["id"]
            diff = {k: v for k, v in row.values.items() if existing.get(k) != v}
            if diff:
                updates.setdefault(tuple(sorted(diff)), []).append(
                    {**diff, "_id": partner_id, "version": seq, "updated_at": now, "updated_by": ADMIN_ACTOR})
                existing.update(diff)
                counts["updated"] += 1
        if row.ref:
            by_id[partner_id] = existing
        for col in ("name_zh", "name_en"):
            if existing.get(col):
                named.setdefault((col, existing[col]), existing)
        if row.manager_id:
            grants.append((partner_id, row.manager_id, seq + 1))
        seq += 2
    return _Plan(inserts, updates, _new_grants(known.assigned, grants, now))


def _write_plan(conn: Connection, plan: _Plan, first: int) -> None:
    """Bulk inserts (``dialect.insert_many``) and one executemany UPDATE per set of
    changed columns."""
    table = ENTITY_TABLES["partner"]
    if plan.inserts:
        dialect.insert_many(conn, table, [{**r, "version": r["version"] + first} for r in plan.inserts])
    for keys, params in plan.updates.items():
        sets = {k: bindparam(k) for k in (*keys, "version", "updated_at", "updated_by")}
        conn.execute(update(table).where(table.c.id == bindparam("_id")).values(sets),
                     [{**p, "version": p["version"] + first} for p in params])
    if plan.grants:
        dialect.insert_many(conn, assignments, [{**g, "granted_seq": g["granted_seq"] + first}
                                                for g in plan.grants])


def _by_name(named: dict[tuple[str, str], dict], values: dict) -> dict | None:
    for col in ("name_zh", "name_en"):
        if values.get(col) and (col, values[col]) in named:
            return named[(col, values[col])]
    return None


def _new_grants(active: set[tuple[str, str]], grants: list[tuple[str, str, int]], now: str) -> list[dict]:
    """The assignments among ``grants`` that do not exist yet (``active`` learns them)."""
    new = []
    for partner_id, user_id, seq in grants:
        if (partner_id, user_id) not in active:
            active.add((partner_id, user_id))
            new.append({"partner_id": partner_id, "user_id": user_id, "granted_seq": seq, "granted_at": now})
    return new


def _lookup(conn: Connection, query, column, values: Sequence[Any]) -> Iterator[Any]:
    """The rows of ``query`` whose ``column`` is one of ``values`` (indexed IN lists)."""
    distinct = list(dict.fromkeys(values))
    for i in range(0, len(distinct), LOOKUP_CHUNK):
        yield from conn.execute(query.where(column.in_(distinct[i:i + LOOKUP_CHUNK]))).mappings()


def _batches(rows: Sequence[Any], engine: Engine) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), BATCH_ROWS):
        if i:
            dialect.let_writers_in(engine)
        yield rows[i:i + BATCH_ROWS]


def kpi_id(partner_id: str, period: str) -> str:
    return builtin_id(f"kpi/{partner_id}/{period}")


def import_kpis(engine: Engine, settings: ServerSettings, data: bytes) -> dict[str, Any]:
    """Monthly KPI figures per partner (id or exact name) and period YYYY-MM; a second
    import of the same month replaces the figures."""
    rows, encoding = _table(data, KPI_COLUMNS, ("partner", "period"), months=("period",))
    with read_tx(engine) as conn:
        partners = _partner_refs(conn, [raw.get("partner", "").strip() for _line, raw in rows])
    checked: list[tuple[str, dict]] = []
    for line, raw in rows:
        ref = raw.pop("partner").strip()
        hits = partners.get(ref, set())
        if not hits:
            raise _fail(line, f"No partner {ref!r} (give its id or exact name).")
        if len(hits) > 1:
            raise _fail(line, f"Several partners are named {ref!r}: use the id.")
        if not PERIOD.match(raw.get("period", "")):
            raise _fail(line, f"period {raw.get('period')!r} is not a month like 2026-03")
        try:
            values = records.clean_values("kpi_snapshot", {**raw, "partner_id": next(iter(hits))})
        except ValidationError as exc:
            raise _fail(line, str(exc)) from None
        checked.append((kpi_id(values["partner_id"], values["period"]), values))
    created = updated = 0
    table = ENTITY_TABLES["kpi_snapshot"]
    for batch in _batches(checked, engine):
        with read_tx(engine) as conn:  # before the change counter is taken
            known = {r["id"] for r in _lookup(conn, select(table.c.id), table.c.id, [k for k, _v in batch])}
        with write_tx(engine) as conn:
            seq = allocate_seq(conn, len(batch))
            now = settings.stamp()
            inserts, changes = [], []
            for kid, values in batch:
                if kid in known:
                    changes.append({**values, "_id": kid, "version": seq, "updated_at": now,
                                    "updated_by": ADMIN_ACTOR})
                else:
                    known.add(kid)
                    inserts.append(records.new_row("kpi_snapshot", kid, values, seq=seq,
                                                   user=ADMIN_ACTOR, now=now))
                seq += 1
            dialect.insert_many(conn, table, inserts)
            for params in _same_keys(changes):
                sets = {k: bindparam(k) for k in params[0] if k != "_id"}
                conn.execute(update(table).where(table.c.id == bindparam("_id")).values(sets), params)
            created, updated = created + len(inserts), updated + len(changes)
    if len(rows) >= BULK_ROWS:
        refresh_statistics(engine)
    return {"rows": len(rows), "created": created, "updated": updated, "encoding": encoding}


def _partner_refs(conn: Connection, refs: list[str]) -> dict[str, set[str]]:
    """For each reference (an id or an exact Chinese or English name), the ids of the
    live partners it names."""
    table = ENTITY_TABLES["partner"]
    out: dict[str, set[str]] = {}
    query = select(table.c.id, table.c.name_zh, table.c.name_en).where(table.c.deleted == 0)
    for col in (table.c.id, table.c.name_zh, table.c.name_en):
        for hit in _lookup(conn, query, col, [r for r in refs if r]):
            out.setdefault(hit[col.name], set()).add(hit["id"])
    return out


def _same_keys(rows: list[dict]) -> Iterator[list[dict]]:
    """``rows`` grouped by their key sets (one executemany each)."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    yield from groups.values()
