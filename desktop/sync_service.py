"""The desktop side of sync: a QObject that drives the SyncEngine in the background.

Threads: the app's Store belongs to the database lane. A sync runs in the network
lane with its OWN Store opened on the same profile file (WAL lets the two coexist;
writes serialise through SQLite's busy timeout), so a long sync never blocks the
views' reads and never touches the database lane's connection. When a sync applied
changes, the service tells the views through ``ctx.changed`` (one
``Change(entity, ids, "remote")`` per entity), which is how they reload after any write.

Triggers: ``sync_now()`` (button, menu, shortcut), a timer every five minutes while
signed in, and, while offline, a probe of ``GET /health`` every 30 seconds that syncs
as soon as the server answers. Never two syncs at once: a request while one runs is
refused (``sync_now`` returns False).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.sync_queries import changed_since, error_kind, max_version
from desktop.sync_review import K_REJECTED_SEEN, SyncReview
from models.database import open_database
from models.store import Change, Store
from sync.client import local_state as ls
from sync.client.errors import NotSignedInError

if TYPE_CHECKING:  # the engine, keyring and HTTP stack load in the network lane
    from desktop.demo_server import DemoServer
    from sync.client.credentials import Credentials
    from sync.client.engine import SyncEngine, SyncProgress, SyncReport

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 5 * 60 * 1000
PROBE_INTERVAL_MS = 30 * 1000
PROBE_TIMEOUT_S = 3.0
STATUS_DELAY_MS = 400
#: records of the search backlog indexed per network-lane job (~0.2-0.5 s of database
#: work): a sync asked for meanwhile runs between two of them
BACKLOG_CHUNK = 2000
K_DEMO = "sync.demo_server"  # "1" when this profile signed in to its own demo server


@dataclass(frozen=True)
class SyncSnapshot:
    """What the status area shows; ``online`` is None until the server was asked."""

    signed_in: bool = False
    server_url: str | None = None
    user: str | None = None
    pending: int = 0
    rejected: int = 0
    conflicts: int = 0
    last_sync_at: str | None = None
    last_error: str | None = None
    error_kind: str | None = None
    online: bool | None = None
    syncing: bool = False
    keyring_persistent: bool = True
    demo: bool = False
    #: (done, total) while records of a first sync are being indexed for search
    indexing: tuple[int, int] | None = None


class SyncService(QObject, SyncReview):
    """Sign-in, sync, conflicts and refused changes for one open profile."""

    #: SyncSnapshot, after anything the status area shows changed
    status_changed = Signal(object)
    #: phase ("push" | "pull" | "verify" | "repair"), done, total (-1: unknown)
    progress = Signal(str, int, int)
    sync_started = Signal()
    #: SyncReport
    sync_finished = Signal(object)
    #: error kind (see desktop.sync_errors), message fit for the user
    sync_failed = Signal(str, str)
    #: user name
    signed_in = Signal(str)
    #: error kind, message
    sign_in_failed = Signal(str, str)
    signed_out = Signal()
    #: base URL of the local demo server once it answers
    demo_started = Signal(str)
    #: message (English detail; the UI words the failure itself)
    demo_failed = Signal(str)

    def __init__(self, ctx: Any, database: Path, *, credentials: Credentials | None = None,
                 http_options: dict[str, Any] | None = None, device_name: str | None = None,
                 demo_folder: Path | None = None, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 probe_interval_ms: int = PROBE_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.database = Path(database)
        self.demo_folder = Path(demo_folder) if demo_folder else self.database.parent / "demo-server"
        self._credentials = credentials
        self.http_options = http_options or {}
        self._device_name = device_name
        self.demo_server: Any = None  # desktop.demo_server.DemoServer once "Try the demo" ran
        self.snapshot = SyncSnapshot()
        self.last_report: SyncReport | None = None
        self._engine: SyncEngine | None = None  # lives in the network lane
        self._store: Store | None = None  # the network lane's own connection
        self._closed = False
        self._sign_in_ticket = 0  # answers of older (cancelled) sign-ins are dropped
        self._indexing = False
        self._sync_timer = QTimer(self, interval=sync_interval_ms)
        self._sync_timer.timeout.connect(self._periodic_sync)
        self._probe_timer = QTimer(self, interval=probe_interval_ms)
        self._probe_timer.timeout.connect(self.probe)
        self._status_timer = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        ctx.changed.connect(self._local_change)

    @property
    def device_name(self) -> str:
        """How the server lists this laptop (the host name unless given)."""
        if not self._device_name:
            import socket  # at sign-in only: not on the app's start path

            self._device_name = socket.gethostname()
        return self._device_name

    # --- start and stop ------------------------------------------------------------------

    def start(self, *, sync_at_start: bool = True) -> None:
        """Read the sign-in state; when signed in, sync once and every five minutes.
        A profile that tried the demo gets its local demo server back first."""
        def check() -> dict[str, Any]:
            engine = self._engine_in_lane()
            store = self._store_in_lane()
            # no keyring look-up for a profile that never signed in (nothing to find)
            return {"signed": engine is not None and engine.is_signed_in(),
                    "persistent": self._keyring_persistent() if engine else True,
                    "demo": store.get_setting(K_DEMO) == "1",
                    "demo_ready": (self.demo_folder / "server.db").exists(),
                    "url": store.get_setting(ls.K_SERVER),
                    "backlog": store.search_backlog_pending()}

        def done(result: dict[str, Any]) -> None:
            signed = result["signed"]
            self._set(signed_in=signed, keyring_persistent=result["persistent"],
                      demo=result["demo"])
            if result["backlog"]:  # the app was closed while it indexed: go on
                self.index_search_backlog()
            if result["demo"] and result["demo_ready"]:
                self.resume_demo(result["url"], signed)
                return
            if signed:
                self._sync_timer.start()
                if sync_at_start:
                    self.sync_now()

        self._net(check, done, lambda exc: log.warning("sync start: %s", exc))
        self.refresh_status()

    def check_keyring(self) -> None:
        """Find out (network lane) whether a sign-in would outlive this session;
        ``status_changed`` carries the answer as ``keyring_persistent``."""
        self._net(self._keyring_persistent, lambda ok: self._set(keyring_persistent=ok),
                  lambda exc: self._set(keyring_persistent=False))

    # --- Try the demo ------------------------------------------------------------------

    def start_demo(self) -> None:
        """Try the demo: seed (the first time) and start the local reference server in
        the work lane, then sign in as the demo manager, which syncs.
        ``demo_started``/``demo_failed``, then the usual sign-in and sync signals."""
        def work() -> tuple[DemoServer, dict[str, str]]:
            from desktop.demo_server import DemoServer

            server = self.demo_server or DemoServer(self.demo_folder)
            server.seed()
            server.start()
            self._stop_if_closed(server)
            return server, server.manager()

        def done(result: tuple[DemoServer, dict[str, str]]) -> None:
            server, manager = result
            self.demo_server = server
            self.demo_started.emit(server.base_url)
            self.sign_in(server.base_url, manager["username"], manager["password"], demo=True)

        self.ctx.jobs.work.submit(work, on_done=done,
                                  on_error=lambda exc: self.demo_failed.emit(str(exc)))

    def resume_demo(self, url: str | None, signed: bool) -> None:
        """Bring this profile's demo server back (same port when free); sign in again
        when the address changed or the sign-in did not outlive the last session."""
        port = urlsplit(url).port if url else None

        def work() -> tuple[DemoServer, dict[str, str]]:
            from desktop.demo_server import DemoServer

            server = self.demo_server or DemoServer(self.demo_folder)
            server.start(port)
            self._stop_if_closed(server)
            return server, server.manager()

        def done(result: tuple[DemoServer, dict[str, str]]) -> None:
            server, manager = result
            self.demo_server = server
            self.demo_started.emit(server.base_url)
            if signed and server.base_url == url:
                self._sync_timer.start()
                self.sync_now()
            else:
                self.sign_in(server.base_url, manager["username"], manager["password"], demo=True)

        def failed(exc: BaseException) -> None:
            self._set(online=False, error_kind="offline", last_error=str(exc))
            self.demo_failed.emit(str(exc))

        self.ctx.jobs.work.submit(work, on_done=done, on_error=failed)

    def _stop_if_closed(self, server: DemoServer) -> None:
        """The app quit while the server was starting (work lane): no one will stop
        it later, so stop it now."""
        if self._closed:
            server.stop()
            raise RuntimeError("The app is closing.")

    def shutdown(self) -> None:
        """Stop the timers, close the network lane's engine and store, stop the demo
        server. Call before the job lanes shut down."""
        if self._closed:
            return
        self._closed = True
        for timer in (self._sync_timer, self._probe_timer, self._status_timer):
            timer.stop()

        def close() -> None:
            if self._engine is not None:
                self._engine.close()
            if self._store is not None:
                self._store.db.conn.close()
            self._engine = self._store = None

        try:
            self.ctx.jobs.net.submit(close)
        except RuntimeError:  # lanes already shut down
            pass
        if self.demo_server is not None:
            self.demo_server.stop()

    # --- sign-in -----------------------------------------------------------------------

    def sign_in(self, server_url: str, user: str, password: str, *,
                allow_insecure_http: bool = False, demo: bool = False) -> None:
        """Sign in in the network lane; ``signed_in`` or ``sign_in_failed`` answers.
        A successful sign-in starts a sync at once. ``cancel_sign_in()`` before the
        answer: the sign-in that still succeeds is undone (signed out) silently."""
        self._sign_in_ticket += 1
        ticket = self._sign_in_ticket

        def work() -> dict[str, Any]:
            from sync.client.engine import SyncEngine

            engine = SyncEngine(self._store_in_lane(), server_url.strip(), self.credentials,
                                progress=self._progress_from_lane,
                                allow_insecure_http=allow_insecure_http,
                                http_options=self.http_options, defer_search_index=True)
            try:
                answer = engine.sign_in(user.strip(), password, self.device_name)
            except BaseException:
                engine.close()
                raise
            store = self._store_in_lane()
            store.set_setting(ls.K_INSECURE, "1" if allow_insecure_http else None)
            store.set_setting(K_DEMO, "1" if demo else None)
            if self._engine is not None:
                self._engine.close()
            self._engine = engine
            return {"user": answer.get("username") or user.strip(),
                    "persistent": self._keyring_persistent()}

        def done(result: dict[str, Any]) -> None:
            if ticket != self._sign_in_ticket:  # cancelled meanwhile
                self.sign_out()
                return
            self._set(signed_in=True, online=True, error_kind=None, last_error=None,
                      keyring_persistent=result["persistent"], demo=demo)
            self._probe_timer.stop()
            self._sync_timer.start()
            self.signed_in.emit(result["user"])
            self.refresh_status()
            self.sync_now()

        def failed(exc: BaseException) -> None:
            if ticket != self._sign_in_ticket:
                return
            kind = error_kind(exc)
            if kind == "offline":
                self._set(online=False)
            self.sign_in_failed.emit(kind, str(exc))

        self._net(work, done, failed)

    def cancel_sign_in(self) -> None:
        """The user gave up waiting: whatever the running sign-in answers is dropped."""
        self._sign_in_ticket += 1

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        """Forget the sign-in (revoked on the server when reachable). Local data and
        unsent changes stay; they go with the next sign-in."""
        def work() -> None:
            if self._engine is not None:
                self._engine.sign_out()
            # signed out on purpose: the next start must not sign in to the demo again
            self._store_in_lane().set_setting(K_DEMO, None)

        def done(_: Any) -> None:
            self._sync_timer.stop()
            self._probe_timer.stop()
            self._set(signed_in=False, online=None, error_kind=None, demo=False)
            self.signed_out.emit()
            self.refresh_status()
            if on_done:
                on_done()

        self._net(work, done, lambda exc: done(None))

    def export_pending(self, path: str | Path, on_done: Callable[[int], None],
                       on_error: Callable[[BaseException], None]) -> None:
        """Write the unsent changes (outbox ops) to a JSON file; ``on_done(count)``."""
        def work(store: Store) -> int:
            ops = store.outbox("pending")
            payload = [{k: op.get(k) for k in ("op_id", "seq", "entity", "entity_id", "op",
                                                "changes", "base_version", "created_at")}
                       for op in ops]
            for item in payload:
                if isinstance(item["changes"], str):
                    item["changes"] = json.loads(item["changes"])
            Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2),
                                  encoding="utf-8")
            return len(payload)

        self.ctx.run_db(work, on_done, on_error)

    # --- syncing -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.snapshot.syncing

    @Slot()
    def sync_now(self) -> bool:
        """Start a sync in the background. False (and nothing started) when one is
        already running, or when not signed in."""
        if self.snapshot.syncing or self._closed:
            return False
        if not self.snapshot.signed_in:
            self.sync_failed.emit("not_signed_in", "")
            return False
        self._set(syncing=True)
        self.sync_started.emit()
        self._net(self._sync_in_lane, self._sync_done, self._sync_error)
        return True

    def _sync_in_lane(self) -> tuple[SyncReport, dict[str, tuple[str, ...]]]:
        engine = self._engine_in_lane()
        if engine is None:
            raise NotSignedInError("Not signed in to the sync server.")
        store = self._store_in_lane()
        before = max_version(store)
        report = engine.sync()
        changed: dict[str, tuple[str, ...]] = {}
        if report.pulled or report.pushed or report.removed_partners or report.repaired:
            changed = changed_since(store, before)
            if report.removed_partners:
                changed["partner"] = tuple(dict.fromkeys(
                    changed.get("partner", ()) + tuple(report.removed_partners)))
        return report, changed

    def _sync_done(self, result: tuple[SyncReport, dict[str, tuple[str, ...]]]) -> None:
        report, changed = result
        self.last_report = report
        self._probe_timer.stop()
        self._set(syncing=False, online=True, error_kind=None, last_error=None)
        for name, ids in changed.items():
            if ids:
                self.ctx.changed.emit(Change(name, ids, "remote"))
        self.sync_finished.emit(report)
        self.refresh_status()
        if report.search_backlog:
            self.index_search_backlog()

    @Slot()
    def cancel_sync(self) -> bool:
        """Stop the running sync at its next step (between two batches or pages); what
        it did so far is kept. False when none runs."""
        engine = self._engine
        if not self.snapshot.syncing or engine is None:
            return False
        engine.cancel()
        return True

    def _sync_error(self, exc: BaseException) -> None:
        kind = error_kind(exc)
        if kind == "busy":  # the engine's own guard: another sync holds it
            return
        if kind == "cancelled":  # asked for: not an error to show as one
            self._set(syncing=False)
            self.sync_failed.emit(kind, str(exc))
            self.refresh_status()
            return
        self._set(syncing=False, error_kind=kind, last_error=str(exc))
        if kind == "offline":
            self._set(online=False)
            self._probe_timer.start()
        elif kind == "auth":
            self._sync_timer.stop()
            self._set(signed_in=False)
        self.sync_failed.emit(kind, str(exc))
        self.refresh_status()

    @Slot()
    def _periodic_sync(self) -> None:
        if self.snapshot.online is not False:
            self.sync_now()

    @Slot()
    def probe(self) -> None:
        """Ask the server's /health (short timeout); when it answers, sync."""
        if self.snapshot.syncing or not self.snapshot.signed_in:
            return

        def work() -> bool:
            engine = self._engine_in_lane()
            if engine is None:
                return False
            try:
                r = engine.http.session.get(engine.base_url + "/health", timeout=PROBE_TIMEOUT_S)
                return r.status_code == 200
            except Exception:  # noqa: BLE001 - any failure means: not back yet
                return False

        def done(ok: bool) -> None:
            if ok and self.snapshot.online is False:
                self._set(online=True)
                self.sync_now()

        self._net(work, done, lambda exc: None)

    def _progress_from_lane(self, p: SyncProgress) -> None:
        # called in the network lane: a queued signal carries it to the GUI thread
        self.progress.emit(p.phase, int(p.done), -1 if p.total is None else int(p.total))

    # --- the search backlog --------------------------------------------------------------

    def index_search_backlog(self) -> None:
        """Index for search what a first sync left (its records were usable at once;
        the index costs more than the records). One chunk per network-lane job, so a
        sync asked for meanwhile runs in between; ``status_changed`` carries the
        progress as ``indexing``. A close stops it; the next start goes on."""
        if self._indexing or self._closed:
            return
        self._indexing = True
        progress = [0, 0]

        def count() -> int:
            return self._store_in_lane().search_backlog_count()

        def step() -> int:
            return self._store_in_lane().index_backlog(BACKLOG_CHUNK)

        def counted(total: int) -> None:
            progress[1] = total
            self._set(indexing=(0, total))
            self._net(step, stepped, failed)

        def stepped(n: int) -> None:
            if not n:
                self._indexing = False
                self._set(indexing=None)
                return
            progress[0] += n
            progress[1] = max(progress)  # a sync in between may have added records
            self._set(indexing=(progress[0], progress[1]))
            self._net(step, stepped, failed)

        def failed(exc: BaseException) -> None:
            self._indexing = False
            self._set(indexing=None)
            log.warning("search backlog: %s (it is retried after the next sync)", exc)

        self._net(count, counted, failed)

    # --- status ------------------------------------------------------------------------

    @Slot()
    def refresh_status(self) -> None:
        """Re-read the counts (app store, database lane) and emit ``status_changed``."""
        def read(store: Store) -> dict[str, Any]:
            state = ls.read_state(store)
            return {
                "server_url": state.server_url, "user": state.user,
                "pending": store.pending_count(),
                "rejected": store.db.execute(
                    "SELECT count(*) FROM outbox WHERE state = 'rejected' AND seq > ?",
                    [int(store.get_setting(K_REJECTED_SEEN) or 0)]).fetchone()[0],
                "conflicts": store.db.execute(
                    "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()[0],
                "last_sync_at": state.last_sync_at,
                "demo": store.get_setting(K_DEMO) == "1",
            }

        self.ctx.run_db(read, lambda values: self._set(**values),
                        lambda exc: log.warning("sync status: %s", exc))

    @Slot(object)
    def _local_change(self, change: Change) -> None:
        if change.kind != "remote":  # a local edit: the pending count moved
            self._status_timer.start()

    def _set(self, **values: Any) -> None:
        new = replace(self.snapshot, **values)
        if new != self.snapshot:
            self.snapshot = new
            self.status_changed.emit(new)

    # --- the network lane --------------------------------------------------------------

    def _net(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        if self._closed:
            return
        self.ctx.jobs.net.submit(fn, on_done=on_done, on_error=on_error)

    def _store_in_lane(self) -> Store:
        if self._store is None:
            # the app's own connection checked and migrated the file at start
            self._store = Store(open_database(self.database, migrate=False, already_open=True))
        return self._store

    def _engine_in_lane(self) -> SyncEngine | None:
        """The engine for the stored server address (None: never signed in)."""
        if self._engine is None:
            store = self._store_in_lane()
            url = store.get_setting(ls.K_SERVER)
            if not url:
                return None
            from sync.client.engine import SyncEngine

            self._engine = SyncEngine(store, url, self.credentials,
                                      progress=self._progress_from_lane,
                                      allow_insecure_http=store.get_setting(ls.K_INSECURE) == "1",
                                      http_options=self.http_options, defer_search_index=True)
        return self._engine

    @property
    def credentials(self) -> Credentials:
        """Where the refresh token lives (the OS keyring unless given); built on first
        use, in the network lane: importing keyring takes a tenth of a second."""
        if self._credentials is None:
            from sync.client.credentials import KeyringCredentials

            self._credentials = KeyringCredentials()
        return self._credentials

    def _keyring_persistent(self) -> bool:
        """False when secrets will not outlive this session (no OS keyring)."""
        if not self.credentials.persistent:
            return False
        import keyring
        import keyring.errors

        from sync.client.credentials import KeyringCredentials

        if isinstance(self.credentials, KeyringCredentials):
            try:
                keyring.get_password(self.credentials.service, "channelkeeper-probe")
            except keyring.errors.KeyringError:
                return False
        return True


def install(window: Any, ctx: Any, profile: Any, **options: Any) -> SyncService:
    """Give a main window its sync: the service (stopped before the window's job lanes
    shut down: connect this before the session's close) and the sync UI."""
    from ui.sync.sync_controller import attach_sync

    service = SyncService(ctx, profile.database, demo_folder=profile.server_dir,
                          parent=window, **options)
    window.closing.connect(service.shutdown)
    attach_sync(window, service)
    return service
