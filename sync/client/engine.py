"""SyncEngine: one profile's conversation with the central server.

A sync is push → pull (pages until ``has_more`` is false) → verify (→ repair).
The engine never holds data in flight that the database does not also hold: the
outbox row of an op only changes when the server's answer for it is in, and each
pulled page is applied together with its cursor in one local transaction. So any
failure (network, server, a killed process) leaves a state the next sync resumes.

Threads: the engine does its network I/O and its store access on the caller's
thread, with the store it was given; that store (its connection) must belong to
that thread. The desktop app gives it one of its own, opened in its network lane
(desktop/sync_lane.py), whose change events reach the views as the app store's do.
Progress is reported through a plain callback (no Qt here).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.store import Row, Store, utcnow
from sync import protocol
from sync.client import demo_guard, pull_apply
from sync.client import local_state as ls
from sync.client.conflicts import ConflictBook
from sync.client.credentials import Credentials, KeyringCredentials
from sync.client.errors import ProtocolError, ServerError, SyncCancelled, SyncInProgress
from sync.client.held_ops import HoldPolicy
from sync.client.http import HttpClient
from sync.client.pulling import PAGE_APPLY_TARGET_S, Puller
from sync.client.reports import SyncProgress, SyncReport, SyncStatus
from sync.client.session import DeviceSession
from sync.client.verifying import K_LAST_VERIFY, VERIFY_INTERVAL, Verifier
from sync.op_contract import split_sendable

log = logging.getLogger(__name__)
__all__ = [
    "K_LAST_VERIFY",
    "PAGE_APPLY_TARGET_S",
    "SyncEngine",
    "SyncProgress",
    "SyncReport",
    "SyncStatus",
]

PUSH_BATCH = protocol.MAX_PUSH_OPS


class SyncEngine:
    """Push, pull and verify one profile against one server. It owns its parts:
    ``session``, the sign-in and authenticated calls (sync/client/session.py);
    ``puller``, the pull (pulling.py); ``verifier``, verification and repair
    (verifying.py); ``conflict_book``, the conflicts (conflicts.py). Their public
    calls callers use (sign_in, conflicts, ...) stay on the engine as delegations.

    ``sync()`` never runs twice at once (a second call raises ``SyncInProgress``).
    Errors are typed (sync.client.errors); none of them loses local data."""

    def __init__(
        self,
        store: Store,
        base_url: str | None = None,
        credentials: Credentials | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        allow_insecure_http: bool = False,
        http_options: dict[str, Any] | None = None,
        push_batch: int = PUSH_BATCH,
        pull_limit: int | None = None,
        verify_interval: float = VERIFY_INTERVAL,
        defer_search_index: bool = False,
        before_pull_from_zero: Callable[[Store], None] | None = None,
        hold_policy: HoldPolicy | None = None,
    ) -> None:
        self.store = store
        self.progress = progress
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self.push_batch_size = push_batch
        self.hold_policy = hold_policy or HoldPolicy()  # sync.client.held_ops
        url = base_url or self.store.get_setting(ls.K_SERVER)
        if not url:
            raise ValueError("no server address: give base_url or sign in first")
        http = HttpClient(url, allow_insecure_http=allow_insecure_http, **(http_options or {}))
        self.base_url = http.base_url
        self.session = DeviceSession(store, http, credentials or KeyringCredentials())
        call = self.session.call
        self.puller = Puller(store, call, self._report, self._check_cancel,
                             pull_limit=pull_limit, defer_search_index=defer_search_index,
                             before_pull_from_zero=before_pull_from_zero)
        self.verifier = Verifier(store, call, self._report, self.puller,
                                 verify_interval=verify_interval)
        self.conflict_book = ConflictBook(store, call)

    # --- the parts' settings, as the engine was given them ------------------------------

    @property
    def http(self) -> HttpClient:
        return self.session.http

    @http.setter
    def http(self, value: HttpClient) -> None:
        self.session.http = value

    @property
    def credentials(self) -> Credentials:
        return self.session.credentials

    @credentials.setter
    def credentials(self, value: Credentials) -> None:
        self.session.credentials = value

    @property
    def pull_limit(self) -> int:
        return self.puller.pull_limit

    @pull_limit.setter
    def pull_limit(self, value: int) -> None:
        """A page size set by hand stays fixed (tests interrupt pulls at known places)."""
        self.puller.pull_limit = value

    @property
    def verify_interval(self) -> float:
        return self.verifier.verify_interval

    @verify_interval.setter
    def verify_interval(self, value: float) -> None:
        self.verifier.verify_interval = value

    # --- sign-in (DeviceSession) -----------------------------------------------------

    def sign_in(self, user: str, password: str, device_name: str, *,
                known_demo: bool = False) -> dict[str, Any]:
        """Sign this laptop in (``DeviceSession.sign_in``); the server's user record."""
        return self.session.sign_in(user, password, device_name, known_demo=known_demo)

    def sign_out(self) -> None:
        self.session.sign_out()

    def secret_accounts(self) -> list[str]:
        return self.session.secret_accounts()

    def confirm_wiped(self, accounts: list[str]) -> bool:
        return self.session.confirm_wiped(accounts)

    def is_signed_in(self) -> bool:
        return self.session.is_signed_in()

    # --- sync ------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Push the outbox, pull the server's changes, verify. Raises SyncInProgress
        when another sync of this engine is running."""
        if not self._lock.acquire(blocking=False):
            raise SyncInProgress("A sync is already running.")
        try:
            return self._sync()
        finally:
            self._cancel.clear()
            self._lock.release()

    def cancel(self) -> None:
        """Stop the running sync (or the one about to start) at its next step: before
        the next push batch, pull page, repair or verification. Any thread. The sync
        raises ``SyncCancelled``; a request in flight finishes (its timeout bounds it)."""
        self._cancel.set()

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise SyncCancelled("The sync was stopped. What arrived so far is kept.")

    @property
    def running(self) -> bool:
        return self._lock.locked()

    def _sync(self) -> SyncReport:
        # a profile that got demo data after signing in to a real server (demo-data
        # --force) must not send it there either
        demo_guard.check_sync_allowed(self.store, self.base_url)
        started = time.perf_counter()
        requests0, bytes0 = self.http.stats.requests, self.http.stats.total_bytes
        wait0 = self.http.stats.wait_seconds
        report = SyncReport()
        self.puller.start_sync()
        # before anything is written: a damaged file is left exactly as it is (no run
        # recorded in it, nothing sent); the caller says how to restore it
        self.puller.guard_from_zero()
        run_id = self._run_id = ls.start_run(self.store, utcnow())  # held ops' attempt
        try:
            self._push(report)
            requeued = report.requeued
            self.puller.pull(report)
            if report.requeued > requeued:
                self._push(report)  # the pull found the restore: the missing ops go again
            now = utcnow()
            report.removed_partners += pull_apply.retry_deferred_removals(self.store, now)
            self._check_cancel()
            self.verifier.repair_after_reset(report)
            self.conflict_book.reconcile(report)
            if self.verifier.due(report):
                self.verifier.verify(report)
            report.search_backlog = self.store.search_backlog_pending()
        except Exception as exc:  # recorded for the status display, then re-raised
            report.duration = time.perf_counter() - started
            self._finish(run_id, type(exc).__name__, report, str(exc) or type(exc).__name__)
            raise
        report.duration = time.perf_counter() - started
        report.requests = self.http.stats.requests - requests0
        report.bytes = self.http.stats.total_bytes - bytes0
        report.server_wait = self.http.stats.wait_seconds - wait0
        self._finish(run_id, "ok", report, None)
        return report

    def _finish(self, run_id: int, outcome: str, report: SyncReport, error: str | None) -> None:
        now = utcnow()

        def save(s: Store) -> None:
            with s.transaction():
                ls.finish_run(s, run_id, now, outcome, report.as_dict())
                s.set_setting(ls.K_LAST_ERROR, error)
                if error is None:
                    s.set_setting(ls.K_LAST_SYNC, now)

        save(self.store)

    # --- push ------------------------------------------------------------------------

    def _push(self, report: SyncReport) -> None:
        # ops written after this point wait for the next sync: they are not in any
        # batch read below, so no answer can mark them
        max_seq = ls.last_seq(self.store)
        total = self.store.pending_count()
        done = after = 0  # after: the last seq sent (an op left pending waits for the next sync)
        epoch, replayed = self.store.get_setting(ls.K_EPOCH), False
        while True:
            self._check_cancel()
            batch = ls.push_batch(self.store, self.push_batch_size, max_seq, after)
            if not batch:
                return
            self._report(SyncProgress("push", done, total, f"Sending {len(batch)} changes"))
            wire, results = split_sendable([ls.wire_op(op) for op in batch])
            if wire:
                try:
                    answer = self.session.call("POST", "/sync/push", body={"ops": wire},
                                        headers={protocol.HEADER_EPOCH: epoch} if epoch else None)
                except ServerError as exc:  # restored or replaced, nothing applied: queue
                    if exc.code != protocol.ERROR_EPOCH_CHANGED or replayed:  # what it lost
                        raise
                    (last, epoch), replayed = self.puller.me(), True
                    report.requeued += pull_apply.begin_replay(self.store, last, epoch)
                    after, total = 0, self.store.pending_count()
                    continue
                server_results = answer.get("results") if isinstance(answer, dict) else None
                if not isinstance(server_results, list):
                    raise ProtocolError("The server's push answer has no results.")
                results += server_results
            if self.puller.pushed_from is None:
                self.puller.pushed_from = int(batch[0]["seq"])
            after = int(batch[-1]["seq"])
            conflict_ids = [cid for r in results if isinstance(r, dict)
                            for cid in (r.get("conflicts") or [])]
            details = self.conflict_book.details(conflict_ids) if conflict_ids else {}
            now = utcnow()
            counts = ls.record_push_results(self.store, batch=batch, results=results,
                                            conflict_details=details, now=now,
                                            attempt=str(self._run_id), hold=self.hold_policy)
            answered = sum(counts.values())
            if not answered:
                raise ProtocolError("The server answered none of the changes sent.")
            done += answered
            report.pushed += answered
            for outcome, n in counts.items():
                setattr(report, outcome, getattr(report, outcome) + n)
            report.conflicts += [
                {"entity": c.get("entity"), "entity_id": c.get("entity_id"),
                 "field": c.get("field"), "local_value": c.get("incoming_value"),
                 "server_value": c.get("server_value")}
                for c in details.values()
            ]
            self._report(SyncProgress("push", done, total, f"Sent {done} of {total} changes"))

    # --- conflicts (ConflictBook) and rejected ops ------------------------------------

    def conflicts(self, *, include_resolved: bool = False) -> list[Row]:
        """Conflicts in our scope, raised here or elsewhere (``ConflictBook.conflicts``)."""
        return self.conflict_book.conflicts(include_resolved=include_resolved)

    def mark_conflict_reviewed(self, conflict_id: int) -> None:
        self.conflict_book.mark_conflict_reviewed(conflict_id)

    def resolve_conflict(self, conflict_id: int, choice: str, value: Any = None) -> dict[str, Any]:
        """Settle one local conflict on the server (``ConflictBook.resolve_conflict``)."""
        return self.conflict_book.resolve_conflict(conflict_id, choice, value)

    # --- status ------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        def read(s: Store) -> tuple[ls.LocalSyncState, int, int, int]:
            return (ls.read_state(s), s.pending_count(), len(ls.rejected_ops(s)),
                    len(ls.conflicts(s)))

        state, pending, rejected, conflicts = read(self.store)
        device = state.device_id if state.server_url else None
        return SyncStatus(
            signed_in=self.is_signed_in(), server_url=state.server_url, user=state.user,
            device_id=device, pending=pending, rejected=rejected, open_conflicts=conflicts,
            last_sync_at=state.last_sync_at, last_error=state.last_error,
            keyring_persistent=self.credentials.persistent, running=self.running,
        )

    def rejected_ops(self) -> list[Row]:
        """Local changes the server refused, with its reason (they stay visible)."""
        return ls.rejected_ops(self.store)

    def export_rejected(self, path: str | Path) -> int:
        """Write the rejected changes to a JSON file; returns how many."""
        return ls.export_rejected(self.store, path)

    def close(self) -> None:
        self.http.close()

    # --- internals ---------------------------------------------------------------------

    def _report(self, p: SyncProgress) -> None:
        if self.progress is None:
            return
        try:
            self.progress(p)
        except Exception:  # a broken progress display must not break the sync
            log.exception("sync progress callback failed")
