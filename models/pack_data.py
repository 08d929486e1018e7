"""Everything a printed review pack shows for one partner and one period.

Gathered from the Store in one go (it runs in the database lane) into plain
dataclasses, so rendering can happen on any thread without touching the database.
Qt-free: the command line, the app and the benchmark share it.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from models import domain, goals, insights
from models.errors import NotFoundError, ValidationError
from models.search_index import name_order
from models.store import Store
from models.templates import is_failed, item_value, walked_sections

#: without a previous review the pack covers this many days up to today
DEFAULT_PERIOD_DAYS = 90
#: the KPI chart shows at least this many months, so a short period still shows a trend
MIN_CHART_MONTHS = 6
#: the store setting naming the manager on the cover and signature line (else the OS user)
SETTING_MANAGER_NAME = "manager_name"

Row = dict[str, Any]


@dataclass
class KpiMonth:
    period: str  # YYYY-MM
    sales: float | None
    target: float | None
    repurchase_rate: float | None = None
    profit: float | None = None
    active_customers: int | None = None
    in_period: bool = True

    @property
    def ratio(self) -> float | None:
        return self.sales / self.target if self.sales is not None and self.target else None


@dataclass
class Cadence:
    """Whether visits kept the tier's cadence over the period (held meetings only)."""

    cadence_days: int
    visits: list[dt.date]
    #: stretches longer than the cadence without a held meeting: (from, to, days)
    gaps: list[tuple[dt.date, dt.date, int]]
    last_visit: dt.date | None

    @property
    def kept(self) -> bool:
        return not self.gaps

    @property
    def longest_gap(self) -> int:
        return max((g[2] for g in self.gaps), default=0)


@dataclass
class ResponseStats:
    """How response times compare with the response deadlines (分级响应)."""

    responded: int = 0
    on_time: int = 0
    late: int = 0
    median_days: float | None = None
    median_deadline_days: float | None = None
    #: open items already past their deadline
    open_overdue: int = 0
    #: severity -> (responded, on time, median response days, deadline days)
    by_severity: dict[str, tuple[int, int, float | None, float | None]] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.responded if self.responded else None


@dataclass
class ChecklistItemResult:
    key: str
    text: str
    text_zh: str
    section: str
    section_zh: str
    value: Any
    comment: str | None
    failed: bool
    previous_value: Any = None
    answer_type: str | None = None
    #: +1 better than the previous run, -1 worse, 0 same or not comparable
    trend: int = 0


@dataclass
class ChecklistReview:
    template_name: str
    performed_on: dt.date
    score: float | None
    completion: float | None
    items: list[ChecklistItemResult]
    previous_on: dt.date | None = None
    previous_score: float | None = None

    @property
    def failed(self) -> list[ChecklistItemResult]:
        return [i for i in self.items if i.failed]

    @property
    def delta(self) -> float | None:
        if self.score is None or self.previous_score is None:
            return None
        return round(self.score - self.previous_score, 1)


@dataclass
class PackData:
    partner: Row
    period_start: dt.date
    period_end: dt.date
    generated_on: dt.date
    manager_name: str
    logo_path: str | None
    kpis: list[KpiMonth]
    cadence: Cadence
    signs: list[str]
    days_since_contact: int | None
    meetings: list[Row]
    open_actions: list[Row]
    done_actions: list[Row]
    responses: ResponseStats
    checklist: ChecklistReview | None
    next_steps: list[Row]
    contacts: list[Row] = field(default_factory=list)
    #: the next planned meeting after the period's end (the summary's "next steps")
    next_meeting: Row | None = None
    #: the partner's person who signs the pack (a contact), None when none is known
    signatory: Row | None = None
    #: joint goals whose period meets the pack's, or still in play (models.goals:
    #: each annual goal followed by its quarterly stages, with progress and at_risk)
    joint_goals: list[dict] = field(default_factory=list)

    @property
    def partner_id(self) -> str:
        return self.partner["id"]

    @property
    def overdue_actions(self) -> list[Row]:
        return [a for a in self.open_actions if a["overdue"]]

    @property
    def kpis_in_period(self) -> list[KpiMonth]:
        return [k for k in self.kpis if k.in_period]

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: the pack says so instead of empty tables."""
        return not (self.meetings or self.open_actions or self.done_actions
                    or self.kpis_in_period or self.checklist)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def previous_review_date(store: Store, partner_id: str, today: dt.date) -> dt.date | None:
    """The date of the latest checklist run (复盘) before today, if any."""
    row = store.db.execute(
        "SELECT max(performed_on) FROM checklist_runs WHERE deleted = 0 AND partner_id = ?"
        " AND performed_on < ?",
        [partner_id, today.isoformat()],
    ).fetchone()
    return _date(row[0]) if row else None


def default_period(store: Store, partner_id: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """Since the previous review (inclusive) up to today, else the last 90 days."""
    start = previous_review_date(store, partner_id, today)
    if start is None:
        start = today - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    return start, today


def manager_name(store: Store) -> str:
    name = store.get_setting(SETTING_MANAGER_NAME)
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (containers): the line stays blank
        return ""


def gather_pack_data(
    store: Store,
    partner_id: str,
    *,
    today: dt.date,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    cadence: dict[str, int] | None = None,
    logo_path: str | None = None,
) -> PackData:
    """Collect one partner's pack. ``cadence`` and ``logo_path`` come from the app's
    settings (printable image). Raises NotFoundError for an unknown or deleted partner
    and ValidationError for a period that ends before it starts."""
    partner = store.find("partner", partner_id)
    if partner is None:
        raise NotFoundError(f"partner {partner_id} does not exist")
    if period_start is None or period_end is None:
        d_start, d_end = default_period(store, partner_id, today)
        period_start = period_start or d_start
        period_end = period_end or d_end
    if period_end < period_start:
        raise ValidationError(
            f"the period is empty: it ends ({period_end}) before it starts ({period_start})",
            field="period",
        )
    cadence = domain.cadence_days(cadence)
    as_of = min(today, period_end)
    lo, hi = period_start.isoformat(), period_end.isoformat()

    meetings = store.rows(
        "meeting", "partner_id = ? AND starts_at >= ? AND starts_at <= ?",
        [partner_id, lo, hi + " 23:59"], order_by="starts_at",
    )
    overview = insights.partner_overviews(store, as_of, cadence, partner_ids=[partner_id])
    signs = overview[0].signs if overview else []
    days_since = overview[0].days_since if overview else None

    open_actions, done_actions = _actions(store, partner_id, period_start, period_end, as_of)
    return PackData(
        partner=partner,
        period_start=period_start,
        period_end=period_end,
        generated_on=today,
        manager_name=manager_name(store),
        logo_path=logo_path,
        kpis=_kpis(store, partner_id, period_start, period_end),
        cadence=_cadence(store, partner, period_start, period_end, cadence),
        signs=signs,
        days_since_contact=days_since,
        meetings=meetings,
        open_actions=open_actions,
        done_actions=done_actions,
        responses=_response_stats(store, partner_id, period_start, period_end, as_of),
        checklist=_checklist(store, partner_id, period_end),
        next_steps=sorted(
            (a for a in open_actions if a["status"] != domain.ActionStatus.DONE),
            key=lambda a: (a["due_on"] or "9999", a["title"]),
        ),
        contacts=(contacts := store.rows("contact", "partner_id = ?", [partner_id],
                                         order_by=name_order("contact"))),
        next_meeting=_next_meeting(store, partner_id, as_of),
        signatory=signatory(contacts, meetings),
        joint_goals=_joint_goals(store, partner_id, period_start, period_end, as_of),
    )


def _joint_goals(store: Store, partner_id: str, start: dt.date, end: dt.date,
                 as_of: dt.date) -> list[dict]:
    """The joint goals a pack of ``start``..``end`` shows: those whose period meets it,
    and the live ones (agreed, not yet achieved or missed), assessed as of ``as_of``."""
    out = []
    for g in goals.partner_goals(store, partner_id, as_of):
        first, last = goals.period_bounds(g["period"])
        if (first <= end and last >= start) or g["status"] in domain.GOAL_LIVE_STATUSES:
            out.append(g)
    return out


#: contact roles that sign for the partner, most senior first (either language)
SIGNING_ROLES = ("总经理", "managing director", "general manager", "ceo", "总裁", "董事长",
                 "销售总监", "sales director", "渠道经理", "channel manager")


def signatory(contacts: list[Row], meetings: list[Row]) -> Row | None:
    """The partner's person who signs the pack: the most senior contact by role;
    among equals, the one who attended the latest meeting; else the first contact.
    Never the company: a signature is a person's."""
    if not contacts:
        return None
    attended = ""
    for m in reversed(meetings):
        if m.get("attendees_partner") and (m.get("status") or "held") == "held":
            attended = m["attendees_partner"]
            break

    def rank(c: Row) -> tuple[int, int]:
        role = (c.get("role") or "").casefold()
        senior = next((i for i, r in enumerate(SIGNING_ROLES) if r in role), len(SIGNING_ROLES))
        return senior, 0 if c["name"] and c["name"] in attended else 1

    return min(contacts, key=rank)


def _next_meeting(store: Store, partner_id: str, after: dt.date) -> Row | None:
    rows = store.rows(
        "meeting", "partner_id = ? AND status = 'planned' AND starts_at > ?",
        [partner_id, after.isoformat() + " 23:59"], order_by="starts_at", limit=1)
    return rows[0] if rows else None


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _kpis(store: Store, partner_id: str, start: dt.date, end: dt.date) -> list[KpiMonth]:
    in_period = set(_months(start, end))
    chart_start = start
    if len(in_period) < MIN_CHART_MONTHS:
        y, m = end.year, end.month - (MIN_CHART_MONTHS - 1)
        while m < 1:
            y, m = y - 1, m + 12
        chart_start = min(start, dt.date(y, m, 1))
    months = _months(chart_start, end)
    rows = store.rows(
        "kpi_snapshot", "partner_id = ? AND period >= ? AND period <= ?",
        [partner_id, months[0], months[-1]], order_by="period",
    )
    by_month = {r["period"]: r for r in rows}
    if not by_month:
        return []
    out = []
    for month in months:
        r = by_month.get(month)
        if r is None and month not in in_period:
            continue
        r = r or {}
        out.append(KpiMonth(
            month, r.get("sales"), r.get("target"), r.get("repurchase_rate"), r.get("profit"),
            r.get("active_customers"), in_period=month in in_period,
        ))
    return out


def _cadence(store: Store, partner: Row, start: dt.date, end: dt.date,
             cadence: dict[str, int]) -> Cadence:
    days = cadence[domain.Tier(partner["tier"])]
    held = [
        d for (d,) in store.db.execute(
            "SELECT substr(starts_at, 1, 10) FROM meetings WHERE deleted = 0 AND partner_id = ?"
            " AND coalesce(status, 'held') = 'held' AND starts_at <= ? ORDER BY starts_at",
            [partner["id"], end.isoformat() + " 23:59"],
        ).fetchall()
    ]
    dates = [dt.date.fromisoformat(d) for d in held]
    before = [d for d in dates if d < start]
    visits = sorted({d for d in dates if d >= start})
    # the clock starts at the last visit before the period, else the period's start,
    # but never before the partner existed; a partner never met counts from then, or
    # from its first planned visit when later: the rule of domain.visit_due_on, which
    # Today and the partner list use too
    if before:
        cursor = before[-1]
        deadline = cursor + dt.timedelta(days=days)
    else:
        cursor = max(start, partner_since(store, partner))
        planned = store.db.execute(
            "SELECT min(starts_at) FROM meetings WHERE deleted = 0 AND partner_id = ?"
            " AND status = 'planned' AND starts_at >= ?",
            [partner["id"], cursor.isoformat()]).fetchone()[0]
        deadline = domain.visit_due_on(None, partner["tier"], cadence, created_on=cursor,
                                       planned_on=_date(planned))
    gaps: list[tuple[dt.date, dt.date, int]] = []
    for d in [*visits, end]:
        if d > deadline:
            gaps.append((cursor, d, (d - cursor).days))
        cursor = max(cursor, d)
        deadline = cursor + dt.timedelta(days=days)
    last = visits[-1] if visits else (before[-1] if before else None)
    return Cadence(days, visits, gaps, last)


def partner_since(store: Store, partner: Row) -> dt.date:
    """Since when the partner has been ours: the day its record was created, or its
    first recorded meeting when history reaches further back (imported or synced
    records). The cadence cannot run out before that day."""
    (first,) = store.db.execute(
        "SELECT min(starts_at) FROM meetings WHERE deleted = 0 AND partner_id = ?",
        [partner["id"]]).fetchone()
    days = [d for d in (_date(partner.get("created_at")), _date(first)) if d]
    return min(days) if days else dt.date.min


def _action_row(a: Row, as_of: dt.date) -> Row:
    a = dict(a)
    open_loop = a["status"] in (domain.ActionStatus.OPEN, domain.ActionStatus.IN_PROGRESS)
    a["overdue"] = bool(open_loop and a["due_on"] and a["due_on"] < as_of.isoformat())
    a["days_overdue"] = (as_of - _date(a["due_on"])).days if a["overdue"] else 0
    return a


def _actions(store: Store, partner_id: str, start: dt.date, end: dt.date,
             as_of: dt.date) -> tuple[list[Row], list[Row]]:
    """(loop not closed, opened by the period's end; closed within the period)."""
    lo, hi = start.isoformat(), end.isoformat()
    open_rows = store.rows(
        "action_item",
        f"partner_id = ? AND {domain.loop_open_sql()} AND opened_on <= ?",
        [partner_id, hi], order_by="due_on, opened_on",
    )
    done_rows = store.rows(
        "action_item",
        "partner_id = ? AND status IN ('done', 'feedback_given')"
        " AND coalesce(feedback_on, done_on) >= ? AND coalesce(feedback_on, done_on) <= ?",
        [partner_id, lo, hi], order_by="coalesce(feedback_on, done_on), title",
    )
    opened = [_action_row(a, as_of) for a in open_rows]
    opened.sort(key=lambda a: (not a["overdue"], a["due_on"] or "9999"))
    return opened, [_action_row(a, as_of) for a in done_rows]


def _response_date(a: Row) -> dt.date | None:
    """The first sign of a response: work started, done, or feedback given."""
    dates = [d for d in (_date(a["started_on"]), _date(a["done_on"]), _date(a["feedback_on"])) if d]
    return min(dates) if dates else None


def _response_stats(store: Store, partner_id: str, start: dt.date, end: dt.date,
                    as_of: dt.date) -> ResponseStats:
    rows = store.rows(
        "action_item", "partner_id = ? AND opened_on <= ? AND due_on IS NOT NULL",
        [partner_id, end.isoformat()],
    )
    stats = ResponseStats()
    took: list[int] = []
    allowed: list[int] = []
    per: dict[str, list[tuple[int, int, bool]]] = {}
    for a in rows:
        opened, due = _date(a["opened_on"]), _date(a["due_on"])
        answered = _response_date(a)
        if answered is None or answered > end:
            if due < as_of:
                stats.open_overdue += 1
            continue
        if answered < start:
            continue  # responded before this period: last pack's business
        days, limit = (answered - opened).days, (due - opened).days
        ok = answered <= due
        stats.responded += 1
        stats.on_time += ok
        stats.late += not ok
        took.append(days)
        allowed.append(limit)
        per.setdefault(a["severity"], []).append((days, limit, ok))
    if took:
        stats.median_days = float(statistics.median(took))
        stats.median_deadline_days = float(statistics.median(allowed))
    order = [s.value for s in reversed(domain.Severity)]
    for sev in sorted(per, key=order.index):
        vals = per[sev]
        stats.by_severity[sev] = (
            len(vals), sum(ok for _, _, ok in vals),
            float(statistics.median(v[0] for v in vals)),
            float(statistics.median(v[1] for v in vals)),
        )
    return stats


def _checklist(store: Store, partner_id: str, end: dt.date) -> ChecklistReview | None:
    runs = store.rows(
        "checklist_run", "partner_id = ? AND performed_on <= ?", [partner_id, end.isoformat()],
        order_by="performed_on DESC, updated_at DESC", limit=2,
    )
    if not runs:
        return None
    latest = runs[0]
    previous = runs[1] if len(runs) > 1 else None
    tpl = store.find("checklist_template", latest["template_id"]) or {}
    sections = walked_sections(tpl.get("sections") or "[]", latest.get("stage"))
    answers = json.loads(latest["answers"] or "{}")
    prev_answers = json.loads(previous["answers"] or "{}") if previous else {}
    items: list[ChecklistItemResult] = []
    for section in sections:
        for it in section.get("items", []):
            ans = answers.get(it["key"]) or {}
            prev = prev_answers.get(it["key"])
            now_v, prev_v = item_value(it, ans), item_value(it, prev)
            trend = 0
            if now_v is not None and prev_v is not None and now_v != prev_v:
                trend = 1 if now_v > prev_v else -1
            items.append(ChecklistItemResult(
                key=it["key"], text=it.get("text", it["key"]), text_zh=it.get("text_zh", ""),
                section=section.get("title", ""), section_zh=section.get("title_zh", ""),
                value=ans.get("value"), comment=ans.get("comment") or None,
                failed=is_failed(it, ans), previous_value=(prev or {}).get("value"),
                answer_type=it.get("answer_type"), trend=trend,
            ))
    if not items:  # template missing: still list what was answered
        items = [
            ChecklistItemResult(k, k, "", "", "", v.get("value"), v.get("comment"), False)
            for k, v in answers.items()
        ]
    return ChecklistReview(
        template_name=tpl.get("name") or "",
        performed_on=_date(latest["performed_on"]),
        score=latest["score"],
        completion=latest["completion"],
        items=items,
        previous_on=_date(previous["performed_on"]) if previous else None,
        previous_score=previous["score"] if previous else None,
    )


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week holding ``today``."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def partners_due_this_week(store: Store, today: dt.date,
                           cadence: dict[str, int] | None = None) -> list[str]:
    """Everyone I visit this week: partners with a meeting (planned or held) between
    Monday and Sunday, and partners whose cadence runs out this week. Long-overdue
    partners are not included (they are the Today view's business). Ordered by name."""
    monday, sunday = week_bounds(today)
    ids = {
        pid for (pid,) in store.db.execute(
            "SELECT DISTINCT m.partner_id FROM meetings m JOIN partners p ON p.id = m.partner_id"
            " WHERE m.deleted = 0 AND p.deleted = 0 AND coalesce(m.status, 'held') != 'cancelled'"
            " AND m.starts_at >= ? AND m.starts_at <= ?",
            [monday.isoformat(), sunday.isoformat() + " 23:59"],
        ).fetchall()
    }
    cadence = domain.cadence_days(cadence)
    for ov in insights.partner_overviews(store, today, cadence):
        if ov.status == domain.PartnerStatus.ENDED:
            continue
        # the same rule as Today's: a partner never met counts from its creation
        if ov.due_on is not None and monday <= ov.due_on <= sunday:
            ids.add(ov.id)
    names = {
        r["id"]: (r["name_zh"] or r["name_en"] or "")
        for r in store.rows("partner", order_by=name_order("partner"))
    }
    return sorted(ids, key=lambda i: names.get(i, ""))
