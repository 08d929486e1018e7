"""What the partner workspace reads for one partner, in the database lane: its
profile (fields, KPIs, its contacts' coming key dates), its cadence status, and its
reviews with the templates to fill. The rules are the ones the Today and Partners
pages use (``models.insights``), so the pages cannot disagree."""
from __future__ import annotations

import datetime as dt
from typing import Any

from models import insights
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
