"""The method's playbooks per partner: lifecycle-stage moves (with their history), the
tier strategy's terms as agreed, the agreement's renewal, training and enablement, and
the remedies for a partner lying flat (躺平).

Display words (a stage's focus, a tier's default terms, a remedy's title) live in the
interface's translations (ui/playbook_text.py); this module holds the rules and keys.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from models import domain
from models.store import Row, Store

#: the tier strategy's parts, and the partner field holding each as agreed
TERM_FIELDS = {"incentive": "incentive_scheme", "service": "service_terms",
               "risk_sharing": "risk_terms"}
#: an agreement ending within this many days is shown for renewal (Today)
RENEWAL_NOTICE_DAYS = 60
#: training and enablement counted over this many days
TRAINING_WINDOW_DAYS = 365


class Remedy:
    """The method's remedies for a partner lying flat (the article's FAQ)."""

    SHARED_INTERESTS = "shared_interests"
    TRANSPARENCY = "transparency"
    INCENTIVES = "incentives"
    SOLUTIONS = "solutions"
    SIMPLER = "simpler"


REMEDIES = (Remedy.SHARED_INTERESTS, Remedy.TRANSPARENCY, Remedy.INCENTIVES, Remedy.SOLUTIONS,
            Remedy.SIMPLER)


def update_partner(store: Store, partner_id: str, changes: dict[str, Any],
                   reason: str | None = None) -> Row:
    """Change a partner's fields; a new lifecycle stage is recorded in its stage
    history (when, from, to, why) in the same transaction."""
    with store.transaction():
        old = store.get("partner", partner_id)
        new = store.update("partner", partner_id, changes)
        if new["stage"] != old["stage"]:
            store.create("stage_change", {
                "partner_id": partner_id, "changed_on": store.clock()[:10],
                "from_stage": old["stage"], "to_stage": new["stage"], "reason": reason})
    return new


def stage_history(store: Store, partner_id: str) -> list[Row]:
    """The partner's stage moves, newest first."""
    return store.for_partner("stage_change", partner_id, order=["-changed_on", "-created_at"])


def renewals_due(store: Store, today: dt.date, days: int = RENEWAL_NOTICE_DAYS,
                 limit: int | None = None) -> list[dict[str, Any]]:
    """Live partners whose agreement ends within ``days`` (or ended, not yet renewed
    in the last ``days``), the nearest end first, with ``in_days`` (negative: ended)."""
    lo, hi = (today - dt.timedelta(days=days)).isoformat(), (today + dt.timedelta(days=days)).isoformat()
    rows = store.query(
        "SELECT id, coalesce(name_zh, name_en) AS partner_name, tier, agreement_start,"
        " agreement_end FROM partners WHERE deleted = 0 AND coalesce(status, 'active') = 'active'"
        " AND agreement_end >= ? AND agreement_end <= ? ORDER BY agreement_end, partner_name"
        + (f" LIMIT {int(limit)}" if limit is not None else ""), [lo, hi])
    for r in rows:
        r["in_days"] = (dt.date.fromisoformat(r["agreement_end"]) - today).days
    return rows


def training_count(store: Store, partner_id: str, today: dt.date,
                   days: int = TRAINING_WINDOW_DAYS) -> int:
    """Training and enablement sessions with the partner in the last ``days``: held
    training meetings and training touchpoints."""
    since = (today - dt.timedelta(days=days)).isoformat()
    until = today.isoformat()
    meetings = store.count(
        "meeting", "partner_id = ? AND type = ? AND coalesce(status, 'held') = 'held'"
        " AND starts_at >= ? AND starts_at <= ?",
        [partner_id, str(domain.MeetingType.TRAINING), since, until + " 23:59"])
    touches = store.count(
        "touchpoint", "partner_id = ? AND kind = ? AND happened_on >= ? AND happened_on <= ?",
        [partner_id, str(domain.TouchpointKind.TRAINING), since, until])
    return meetings + touches


def touchpoints(store: Store, partner_id: str, limit: int | None = None) -> list[Row]:
    """The partner's touchpoints, newest first, with the contact's name."""
    return store.query(
        "SELECT t.*, c.name AS contact_name FROM touchpoints t"
        " LEFT JOIN contacts c ON c.id = t.contact_id"
        " WHERE t.deleted = 0 AND t.partner_id = ? ORDER BY t.happened_on DESC, t.created_at DESC"
        + (f" LIMIT {int(limit)}" if limit is not None else ""), [partner_id])


def remedy_action(store: Store, partner_id: str, title: str, details: str | None = None) -> Row:
    """A remedy the manager chose, as an action item on our side."""
    return store.create_action_item(partner_id=partner_id, title=title, details=details,
                                    owner_side=domain.OwnerSide.OURS,
                                    severity=domain.Severity.HIGH)
