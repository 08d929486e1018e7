"""Planned visits: planning one on a day, moving it, and holding it (a planned
meeting becomes a visit only when it is held, at the real time)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from models import domain
from models.errors import ValidationError
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
