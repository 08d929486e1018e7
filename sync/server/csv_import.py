"""CSV imports from head office: partners and monthly KPIs.

A file is UTF-8 (with or without the BOM Excel writes); one that is not but decodes
as GB18030/GBK (Excel's default "CSV" on a Chinese Windows) is read as such and the
result says so. A bad row stops the import with its line number, and since the whole
file goes in one transaction nothing is half-imported.
"""
from __future__ import annotations

import csv
import io
import re
import uuid
from typing import Any

from sqlalchemy import Connection, Engine, select

from models.builtin_ids import builtin_id
from models.errors import ValidationError
from sync import protocol as p
from sync.server import records, scope
from sync.server.admin import ADMIN_ACTOR, find_partner
from sync.server.config import ServerSettings
from sync.server.db import ENTITY_TABLES, allocate_seq, refresh_statistics, users, write_tx
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
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


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


def _rows(text: str, allowed: tuple[str, ...], required: tuple[str, ...]):
    """Yield (line number, {column: value}) with the header checked."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The file is empty.", line=1) from None
    unknown = [h for h in header if h and h not in allowed]
    if unknown:
        raise ApiError(400, p.ERROR_BAD_REQUEST,
                       f"line 1: unknown column(s) {', '.join(unknown)}; expected some of "
                       f"{', '.join(allowed)}. (If the names look garbled, save the file as CSV UTF-8.)",
                       line=1)
    missing = [c for c in required if c not in header]
    if missing:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"line 1: missing column(s) {', '.join(missing)}.", line=1)
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise ApiError(400, p.ERROR_BAD_REQUEST,
                           f"line {start}: {len(cells)} cells but the header has {len(header)}.", line=start)
        yield start, {h: c.strip() for h, c in zip(header, cells, strict=False) if h}


def _fail(line: int, message: str) -> ApiError:
    return ApiError(400, p.ERROR_BAD_REQUEST, f"line {line}: {message} (nothing was imported)", line=line)


def import_partners(engine: Engine, settings: ServerSettings, data: bytes) -> dict[str, Any]:
    """Create or update partners (matched by id, else by exact name); an optional
    ``manager`` column assigns each to that user."""
    text, encoding = decode_csv(data)
    rows = list(_rows(text, PARTNER_COLUMNS, ("tier", "stage")))
    created = updated = assigned = 0
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, 2 * max(1, len(rows)))
        now = settings.stamp()
        for line, raw in rows:
            manager = raw.pop("manager", "")
            ref = raw.pop("id", "")
            raw["tier"] = TIER_NAMES.get(raw.get("tier", ""), raw.get("tier", "").lower())
            raw["stage"] = STAGE_NAMES.get(raw.get("stage", ""), raw.get("stage", "").lower())
            raw.setdefault("status", "active")
            raw["status"] = raw["status"] or "active"
            try:
                values = records.clean_values("partner", raw)
            except ValidationError as exc:
                raise _fail(line, str(exc)) from None
            if not (values.get("name_zh") or values.get("name_en")):
                raise _fail(line, "a partner needs a Chinese or an English name")
            existing = _match_partner(conn, ref, values)
            if existing is None:
                partner_id = ref or str(uuid.uuid4())
                records.insert_record(conn, "partner", partner_id, values, seq=seq, user=ADMIN_ACTOR, now=now)
                created += 1
            else:
                partner_id = existing["id"]
                diff = {k: v for k, v in values.items() if existing.get(k) != v}
                if diff:
                    records.update_record(conn, "partner", partner_id, diff, seq=seq, user=ADMIN_ACTOR, now=now)
                    updated += 1
            if manager:
                user = conn.execute(select(users.c.id).where(users.c.username == manager)).first()
                if user is None:
                    raise _fail(line, f"no user named {manager!r}")
                if scope.grant(conn, partner_id, user.id, seq + 1, now):
                    assigned += 1
            seq += 2
    if len(rows) >= BULK_ROWS:
        refresh_statistics(engine)
    return {"rows": len(rows), "created": created, "updated": updated, "assigned": assigned,
            "encoding": encoding}


def _match_partner(conn: Connection, ref: str, values: dict) -> dict | None:
    table = ENTITY_TABLES["partner"]
    if ref:
        return records.get(conn, "partner", ref)
    for col in ("name_zh", "name_en"):
        if values.get(col):
            hit = conn.execute(select(table).where(table.c[col] == values[col], table.c.deleted == 0)
                               ).mappings().first()
            if hit:
                return dict(hit)
    return None


def kpi_id(partner_id: str, period: str) -> str:
    return builtin_id(f"kpi/{partner_id}/{period}")


def import_kpis(engine: Engine, settings: ServerSettings, data: bytes) -> dict[str, Any]:
    """Monthly KPI figures per partner (id or exact name) and period YYYY-MM; a second
    import of the same month replaces the figures."""
    text, encoding = decode_csv(data)
    rows = list(_rows(text, KPI_COLUMNS, ("partner", "period")))
    created = updated = 0
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, max(1, len(rows)))
        now = settings.stamp()
        for line, raw in rows:
            try:
                partner_id = find_partner(conn, raw.pop("partner"))
            except ApiError as exc:
                raise _fail(line, exc.message) from None
            if not PERIOD.match(raw.get("period", "")):
                raise _fail(line, f"period {raw.get('period')!r} is not a month like 2026-03")
            try:
                values = records.clean_values("kpi_snapshot", {**raw, "partner_id": partner_id})
            except ValidationError as exc:
                raise _fail(line, str(exc)) from None
            kid = kpi_id(partner_id, values["period"])
            if records.get(conn, "kpi_snapshot", kid) is None:
                records.insert_record(conn, "kpi_snapshot", kid, values, seq=seq, user=ADMIN_ACTOR, now=now)
                created += 1
            else:
                records.update_record(conn, "kpi_snapshot", kid, values, seq=seq, user=ADMIN_ACTOR, now=now)
                updated += 1
            seq += 1
    if len(rows) >= BULK_ROWS:
        refresh_statistics(engine)
    return {"rows": len(rows), "created": created, "updated": updated, "encoding": encoding}
