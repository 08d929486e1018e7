"""Action items: create, and move along their statuses (with feedback when done)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from models.meeting_templates import default_owner
from models.store import Store
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def create_action_item(ctx: AppContext, values: dict[str, Any], on_done: OnDone = None,
                       on_error: OnError = None) -> None:
    run(ctx, lambda store: store.create_action_item(**values), on_done, on_error)


def create_action_from_notes(ctx: AppContext, values: dict[str, Any], on_done: OnDone = None,
                             on_error: OnError = None) -> None:
    """An action item from a line of meeting notes; without an ``owner_name`` it gets
    the default owner (models.meeting_templates.default_owner)."""

    def job(store: Store) -> dict[str, Any]:
        row = dict(values)
        if not row.get("owner_name"):
            row["owner_name"] = default_owner(store, row.get("meeting_id"), row["owner_side"])
        return store.create_action_item(**row)

    run(ctx, job, on_done, on_error)


def update_action_item(ctx: AppContext, item_id: str, values: dict[str, Any],
                       on_done: OnDone = None, on_error: OnError = None) -> None:
    """Changes to an item; an empty response deadline keeps the derived one."""
    changes = {k: v for k, v in values.items() if k != "due_on" or v}
    run(ctx, lambda store: store.update("action_item", item_id, changes), on_done, on_error)


def set_action_status(ctx: AppContext, item_id: str, status: str, feedback: str | None = None,
                      on_done: OnDone = None, on_error: OnError = None, *,
                      channel: str | None = None) -> None:
    """Open → in progress → done → feedback given (``feedback``: what the partner was
    told, ``channel``: how: phone, WeChat, in person, e-mail)."""
    run(ctx, lambda store: store.set_action_status(item_id, status, feedback=feedback,
                                                   feedback_channel=channel),
        on_done, on_error)
