"""The vocabulary of the channel-management method (see shared/domain.md).

Enumerations are plain string constants so they round-trip through SQLite, JSON and
the sync protocol unchanged; display names live in the UI's translations.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Tier(StrEnum):
    CORE = "core"              # 金牌核心渠道
    ORDINARY = "ordinary"      # 普通分销渠道
    EMERGING = "emerging"      # 新兴试点渠道
    STRATEGIC = "strategic"    # 战略合作渠道


class Stage(StrEnum):
    INTRO = "intro"            # 初识
    RUNNING_IN = "running_in"  # 磨合
    MATURE = "mature"          # 成熟
    ADVANCED = "advanced"      # 进阶


class PartnerStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class MeetingType(StrEnum):
    REGULAR_REVIEW = "regular_review"
    QUARTERLY_REVIEW = "quarterly_review"
    TRAINING = "training"
    JOINT_CAMPAIGN = "joint_campaign"
    VISIT = "visit"
    AD_HOC = "ad_hoc"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class OwnerSide(StrEnum):
    OURS = "ours"
    PARTNER = "partner"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ActionStatus(StrEnum):
    """The closed loop: an item is finished only when the partner has heard back."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FEEDBACK_GIVEN = "feedback_given"


#: The date column stamped when an action item enters each status.
ACTION_STATUS_STAMP = {
    ActionStatus.IN_PROGRESS: "started_on",
    ActionStatus.DONE: "done_on",
    ActionStatus.FEEDBACK_GIVEN: "feedback_on",
}

#: Statuses in which an action item still needs work or feedback (an item of ours;
#: a partner-owned item is closed once done, see ``loop_open``).
ACTION_OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE)


def loop_open(status: str | None, owner_side: str | None) -> bool:
    """Whether an action item's loop is still open. Ours: until the partner heard
    back (feedback given). The partner's own task: until it is done; feedback to the
    partner about their own work makes no sense."""
    if status == ActionStatus.DONE:
        return owner_side != OwnerSide.PARTNER
    return status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def final_status(owner_side: str | None) -> ActionStatus:
    """The last step of an item's loop: feedback given (ours), done (the partner's)."""
    return ActionStatus.DONE if owner_side == OwnerSide.PARTNER else ActionStatus.FEEDBACK_GIVEN


def loop_open_sql(alias: str = "") -> str:
    """``loop_open`` as an SQL condition on action_items (``alias``: "a." or "")."""
    return (f"({alias}status IN ('open', 'in_progress')"
            f" OR ({alias}status = 'done' AND {alias}owner_side != 'partner'))")


class GoalStatus(StrEnum):
    """A joint goal (联合目标) is agreed with the partner, then tracked to its end."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


#: goal statuses still in play (the others are finished)
GOAL_LIVE_STATUSES = (GoalStatus.PROPOSED, GoalStatus.AGREED, GoalStatus.ON_TRACK,
                      GoalStatus.AT_RISK)


class GoalKpi(StrEnum):
    """Head-office KPI figures a joint goal may be measured by (kpi_snapshots)."""

    SALES = "sales"
    PROFIT = "profit"
    REPURCHASE_RATE = "repurchase_rate"
    ACTIVE_CUSTOMERS = "active_customers"


#: KPI figures summed over a goal's period; the others take the latest month's value
GOAL_KPI_SUMMED = (GoalKpi.SALES, GoalKpi.PROFIT)


class TouchpointKind(StrEnum):
    """Contacts outside meetings (人情 and enablement): they count as contact."""

    GREETING = "greeting"
    GIFT = "gift"
    CALL = "call"
    MESSAGE = "message"
    VISIT = "visit"
    TRAINING = "training"
    OTHER = "other"


class FeedbackChannel(StrEnum):
    """How feedback reached the partner (反馈闭环): recorded beside what was said."""

    PHONE = "phone"
    WECHAT = "wechat"
    IN_PERSON = "in_person"
    EMAIL = "email"


#: the languages a partner may prefer: a meeting's generated agenda and its packs
PARTNER_LANGUAGES = ("zh_CN", "en")


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    SCORE_1_5 = "score_1_5"
    TEXT = "text"


#: Default visit cadence in days (分层维护: core and strategic monthly, emerging more
#: often as the pilot needs, ordinary quarterly). Settings may override it.
DEFAULT_CADENCE_DAYS: dict[str, int] = {
    Tier.CORE: 30,
    Tier.STRATEGIC: 30,
    Tier.EMERGING: 21,
    Tier.ORDINARY: 90,
}

#: A partner is "due" this many days before its cadence runs out.
DUE_SOON_DAYS = 7

#: Response deadline in days by severity and tier (分级响应): the more a partner
#: matters, the faster we answer.
RESPONSE_DAYS: dict[str, dict[str, int]] = {
    Severity.CRITICAL: {Tier.CORE: 1, Tier.STRATEGIC: 1, Tier.EMERGING: 2, Tier.ORDINARY: 3},
    Severity.HIGH: {Tier.CORE: 2, Tier.STRATEGIC: 2, Tier.EMERGING: 3, Tier.ORDINARY: 5},
    Severity.MEDIUM: {Tier.CORE: 5, Tier.STRATEGIC: 5, Tier.EMERGING: 7, Tier.ORDINARY: 10},
    Severity.LOW: {Tier.CORE: 10, Tier.STRATEGIC: 10, Tier.EMERGING: 14, Tier.ORDINARY: 20},
}


def response_deadline(tier: str, severity: str, opened_on: dt.date) -> dt.date:
    """The date by which an action item of this severity must be answered."""
    return opened_on + dt.timedelta(days=RESPONSE_DAYS[Severity(severity)][Tier(tier)])


class VisitStatus(StrEnum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


def cadence_days(cadence: dict[str, int] | None = None) -> dict[str, int]:
    """Days between visits for every tier: ``cadence`` (the user's settings) where it
    says, the domain default elsewhere."""
    return {**DEFAULT_CADENCE_DAYS, **(cadence or {})}


def visit_due_on(
    last_met: dt.date | None, tier: str, cadence: dict[str, int] | None = None, *,
    created_on: dt.date | None = None, planned_on: dt.date | None = None,
) -> dt.date | None:
    """The day a partner's next visit falls due: its tier's cadence after the last
    held visit. A partner never met counts from its creation (a new partner is not
    overdue on day one), or from its first planned visit when that is later; a
    planned meeting is never a visit until it is held. None: nothing to count from
    (a partner never met whose creation is unknown), which reads as overdue."""
    days = cadence_days(cadence)[Tier(tier)]
    if last_met is not None:
        return last_met + dt.timedelta(days=days)
    if created_on is None:
        return None
    due = created_on + dt.timedelta(days=days)
    return planned_on if planned_on is not None and planned_on > due else due


def visit_status_for_due(due_on: dt.date | None, today: dt.date) -> VisitStatus:
    """Overdue past ``due_on``, due within ``DUE_SOON_DAYS`` of it, else ok."""
    if due_on is None:
        return VisitStatus.OVERDUE
    left = (due_on - today).days
    if left < 0:
        return VisitStatus.OVERDUE
    if left <= DUE_SOON_DAYS:
        return VisitStatus.DUE
    return VisitStatus.OK


def visit_status(
    last_met: dt.date | None, tier: str, today: dt.date, cadence: dict[str, int] | None = None,
    *, created_on: dt.date | None = None, planned_on: dt.date | None = None,
) -> VisitStatus:
    """Whether a partner is within its tier's visit cadence (see ``visit_due_on``)."""
    return visit_status_for_due(
        visit_due_on(last_met, tier, cadence, created_on=created_on, planned_on=planned_on),
        today)


def meeting_status_for(starts: dt.datetime, now: dt.datetime) -> MeetingStatus:
    """The status a new meeting starts with: planned when it lies ahead (planning a
    visit must not count as one), held when it has begun."""
    return MeetingStatus.PLANNED if starts > now else MeetingStatus.HELD
