"""Deleting and restoring records (partners, contacts, meetings, action items,
reviews): a soft delete, offered for undo by the undo service."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def delete_record(ctx: AppContext, entity: str, record_id: str, message: str, name: str = "",
                  on_done: OnDone = None, on_error: OnError = None) -> None:
    """Soft-delete the record; once committed, ``message`` ("Meeting of … deleted.")
    goes to the status bar and the undo service offers to bring it back."""
    def deleted(result: object) -> None:
        ctx.undo.offer(entity, record_id, message, name)
        ctx.status_message.emit(message)
        if on_done is not None:
            on_done(result)

    run(ctx, lambda store: store.delete(entity, record_id), deleted, on_error)


def restore_record(ctx: AppContext, entity: str, record_id: str, on_done: OnDone = None,
                   on_error: OnError = None) -> None:
    """Undo a soft delete."""
    run(ctx, lambda store: store.restore(entity, record_id), on_done, on_error)
