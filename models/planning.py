"""Planned visits: planning one on a day, moving it, holding it (a planned meeting
becomes a visit only when it is held, at the real time), and proposing a week of
them from what is due."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from models import calendar_data, domain, work_days
from models.errors import ValidationError
from models.insights import PartnerOverview
from models.meeting_templates import agenda_for
from models.store import Store

MINUTE = "%Y-%m-%d %H:%M"
#: ValidationError.code: the meeting is not (or no longer) planned
NOT_PLANNED = "not_planned"


def plan_visit(store: Store, partner_id: str, starts: dt.datetime,
               meeting_type: str = domain.MeetingType.VISIT, lang: str = "zh_CN"
               ) -> dict[str, Any]:
    """A planned meeting with ``partner_id`` at ``starts``, its agenda suggested by its
    type and the partner's open items."""
    agenda = agenda_for(store, partner_id, str(meeting_type), lang)
    return store.create("meeting", {
        "partner_id": partner_id, "type": str(meeting_type),
        "status": str(domain.MeetingStatus.PLANNED), "starts_at": starts, "agenda": agenda,
    })


def _planned(store: Store, meeting_id: str) -> dict[str, Any]:
    row = store.get("meeting", meeting_id)
    if row.get("status") != domain.MeetingStatus.PLANNED:
        raise ValidationError("Only a planned meeting can be moved or started.",
                              field="status", code=NOT_PLANNED)
    return row


def move_visit(store: Store, meeting_id: str, day: dt.date) -> dict[str, Any]:
    """The planned meeting moved to ``day``, at the same time of day."""
    row = _planned(store, meeting_id)
    old = str(row.get("starts_at") or "")
    time = old[11:16] if len(old) >= 16 else "10:00"
    return store.update("meeting", meeting_id, {"starts_at": f"{day.isoformat()} {time}"})


def hold_meeting(store: Store, meeting_id: str, now: dt.datetime) -> dict[str, Any]:
    """The planned meeting is being held: status held, at ``now`` (the real time, not
    the planned one; the cadence counts from the day it happened)."""
    _planned(store, meeting_id)
    return store.update("meeting", meeting_id, {
        "status": str(domain.MeetingStatus.HELD), "starts_at": now.strftime(MINUTE)})


# --- suggest a week ---------------------------------------------------------------------

#: visits a day that "suggest a week" plans up to, unless Settings say otherwise
DEFAULT_VISITS_PER_DAY = 4
#: the profile setting that holds it
VISITS_PER_DAY_KEY = "calendar/visits_per_day"


@dataclass(slots=True)
class Suggestion:
    """A visit "suggest a week" proposes; the manager accepts, moves or drops it."""

    partner_id: str
    partner_name: str
    tier: str
    region: str | None
    day: dt.date
    #: calendar_data.DueReason of the partner's visit
    reason: str
    due_on: dt.date | None
    last_met: dt.date | None = None


def visits_per_day(store: Store) -> int:
    """The day's limit for "suggest a week" (Settings; stored with the profile)."""
    try:
        return max(1, int(store.get_setting(VISITS_PER_DAY_KEY) or DEFAULT_VISITS_PER_DAY))
    except ValueError:
        return DEFAULT_VISITS_PER_DAY


def coming_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Next Monday to Sunday."""
    monday = today + dt.timedelta(days=7 - today.weekday())
    return monday, monday + dt.timedelta(days=6)


def suggest_week(store: Store, overviews: list[PartnerOverview], today: dt.date,
                 week: tuple[dt.date, dt.date] | None = None,
                 per_day: int | None = None) -> list[Suggestion]:
    """Planned visits to propose for ``week`` (default: the coming one) from what is
    due: partners overdue or falling due by the week's end, with no visit planned,
    the most important tiers first (core, strategic, then emerging and ordinary),
    the longest overdue first within a tier; up to ``per_day`` visits on each working
    day (visits already planned count), each region kept together on as few days
    as it needs (``per_day`` None: the Settings' limit). Nothing is written: ``plan_visits`` writes what the manager accepts."""
    start, end = week or coming_week(today)
    per_day = visits_per_day(store) if per_day is None else per_day
    days = [d.day for d in work_days.days_between(start, end) if d.working and d.day >= today]
    if not days or per_day <= 0:
        return []
    taken = Counter(m.day for m in calendar_data.meetings_between(
        store, start, end, domain.MeetingStatus.PLANNED))
    room = {d: max(0, per_day - taken[d]) for d in days}
    capacity = sum(room.values())
    ended = domain.PartnerStatus.ENDED
    never = dt.date.min
    candidates = sorted(
        (ov for ov in overviews
         if ov.next_planned is None and ov.status != ended
         and (ov.due_on is None or ov.due_on <= end)),
        key=lambda ov: (calendar_data.TIER_PRIORITY.get(ov.tier, 9), ov.due_on or never,
                        ov.display_name))[:capacity]
    # regions in the order of their most urgent partner; each region's partners in
    # priority order, so a day holds one region where it can
    by_region: dict[str, list[PartnerOverview]] = {}
    for ov in candidates:
        by_region.setdefault(ov.region or "", []).append(ov)
    out: list[Suggestion] = []
    day_iter = iter(days)
    day = next(day_iter)
    for group in by_region.values():
        for ov in group:
            while room[day] == 0:
                day = next(day_iter)
            room[day] -= 1
            if ov.due_on is None or ov.due_on < today:
                reason = calendar_data.DueReason.OVERDUE
            else:
                reason = (calendar_data.DueReason.CADENCE if ov.last_met is not None
                          else calendar_data.DueReason.NEW)
            out.append(Suggestion(ov.id, ov.display_name, ov.tier, ov.region, day, reason,
                                  ov.due_on, ov.last_met))
    return out


def plan_visits(store: Store, visits: list[tuple[str, dt.datetime]],
                meeting_type: str = domain.MeetingType.VISIT, lang: str = "zh_CN"
                ) -> list[dict[str, Any]]:
    """Planned meetings for the accepted suggestions ((partner, when) pairs), in one
    transaction: all of them or, on a refusal, none."""
    with store.transaction():
        return [plan_visit(store, pid, when, meeting_type, lang) for pid, when in visits]
