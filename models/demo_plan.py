"""What the demo generator (models/demo_data.py) plans with: the portfolio's shape
(tiers, health plans, targets, weights), one partner's plan, and the small helpers
every part of the generator shares."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from models.domain import MeetingType, Severity, Stage, Tier

Progress = Callable[[int, int], None]

BATCH = 2000
#: months of KPI history per partner
KPI_MONTHS = 12
#: share of partners in each health plan; every plan appears at least once
HEALTH_WEIGHTS = {"ok": 55, "due": 15, "overdue": 15, "flat": 15}
TIER_WEIGHTS = {Tier.CORE: 15, Tier.ORDINARY: 50, Tier.EMERGING: 20, Tier.STRATEGIC: 15}
#: how many meetings/actions a partner of each tier attracts, relative to ordinary
TIER_ATTENTION = {Tier.CORE: 3.0, Tier.STRATEGIC: 2.5, Tier.EMERGING: 2.0, Tier.ORDINARY: 1.0}
#: monthly sales target scale (CNY) per tier
TIER_TARGET = {
    Tier.CORE: 2_000_000,
    Tier.STRATEGIC: 3_000_000,
    Tier.EMERGING: 150_000,
    Tier.ORDINARY: 300_000,
}
STAGE_REPURCHASE = {
    Stage.INTRO: 0.15,
    Stage.RUNNING_IN: 0.22,
    Stage.MATURE: 0.30,
    Stage.ADVANCED: 0.38,
}
MEETING_TYPE_WEIGHTS = {
    MeetingType.REGULAR_REVIEW: 35,
    MeetingType.QUARTERLY_REVIEW: 15,
    MeetingType.VISIT: 25,
    MeetingType.TRAINING: 10,
    MeetingType.JOINT_CAMPAIGN: 8,
    MeetingType.AD_HOC: 7,
}
SEVERITY_WEIGHTS = {Severity.LOW: 30, Severity.MEDIUM: 40, Severity.HIGH: 22, Severity.CRITICAL: 8}
OUR_TEAM = ("张伟", "李娜", "王磊", "陈静", "刘洋")


@dataclass
class PartnerPlan:
    """One partner as the generator plans it (small, in memory), before any row."""

    id: str
    tier: str
    stage: str
    health: str
    international: bool
    contacts: list[str] = field(default_factory=list)
    #: (meeting id, date) of held meetings, for action items raised in them
    held: list[tuple[str, dt.date]] = field(default_factory=list)
    actions_seen: int = 0
    contact_ids: list[str] = field(default_factory=list)
    #: head office's monthly sales targets, by period (for the joint goals)
    kpi_targets: dict[str, float] = field(default_factory=dict)

def in_year(day: dt.date, year: int) -> dt.date:
    """``day``'s day and month in ``year`` (28 February for 29 February)."""
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return dt.date(year, 2, 28)


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (the last one shorter), for one transaction each."""
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
