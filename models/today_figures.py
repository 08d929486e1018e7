"""The figures at the top of the Today page, computed without Qt: how many visits are
overdue or due this week, how many action items are late or done but still waiting
for the partner to hear back (反馈闭环), how many partners are going quiet (躺平) and
how many key dates fall this week; and the trend of visits kept to cadence over the
last weeks.

The counts come almost free from what the Today load reads anyway (the partner
overviews, one count over the action items' covering index); the trend reads the
held visits of a few months and runs as a job of its own after the lists are on
screen, so it never holds up the first paint.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import domain
from models.insights import NOT_DELETED_PARTNER

#: "this week": today and the six days after it
WEEK_DAYS = 7
#: how many weeks the trend covers
TREND_WEEKS = 12


@dataclass(frozen=True)
class TodayFigures:
    """The summary cards' numbers."""

    #: live partners in the profile (0: an empty profile, which says so)
    partners: int = 0
    visits_overdue: int = 0
    #: partners whose cadence runs out within the week (not yet overdue)
    visits_due_week: int = 0
    #: open or in-progress action items past their due date (work not done)
    actions_late: int = 0
    #: action items done but not yet reported back to the partner
    actions_awaiting_feedback: int = 0
    partners_quiet: int = 0
    key_dates_week: int = 0


def action_counts(store: Any, today: dt.date) -> tuple[int, int]:
    """(late, awaiting feedback) over the live partners' action items, in one pass
    over the covering index (status, partner_id, owner_side, due_on, deleted)."""
    late, waiting = store.db.execute(
        "SELECT coalesce(sum(a.status IN ('open', 'in_progress') AND a.due_on < ?), 0),"
        " coalesce(sum(a.status = 'done'), 0)"
        " FROM action_items a WHERE a.deleted = 0"
        f" AND {domain.loop_open_sql('a.')} AND {NOT_DELETED_PARTNER}",
        [today.isoformat()],
    ).fetchone()
    return int(late), int(waiting)


@dataclass(frozen=True)
class TrendWeek:
    """One week of the trend: of ``partners`` live partners, ``kept`` had been
    visited within their tier's cadence when the week ended."""

    ends: dt.date
    kept: int
    partners: int

    @property
    def share(self) -> float:
        return self.kept / self.partners if self.partners else 0.0


def cadence_trend(store: Any, today: dt.date, cadence: dict[str, int] | None = None,
                  weeks: int = TREND_WEEKS) -> list[TrendWeek]:
    """For each of the last ``weeks`` weeks (the last one ends today), how many
    partners were within their visit cadence at its end: had a visit at most their
    tier's cadence days before it. A held meeting (or one without a status) counts
    as a visit, as in ``insights.partner_overviews``.

    Each visit keeps its partner within cadence for the week ends from its day to
    ``cadence`` days later: one pass over the visits of the window marks those weeks
    in a bit mask per partner. The visits are read from the covering index of
    migration 0006 (no table rows: on the 5,000-partner profile that is ~36,000
    visits, and reading their rows took three times as long)."""
    days = domain.cadence_days(cadence)
    first_end = today - dt.timedelta(days=WEEK_DAYS * (weeks - 1))
    since = first_end - dt.timedelta(days=max(days.values()))
    partners = dict(store.db.execute(
        "SELECT id, tier FROM partners WHERE deleted = 0").fetchall())
    covered: dict[str, int] = {}
    for pid, offset in store.db.execute(
        # offset: the visit's day counted from the first week's end
        "SELECT m.partner_id, CAST(julianday(substr(m.starts_at, 1, 10)) - julianday(?3)"
        "  AS INTEGER)"
        " FROM meetings m INDEXED BY idx_meetings_overview"
        " WHERE m.deleted = 0 AND (m.status = 'held' OR m.status IS NULL)"
        " AND m.starts_at >= ?1 AND m.starts_at <= ?2",
        [since.isoformat(), today.isoformat() + " 23:59", first_end.isoformat()],
    ):
        tier = partners.get(pid)
        if tier is None:
            continue  # a deleted partner's meeting
        # week ends i with 0 <= (first_end + 7 i) - visit <= cadence
        lo = max(0, -(offset // -WEEK_DAYS))
        hi = min(weeks - 1, (offset + days.get(tier, 0)) // WEEK_DAYS)
        if lo <= hi:
            covered[pid] = covered.get(pid, 0) | ((1 << (hi + 1)) - (1 << lo))
    kept = [0] * weeks
    for mask in covered.values():
        for i in range(weeks):
            kept[i] += (mask >> i) & 1
    return [TrendWeek(first_end + dt.timedelta(days=WEEK_DAYS * i), kept[i], len(partners))
            for i in range(weeks)]
