"""Joint goals (联合目标): agreed with the partner, measured, tracked to their end.

A goal's period is a year ("2026", the annual goal) or one of its quarters ("2026-Q3",
a stage of it, with ``parent_id`` naming the annual goal): staged and annual goals are
the method's answer to one-shot deals (一锤子买卖). Progress is the head-office KPI the
goal names, summed (sales, profit) or latest (rates, counts) over the period's months,
else the ``actual`` typed in.
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from models import domain
from models.store import Row, Store

#: a live goal whose progress is this many points of its target behind the share of its
#: period that has passed is at risk (half-way through, under 30% done)
BEHIND_PACE = 0.2


@functools.lru_cache(maxsize=512)
def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of "2026" or "2026-Q3"."""
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    q = int(period[-1])
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def period_kind(period: str) -> str:
    return "year" if len(period) == 4 else "quarter"


@functools.lru_cache(maxsize=512)
def _months(period: str) -> tuple[str, str]:
    start, end = period_bounds(period)
    return start.strftime("%Y-%m"), end.strftime("%Y-%m")


def kpi_progress(store: Store, partner_id: str, kpi: str, period: str
                 ) -> tuple[float | None, dt.date | None]:
    """The KPI figure of the period so far (summed, or the latest month's) and the last
    day it covers (head office's figures come a month behind); (None, None) without
    figures."""
    first, last = _months(period)
    if kpi not in tuple(domain.GoalKpi):
        return None, None
    where = "deleted = 0 AND partner_id = ? AND period >= ? AND period <= ?"
    if kpi in domain.GOAL_KPI_SUMMED:
        row = store.db.execute(f"SELECT sum({kpi}), count({kpi}), max(period) FROM kpi_snapshots"
                               f" WHERE {where} AND {kpi} IS NOT NULL",
                               [partner_id, first, last]).fetchone()
        value = float(row[0]) if row and row[1] else None
        month = row[2] if row and row[1] else None
    else:
        row = store.db.execute(f"SELECT {kpi}, period FROM kpi_snapshots WHERE {where}"
                               f" AND {kpi} IS NOT NULL ORDER BY period DESC LIMIT 1",
                               [partner_id, first, last]).fetchone()
        value, month = (float(row[0]), row[1]) if row else (None, None)
    return value, _month_end(month) if month else None


def kpi_progress_many(store: Store, rows: list[Row]
                      ) -> dict[str, tuple[float | None, dt.date | None]]:
    """``kpi_progress`` of many goals at once (Today assesses every live goal): one
    read of the KPI months their periods span, for the partners concerned, summed in
    Python, instead of one query per goal."""
    wanted = [g for g in rows if g.get("kpi") in tuple(domain.GoalKpi)]
    if not wanted:
        return {}
    spans = {g["id"]: _months(g["period"]) for g in wanted}
    lo, hi = min(a for a, _ in spans.values()), max(b for _, b in spans.values())
    partners = sorted({g["partner_id"] for g in wanted})
    months: dict[str, list[tuple]] = {}
    for i in range(0, len(partners), 500):
        chunk = partners[i:i + 500]
        for r in store.db.execute(
                "SELECT partner_id, period, sales, profit, repurchase_rate, active_customers"
                " FROM kpi_snapshots WHERE deleted = 0 AND period >= ? AND period <= ?"
                f" AND partner_id IN ({', '.join('?' for _ in chunk)})", [lo, hi, *chunk]):
            months.setdefault(r[0], []).append(r[1:])
    column = {"sales": 1, "profit": 2, "repurchase_rate": 3, "active_customers": 4}
    out: dict[str, tuple[float | None, dt.date | None]] = {}
    for rows_of in months.values():
        rows_of.sort()
    for g in wanted:
        first, last = spans[g["id"]]
        col = column[g["kpi"]]
        hits = [(m[0], m[col]) for m in months.get(g["partner_id"], ())
                if first <= m[0] <= last and m[col] is not None]
        if not hits:
            out[g["id"]] = (None, None)
        elif g["kpi"] in domain.GOAL_KPI_SUMMED:
            out[g["id"]] = (float(sum(v for _, v in hits)), _month_end(hits[-1][0]))
        else:
            out[g["id"]] = (float(hits[-1][1]), _month_end(hits[-1][0]))
    return out


def _month_end(month: str) -> dt.date:
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)


def assess(store: Store, goal: Row, today: dt.date,
           kpi: tuple[float | None, dt.date | None] | None = None) -> dict[str, Any]:
    """The goal with ``progress`` (None: unknown), ``ratio`` (progress / target),
    ``period_kind``, ``elapsed`` (share of the period the progress covers: up to today
    for typed progress, up to the last month of KPI figures for a KPI) and ``at_risk``.
    ``kpi``: the KPI progress when already read (``kpi_progress_many``)."""
    out = dict(goal)
    start, end = period_bounds(goal["period"])
    if goal.get("kpi"):
        progress, through = kpi if kpi is not None else kpi_progress(
            store, goal["partner_id"], goal["kpi"], goal["period"])
    else:
        progress, through = goal.get("actual"), today
    span = (end - start).days + 1
    elapsed = (0.0 if through is None
               else min(1.0, max(0.0, ((min(through, today) - start).days + 1) / span)))
    target = goal.get("target")
    ratio = progress / target if progress is not None and target else None
    status = goal.get("status")
    live = status in (domain.GoalStatus.AGREED, domain.GoalStatus.ON_TRACK)
    behind = ratio is not None and ratio < elapsed - BEHIND_PACE
    # a period over, and its figures in, short of the target
    ended_short = today > end and elapsed >= 1.0 and (ratio is None or ratio < 1.0)
    out.update(progress=progress, ratio=ratio, period_kind=period_kind(goal["period"]),
               elapsed=elapsed,
               at_risk=status == domain.GoalStatus.AT_RISK or (live and (behind or ended_short)))
    return out


def partner_goals(store: Store, partner_id: str, today: dt.date) -> list[dict[str, Any]]:
    """A partner's joint goals, assessed: newest year first, its annual goals before
    its quarters, each annual goal followed by its stages."""
    rows = store.for_partner("joint_goal", partner_id, order=["period", "title"])
    rows.sort(key=lambda r: (-int(r["period"][:4]), len(r["period"]), r["period"]))
    assessed = [assess(store, r, today) for r in rows]
    by_parent: dict[str, list[dict[str, Any]]] = {}
    top: list[dict[str, Any]] = []
    ids = {g["id"] for g in assessed}
    for g in assessed:
        if g.get("parent_id") in ids:
            by_parent.setdefault(g["parent_id"], []).append(g)
        else:
            top.append(g)
    out: list[dict[str, Any]] = []
    for g in top:
        out.append(g)
        out.extend(sorted(by_parent.get(g["id"], []), key=lambda s: s["period"]))
    return out


def goals_at_risk(store: Store, today: dt.date, limit: int | None = None) -> list[dict[str, Any]]:
    """Live goals at risk across partners (Today), the ones whose period ends first
    first: a goal marked at risk, or one agreed whose progress lags its period."""
    live = [str(s) for s in (domain.GoalStatus.AGREED, domain.GoalStatus.ON_TRACK,
                             domain.GoalStatus.AT_RISK)]
    # the columns Today shows and judges by (not the commitments' long text)
    rows = store.query(
        "SELECT g.id, g.partner_id, g.title, g.metric, g.kpi, g.target, g.actual, g.period,"
        " g.parent_id, g.status, g.meeting_id, coalesce(p.name_zh, p.name_en) AS partner_name"
        " FROM joint_goals g"
        " JOIN partners p ON p.id = g.partner_id AND p.deleted = 0"
        f" WHERE g.deleted = 0 AND g.status IN ({', '.join('?' for _ in live)})"
        " AND g.period >= ?", [*live, str(today.year - 1)])
    progress = kpi_progress_many(store, rows)
    out = [g for g in (assess(store, r, today, progress.get(r["id"])) for r in rows)
           if g["at_risk"]]
    out.sort(key=lambda g: (period_bounds(g["period"])[1], g["partner_name"] or ""))
    return out if limit is None else out[:limit]


def current_period(today: dt.date, kind: str = "quarter") -> str:
    return str(today.year) if kind == "year" else f"{today.year}-Q{(today.month - 1) // 3 + 1}"
