"""The desktop side of sync: a QObject that drives the SyncEngine in the background.

Threads: the app's Store belongs to the database lane. A sync runs in the network
lane with its OWN Store opened on the same profile file (``SyncLane``; WAL lets the
two coexist; writes serialise through SQLite's busy timeout), so a long sync never
blocks the views' reads and never touches the database lane's connection. When a
job in that lane committed writes (a sync's pulled pages, a scope removal), the
service hands that store's own ``Change`` events to ``ctx.changed`` when the job ends,
as the database lane's writes reach it: views reload after any write the same way.

The service signs in, syncs and keeps the status; its collaborators do the rest:
``scheduler`` (every five minutes, and a probe while offline), ``demo`` (Try the
demo's local server), ``backlog`` (search indexing after a first sync) and ``review``
(conflicts and refused changes). Never two syncs at once: a request while one runs
is refused (``sync_now`` returns False).
"""
from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop import demo_words
from desktop.demo_choices import DemoChoices
from desktop.search_backlog import SearchBacklog
from desktop.sync_demo import DemoRunner
from desktop.sync_lane import SyncLane
from desktop.sync_queries import error_kind
from desktop.sync_review import K_REJECTED_SEEN, SyncReview
from desktop.sync_scheduler import PROBE_INTERVAL_MS, SYNC_INTERVAL_MS, SyncScheduler
from models.database import DatabaseFile
from models.store import Change, Store
from sync.client import local_state as ls
from sync.client.errors import DemoProfileError, NotSignedInError, WipeRequested
from ui.app_context import AppContext
from ui.services import SyncSnapshot

if TYPE_CHECKING:
    from desktop.paths import Profile
    from sync.client.credentials import Credentials
    from sync.client.engine import SyncProgress, SyncReport

log = logging.getLogger(__name__)

STATUS_DELAY_MS = 400
K_DEMO = "sync.demo_server"  # "1" when this profile signed in to its own demo server


class SyncService(QObject):
    """Sign-in, sync and the sync status of one open profile."""

    #: SyncSnapshot, after anything the status area shows changed
    status_changed = Signal(object)
    #: phase ("push" | "pull" | "verify" | "repair"), done, total (-1: unknown)
    progress = Signal(str, int, int)
    sync_started = Signal()
    #: SyncReport
    sync_finished = Signal(object)
    #: error kind (see desktop.sync_queries.error_kind), message fit for the user
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
    #: sync.client.errors.WipeRequested with ``engine`` and ``accounts``: head office
    #: reported this laptop lost; the session erases the profile (desktop/session.py)
    wipe_requested = Signal(object)

    def __init__(self, ctx: AppContext, database: DatabaseFile, *,
                 credentials: Credentials | None = None,
                 http_options: dict[str, Any] | None = None, device_name: str | None = None,
                 demo_folder: Path | None = None, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 probe_interval_ms: int = PROBE_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.database = database.path
        self._device_name = device_name
        self.snapshot = SyncSnapshot()
        self.last_report: SyncReport | None = None
        self.closed = False
        self._sign_in_ticket = 0  # answers of older (cancelled) sign-ins are dropped
        self.lane = SyncLane(database, credentials=credentials,
                             http_options=http_options or {}, progress=self._progress_from_lane,
                             backups_kept=lambda: getattr(ctx.settings, "backups_kept", None))
        self.scheduler = SyncScheduler(self, sync_interval_ms=sync_interval_ms,
                                       probe_interval_ms=probe_interval_ms)
        self.demo = DemoRunner(self, Path(demo_folder) if demo_folder
                               else self.database.parent / "demo-server")
        self.demo_choices = DemoChoices(self)
        self.backlog = SearchBacklog(self)
        self.review = SyncReview(self)
        self._status_timer = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        ctx.changed.connect(self._local_change)

    @property
    def device_name(self) -> str:
        """How the server lists this laptop (the host name unless given)."""
        if not self._device_name:
            self._device_name = socket.gethostname()
        return self._device_name

    # --- start and stop ------------------------------------------------------------------

    def start(self, *, sync_at_start: bool = True) -> None:
        """Read the sign-in state; when signed in, sync once and every five minutes.
        A profile that tried the demo gets its local demo server back first."""
        def check() -> dict[str, Any]:
            engine = self.lane.engine()
            store = self.lane.store()
            # no keyring look-up for a profile that never signed in (nothing to find)
            return {"signed": engine is not None and engine.is_signed_in(),
                    "persistent": self.lane.keyring_persistent() if engine else True,
                    "demo": store.get_setting(K_DEMO) == "1",
                    "url": store.get_setting(ls.K_SERVER),
                    "backlog": store.search_backlog_pending()}

        def done(result: dict[str, Any]) -> None:
            signed = result["signed"]
            self.set_status(signed_in=signed, keyring_persistent=result["persistent"],
                            demo=result["demo"])
            if result["backlog"]:  # the app was closed while it indexed: go on
                self.backlog.index()
            if result["demo"] and self.demo.seeded:
                self.demo.resume(result["url"], signed)
                return
            if signed:
                self.scheduler.signed_in()
                if sync_at_start:
                    self.sync_now()

        self.net(check, done, lambda exc: log.warning("sync start: %s", exc))
        self.refresh_status()

    def check_keyring(self) -> None:
        """Find out (network lane) whether a sign-in would outlive this session;
        ``status_changed`` carries the answer as ``keyring_persistent``."""
        self.net(self.lane.keyring_persistent,
                 lambda ok: self.set_status(keyring_persistent=ok),
                 lambda exc: self.set_status(keyring_persistent=False))

    def start_demo(self) -> None:
        """Try the demo (see ``DemoRunner.start``)."""
        self.demo.start()

    def shutdown(self) -> None:
        """Stop the timers, close the network lane's engine and store, stop the demo
        server. Call before the job lanes shut down."""
        if self.closed:
            return
        self.closed = True
        self.scheduler.stop()
        self._status_timer.stop()
        try:
            self.ctx.jobs.net.submit(self.lane.close)
        except RuntimeError:  # lanes already shut down
            pass
        self.demo.stop()

    # --- sign-in -----------------------------------------------------------------------

    def sign_in(self, server_url: str, user: str, password: str, *,
                allow_insecure_http: bool = False, demo: bool = False) -> None:
        """Sign in in the network lane; ``signed_in`` or ``sign_in_failed`` answers.
        A successful sign-in starts a sync at once. ``cancel_sign_in()`` before the
        answer: the sign-in that still succeeds is undone (signed out) silently."""
        self._sign_in_ticket += 1
        ticket = self._sign_in_ticket

        def work() -> dict[str, Any]:
            engine = self.lane.new_engine(server_url.strip(), allow_insecure_http)
            try:
                answer = engine.sign_in(user.strip(), password, self.device_name,
                                        known_demo=demo)
            except BaseException:
                engine.close()
                raise
            store = self.lane.store()
            store.set_setting(ls.K_INSECURE, "1" if allow_insecure_http else None)
            store.set_setting(K_DEMO, "1" if demo else None)
            self.lane.replace_engine(engine)
            return {"user": answer.get("username") or user.strip(),
                    "persistent": self.lane.keyring_persistent()}

        def done(result: dict[str, Any]) -> None:
            if ticket != self._sign_in_ticket:  # cancelled meanwhile
                self.sign_out()
                return
            self.set_status(signed_in=True, online=True, error_kind=None, last_error=None,
                            keyring_persistent=result["persistent"], demo=demo)
            self.scheduler.signed_in()
            self.signed_in.emit(result["user"])
            self.refresh_status()
            self.sync_now()

        def failed(exc: BaseException) -> None:
            if ticket != self._sign_in_ticket:
                return
            kind = error_kind(exc)
            if kind == "offline":
                self.set_status(online=False)
            self.sign_in_failed.emit(kind, demo_refusal(exc))

        self.net(work, done, failed)

    def cancel_sign_in(self) -> None:
        """The user gave up waiting: whatever the running sign-in answers is dropped."""
        self._sign_in_ticket += 1

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        """Forget the sign-in (revoked on the server when reachable). Local data and
        unsent changes stay; they go with the next sign-in."""
        def work() -> None:
            engine = self.lane.current_engine
            if engine is not None:
                engine.sign_out()
            # signed out on purpose: the next start must not sign in to the demo again
            self.lane.store().set_setting(K_DEMO, None)

        def done(_: Any) -> None:
            self.scheduler.stop()
            self.set_status(signed_in=False, online=None, error_kind=None, demo=False)
            self.signed_out.emit()
            self.refresh_status()
            if on_done:
                on_done()

        self.net(work, done, lambda exc: done(None))

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
        if self.snapshot.syncing or self.closed:
            return False
        if not self.snapshot.signed_in:
            self.sync_failed.emit("not_signed_in", "")
            return False
        self.set_status(syncing=True)
        self.sync_started.emit()
        self.net(self._sync_in_lane, self._sync_done, self._sync_error)
        return True

    def _sync_in_lane(self) -> SyncReport:
        engine = self.lane.engine()
        if engine is None:
            raise NotSignedInError("Not signed in to the sync server.")
        try:
            return engine.sync()
        except WipeRequested as exc:
            # what could be pushed was; the erase needs the engine's token afterwards
            exc.accounts = engine.secret_accounts()  # type: ignore[attr-defined]
            exc.engine = self.lane.detach_engine()  # type: ignore[attr-defined]
            raise

    def _sync_done(self, report: SyncReport) -> None:
        # the views heard what the sync wrote already: the lane's job handed its
        # store's changes to ctx.changed before this callback was queued (see ``net``)
        self.last_report = report
        self.scheduler.online()
        self.set_status(syncing=False, online=True, error_kind=None, last_error=None)
        self.sync_finished.emit(report)
        self.refresh_status()
        if report.search_backlog:
            self.backlog.index()

    @Slot()
    def cancel_sync(self) -> bool:
        """Stop the running sync at its next step (between two batches or pages); what
        it did so far is kept. False when none runs."""
        engine = self.lane.current_engine
        if not self.snapshot.syncing or engine is None:
            return False
        engine.cancel()
        return True

    def _sync_error(self, exc: BaseException) -> None:
        kind = error_kind(exc)
        if kind == "busy":  # the engine's own guard: another sync holds it
            return
        if kind == "wipe":
            self.scheduler.stop()
            self.set_status(syncing=False)
            self.wipe_requested.emit(exc)
            return
        if kind == "cancelled":  # asked for: not an error to show as one
            self.set_status(syncing=False)
            self.sync_failed.emit(kind, str(exc))
            self.refresh_status()
            return
        message = demo_refusal(exc)
        self.set_status(syncing=False, error_kind=kind, last_error=message)
        if kind == "offline":
            self.set_status(online=False)
            self.scheduler.offline()
        elif kind == "auth":
            self.scheduler.stop()
            self.set_status(signed_in=False)
        self.sync_failed.emit(kind, message)
        self.refresh_status()

    def _progress_from_lane(self, p: SyncProgress) -> None:
        # called in the network lane: a queued signal carries it to the GUI thread
        self.progress.emit(p.phase, int(p.done), -1 if p.total is None else int(p.total))

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

        self.ctx.run_db(read, lambda values: self.set_status(**values),
                        lambda exc: log.warning("sync status: %s", exc))

    @Slot(object)
    def _local_change(self, change: Change) -> None:
        if change.kind != "remote":  # a local edit: the pending count moved
            self._status_timer.start()

    def set_status(self, **values: Any) -> None:
        """Change what the status area shows (``status_changed`` when it moved)."""
        new = replace(self.snapshot, **values)
        if new != self.snapshot:
            self.snapshot = new
            self.status_changed.emit(new)

    def net(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        """Run ``fn`` in the network lane (nothing once the service is shut down). What
        the lane's store committed meanwhile reaches ``ctx.changed`` as the job ends,
        failed or not (pages pulled before a lost connection are kept, and shown),
        and before ``on_done``/``on_error``, which are queued after it."""
        if self.closed:
            return

        def job() -> Any:
            try:
                return fn()
            finally:
                for change in self.lane.take_changes():
                    self.ctx.changed.emit(change)  # queued to the GUI thread's views

        self.ctx.jobs.net.submit(job, on_done=on_done, on_error=on_error)


def demo_refusal(exc: BaseException) -> str:
    """The message for a failure: for a demo profile refused by a real server, the
    counts and the two ways on (desktop/demo_words.py), else the error's own."""
    if isinstance(exc, DemoProfileError) and exc.contents is not None:
        return demo_words.refusal(exc.contents, exc.server)  # type: ignore[arg-type]
    return str(exc)


def for_profile(ctx: AppContext, profile: Profile, database: DatabaseFile, **options: Any
                ) -> SyncService:
    """The sync service of an open profile (stopped by the session before its job
    lanes shut down); ``database``: the profile's unlocked file, for the network
    lane's own connection."""
    return SyncService(ctx, database, demo_folder=profile.server_dir, **options)
