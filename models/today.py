"""What the Today page shows, computed without Qt: partners due or overdue for a
visit, the most urgent due action items, the nearest key dates and the partners
"lying flat", and the first load of the main window (Today plus every partner's
overview, which the Partners page shows).

Qt-free so that the start-up snapshot and the first load can run before any widget
exists (desktop/app.py starts the first load while the interface is still being
imported).
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from models import calendar_data, insights
from models.domain import MeetingStatus
from models.today_figures import WEEK_DAYS, TodayFigures, action_counts

ACTIONS_SOON_DAYS = 7
KEY_DATES_DAYS = 30
#: rows each list shows until the user asks for all of them
LIST_LIMIT = 200


@dataclass
class TodayData:
    """Everything Today shows, computed in one database job."""

    visits: list[insights.PartnerOverview]
    #: the most urgent due actions (all of them when loaded with ``action_limit=None``)
    actions: list[dict]
    #: the nearest key dates (all of them when loaded with ``key_date_limit=None``)
    key_dates: list[dict]
    lying_flat: list[insights.PartnerOverview]
    #: how many actions are due in all, and how many of those are overdue
    actions_total: int = 0
    actions_overdue: int = 0
    #: how many key dates there are in all (a big profile has thousands a month)
    key_dates_total: int = 0
    #: this week's planned visits (Monday to Sunday; those of days gone by were not
    #: held yet), in time order
    planned: list[calendar_data.CalendarMeeting] = field(default_factory=list)
    #: the summary cards' numbers
    figures: TodayFigures = field(default_factory=TodayFigures)


def action_urgency(row: dict) -> tuple[int, str]:
    """Sort key of a due action item, most urgent first: late work, then work due
    soon, then work done that still waits for feedback to the partner."""
    if row["status"] == "done":
        return (2, row["due_on"])
    return (0 if row["overdue"] else 1, row["due_on"])


def due_actions(store: Any, today: dt.date, limit: int | None = LIST_LIMIT) -> list[dict]:
    """The action items Today lists (overdue or due within ``ACTIONS_SOON_DAYS``, the
    first ``limit`` by due date), each marked ``late`` when its work is past due (a
    done item waits for feedback, not for work), most urgent first."""
    return _urgent_first(insights.actions_due(store, today, ACTIONS_SOON_DAYS, limit=limit))


def _urgent_first(actions: list[dict]) -> list[dict]:
    for a in actions:
        a["late"] = a["overdue"] and a["status"] != "done"
    actions.sort(key=action_urgency)  # stable: the severity order kept within a date
    return actions


def load_today(store: Any, today: dt.date, cadence: dict[str, int],
               overviews: list[insights.PartnerOverview] | None = None,
               action_limit: int | None = LIST_LIMIT,
               key_date_limit: int | None = LIST_LIMIT) -> TodayData:
    """Runs in the database lane. ``overviews``: already computed for this day and
    cadence (the main window shares one computation with the Partners page).
    ``action_limit``, ``key_date_limit``: keep only the most urgent actions and the
    nearest key dates (None: all); the totals count them all."""
    if overviews is None:
        overviews = insights.partner_overviews(store, today, cadence)
    order = {"overdue": 0, "due": 1}
    # the longest overdue first (the earliest due day; never met and nothing to count
    # from before all)
    visits = sorted((o for o in overviews if o.visit_status in order),
                    key=lambda o: (order[o.visit_status], o.due_on or dt.date.min))
    flat = sorted((o for o in overviews if o.lying_flat), key=lambda o: -len(o.signs))
    found, counts = insights.actions_due_counted(store, today, ACTIONS_SOON_DAYS,
                                                 limit=action_limit)
    actions = _urgent_first(found)
    if counts is not None:
        total, overdue = counts
    elif action_limit is None or len(actions) < action_limit:
        total, overdue = len(actions), sum(1 for a in actions if a["overdue"])
    else:
        total, overdue = insights.actions_due_counts(store, today, ACTIONS_SOON_DAYS)
    # the week's count comes with the month's list (KEY_DATES_DAYS covers the week)
    key_dates, key_dates_total, key_dates_week = insights.nearest_key_dates_counted(
        store, today, KEY_DATES_DAYS, key_date_limit, within=WEEK_DAYS)
    monday, sunday = calendar_data.week_of(today)
    planned = calendar_data.meetings_between(store, monday, sunday, MeetingStatus.PLANNED)
    late, waiting = action_counts(store, today)
    figures = TodayFigures(
        partners=len(overviews),
        visits_overdue=sum(1 for o in visits if o.visit_status == "overdue"),
        visits_due_week=sum(1 for o in visits if o.visit_status == "due"),
        actions_late=late,
        actions_awaiting_feedback=waiting,
        partners_quiet=len(flat),
        key_dates_week=key_dates_week,
    )
    return TodayData(
        planned=planned,
        figures=figures,
        visits=visits,
        actions=actions,
        key_dates=key_dates,
        lying_flat=flat,
        actions_total=total,
        actions_overdue=overdue,
        key_dates_total=key_dates_total,
    )


def first_load(store: Any, today: dt.date, cadence: dict[str, int],
               limits: tuple[int | None, int | None] = (LIST_LIMIT, LIST_LIMIT),
               ) -> tuple[int, list[insights.PartnerOverview], TodayData, float]:
    """The main window's load, in the database lane: (data generation, every
    partner's overview, Today's data, milliseconds the queries took). The
    generation is read before the queries: a write in between makes the result look
    older than it is (a snapshot saved with it is not trusted), never newer."""
    started = time.perf_counter()
    generation = store.data_generation()
    overviews = insights.partner_overviews(store, today, cadence)
    data = load_today(store, today, cadence, overviews, *limits)
    return generation, overviews, data, (time.perf_counter() - started) * 1000
