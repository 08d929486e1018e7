"""The sync service's review side: conflicts to settle and changes the server
refused, read from the app store (database lane) and settled on the server (network
lane). The ``review`` collaborator of ``desktop.sync_service.SyncService``."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.sync_queries import record_titles
from models.schema import entity
from models.store import Store
from sync import protocol
from sync.client import local_state as ls
from sync.client.errors import NotSignedInError

if TYPE_CHECKING:
    from desktop.sync_service import SyncService

log = logging.getLogger(__name__)

K_REJECTED_SEEN = "sync.rejected_seen_seq"  # refused changes up to here were reviewed


class SyncReview:
    """Conflicts and refused changes of one ``SyncService``'s profile."""

    def __init__(self, service: SyncService) -> None:
        self.service = service
        self.ctx = service.ctx

    def load_conflicts(self, on_done: Callable[[list[dict[str, Any]]], None],
                       on_error: Callable[[BaseException], None] | None = None) -> None:
        """Open conflicts, each with ``title`` and ``partner_name`` (what record it is),
        ``long_text`` and ``mergeable`` (free text, where a merged value makes sense)
        — read from the app store."""
        def work(store: Store) -> list[dict[str, Any]]:
            rows = ls.conflicts(store)
            for r in rows:
                r["title"], r["partner_name"] = record_titles(store, r["entity"], r["entity_id"])
                ent = entity(r["entity"]) if r["entity"] in protocol.SYNCED_ENTITIES else None
                spec = next((f for f in ent.fields if f.name == r["field"]), None) if ent else None
                r["long_text"] = bool(ent and r["field"] in ent.long_text)
                r["mergeable"] = bool(spec and spec.kind == "text" and not spec.choices)
            return rows

        self.ctx.run_db(work, on_done, on_error)

    def resolve_conflict(self, conflict_id: int, choice: str, value: Any,
                         on_done: Callable[[Any], None],
                         on_error: Callable[[BaseException], None]) -> None:
        """Settle a conflict on the server ("server" | "incoming" | "custom"), then sync
        so the chosen value arrives here too."""
        def work() -> Any:
            engine = self.service.lane.engine()
            if engine is None:
                raise NotSignedInError("Not signed in to the sync server.")
            return engine.resolve_conflict(conflict_id, choice, value)

        def done(answer: Any) -> None:
            on_done(answer)
            self.service.refresh_status()
            self.service.sync_now()

        self.service.net(work, done, on_error)

    def load_rejected(self, on_done: Callable[[list[dict[str, Any]]], None],
                      on_error: Callable[[BaseException], None] | None = None) -> None:
        def work(store: Store) -> list[dict[str, Any]]:
            rows = ls.rejected_ops(store)
            for r in rows:
                r["title"], r["partner_name"] = record_titles(store, r["entity"], r["entity_id"])
            return rows

        self.ctx.run_db(work, on_done, on_error)

    def dismiss_rejected(self, on_done: Callable[[Any], None] | None = None) -> None:
        """The user has seen the refused changes: the status stops counting them (the
        list keeps them; a newly refused change counts again)."""
        def work(store: Store) -> None:
            seen = store.db.execute(
                "SELECT coalesce(max(seq), 0) FROM outbox WHERE state = 'rejected'").fetchone()[0]
            store.set_setting(K_REJECTED_SEEN, str(seen))

        def done(result: Any) -> None:
            self.service.refresh_status()
            if on_done:
                on_done(result)

        self.ctx.run_db(work, done, lambda exc: log.warning("dismiss refused: %s", exc))

    def export_rejected(self, path: str | Path, on_done: Callable[[int], None],
                        on_error: Callable[[BaseException], None]) -> None:
        self.ctx.run_db(lambda store: ls.export_rejected(store, path), on_done, on_error)
