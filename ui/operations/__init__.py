"""User actions as small named operations, in one place (Anki's ``aqt/operations``).

Each operation is a function ``verb_noun(ctx, …, on_done=None)`` that runs its store
call in the database lane and calls ``on_done(result)`` on the GUI thread. A failure
that the caller does not handle takes the one default path, ``report_failure``: the
status bar, with the store's own message (never silence). A delete offers its undo
through the one undo service, ``ctx.undo`` (ui/undo.py).

Widgets call these instead of building ``ctx.run_db(lambda store: …)`` themselves, so
what an action writes is named, and found, here.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from models.store import Store
from ui.validation_text import error_text

if TYPE_CHECKING:
    from ui.app_context import AppContext

OnDone = Callable[[Any], None] | None
OnError = Callable[[BaseException], None] | None


def report_failure(ctx: AppContext, exc: BaseException) -> None:
    """The default failure path of every operation: say it in the status bar (a value
    refused under the field contract in the user's language)."""
    ctx.status_message.emit(error_text(exc))


def run(ctx: AppContext, fn: Callable[[Store], Any], on_done: OnDone = None,
        on_error: OnError = None) -> Future:
    """``fn(store)`` in the database lane; ``on_done`` on the GUI thread; a failure to
    ``on_error`` if given, else to ``report_failure``."""
    return ctx.run_db(fn, on_done=on_done,
                      on_error=on_error or (lambda exc: report_failure(ctx, exc)))
