"""Meetings, reviews (复盘 checklists) and contacts: creating them."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from models.domain import MeetingStatus
from models.meeting_templates import agenda_for
from models.store import Store
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def create_meeting(ctx: AppContext, partner_id: str, meeting_type: str, starts: dt.datetime,
                   lang: str, on_done: OnDone = None, on_error: OnError = None) -> None:
    """A held meeting with the agenda its type and the partner's open items suggest;
    ``on_done((row, agenda))``."""
    def create(store: Store) -> tuple[dict[str, Any], str]:
        agenda = agenda_for(store, partner_id, meeting_type, lang)
        row = store.create("meeting", {
            "partner_id": partner_id, "type": meeting_type,
            "status": str(MeetingStatus.HELD), "starts_at": starts, "agenda": agenda,
        })
        return row, agenda

    run(ctx, create, on_done, on_error)


def create_review(ctx: AppContext, partner_id: str, template_id: str, performed_on: dt.date,
                  on_done: OnDone = None, on_error: OnError = None) -> None:
    """An empty review of ``template_id``, to be filled in."""
    run(ctx, lambda store: store.create("checklist_run", {
        "partner_id": partner_id, "template_id": template_id, "performed_on": performed_on,
        "answers": {}, "completion": 0.0,
    }), on_done, on_error)


def save_contact(ctx: AppContext, partner_id: str | None, contact_id: str | None,
                 values: dict[str, Any], on_done: OnDone = None,
                 on_error: OnError = None) -> None:
    """A new contact of ``partner_id`` (``contact_id`` None), or changes to one."""
    def write(store: Store) -> dict[str, Any]:
        if contact_id is None:
            return store.create("contact", {"partner_id": partner_id, **values})
        return store.update("contact", contact_id, values)

    run(ctx, write, on_done, on_error)
