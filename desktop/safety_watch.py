"""The open profile's safety in the background: the full integrity check after each
start (in the database lane: the window stays usable), the day's backup while the
app runs, and what happens when damage is found (nothing more is written, sync stops,
the user is told and offered the unsent changes and the newest good backup)."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import safety
from models.database import integrity_problems

if TYPE_CHECKING:
    from desktop.session import ProfileSession
    from models.store import Store

log = logging.getLogger(__name__)

#: how often the running app looks whether the day's backup is due
BACKUP_POLL_MS = 60 * 60 * 1000


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

    def start(self) -> None:
        assert self.session.jobs is not None
        self.session.jobs.db.submit(self._check_in_lane, self.session.store,
                                    on_done=self._checked, on_error=self._failed)

    def _keep(self) -> int:
        return self.session.settings.backups_kept

    def _check_in_lane(self, store: Store) -> list[str]:
        problems = integrity_problems(store.db)
        if problems:
            # from now on nothing is written to the file through this connection
            store.db.execute("PRAGMA query_only = ON")
        else:
            assert self.session.database is not None
            safety.daily_backup(store.db, self.session.database, self._keep())
        return problems

    def _failed(self, exc: BaseException) -> None:
        log.error("integrity check or backup failed: %s", exc)
        self._checked([str(exc)] if isinstance(exc, safety.CorruptDatabaseError) else [])

    def _checked(self, problems: list[str]) -> None:
        self.problems = problems
        if problems:
            log.error("database damaged: %s", "; ".join(problems[:3]))
            self._on_damage(problems)
        elif not self.session.closed:
            self._timer.start()
        self.checked.emit(problems)

    def _backup_if_due(self) -> None:
        if self.session.closed or self.session.jobs is None or self.session.database is None:
            return
        if safety.backup_due(self.session.database):
            self.session.jobs.db.submit(safety.daily_backup, self.session.store.db,
                                        self.session.database, self._keep(),
                                        on_error=lambda exc: log.error("backup failed: %s", exc))

    def _on_damage(self, problems: list[str]) -> None:
        from ui.safety.damage_dialog import DamageDialog

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
        from PySide6.QtWidgets import QFileDialog

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
        from desktop.app import open_session
        from desktop.profile_lock import ProfileLock

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
