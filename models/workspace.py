"""What the partner workspace reads for one partner, in the database lane: its
profile (fields, KPIs, its contacts' coming key dates), its cadence status, and its
reviews with the templates to fill. The rules are the ones the Today and Partners
pages use (``models.insights``), so the pages cannot disagree."""
from __future__ import annotations

import datetime as dt
from typing import Any

from models import goals, insights, playbook
from models.store import Store

#: how far ahead the overview shows contacts' birthdays and anniversaries
KEY_DATES_DAYS = 30


def partner_profile(store: Store, partner_id: str, today: dt.date) -> dict[str, Any]:
    """The partner, its last twelve KPI months and its contacts' key dates in the next
    KEY_DATES_DAYS days (fast: one partner)."""
    return {
        "partner": store.get("partner", partner_id),
        "kpis": store.for_partner("kpi_snapshot", partner_id, order=["-period"], limit=12),
        "key_dates": insights.upcoming_key_dates(store, today, KEY_DATES_DAYS,
                                                 partner_id=partner_id),
    }


def partner_status(store: Store, partner_id: str, today: dt.date,
                   cadence: dict[str, int]) -> insights.PartnerOverview | None:
    """Cadence status and warning signs, as the Partners table shows them (slower:
    insights groups over the partner's history), so it runs as a job of its own."""
    overviews = insights.partner_overviews(store, today, cadence, partner_ids=[partner_id])
    return overviews[0] if overviews else None


def partner_reviews(store: Store, partner_id: str) -> dict[str, Any]:
    """The partner's tier, the published checklist templates and its reviews, newest
    first."""
    partner = store.get("partner", partner_id)
    return {
        "tier": partner["tier"],
        "templates": store.published_templates(),
        "runs": store.for_partner("checklist_run", partner_id,
                                  order=["-performed_on", "-created_at"]),
    }


def partner_goals(store: Store, partner_id: str, today: dt.date) -> dict[str, Any]:
    """The partner's joint goals, assessed (models.goals), and what the goal dialog
    offers: its meetings (where a goal was agreed) newest first."""
    return {
        "goals": goals.partner_goals(store, partner_id, today),
        "meetings": store.for_partner("meeting", partner_id, order=["-starts_at"], limit=50),
    }


def partner_relationship(store: Store, partner_id: str, today: dt.date) -> dict[str, Any]:
    """The Relationship tab: the partner (tier, stage), its stage history, touchpoints,
    contacts (for logging one) and training sessions of the last year."""
    return {
        "partner": store.get("partner", partner_id),
        "history": playbook.stage_history(store, partner_id),
        "touchpoints": playbook.touchpoints(store, partner_id),
        "contacts": store.for_partner("contact", partner_id, order=["name"]),
        "training": playbook.training_count(store, partner_id, today),
    }
