"""Excel workbooks for head office and managers: the partner list, the action items
ledger (任务台账), reviews with their scores, meetings in a period; one sheet per kind.

Rows stream from the database straight into XlsxWriter's constant-memory mode (each
row is written out when the next one starts), so 100,000 action items cost the
memory of one row. Cells hold real dates and numbers; the header row is frozen and
filtered; each column is as wide as its widest text, a Chinese character counting as
two. Text from many hands that starts like a formula (=, +, -, @) is written as text
with Excel's quote prefix, so Excel shows it and never runs it, even after an edit.

The workbook is written to a temporary file beside the target and renamed when
complete: a cancel or a failure leaves no half file. The language of the headers and
values is chosen per export (``lang``), like a pack's.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import StoreError, ValidationError
from models.printing.pack_labels import LANGUAGES, PackText
from models.search_index import answer_texts, name_order

KINDS = ("partners", "actions", "reviews", "meetings")
#: rows between two progress reports (and cancel checks)
PROGRESS_EVERY = 1000
#: widest column, in character widths
MAX_WIDTH = 60
#: rows whose every text is measured for the column widths (then every 50th)
WIDTH_ROWS = 2000
#: the characters that make Excel read a typed cell as a formula
FORMULA_START = ("=", "+", "-", "@")

Progress = Callable[[int, int], None]


class ExportCancelled(StoreError):
    """The export was cancelled; no file was written."""


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    zh: str
    #: text | value (an enumeration value, shown in the language) | date | datetime |
    #: number | int
    kind: str = "text"


_NAME = Column("partner", "Partner", "渠道")

SHEETS: dict[str, tuple[str, str, tuple[Column, ...]]] = {
    "partners": ("Partners", "渠道", (
        Column("name_zh", "Name (Chinese)", "中文名称"),
        Column("name_en", "Name (English)", "英文名称"),
        Column("tier", "Tier", "层级", "value"),
        Column("stage", "Stage", "阶段", "value"),
        Column("status", "Status", "状态", "value"),
        Column("region", "Region", "区域"),
        Column("address", "Address", "地址"),
        Column("revenue_share", "Revenue share (%)", "分润比例（%）", "number"),
        Column("rebate", "Rebate (%)", "返点（%）", "number"),
        Column("agreement_start", "Agreement from", "协议开始", "date"),
        Column("agreement_end", "Agreement until", "协议结束", "date"),
        Column("incentive_scheme", "Incentive terms", "激励条款"),
        Column("service_terms", "Service terms", "服务条款"),
        Column("risk_terms", "Risk terms", "风险条款"),
        Column("goals", "Goals", "联合目标"),
        Column("contacts", "Contacts", "联系人", "int"),
        Column("id", "ID", "编号"),
    )),
    "actions": ("Action items", "任务台账", (
        _NAME,
        Column("title", "Action item", "任务"),
        Column("details", "Details", "详情"),
        Column("owner_side", "Owner side", "责任方", "value"),
        Column("owner_name", "Owner", "负责人"),
        Column("severity", "Severity", "紧急程度", "value"),
        Column("status", "Status", "状态", "value"),
        Column("opened_on", "Opened", "提出日期", "date"),
        Column("due_on", "Deadline", "响应时限", "date"),
        Column("done_on", "Done", "完成日期", "date"),
        Column("days_overdue", "Days overdue", "逾期天数", "int"),
        Column("feedback_on", "Feedback on", "反馈日期", "date"),
        Column("feedback", "Feedback", "反馈"),
        Column("feedback_channel", "Feedback channel", "反馈渠道", "value"),
        Column("id", "ID", "编号"),
    )),
    "reviews": ("Reviews", "复盘", (
        _NAME,
        Column("performed_on", "Date", "复盘日期", "date"),
        Column("template", "Template", "模板"),
        Column("stage", "Stage", "阶段", "value"),
        Column("score", "Score", "得分", "number"),
        Column("completion", "Completion (%)", "完成度（%）", "number"),
        Column("comments", "Answers and comments", "回答与备注"),
        Column("id", "ID", "编号"),
    )),
    "meetings": ("Meetings", "会议", (
        _NAME,
        Column("starts_at", "Starts", "时间", "datetime"),
        Column("type", "Type", "类型", "value"),
        Column("status", "Status", "状态", "value"),
        Column("location", "Location", "地点"),
        Column("attendees_ours", "Our attendees", "我方参会人"),
        Column("attendees_partner", "Partner attendees", "渠道方参会人"),
        Column("agenda", "Agenda", "议程"),
        Column("notes", "Notes", "纪要"),
        Column("decisions", "Decisions", "决议"),
        Column("id", "ID", "编号"),
    )),
}


@dataclass(frozen=True)
class ExportRequest:
    kinds: tuple[str, ...]
    lang: str = "zh_CN"
    #: partners: only these (the Partners page's filter); None: all
    partner_ids: tuple[str, ...] | None = None
    #: meetings: the period, both days included; None: open-ended
    start: dt.date | None = None
    end: dt.date | None = None
    today: dt.date | None = None

    def check(self) -> None:
        unknown = [k for k in self.kinds if k not in SHEETS]
        if unknown or not self.kinds:
            raise ValidationError(f"unknown export kind {', '.join(unknown) or '(none)'}; "
                                  f"use {', '.join(KINDS)}")
        if self.lang not in LANGUAGES:
            raise ValidationError(f"unknown language {self.lang!r} (use {' or '.join(LANGUAGES)})")
        if self.start and self.end and self.start > self.end:
            raise ValidationError("the period ends before it starts")


def display_width(text: str) -> int:
    """Columns a text takes in Excel's default font: East Asian wide characters two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def export_xlsx(store: Any, request: ExportRequest, path: str | Path, *,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> dict[str, int]:
    """Write the workbook; returns the rows written per kind. ``progress(done, total)``
    every ``PROGRESS_EVERY`` rows; ``cancelled()`` true stops it (ExportCancelled)."""
    # late: off the start path, docs/benchmarks.md
    import xlsxwriter

    request.check()
    path = Path(path)
    totals = {k: _count(store, k, request) for k in request.kinds}
    total = sum(totals.values())
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", prefix=".export-", dir=path.parent)
    os.close(fd)
    written: dict[str, int] = {}
    try:
        book = xlsxwriter.Workbook(tmp, {
            "constant_memory": True, "strings_to_numbers": False,
            "strings_to_formulas": False, "strings_to_urls": False,
        })
        formats = _Formats(book)
        text = PackText(request.lang)
        done = 0
        for kind in request.kinds:
            en, zh, columns = SHEETS[kind]
            sheet = book.add_worksheet(zh if request.lang == "zh_CN" else en)
            n = 0
            widths = _write_header(sheet, columns, request.lang, formats)
            for n, row in enumerate(_rows(store, kind, request), start=1):
                _write_row(sheet, n, columns, row, text, formats, widths)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("export cancelled")
                    if progress is not None:
                        progress(done, total)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(n, 1), len(columns) - 1)
            for i, w in enumerate(widths):
                sheet.set_column(i, i, min(MAX_WIDTH, w + 2))
            written[kind] = n
        book.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(total, total)
    return written


class _Formats:
    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.number = book.add_format({"num_format": "0.0#"})
        self.quoted = book.add_format({"quote_prefix": True})


def _write_header(sheet: Any, columns: tuple[Column, ...], lang: str, formats: _Formats) -> list[int]:
    widths = []
    for i, c in enumerate(columns):
        title = c.zh if lang == "zh_CN" else c.en
        sheet.write_string(0, i, title, formats.header)
        widths.append(display_width(title) + 2)  # room for the filter button
    return widths


def _write_row(sheet: Any, r: int, columns: tuple[Column, ...], row: dict[str, Any],
               text: PackText, formats: _Formats, widths: list[int]) -> None:
    for i, c in enumerate(columns):
        v = row.get(c.key)
        if v is None or v == "":
            continue
        if c.kind == "date":
            d = dt.date.fromisoformat(str(v)[:10])
            sheet.write_datetime(r, i, dt.datetime(d.year, d.month, d.day), formats.date)
            widths[i] = max(widths[i], 10)
        elif c.kind == "datetime":
            sheet.write_datetime(r, i, dt.datetime.fromisoformat(str(v)), formats.datetime)
            widths[i] = max(widths[i], 16)
        elif c.kind in ("number", "int"):
            sheet.write_number(r, i, float(v), formats.number if c.kind == "number" else None)
            widths[i] = max(widths[i], len(f"{v}"))
        else:
            s = text.value(str(v)) if c.kind == "value" else str(v)
            if s.startswith(FORMULA_START):
                sheet.write_string(r, i, s, formats.quoted)
            else:
                sheet.write_string(r, i, s)
            # only a text that could be wider than its column is measured (a character
            # is at most two wide), and past the first rows only every 50th row: the
            # widths are a fit for reading, and counting every character of 100,000
            # rows cost seconds
            if (widths[i] < MAX_WIDTH and 2 * len(s) > widths[i]
                    and (r <= WIDTH_ROWS or r % 50 == 0)):
                widths[i] = max(widths[i], display_width(s[:MAX_WIDTH]))


# --- the rows of each kind --------------------------------------------------------------

def _has_column(store: Any, table: str, column: str) -> bool:
    return any(r[1] == column for r in store.db.execute(f"PRAGMA table_info({table})"))


def _partner_filter(request: ExportRequest, alias: str) -> tuple[str, list[Any]]:
    if request.partner_ids is None:
        return "", []
    ids = list(request.partner_ids)
    # a temporary table would be quicker for thousands; json_each keeps it one statement
    return f" AND {alias}.id IN (SELECT value FROM json_each(?))", [_json(ids)]


def _json(value: Any) -> str:
    return json.dumps(value)


def _period(request: ExportRequest) -> tuple[str, list[Any]]:
    sql, params = "", []
    if request.start:
        sql += " AND m.starts_at >= ?"
        params.append(request.start.isoformat())
    if request.end:
        sql += " AND m.starts_at <= ?"
        params.append(request.end.isoformat() + " 23:59")
    return sql, params


def _queries(store: Any, kind: str, request: ExportRequest) -> tuple[str, str, list[Any]]:
    """(FROM … WHERE … part, columns to select, params) of one kind."""
    partner = "coalesce(p.name_zh, p.name_en) AS partner"
    if kind == "partners":
        where, params = _partner_filter(request, "p")
        cols = ("p.*, (SELECT count(*) FROM contacts c WHERE c.partner_id = p.id"
                " AND c.deleted = 0) AS contacts")
        return f"FROM partners p WHERE p.deleted = 0{where}", cols, params
    if kind == "actions":
        channel = ", a.feedback_channel" if _has_column(store, "action_items", "feedback_channel") else ""
        today = (request.today or dt.date.today()).isoformat()
        cols = (f"{partner}, a.*{channel}, CASE WHEN a.status IN ('open', 'in_progress')"
                " AND a.due_on < ? THEN CAST(julianday(?) - julianday(a.due_on) AS INTEGER)"
                " END AS days_overdue")
        return ("FROM action_items a JOIN partners p ON p.id = a.partner_id AND p.deleted = 0"
                " WHERE a.deleted = 0"), cols, [today, today]
    if kind == "reviews":
        stage = "r.stage" if _has_column(store, "checklist_runs", "stage") else "NULL AS stage"
        cols = (f"{partner}, r.id, r.performed_on, r.score, r.completion, r.answers, {stage},"
                " t.name AS template")
        return ("FROM checklist_runs r JOIN partners p ON p.id = r.partner_id AND p.deleted = 0"
                " LEFT JOIN checklist_templates t ON t.id = r.template_id"
                " WHERE r.deleted = 0"), cols, []
    where, params = _period(request)
    return ("FROM meetings m JOIN partners p ON p.id = m.partner_id AND p.deleted = 0"
            f" WHERE m.deleted = 0{where}"), f"{partner}, m.*", params


_ORDER = {
    "partners": name_order("partner", "p"),
    "actions": "a.opened_on DESC, a.rowid DESC",
    "reviews": "r.performed_on DESC, r.rowid DESC",
    "meetings": "m.starts_at, m.rowid",
}


def _count(store: Any, kind: str, request: ExportRequest) -> int:
    source, _cols, params = _queries(store, kind, request)
    if kind == "actions":
        params = []  # the select's parameters are not in the count
    return store.db.execute(f"SELECT count(*) {source}", params).fetchone()[0]


_ALIAS = {"partners": "p", "actions": "a", "reviews": "r", "meetings": "m"}
#: rows read per statement
CHUNK = 500


def _rows(store: Any, kind: str, request: ExportRequest) -> Iterator[dict[str, Any]]:
    """The rows in order, a chunk at a time. The order is taken on the row ids alone
    and the rows are then read by id: sorting 100,000 whole rows (notes, feedback) in
    SQLite's sorter cost 200 MB and half the time; their ids cost a few MB."""
    source, cols, params = _queries(store, kind, request)
    alias = _ALIAS[kind]
    count_params = [] if kind == "actions" else params  # the select's parameters
    order = [r[0] for r in store.db.execute(
        f"SELECT {alias}.rowid {source} ORDER BY {_ORDER[kind]}", count_params)]
    for i in range(0, len(order), CHUNK):
        chunk = order[i:i + CHUNK]
        cur = store.db.execute(
            f"SELECT {alias}.rowid AS _export_rowid, {cols} {source}"
            f" AND {alias}.rowid IN ({', '.join('?' for _ in chunk)})", [*params, *chunk])
        names = [d[0] for d in cur.description]
        by_rowid = {values[0]: dict(zip(names, values, strict=True)) for values in cur.fetchall()}
        for rowid in chunk:
            row = by_rowid.get(rowid)
            if row is None:
                continue  # gone meanwhile (the export reads in the database lane: never)
            if kind == "reviews":
                row["comments"] = "；".join(answer_texts(row.get("answers")))
                if row.get("completion") is not None and row["completion"] <= 1:
                    row["completion"] = round(row["completion"] * 100, 1)
            yield row


def kinds_of(names: Iterable[str]) -> tuple[str, ...]:
    """The export kinds named, in the order of ``KINDS`` (a sheet order that never varies)."""
    wanted = set(names)
    return tuple(k for k in KINDS if k in wanted)
