"""The UI's single gateway to data: every widget receives an AppContext.

Widgets never hold the store. They ask for work with ``run_db(fn, on_done)``, where
``fn(store)`` runs in the database lane and ``on_done(result)`` runs back on the GUI
thread; after every committed write the ``changed`` signal (on the GUI thread) says
which entity and ids changed, so each view decides whether to reload.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from models.store import Change, Store
from ui.services import AppSettings, Jobs
from ui.undo import UndoService


class AppContext(QObject):
    #: models.store.Change, emitted on the GUI thread after a committed write
    changed = Signal(object)
    #: a short message for the status bar
    status_message = Signal(str)
    #: language code after a switch in Settings ("en", "zh_CN")
    language_changed = Signal(str)

    def __init__(self, store: Store, jobs: Jobs, settings: AppSettings,
                 parent: QObject | None = None,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.jobs = jobs
        self.settings = settings
        self._today = today or dt.date.today
        #: the one way to take back a delete (ui/undo.py)
        self.undo = UndoService(self)
        # Store listeners fire in the db lane; a signal emitted there reaches GUI-thread
        # slots queued, so views always redraw on the GUI thread.
        store.subscribe(self._on_store_change)

    def _on_store_change(self, change: Change) -> None:
        self.changed.emit(change)

    def today(self) -> dt.date:
        return self._today()

    def now(self) -> dt.datetime:
        """The wall-clock minute on the app's day (tests and demos set the day)."""
        return dt.datetime.combine(self._today(), dt.datetime.now().time()).replace(
            second=0, microsecond=0)

    def run_db(
        self,
        fn: Callable[[Store], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future:
        """Run ``fn(store)`` in the database lane; callbacks on the GUI thread."""
        return self.jobs.db.submit(fn, self._store, on_done=on_done, on_error=on_error)

    def call_db(self, fn: Callable[[Store], Any], timeout: float = 30.0) -> Any:
        """Run ``fn(store)`` in the database lane and wait for it. Only for what must
        finish before the app goes on (the final save on close); never for reads."""
        return self.jobs.db.submit(fn, self._store).result(timeout)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        return self.jobs.db.wait_idle(timeout)
