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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from models.store import Row, Store, utcnow
from sync import protocol
from sync.client import demo_guard, pull_apply
from sync.client import local_state as ls
from sync.client.conflicts import EngineConflicts
from sync.client.credentials import Credentials, KeyringCredentials
from sync.client.errors import (
    AuthError,
    NotSignedInError,
    ProtocolError,
    ServerError,
    SyncCancelled,
    SyncError,
    SyncInProgress,
)
from sync.client.held_ops import HoldPolicy
from sync.client.http import HttpClient, Unauthorized, check_tokens
from sync.client.reports import SyncProgress, SyncReport, SyncStatus
from sync.op_contract import split_sendable

log = logging.getLogger(__name__)
__all__ = ["SyncEngine", "SyncProgress", "SyncReport", "SyncStatus"]

PUSH_BATCH = protocol.MAX_PUSH_OPS
PULL_LIMIT = protocol.DEFAULT_PULL_LIMIT
#: seconds a pulled page may take to apply before pages stop growing
PAGE_APPLY_TARGET_S = 1.0
#: seconds between verifications when a sync moved nothing
VERIFY_INTERVAL = 3600.0
K_LAST_VERIFY = "sync.last_verify_at"


class SyncEngine(EngineConflicts):
    """Push, pull and verify one profile against one server.

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
        self.credentials: Credentials = credentials or KeyringCredentials()
        self.progress = progress
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._access_token: str | None = None
        self.push_batch_size = push_batch
        #: records per pull page; None: start at the protocol's default and adapt
        self.pull_limit_fixed = pull_limit is not None
        self._pull_limit = pull_limit or PULL_LIMIT
        self._last_apply: tuple[int, float] = (0, 0.0)  # (records, seconds) of the last page
        self.verify_interval = verify_interval
        self.hold_policy = hold_policy or HoldPolicy()  # sync.client.held_ops
        #: a pull from zero (a first sync) leaves its records to the search backlog
        #: (``Store.index_backlog``, which the app runs after the sync) instead of
        #: indexing them while the manager waits; later pulls index as they apply
        self.defer_search_index = defer_search_index
        #: before a sync from zero, pushing included: the laptop's check and backup
        self.before_pull_from_zero = before_pull_from_zero
        url = base_url or self.store.get_setting(ls.K_SERVER)
        if not url:
            raise ValueError("no server address: give base_url or sign in first")
        self.http = HttpClient(url, allow_insecure_http=allow_insecure_http,
                               **(http_options or {}))
        self.base_url = self.http.base_url

    @property
    def pull_limit(self) -> int:
        return self._pull_limit

    @pull_limit.setter
    def pull_limit(self, value: int) -> None:
        """A page size set by hand stays fixed (tests interrupt pulls at known places)."""
        self._pull_limit = value
        self.pull_limit_fixed = True

    # --- sign-in ---------------------------------------------------------------------

    def sign_in(self, user: str, password: str, device_name: str, *,
                known_demo: bool = False) -> dict[str, Any]:
        """Sign in, register this laptop as a device and keep its refresh token in
        the keyring. Returns the server's user record. AuthError when refused;
        DemoProfileError, before the password is sent, when this profile holds demo
        data and the server is not a demo server. The device key of this user's last
        sign-in here goes along: others' failed guesses cannot lock them out of it."""
        # known_demo: the app's own local demo server (seeded before servers said so)
        if not (server_demo := known_demo or demo_guard.server_is_demo(self.http)):
            demo_guard.refuse_demo_profile(self.store, self.base_url)
        key_account = self._key_account(user)
        body = {"username": user, "password": password, "device_name": device_name}
        device_key = self.credentials.get(key_account)
        if device_key:
            body["device_key"] = device_key
        try:
            answer = self.http.request("POST", protocol.API_PREFIX + "/auth/login", body=body,
                                       retries=1)
        except Unauthorized:
            raise AuthError("The user name or password is not correct.") from None
        tokens = check_tokens(answer)
        old_device = self.store.get_setting(ls.K_DEVICE)
        if old_device and old_device != tokens["device_id"]:
            self.credentials.delete(self._account(old_device))

        def remember(s: Store) -> None:
            with s.transaction():
                s.set_setting(ls.K_SERVER, self.base_url)
                s.set_setting(ls.K_USER, user)
                s.set_setting(ls.K_DEVICE, str(tokens["device_id"]))
                s.set_setting(ls.K_DEVICE_NAME, device_name)
                s.set_setting(ls.K_LAST_ERROR, None)
                demo_guard.remember_server(s, server_demo)

        remember(self.store)
        self.credentials.set(self._account(str(tokens["device_id"])), tokens["refresh_token"])
        if isinstance(answer.get("device_key"), str) and answer["device_key"]:
            self.credentials.set(key_account, answer["device_key"])
        self._access_token = tokens["access_token"]
        return dict(answer.get("user") or {})

    def sign_out(self) -> None:
        """Forget this laptop's tokens (and revoke them on the server when reachable).
        Local data and unsent changes stay."""
        device = self.store.get_setting(ls.K_DEVICE)
        if self._access_token:
            try:
                self.http.request("POST", protocol.API_PREFIX + "/auth/logout",
                                  token=self._access_token, retries=0)
            except (SyncError, Unauthorized) as exc:
                log.info("sign-out: server not told (%s)", type(exc).__name__)
        self._access_token = None
        if device:
            self.credentials.delete(self._account(device))
        user = self.store.get_setting(ls.K_USER)
        if user:  # the server revoked this device, which voids its device key too
            self.credentials.delete(self._key_account(str(user)))

    def secret_accounts(self) -> list[str]:
        """The keyring entries this profile's sign-in uses (refresh token, device key)."""
        device, user = (self.store.get_setting(ls.K_DEVICE), self.store.get_setting(ls.K_USER))
        return ([self._account(device)] if device else []) + \
            ([self._key_account(str(user))] if user else [])

    def confirm_wiped(self, accounts: list[str]) -> bool:
        """After the profile was erased (WipeRequested): tell the server, which records
        when and ends this device's sign-in, and forget the secrets. Uses only what is
        in memory (the store is gone). False when the server could not be told."""
        try:
            self.http.request("POST", protocol.API_PREFIX + "/device/wiped",
                              token=self._access_token, retries=2)
            return True
        except (SyncError, Unauthorized) as exc:
            log.warning("wipe: the server was not told (%s)", type(exc).__name__)
            return False
        finally:
            self._access_token = None
            for account in accounts:
                self.credentials.delete(account)

    def is_signed_in(self) -> bool:
        device = self.store.get_setting(ls.K_DEVICE)
        return bool(self._access_token) or bool(device and self.credentials.get(self._account(device)))

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
        self._pushed_from: int | None = None  # first outbox seq this sync sent
        run_id = self._run_id = ls.start_run(self.store, utcnow())  # held ops' attempt
        try:
            self._guarded = False
            self._guard_from_zero()
            self._push(report)
            requeued = report.requeued
            self._pull(report)
            if report.requeued > requeued:
                self._push(report)  # the pull found the restore: the missing ops go again
            now = utcnow()
            report.removed_partners += pull_apply.retry_deferred_removals(self.store, now)
            self._check_cancel()
            self._repair_after_reset(report)
            self._reconcile_conflicts(report)
            if self._verify_due(report):
                self._verify(report)
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
                    answer = self._call("POST", "/sync/push", body={"ops": wire},
                                        headers={protocol.HEADER_EPOCH: epoch} if epoch else None)
                except ServerError as exc:  # restored or replaced, nothing applied: queue
                    if exc.code != protocol.ERROR_EPOCH_CHANGED or replayed:  # what it lost
                        raise
                    (last, epoch), replayed = self._me(), True
                    report.requeued += pull_apply.begin_replay(self.store, last, epoch)
                    after, total = 0, self.store.pending_count()
                    continue
                server_results = answer.get("results") if isinstance(answer, dict) else None
                if not isinstance(server_results, list):
                    raise ProtocolError("The server's push answer has no results.")
                results += server_results
            if getattr(self, "_pushed_from", None) is None:
                self._pushed_from = int(batch[0]["seq"])
            after = int(batch[-1]["seq"])
            conflict_ids = [cid for r in results if isinstance(r, dict)
                            for cid in (r.get("conflicts") or [])]
            details = self._conflict_details(conflict_ids) if conflict_ids else {}
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

    # --- pull ------------------------------------------------------------------------

    def _guard_from_zero(self) -> None:
        if self.before_pull_from_zero and not self._guarded and not self.store.get_setting(ls.K_CURSOR):
            self.before_pull_from_zero(self.store)  # raising stops it: nothing sent or applied
            self._guarded = True

    def _pull(self, report: SyncReport) -> None:
        """Pages until ``has_more`` is false. The next page is fetched (in one helper
        thread) while this one is applied, so the server's work and ours overlap; at
        most two pages are in memory. Only HTTP runs in the helper thread, never the
        store, and the main thread sends no request while a fetch is in flight. Pages
        grow while they are applied quickly (see ``_next_limit``)."""
        device = self.store.get_setting(ls.K_DEVICE)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        limit = self.pull_limit
        self._last_apply = (0, 0.0)
        cache_before: int | None = None
        try:
            cursor = self.store.get_setting(ls.K_CURSOR)
            epoch = self.store.get_setting(ls.K_EPOCH)
            index = not (self.defer_search_index and not cursor)
            if not cursor:
                self._guard_from_zero()
                cache_before = pull_apply.grow_page_cache(self.store)
            fetch = pool.submit(self._fetch_page, cursor, device, limit)
            while True:
                self._check_cancel()
                try:
                    page = fetch.result()
                except ServerError as exc:
                    if exc.code != protocol.ERROR_BAD_CURSOR or not cursor:
                        raise
                    # our saved position is unreadable to the server: start again from
                    # zero and re-read everything afterwards so nothing stale survives
                    log.warning("pull: the server refused the saved cursor; pulling from zero")
                    pull_apply.restart_pull(self.store)
                    cursor = None
                    index = not self.defer_search_index
                    fetch = pool.submit(self._fetch_page, None, device, limit)
                    continue
                if not isinstance(page, dict) or not isinstance(page.get("changes"), list) \
                        or not isinstance(page.get("cursor"), str):
                    raise ProtocolError("The server's pull answer is not readable.")
                requeue_after = None
                if page.get("reset") and cursor and page.get("reset_reason") != protocol.RESET_PURGED:
                    # the server forgot our cursor: restored from a backup, replaced (new
                    # epoch) or another user. Ops it acknowledged beyond its record of this
                    # device may be lost: queue them again (it skips the ones it has).
                    log.warning("pull reset by the server (epoch %s → %s)", epoch,
                                page.get("server_epoch"))
                    requeue_after = self._me()[0]
                    if getattr(self, "_pushed_from", None) is not None:
                        # pushed with no epoch to check: offer every acknowledged op again
                        requeue_after = 0
                more = bool(page.get("has_more"))
                if more:
                    if page["cursor"] == cursor and not page["changes"]:
                        raise ProtocolError("The server keeps sending the same empty page.")
                    limit = self._next_limit(limit, len(page["changes"]))
                    fetch = pool.submit(self._fetch_page, page["cursor"], device, limit)
                now = utcnow()
                started = time.monotonic()
                result = pull_apply.apply_page(self.store, page=page, requeue_after=requeue_after, now=now, index=index)
                self._last_apply = (len(page["changes"]), time.monotonic() - started)
                cursor = page["cursor"]
                report.requeued += result.requeued
                report.pulled += result.applied
                report.pull_pages += 1
                report.removed_partners += result.removed_partners
                report.deferred_partners += result.deferred_partners
                report.open_conflicts = int(page.get("open_conflicts") or 0)
                self._report(SyncProgress("pull", report.pulled, None,
                                          f"Received {report.pulled} records"))
                if not more:
                    return
        finally:
            # a failure while a fetch is in flight: do not wait for it, drop its page
            pool.shutdown(wait=False, cancel_futures=True)
            if cache_before is not None:
                self.store.db.execute(f"PRAGMA cache_size = {int(cache_before)}")

    def _fetch_page(self, cursor: str | None, device: str | None, limit: int) -> Any:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._call("GET", "/sync/pull", params=params, device=device)

    def _next_limit(self, limit: int, delivered: int) -> int:
        """The size of the next page asked for. A fixed ``pull_limit`` given to the
        engine stays as it is; otherwise pages start at the protocol's default and
        double (up to its maximum) while they come full and the last one was applied
        within ``PAGE_APPLY_TARGET_S``, and halve when one took more than twice that:
        a first sync of 100,000 records then commits a few dozen times, not hundreds
        (each commit flushes the search index), and a slow laptop keeps short pages
        (a kill loses at most the page being applied)."""
        if self.pull_limit_fixed:
            return limit
        count, seconds = self._last_apply
        if seconds > 2 * PAGE_APPLY_TARGET_S:
            return max(PULL_LIMIT, limit // 2)
        if delivered >= limit and count and seconds < PAGE_APPLY_TARGET_S:
            return min(protocol.MAX_PULL_LIMIT, limit * 2)
        return limit

    def _me(self) -> tuple[int, str]:  # (this device's last_seq, the epoch) on the server
        try:
            return int((me := self._call("GET", "/me"))["last_seq"]), str(me["server_epoch"])
        except (TypeError, KeyError, ValueError):
            raise ProtocolError("The server's device record is not readable.") from None

    # --- verify and repair -------------------------------------------------------------

    def _verify_due(self, report: SyncReport) -> bool:
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

    def _verify(self, report: SyncReport) -> None:
        self._report(SyncProgress("verify", 0, None, "Checking"))
        bad = self._mismatched(None)
        if bad:
            # a concurrent writer can cause a harmless mismatch: pull once more first
            log.warning("verify: %s differ from the server; pulling again", ", ".join(bad))
            self._pull(report)
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

    def _repair_after_reset(self, report: SyncReport) -> None:
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
            params: dict[str, Any] = {"entity": name, "limit": self.pull_limit}
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

    # --- status, rejected ops ---------------------------------------------------------

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

    def _account(self, device_id: str) -> str:
        return f"refresh-token {self.base_url} device {device_id}"

    def _key_account(self, user: str) -> str:
        return f"device-key {self.base_url} user {user.strip().lower()}"

    def _call(self, method: str, path: str, *, device: str | None = None, **kw: Any) -> Any:
        """An authenticated API call; on 401 refresh the token once and retry.
        ``device``: this profile's device id, when the caller must not touch the store."""
        if not self._access_token:
            self._refresh(device)
        try:
            return self.http.request(method, protocol.API_PREFIX + path,
                                     token=self._access_token, **kw)
        except Unauthorized as exc:
            log.info("%s %s: 401 %s, refreshing the token", method, path, exc.code)
        self._refresh(device)
        try:
            return self.http.request(method, protocol.API_PREFIX + path,
                                     token=self._access_token, **kw)
        except Unauthorized:
            raise AuthError("The server no longer accepts this laptop's sign-in. "
                            "Sign in again; your changes are kept.") from None

    def _refresh(self, device: str | None = None) -> None:
        device = device or self.store.get_setting(ls.K_DEVICE)
        account = self._account(device) if device else None
        token = self.credentials.get(account) if account else None
        if not token or not account:
            raise NotSignedInError("Not signed in to the sync server. Sign in first; "
                                   "your changes are kept.")
        try:
            # retried like any call: a token presented again within the server's
            # reuse grace is refused, not taken for theft (docs/sync-protocol.md)
            answer = self.http.request("POST", protocol.API_PREFIX + "/auth/refresh",
                                       body={"refresh_token": token})
        except Unauthorized:
            self._access_token = None
            self.credentials.delete(account)
            raise AuthError("Your sign-in has expired or was revoked. Sign in again; "
                            "your changes are kept.") from None
        tokens = check_tokens(answer)
        self.credentials.set(account, tokens["refresh_token"])
        self._access_token = tokens["access_token"]
