"""One open profile: the object that owns it from the lock to the window, and the
one way it is closed.

``prepare_profile`` opens it without any widget (lock, settings, database, the job
lanes, and the first load started in the database lane at once, so the queries run
while the interface is imported and built); ``ProfileSession.show_window`` builds
the sync service and the main window over it. ``close`` releases everything in
order, whether the window closes or the profile never got one.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from desktop import sync_service
from desktop.jobs import JobRunner, Pending
from desktop.paths import Profile
from desktop.profile_keys import QuietPrompts, quiet_unlock
from desktop.profile_lock import ProfileLock
from desktop.settings import Settings
from models.database import DatabaseFile, upgrade_due
from models.errors import DatabaseLockedError, StoreError
from models.store import Store
from models.today import first_load
from ui.app_context import AppContext

if TYPE_CHECKING:
    from desktop.safety_watch import SafetyWatch
    from desktop.sync_service import SyncService
    from ui.main_window import MainWindow
    from ui.sync.wiped_notice import WipedNotice

log = logging.getLogger(__name__)


class ProfileSession:
    """What one open profile holds: lock, settings, store, job lanes, context, sync
    service and main window. ``store`` is None while an upgrade is due (opened by
    ``open_store`` behind a progress window) or when it failed (``error``)."""

    def __init__(self, profile: Profile, lock: ProfileLock, settings: Settings) -> None:
        self.profile = profile
        self.lock = lock
        self.settings = settings
        self.store: Store | None = None
        self.jobs: JobRunner | None = None
        self.ctx: AppContext | None = None
        #: the first load, started in the database lane before the window exists
        self.first_load: Pending | None = None
        self.sync: SyncService | None = None
        self.window: MainWindow | None = None
        #: the unlocked database (None: the key must be asked for, in a dialog)
        self.database: DatabaseFile | None = None
        #: the recovery key of a profile set up just now (shown once), and where its key lives
        self.new_code: tuple[str, str] | None = None
        #: why the profile cannot be opened (reported once the app can show it)
        self.error: BaseException | None = None
        #: what the app says after a remote wipe (ui/sync/wiped_notice.py)
        self.wipe_notice: WipedNotice | None = None
        self.closed = False
        #: the integrity check and the day's backup (desktop/safety_watch.py)
        self.safety: SafetyWatch | None = None
        #: where the locked database went when the person started over (sign-in is offered)
        self.started_over: Path | None = None

    def open_store(self, open_db: Callable[[DatabaseFile], object],
                   today: Callable[[], dt.date] | None = None) -> bool:
        """Open the (unlocked) database with ``open_db`` and start the lanes and the
        first load; False (and ``error`` set) when the file cannot be opened."""
        assert self.database is not None
        try:
            self.store = Store(open_db(self.database))  # type: ignore[arg-type]
        except (StoreError, OSError) as exc:
            self.error = exc
            return False
        self.jobs = jobs = JobRunner()
        self.ctx = ctx = AppContext(self.store, jobs, self.settings, today=today)
        self.first_load = Pending(ctx.today(), self.settings.cadence())
        jobs.db.submit(first_load, self.store, *self.first_load.args,
                       on_done=self.first_load.done, on_error=self.first_load.failed)
        return True

    def show_window(self, *, offer_demo: bool = True, **sync_options: object) -> MainWindow:
        """The sync service and the main window over the open store, shown; sync starts
        (its first sync when signed in). ``sync_options`` go to the SyncService."""
        # late: widgets load after the first load starts, docs/benchmarks.md
        from ui.main_window import MainWindow

        assert self.ctx is not None
        assert self.database is not None
        self.sync = sync_service.for_profile(self.ctx, self.profile, self.database,
                                             **sync_options)
        window = MainWindow(self.ctx, sync=self.sync, first_load=self.first_load)
        self.window = window
        geometry = self.settings.window_geometry
        if geometry is not None:
            window.restoreGeometry(geometry)
        if offer_demo and not self.settings.demo_offered:
            window.ready.connect(lambda: QTimer.singleShot(0, self._offer_demo))
        # a lambda holds the session for as long as the window lives
        window.closing.connect(lambda: self.close())
        self.sync.wipe_requested.connect(self._wipe)
        window.show()
        self.sync.start()
        # late: widgets load after the first load starts, docs/benchmarks.md
        from desktop.safety_watch import SafetyWatch

        self.safety = SafetyWatch(self)
        self.safety.start()
        if self.new_code is not None:
            # late: widgets load after the first load starts, docs/benchmarks.md
            from ui.safety.unlock_dialogs import show_recovery_key

            code, protection = self.new_code
            shown = show_recovery_key(window, code, keyring=protection == "keyring")
            if self.started_over is not None and window.sync_ui is not None:
                # the server's data comes back at sign-in: offered once the key was seen
                shown.finished.connect(lambda _result: window.sync_ui.show_sign_in())
        return window

    def _offer_demo(self) -> None:
        """On an empty profile, once the window is ready (and the ready signal has
        reached everyone: benchmarks stop their clock there), offer demo data (once:
        Help ▸ Load demo data… offers it again)."""
        window = self.window
        if window is None or self.closed or window.partners.model.rowCount():
            return
        self.settings.demo_offered = True
        window.offer_demo()

    def _wipe(self, request: object) -> None:
        """Head office reported this laptop lost and what could be pushed was: say so,
        close the profile (window, lanes, store), erase it, then tell the server."""
        # late: off the start path, docs/benchmarks.md
        from desktop.wipe import erase_profile, remaining

        # late: widgets load after the first load starts, docs/benchmarks.md
        from ui.sync.wiped_notice import WipedNotice

        engine = getattr(request, "engine", None)
        accounts = list(getattr(request, "accounts", []))
        self.wipe_notice = WipedNotice(str(self.profile.root))
        self.wipe_notice.show()  # before the window goes, so the app stays to show it
        if self.window is not None:
            self.window.close()
        self.close()
        if engine is None:  # cannot happen: the service hands the engine over
            log.error("wipe: no engine to erase with")
            return
        erase_profile(self.profile, engine.credentials, accounts)
        told = engine.confirm_wiped(accounts)
        engine.close()
        self.wipe_notice.set_result(not remaining(self.profile), told)

    def close(self) -> None:
        """Release the profile, in order: a background check is interrupted, sync
        stops (its network-lane connection closes), queued database work (autosaves) finishes, the store closes, the lock
        is released. The one close path: after the window closed, or instead of it."""
        if self.closed:
            return
        self.closed = True
        if self.safety is not None:
            self.safety.stop()
        if self.sync is not None:
            self.sync.shutdown()
        if self.jobs is not None:
            self.jobs.shutdown()
        if self.store is not None:
            self.store.db.conn.close()
        self.lock.release()


def prepare_profile(profile: Profile, today: Callable[[], dt.date] | None = None
                    ) -> ProfileSession | BaseException:
    """Open ``profile`` without any widget: lock, settings, database, and the first
    load started in the database lane. A profile that this version must upgrade is
    left for ``open_store`` behind a progress window (``store`` None, no ``error``).
    Returns a lock held elsewhere as the exception, to be reported once the app can
    show a message."""
    profile.ensure()
    lock = ProfileLock(profile.lock_file)
    try:
        lock.acquire()
    except DatabaseLockedError as exc:
        return exc
    remove_start_snapshots(profile)
    session = ProfileSession(profile, lock, Settings(profile.settings_file))
    try:
        quiet = QuietPrompts()
        session.database = quiet_unlock(profile, quiet)
        session.new_code = quiet.new_code
        # a key to ask for, a plain file to encrypt, or migrations: behind a window
        due = session.database is None or upgrade_due(profile.database, session.database.key)
    except (StoreError, OSError) as exc:
        session.error = exc
        return session
    if not due:
        session.open_store(DatabaseFile.open, today)
    return session


def remove_start_snapshots(profile: Profile) -> None:
    """Earlier versions kept a copy of the partner list beside the database to start
    faster; nothing reads it any more, and partner data has no business lying around
    outside the database."""
    for leftover in profile.cache_dir.glob("start-snapshot-*"):
        try:
            leftover.unlink()
        except OSError as exc:  # a leftover someone else holds open: next time
            log.warning("old start-up snapshot %s not removed: %s", leftover, exc)
