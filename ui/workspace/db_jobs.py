"""Database jobs for the workspace, with errors delivered as values.

``ctx.run_db``'s ``on_error`` callback cannot be relied on (desktop/jobs.py hands the
exception to a lambda after Python has already cleared the ``except`` variable, so the
callback raises NameError instead of running). Catching the store's errors inside the
job and returning them keeps every "bad input gets a clear message" path working
whichever way that is fixed.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from models.store import Store
from ui.app_context import AppContext


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error


def run_db(
    ctx: AppContext,
    fn: Callable[[Store], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> Future:
    """Like ``ctx.run_db``: ``fn(store)`` in the db lane, callbacks on the GUI thread;
    an exception raised by ``fn`` reaches ``on_error`` (or the status bar)."""

    def job(store: Store) -> Any:
        try:
            return fn(store)
        except Exception as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
            return _Failed(exc)

    def done(result: Any) -> None:
        if isinstance(result, _Failed):
            if on_error is not None:
                on_error(result.error)
            else:
                ctx.status_message.emit(str(result.error))
        elif on_done is not None:
            on_done(result)

    return ctx.run_db(job, on_done=done)
