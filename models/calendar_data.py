"""What the visit calendar shows for a range of days, computed without Qt: the
meetings (planned, held, cancelled) of each day, the partners whose visit falls due
on each day (with tier and reason), and what kind of day it is (weekend, statutory
holiday, make-up working day)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import domain, work_days
from models.insights import PartnerOverview
from models.store import Store

#: the order visits are planned in: the partners that matter most first (分层维护)
TIER_PRIORITY = {domain.Tier.CORE: 0, domain.Tier.STRATEGIC: 1, domain.Tier.EMERGING: 2,
                 domain.Tier.ORDINARY: 3}


class DueReason:
    #: the cadence ran out before today; listed on today
    OVERDUE = "overdue"
    #: the cadence since the last held visit runs out that day
    CADENCE = "cadence"
    #: never visited: the cadence counts from the partner's creation
    NEW = "new"


@dataclass(slots=True)
class CalendarMeeting:
    id: str
    partner_id: str
    partner_name: str
    tier: str
    starts_at: str
    status: str
    type: str
    location: str | None

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.starts_at[:10])

    @property
    def time(self) -> str:
        return self.starts_at[11:16]


@dataclass(slots=True)
class DueVisit:
    partner_id: str
    partner_name: str
    tier: str
    region: str | None
    reason: str
    due_on: dt.date | None
    last_met: dt.date | None


#: meetings of a day a grid cell can show; the rest are counted ("+12 more")
CELL_MEETINGS = 8


@dataclass
class CalendarData:
    start: dt.date
    end: dt.date
    days: list[work_days.DayInfo]
    #: each day's first CELL_MEETINGS meetings (not cancelled), in time order
    meetings: dict[dt.date, list[CalendarMeeting]] = field(default_factory=dict)
    #: how many meetings (not cancelled) each day has in all
    meeting_counts: dict[dt.date, int] = field(default_factory=dict)
    due: dict[dt.date, list[DueVisit]] = field(default_factory=dict)


def month_grid(day: dt.date) -> tuple[dt.date, dt.date]:
    """The six weeks (Monday to Sunday) a month view of ``day``'s month shows."""
    first = day.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    return start, start + dt.timedelta(days=41)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def meetings_between(store: Store, start: dt.date, end: dt.date,
                     status: str | None = None) -> list[CalendarMeeting]:
    """The live meetings from ``start`` to ``end`` inclusive (of ``status`` only, when
    given), in time order (a range read of the starts_at index)."""
    test, params = "", [start.isoformat(), end.isoformat() + " 23:59"]
    if status is not None:
        test, params = " AND m.status = ?", [*params, status]
    rows = store.db.execute(
        "SELECT m.id, m.partner_id, coalesce(p.name_zh, p.name_en, ''), p.tier, m.starts_at,"
        " coalesce(m.status, 'held'), m.type, m.location"
        " FROM meetings m JOIN partners p ON p.id = m.partner_id AND p.deleted = 0"
        f" WHERE m.starts_at >= ? AND m.starts_at <= ? AND m.deleted = 0{test}"
        " ORDER BY m.starts_at, m.rowid", params).fetchall()
    return [CalendarMeeting(*r) for r in rows]


def due_visits(overviews: list[PartnerOverview], start: dt.date, end: dt.date,
               today: dt.date) -> dict[dt.date, list[DueVisit]]:
    """Each day's partners whose visit falls due that day, most important tier first.
    Partners already overdue are listed on today (when today is in the range); a
    partner with a visit planned ahead, or whose partnership ended, is not listed."""
    out: dict[dt.date, list[DueVisit]] = {}
    ended = domain.PartnerStatus.ENDED
    for ov in overviews:
        if ov.next_planned is not None or ov.status == ended:
            continue
        due = ov.due_on
        if due is None or due < today:
            day, reason = today, DueReason.OVERDUE
        else:
            day = due
            reason = DueReason.CADENCE if ov.last_met is not None else DueReason.NEW
        if start <= day <= end:
            out.setdefault(day, []).append(DueVisit(
                ov.id, ov.display_name, ov.tier, ov.region, reason, due, ov.last_met))
    never = dt.date.min
    for visits in out.values():
        visits.sort(key=lambda v: (TIER_PRIORITY.get(v.tier, 9), v.due_on or never,
                                   v.partner_name))
    return out


def first_meetings_by_day(store: Store, start: dt.date, end: dt.date,
                          per_day: int = CELL_MEETINGS
                          ) -> tuple[dict[dt.date, list[CalendarMeeting]], dict[dt.date, int]]:
    """Each day's first ``per_day`` meetings that are not cancelled, and how many each
    day has: a big portfolio's month holds ten thousand meetings, of which a grid
    shows a few a day. The counts come from one pass over the covering index of
    migration 0012; each day's first few from a range read of it that stops after
    them (faster than numbering the month's rows with a window function)."""
    live = " AND m.deleted = 0 AND coalesce(m.status, 'held') != 'cancelled'"
    counts = {dt.date.fromisoformat(d): n for d, n in store.db.execute(
        "SELECT substr(m.starts_at, 1, 10), count(*) FROM meetings m"
        " INDEXED BY idx_meetings_calendar WHERE m.starts_at >= ? AND m.starts_at <= ?"
        + live + " GROUP BY substr(m.starts_at, 1, 10)",
        [start.isoformat(), end.isoformat() + " 23:59"])}
    # a deleted partner's meetings stay (a delete does not cascade) but are not shown:
    # taken off the counts through the (partner_id, starts_at) index, seldom needed
    gone = [pid for (pid,) in store.db.execute("SELECT id FROM partners WHERE deleted = 1")]
    if gone:
        for d, n in store.db.execute(
                "SELECT substr(m.starts_at, 1, 10), count(*) FROM meetings m"
                f" WHERE m.partner_id IN ({', '.join('?' for _ in gone)})"
                " AND m.starts_at >= ? AND m.starts_at <= ?" + live
                + " GROUP BY substr(m.starts_at, 1, 10)",
                [*gone, start.isoformat(), end.isoformat() + " 23:59"]):
            day = dt.date.fromisoformat(d)
            counts[day] -= n
            if not counts[day]:
                del counts[day]
    meetings: dict[dt.date, list[CalendarMeeting]] = {}
    for day in sorted(counts):
        rows = store.db.execute(
            "SELECT m.id, m.partner_id, coalesce(p.name_zh, p.name_en, ''), p.tier,"
            " m.starts_at, coalesce(m.status, 'held'), m.type, m.location"
            " FROM meetings m INDEXED BY idx_meetings_calendar"
            " JOIN partners p ON p.id = m.partner_id AND p.deleted = 0"
            " WHERE m.starts_at >= ? AND m.starts_at <= ?" + live
            + " ORDER BY m.starts_at LIMIT ?",
            [day.isoformat(), day.isoformat() + " 23:59", per_day]).fetchall()
        meetings[day] = [CalendarMeeting(*r) for r in rows]
    return meetings, counts


def load_calendar(store: Store, start: dt.date, end: dt.date, today: dt.date,
                  overviews: list[PartnerOverview]) -> CalendarData:
    """The calendar's data for ``start``..``end``, in the database lane. ``overviews``:
    every partner's overview for ``today`` (loaded once, not at every navigation).
    A day's full list is ``meetings_between(store, day, day)``."""
    data = CalendarData(start, end, work_days.days_between(start, end))
    data.meetings, data.meeting_counts = first_meetings_by_day(store, start, end)
    data.due = due_visits(overviews, start, end, today)
    return data
