"""Demo data as a user action: the generated partners, meetings and action items
written in the database lane (Help ▸ Load demo data…, or the offer on an empty
profile)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.store import Store
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def load_demo_data(ctx: AppContext, today: dt.date, progress: Callable[[int, int], None],
                   sizes: dict[str, Any], on_done: OnDone = None,
                   on_error: OnError = None) -> None:
    """Demo records of ``sizes`` (partners, meetings, actions) dated around ``today``;
    ``progress(done, total)`` from the database lane; ``on_done(counts)``."""
    def generate(store: Store) -> dict[str, int]:
        # late: off the start path, docs/benchmarks.md
        from models import demo_data

        return demo_data.generate(store, today=today, progress=progress, **sizes)

    run(ctx, generate, on_done, on_error)
