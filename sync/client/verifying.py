"""The sync engine's verification: the server's per-entity digests compared with the
laptop's, and a repair from a snapshot of an entity that still differs. A collaborator
of ``sync.client.engine.SyncEngine`` (``engine.verifier``)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from models.store import Store
from sync import protocol
from sync.client import pull_apply
from sync.client.errors import ProtocolError
from sync.client.pulling import Puller
from sync.client.reports import SyncProgress, SyncReport

log = logging.getLogger("sync.client.engine")

#: seconds between verifications when a sync moved nothing
VERIFY_INTERVAL = 3600.0
K_LAST_VERIFY = "sync.last_verify_at"


class Verifier:
    """The verification of one engine: given its store, its authenticated ``call``, its
    progress ``report`` and its ``puller`` (a mismatch pulls once more; a repair reads
    snapshot pages of the pull's page size)."""

    def __init__(self, store: Store, call: Callable[..., Any],
                 report: Callable[[SyncProgress], None], puller: Puller, *,
                 verify_interval: float = VERIFY_INTERVAL) -> None:
        self.store = store
        self._call = call
        self._report = report
        self._puller = puller
        self.verify_interval = verify_interval

    def due(self, report: SyncReport) -> bool:
        """Verify whenever data moved, and otherwise at least every ``verify_interval``
        seconds: a sync with nothing to do then costs one small request."""
        if report.pushed or report.pulled or report.requeued or report.repaired \
                or report.removed_partners or self.verify_interval <= 0:
            return True
        last = self.store.get_setting(K_LAST_VERIFY)
        try:
            return time.time() - float(last or 0) >= self.verify_interval
        except ValueError:
            return True

    def verify(self, report: SyncReport) -> None:
        self._report(SyncProgress("verify", 0, None, "Checking"))
        bad = self._mismatched(None)
        if bad:
            # a concurrent writer can cause a harmless mismatch: pull once more first
            log.warning("verify: %s differ from the server; pulling again", ", ".join(bad))
            self._puller.pull(report)
            bad = self._mismatched(bad)
        if bad:
            log.warning("verify: %s still differ; repairing from a snapshot", ", ".join(bad))
            for name in bad:
                self._repair(name, report)
            bad = self._mismatched(bad)
            if bad:
                log.error("verify: %s differ even after repair", ", ".join(bad))
        report.verified = not bad
        if report.verified:
            stamp = str(time.time())
            self.store.set_setting(K_LAST_VERIFY, stamp)

    def _mismatched(self, entities: list[str] | None) -> list[str]:
        body = {"entities": entities} if entities else {}
        answer = self._call("POST", "/sync/verify", body=body)
        theirs = answer.get("entities") if isinstance(answer, dict) else None
        if not isinstance(theirs, dict):
            raise ProtocolError("The server's verify answer is not readable.")
        names = [n for n in theirs if n in protocol.SYNCED_ENTITIES]
        local = pull_apply.local_digests(self.store, names)
        return pull_apply.mismatched(local, theirs)

    def repair_after_reset(self, report: SyncReport) -> None:
        pending = self.store.get_setting(pull_apply.K_REPAIR)
        if not pending:
            return
        for name in pending.split(","):
            self._repair(name, report)
        self.store.set_setting(pull_apply.K_REPAIR, None)

    def _repair(self, name: str, report: SyncReport) -> None:
        """Re-read every record of one entity and drop local ones the server lacks."""
        pull_apply.begin_snapshot(self.store)
        after: str | None = None
        seen = 0
        while True:
            params: dict[str, Any] = {"entity": name, "limit": self._puller.pull_limit}
            if after:
                params["after"] = after
            page = self._call("GET", "/sync/snapshot", params=params)
            rows = page.get("rows") if isinstance(page, dict) else None
            if not isinstance(rows, list):
                raise ProtocolError("The server's snapshot answer is not readable.")
            seen += pull_apply.apply_snapshot_page(self.store, rows=rows)
            self._report(SyncProgress("repair", seen, None, f"Re-reading {name}: {seen}"))
            after = page.get("next_after")
            if not after:
                break
        removed = pull_apply.finish_snapshot(self.store, name)
        report.repaired.append(name)
        if removed:
            report.removed_records[name] = report.removed_records.get(name, 0) + removed
        log.warning("repair of %s: %d records re-read, %d stray removed", name, seen, removed)
