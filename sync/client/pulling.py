"""The sync engine's pull: pages of the server's changes until ``has_more`` is false,
the next page fetched while one is applied, pages that grow while they apply quickly.
A collaborator of ``sync.client.engine.SyncEngine`` (``engine.puller``)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from models.store import Store, utcnow
from sync import protocol
from sync.client import local_state as ls
from sync.client import pull_apply
from sync.client.errors import ProtocolError, ServerError
from sync.client.reports import SyncProgress, SyncReport

log = logging.getLogger("sync.client.engine")

PULL_LIMIT = protocol.DEFAULT_PULL_LIMIT
#: seconds a pulled page may take to apply before pages stop growing
PAGE_APPLY_TARGET_S = 1.0


class Puller:
    """The pull of one engine: given its store, its authenticated ``call``, its progress
    ``report`` and ``check_cancel``; holds the page size and, per sync (``start_sync``),
    whether the check before a sync from zero ran and where this sync's push began."""

    def __init__(self, store: Store, call: Callable[..., Any],
                 report: Callable[[SyncProgress], None], check_cancel: Callable[[], None], *,
                 pull_limit: int | None = None, defer_search_index: bool = False,
                 before_pull_from_zero: Callable[[Store], None] | None = None) -> None:
        self.store = store
        self._call = call
        self._report = report
        self._check_cancel = check_cancel
        #: records per pull page; None: start at the protocol's default and adapt
        self.pull_limit_fixed = pull_limit is not None
        self._pull_limit = pull_limit or PULL_LIMIT
        self._last_apply: tuple[int, float] = (0, 0.0)  # (records, seconds) of the last page
        #: a pull from zero (a first sync) leaves its records to the search backlog
        #: (``Store.index_backlog``, which the app runs after the sync) instead of
        #: indexing them while the manager waits; later pulls index as they apply
        self.defer_search_index = defer_search_index
        #: before a sync from zero, pushing included: the laptop's check and backup
        self.before_pull_from_zero = before_pull_from_zero
        self.guarded = False
        #: the first outbox seq this sync sent (None: nothing sent yet)
        self.pushed_from: int | None = None

    @property
    def pull_limit(self) -> int:
        return self._pull_limit

    @pull_limit.setter
    def pull_limit(self, value: int) -> None:
        """A page size set by hand stays fixed (tests interrupt pulls at known places)."""
        self._pull_limit = value
        self.pull_limit_fixed = True

    def start_sync(self) -> None:
        self.pushed_from = None
        self.guarded = False

    def guard_from_zero(self) -> None:
        if self.before_pull_from_zero and not self.guarded and not self.store.get_setting(ls.K_CURSOR):
            self.before_pull_from_zero(self.store)  # raising stops it: nothing sent or applied
            self.guarded = True

    def pull(self, report: SyncReport) -> None:
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
                self.guard_from_zero()
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
                    requeue_after = self.me()[0]
                    if self.pushed_from is not None:
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

    def me(self) -> tuple[int, str]:  # (this device's last_seq, the epoch) on the server
        try:
            return int((me := self._call("GET", "/me"))["last_seq"]), str(me["server_epoch"])
        except (TypeError, KeyError, ValueError):
            raise ProtocolError("The server's device record is not readable.") from None
