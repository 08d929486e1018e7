"""Joint goals (联合目标): agreed with the partner, measured, tracked to their end.

A goal's period is a year ("2026", the annual goal) or one of its quarters ("2026-Q3",
a stage of it, with ``parent_id`` naming the annual goal): staged and annual goals are
the method's answer to one-shot deals (一锤子买卖). Progress is the head-office KPI the
goal names, summed (sales, profit) or latest (rates, counts) over the period's months,
else the ``actual`` typed in.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from models import domain
from models.store import Row, Store

#: a live goal whose progress is this many points of its target behind the share of its
#: period that has passed is at risk (half-way through, under 30% done)
BEHIND_PACE = 0.2


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


def _month_end(month: str) -> dt.date:
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)


def assess(store: Store, goal: Row, today: dt.date) -> dict[str, Any]:
    """The goal with ``progress`` (None: unknown), ``ratio`` (progress / target),
    ``period_kind``, ``elapsed`` (share of the period the progress covers: up to today
    for typed progress, up to the last month of KPI figures for a KPI) and ``at_risk``."""
    out = dict(goal)
    start, end = period_bounds(goal["period"])
    if goal.get("kpi"):
        progress, through = kpi_progress(store, goal["partner_id"], goal["kpi"], goal["period"])
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
    rows = store.query(
        "SELECT g.*, coalesce(p.name_zh, p.name_en) AS partner_name FROM joint_goals g"
        " JOIN partners p ON p.id = g.partner_id AND p.deleted = 0"
        f" WHERE g.deleted = 0 AND g.status IN ({', '.join('?' for _ in live)})"
        " AND g.period >= ?", [*live, str(today.year - 1)])
    out = [g for g in (assess(store, r, today) for r in rows) if g["at_risk"]]
    out.sort(key=lambda g: (period_bounds(g["period"])[1], g["partner_name"] or ""))
    return out if limit is None else out[:limit]


def current_period(today: dt.date, kind: str = "quarter") -> str:
    return str(today.year) if kind == "year" else f"{today.year}-Q{(today.month - 1) // 3 + 1}"
