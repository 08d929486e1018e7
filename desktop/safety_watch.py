"""The open profile's safety in the background: the full integrity check after each
start and the day's backup while the app runs, both on a connection of their own in
the ``aside`` lane (they read the whole file: seconds on a large profile, during
which the database lane stays free for the views and autosaves), and what happens
when damage is found (nothing more is written, sync stops, the user is told and
offered the unsent changes and the newest good backup)."""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from desktop import safety
from desktop.app import open_session
from desktop.profile_lock import ProfileLock
from models.database import integrity_problems
from ui.safety.damage_dialog import DamageDialog

if TYPE_CHECKING:
    from desktop.session import ProfileSession
    from models.database import Database

log = logging.getLogger(__name__)

#: how often the running app looks whether the day's backup is due
BACKUP_POLL_MS = 60 * 60 * 1000
#: the check starts this long after the window is ready: the first minute, when the
#: user reads Today and types into filters, is left to them (the check keeps a core
#: busy for seconds on a large profile). A session shorter than that is checked at
#: the next start; a sync from zero and ``main.py check`` check at once.
CHECK_DELAY_MS = 60 * 1000


class SafetyWatch(QObject):
    """``checked`` carries the problems found (empty: healthy) once the check ran."""

    checked = Signal(list)

    def __init__(self, session: ProfileSession) -> None:
        super().__init__(session.window)
        self.session = session
        self.problems: list[str] | None = None  # None: not checked yet
        self.dialog: Any = None
        self._timer = QTimer(self, interval=BACKUP_POLL_MS)
        self._timer.timeout.connect(self._backup_if_due)
        #: the aside connection while it reads (``stop`` interrupts it)
        self._reading: Database | None = None
        self._stopped = False
        self._guard = threading.Lock()

    def start(self) -> None:
        """The check, ``CHECK_DELAY_MS`` after the window is ready."""
        window = self.session.window
        assert window is not None
        if window.is_ready:
            self._start_later()
        else:
            window.ready.connect(self._start_later)

    def _start_later(self) -> None:
        QTimer.singleShot(CHECK_DELAY_MS, self, self._check_now)

    def _check_now(self) -> None:
        if self.session.closed or self.session.jobs is None:
            return
        self.session.jobs.aside.submit(self._aside, True, on_done=self._checked,
                                       on_error=self._failed)

    def stop(self) -> None:
        """The profile closes: a check under way is interrupted (it says nothing
        then), so closing never waits for a read of the whole file."""
        with self._guard:
            self._stopped = True
            if self._reading is not None:
                self._reading.conn.interrupt()

    def _keep(self) -> int:
        return self.session.settings.backups_kept

    def _aside(self, check: bool) -> list[str] | None:
        """In the aside lane, on its own connection: the full check (``check``),
        then the day's backup when due and healthy. None: stopped before a verdict."""
        database = self.session.database
        assert database is not None
        with self._guard:
            if self._stopped:
                return None
            db = database.open(migrate=False, already_open=True)
            self._reading = db
        try:
            try:
                problems = integrity_problems(db) if check else []
            except Exception:
                if self._stopped:
                    return None
                raise
            with self._guard:
                if self._stopped:
                    return None  # interrupted: no verdict either way
            if not problems:
                safety.daily_backup(db, database, self._keep(), checked=check)
            return problems
        finally:
            with self._guard:
                self._reading = None
            db.close()

    def _failed(self, exc: BaseException) -> None:
        log.error("integrity check or backup failed: %s", exc)
        self._checked([str(exc)] if isinstance(exc, safety.CorruptDatabaseError) else [])

    def _checked(self, problems: list[str] | None) -> None:
        if problems is None or self.session.closed:
            return
        if problems:
            log.error("database damaged: %s", "; ".join(problems[:3]))
            store = self.session.store
            assert store is not None and self.session.jobs is not None
            # from now on nothing is written to the file through the app's connection
            # (queued before anything the user does after being told)
            self.session.jobs.db.submit(store.db.execute, "PRAGMA query_only = ON")
            self.problems = problems
            self._on_damage(problems)
        else:
            self.problems = problems
            self._timer.start()
        self.checked.emit(problems)

    def _backup_if_due(self) -> None:
        if self.session.closed or self.session.jobs is None or self.session.database is None:
            return
        if safety.backup_due(self.session.database):
            self.session.jobs.aside.submit(
                self._aside, False, on_error=lambda exc: log.error("backup failed: %s", exc))

    def _on_damage(self, problems: list[str]) -> None:

        session = self.session
        if session.sync is not None:
            session.sync.shutdown()  # its own connection writes too: closed
        assert session.database is not None
        good = safety.good_backups(session.database)
        self.dialog = DamageDialog(safety.damage_message(session.database.path, problems),
                                   bool(good), session.window)
        self.dialog.export_requested.connect(self._export)
        self.dialog.restore_requested.connect(lambda: self._restore(good[0]))
        self.dialog.open()

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.dialog, self.dialog.export_button.text(),
            str(self.session.profile.root.parent / "channelkeeper-unsent-changes.json"),
            "JSON (*.json)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> int:
        assert self.session.database is not None
        count = safety.export_pending_changes(self.session.database, path)  # type: ignore[arg-type]
        self.dialog.exported(count, path)
        return count

    def _restore(self, backup: Any) -> None:
        """Close the profile, put the backup in place (the damaged file kept aside),
        and open the profile again in a new window."""

        session = self.session
        database, profile = session.database, session.profile
        assert database is not None
        self.dialog.close()
        if session.window is not None:
            session.window.close()
        session.close()
        with ProfileLock(profile.lock_file):
            aside = safety.restore_backup(database, backup)
        log.warning("restored %s (damaged file kept as %s)", backup, aside)
        self.reopened = open_session(profile, offer_demo=False)
