"""The method's playbook records: joint goals, touchpoints, and remedies turned into
action items (deletes go through ui/operations/records, offered back for undo)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from models import playbook
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def _save(entity: str, record_id: str | None, values: dict[str, Any]):
    def fn(store):
        if record_id is None:
            return store.create(entity, values)
        return store.update(entity, record_id, values)
    return fn


def save_goal(ctx: AppContext, goal_id: str | None, values: dict[str, Any],
              on_done: OnDone = None, on_error: OnError = None) -> None:
    """Create (``goal_id`` None) or change a joint goal."""
    run(ctx, _save("joint_goal", goal_id, values), on_done, on_error)


def save_touchpoint(ctx: AppContext, touchpoint_id: str | None, values: dict[str, Any],
                    on_done: OnDone = None, on_error: OnError = None) -> None:
    """Log (``touchpoint_id`` None) or correct a touchpoint."""
    run(ctx, _save("touchpoint", touchpoint_id, values), on_done, on_error)


def make_remedy_action(ctx: AppContext, partner_id: str, title: str, details: str | None = None,
                       on_done: OnDone = None) -> None:
    """A remedy for a partner lying flat, as an action item on our side."""
    run(ctx, lambda store: playbook.remedy_action(store, partner_id, title, details), on_done)
