"""Meetings, reviews (复盘 checklists) and contacts: creating them; planned visits:
planning, moving, holding and exporting them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import planning
from models.domain import MeetingType, meeting_status_for
from models.meeting_templates import agenda_for
from models.store import Store
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def create_meeting(ctx: AppContext, partner_id: str, meeting_type: str, starts: dt.datetime,
                   lang: str, on_done: OnDone = None, on_error: OnError = None) -> None:
    """A meeting with the agenda its type and the partner's open items suggest: held
    when ``starts`` has come, planned when it lies ahead (planning a visit is not a
    visit); ``on_done((row, agenda))``."""
    now = ctx.now()

    def create(store: Store) -> tuple[dict[str, Any], str]:
        agenda = agenda_for(store, partner_id, meeting_type, lang)
        status = meeting_status_for(starts, now)
        row = store.create("meeting", {
            "partner_id": partner_id, "type": meeting_type,
            "status": str(status), "starts_at": starts, "agenda": agenda,
        })
        return row, agenda

    run(ctx, create, on_done, on_error)


def create_review(ctx: AppContext, partner_id: str, template_id: str, performed_on: dt.date,
                  on_done: OnDone = None, on_error: OnError = None) -> None:
    """An empty review of ``template_id``, to be filled in, at the partner's lifecycle
    stage (it walks that stage's section of the template)."""
    def create(store: Store) -> dict[str, Any]:
        stage = store.get("partner", partner_id)["stage"]
        return store.create("checklist_run", {
            "partner_id": partner_id, "template_id": template_id, "performed_on": performed_on,
            "answers": {}, "completion": 0.0, "stage": stage,
        })

    run(ctx, create, on_done, on_error)


def save_contact(ctx: AppContext, partner_id: str | None, contact_id: str | None,
                 values: dict[str, Any], on_done: OnDone = None,
                 on_error: OnError = None) -> None:
    """A new contact of ``partner_id`` (``contact_id`` None), or changes to one."""
    def write(store: Store) -> dict[str, Any]:
        if contact_id is None:
            return store.create("contact", {"partner_id": partner_id, **values})
        return store.update("contact", contact_id, values)

    run(ctx, write, on_done, on_error)


def plan_visit(ctx: AppContext, partner_id: str, day: dt.date, lang: str,
               meeting_type: str = MeetingType.VISIT, at: dt.time = dt.time(10, 0),
               on_done: OnDone = None, on_error: OnError = None) -> None:
    """A planned visit to ``partner_id`` on ``day`` (its agenda from the type and the
    partner's open items); ``on_done(row)``."""
    def create(store: Store) -> dict[str, Any]:
        return planning.plan_visit(store, partner_id, dt.datetime.combine(day, at),
                                   meeting_type, lang)

    run(ctx, create, on_done, on_error)


def plan_visits(ctx: AppContext, visits: list[tuple[str, dt.datetime]], lang: str,
                on_done: OnDone = None, on_error: OnError = None) -> None:
    """Planned visits, (partner id, start) each, in one transaction (a week that
    "suggest a week" proposed); ``on_done(rows)``."""
    run(ctx, lambda store: planning.plan_visits(store, visits, lang=lang), on_done, on_error)


def move_visit(ctx: AppContext, meeting_id: str, day: dt.date,
               on_done: OnDone = None, on_error: OnError = None) -> None:
    """A planned visit moved to ``day``, keeping its time of day."""
    run(ctx, lambda store: planning.move_visit(store, meeting_id, day), on_done, on_error)


def hold_meeting(ctx: AppContext, meeting_id: str, on_done: OnDone = None,
                 on_error: OnError = None) -> None:
    """Start a planned meeting: it becomes held, at the real time (now)."""
    now = ctx.now()
    run(ctx, lambda store: planning.hold_meeting(store, meeting_id, now), on_done, on_error)


def export_visits(ctx: AppContext, path: str, start: dt.date | None = None,
                  end: dt.date | None = None, meeting_ids: list[str] | None = None,
                  lang: str = "zh_CN", on_done: OnDone = None,
                  on_error: OnError = None) -> None:
    """The planned visits of a period (or the ones named) to an .ics file;
    ``on_done(count)``."""
    # late: off the start path, docs/benchmarks.md
    from models.export.ics_export import export_ics

    run(ctx, lambda store: export_ics(store, Path(path), start, end, meeting_ids, lang),
        on_done, on_error)
