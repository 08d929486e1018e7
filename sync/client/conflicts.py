"""The sync engine's conflicts: details for the ones this laptop's push raised, the
list kept in step with the server's (conflicts raised or settled elsewhere), and
settling one. ``ConflictBook`` is a collaborator of ``sync.client.engine.SyncEngine``
(its ``conflict_book``), given the engine's store and its way of calling the server."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from models.store import Row, Store, utcnow
from sync import protocol
from sync.client import local_state as ls
from sync.client.errors import ProtocolError, ServerError
from sync.client.reports import SyncReport

log = logging.getLogger(__name__)

#: the server's open-conflict count when this laptop last fetched the list
K_CONFLICTS_SEEN = "sync.conflicts_seen"
#: conflicts asked for per page of the server's list
CONFLICT_PAGE = protocol.MAX_LIST_LIMIT


class ConflictBook:
    """This laptop's conflicts, kept in step with the server's list."""

    def __init__(self, store: Store, call: Callable[..., Any]) -> None:
        self.store = store
        #: ``call(method, path, ...)``: the engine's authenticated request to the server
        self._call = call

    def _open_conflicts(self) -> list[dict[str, Any]]:
        """The server's open conflicts in our scope, every page of them."""
        out: list[dict[str, Any]] = []
        params: dict[str, Any] = {"state": "open", "limit": CONFLICT_PAGE}
        while True:
            answer = self._call("GET", "/conflicts", params=params)
            rows = answer.get("conflicts") if isinstance(answer, dict) else None
            if not isinstance(rows, list):
                raise ProtocolError("The server's conflict list is not readable.")
            out += rows
            after = answer.get("next_after")
            if not after:
                return out
            if after == params.get("after"):
                raise ProtocolError("The server's conflict list does not move on.")
            params["after"] = after

    def details(self, ids: list[Any]) -> dict[Any, dict[str, Any]]:
        """The server's open conflicts among ``ids`` (those a push just raised)."""
        wanted = set(ids)
        return {c["id"]: c for c in self._open_conflicts()
                if isinstance(c, dict) and c.get("id") in wanted}

    def reconcile(self, report: SyncReport) -> None:
        """When the server counts a different number of open conflicts in our scope
        than this laptop lists (one raised by head office or on another laptop, or one
        resolved there), fetch the list and make ours match: the manager and head
        office see the same conflicts. Costs nothing when the counts agree."""
        local = ls.open_conflict_server_ids(self.store)
        seen = self.store.get_setting(K_CONFLICTS_SEEN)
        server = report.open_conflicts
        # the second test: a conflict only marked reviewed here stays open there
        if server == len(local) or str(server) == seen:
            return
        rows = self._open_conflicts()
        now = utcnow()
        added, closed = ls.reconcile_conflicts(self.store, server_open=rows, now=now)
        self.store.set_setting(K_CONFLICTS_SEEN, str(server))
        if added or closed:
            log.info("conflicts: %d raised elsewhere added, %d resolved elsewhere closed",
                     added, closed)

    def conflicts(self, *, include_resolved: bool = False) -> list[Row]:
        """Conflicts in our scope (both values kept): those this laptop's changes raised
        and those raised elsewhere (``raised_by`` names who)."""
        return ls.conflicts(self.store, include_resolved=include_resolved)

    def mark_conflict_reviewed(self, conflict_id: int) -> None:
        now = utcnow()
        ls.resolve_conflict(self.store, conflict_id, now)

    def resolve_conflict(self, conflict_id: int, choice: str, value: Any = None) -> dict[str, Any]:
        """Settle one local conflict on the server: ``choice`` is "server" (keep theirs),
        "incoming" (this laptop's value) or "custom" (``value``, e.g. a merged text). The
        server writes the chosen value as a new version; the next pull brings it here.
        A conflict someone else already settled (409) just closes locally."""
        rows = [c for c in ls.conflicts(self.store, include_resolved=True)
                if c["id"] == conflict_id]
        if not rows:
            raise ValueError(f"no local conflict {conflict_id}")
        server_id = rows[0].get("server_id")
        answer: dict[str, Any] = {}
        if server_id:
            body: dict[str, Any] = {"choice": choice}
            if choice == "custom":
                body["value"] = value
            try:
                answer = self._call("POST", f"/conflicts/{server_id}/resolve", body=body)
            except ServerError as exc:
                if exc.status != 409:
                    raise
                answer = {"already_resolved": True}
        self.mark_conflict_reviewed(conflict_id)
        return answer
