"""How the main window loads Today and Partners: the first load (put on screen from
the start-up snapshot when one matches the data, else from the database), one
debounced reload after changes and at a new day, and ``ready``.

With a snapshot on screen the window is ready as soon as the event loop runs; the
normal first load then runs in the background, once the user has left keyboard and
mouse alone for BACKGROUND_DELAY_MS, and replaces what is shown only if it differs. Each first load read from the database is
handed to the snapshot to be saved for the next start.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from shiboken6 import Shiboken

from models.today import LIST_LIMIT, TodayData, first_load
from ui.today_view import RELEVANT_ENTITIES

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ui.app_context import AppContext
    from ui.partners_view import PartnersView
    from ui.today_view import TodayView

log = logging.getLogger(__name__)

#: input that means the user is at work (typing in the partner filter included)
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class _ActivityWatch(QObject):
    """While start-up work waits for a quiet moment: any key, click or wheel turn in
    one of the app's windows starts the wait again, and so does a change of the
    active window (a dialog opening or closing; its own input is watched from then).

    It watches the windows (QWindow), through which every input event arrives, not
    the application: a filter on the application routes every event of every object
    through Python, and the first one aimed at an object of a class Qt keeps private
    makes PySide6 set up every class it wraps to find its type (~16 ms, 137 enum
    classes, when the window had just become usable)."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__(timer)
        self.timer = timer
        self._windows: list[QWindow] = []
        self._watching = False

    def start(self, window: QWindow | None) -> None:
        if self._watching:
            return
        self._watching = True
        self.watch(window)
        QGuiApplication.instance().focusWindowChanged.connect(self._focus_window_changed)

    def stop(self) -> None:
        if not self._watching:
            return
        self._watching = False
        QGuiApplication.instance().focusWindowChanged.disconnect(self._focus_window_changed)
        for window in self._windows:
            if Shiboken.isValid(window):
                window.removeEventFilter(self)
        self._windows.clear()

    def watch(self, window: QWindow | None) -> None:
        if window is not None and window not in self._windows:
            window.installEventFilter(self)
            self._windows.append(window)

    def _focus_window_changed(self, window: QWindow | None) -> None:
        self.timer.start()
        self.watch(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False

#: a burst of edits (an import, a sync) costs one reload after it settles
RELOAD_DELAY_MS = 300
#: how often to notice that the date has changed
DAY_CHECK_MS = 60_000
#: start-up work that can wait until the user had a moment with the window (checking
#: the snapshot shown, saving the first load as the next one): typing right after the
#: start would otherwise share the interpreter with ~0.2 s of Python in the db lane
BACKGROUND_DELAY_MS = 1500


class WindowLoading:
    """Mixin of MainWindow (which builds ``today``, ``partners``, the timers and the
    ``ready`` signal, and sets ``snapshot`` and ``_first_load``)."""

    ctx: AppContext
    today: TodayView
    partners: PartnersView
    ready: SignalInstance
    is_ready: bool
    snapshot: Any
    #: "save": the first load from the database is still to come and to be saved;
    #: "verify": a snapshot is on screen and the first load is to check it; "": done
    _first_load: str
    _pending_first_load: set[str]
    _request: int
    _reload_timer: QTimer
    _loaded_day: Any
    load_timings: dict[str, float]

    def reload(self) -> None:
        """Load (or reload) Today and Partners in one database job: both need every
        partner's overview, the costliest query on a big profile, so it runs once."""
        self._start_load(self.today.limits())

    def _start_load(self, limits: tuple[int | None, int | None]) -> None:
        self._reload_timer.stop()
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        first, snapshot = self._first_load, self.snapshot

        def load(store: Any) -> tuple[list, TodayData, Any]:
            generation, overviews, data, query_ms = first_load(store, today, cadence, limits)
            self.load_timings["query_ms"] = query_ms
            differs = first == "verify" and snapshot.differs_from_shown(overviews, data)
            return overviews, data, (generation, today, cadence, differs, limits)

        self.ctx.run_db(load, lambda result: self._loaded(request, *result), self._load_failed)

    def _take_first_load(self, pending: Any) -> None:
        """The first load, started before the window was built (desktop/app.py)."""
        self._request += 1
        request = self._request
        today, cadence = pending.args

        def arrived(result: tuple) -> None:
            generation, overviews, data, query_ms = result
            self.load_timings["query_ms"] = query_ms
            self._loaded(request, overviews, data,
                         (generation, today, cadence, False, (LIST_LIMIT, LIST_LIMIT)))

        pending.attach(arrived, self._load_failed)

    def _show_snapshot(self, overviews: list, today_data: TodayData) -> None:
        """The last session's first load, known to match the data: on screen at once;
        ``ready`` once the event loop runs (the window is up), then the check."""
        self._pending_first_load.add("window shown")
        started = time.perf_counter()
        self.partners.show_rows(overviews)
        self.today.show_data(today_data)
        self.load_timings["show_ms"] = (time.perf_counter() - started) * 1000
        self.load_timings["snapshot_read_ms"] = getattr(self.snapshot, "read_ms", 0.0)
        QTimer.singleShot(0, self._ready_from_snapshot)

    def _ready_from_snapshot(self) -> None:
        self._first_load_done("window shown")
        self._when_idle(self._check_snapshot)

    def _when_idle(self, job: Any) -> None:
        """Run ``job`` once the user has left keyboard and mouse (and the partner
        filter) alone for BACKGROUND_DELAY_MS: start-up work in the database lane is
        ~0.2 s of Python, and typing meanwhile would share the interpreter with it."""
        timer: QTimer | None = getattr(self, "_idle_timer", None)
        if timer is None:
            timer = self._idle_timer = QTimer(self)  # type: ignore[arg-type]
            timer.setSingleShot(True)
            timer.setInterval(BACKGROUND_DELAY_MS)
            timer.timeout.connect(self._run_idle_jobs)
            self._idle_jobs: list[Any] = []
            self._activity = _ActivityWatch(timer)
            self.partners.filter_text_changed.connect(
                lambda _text: timer.isActive() and timer.start())
        if not self._idle_jobs:
            self._activity.start(self.windowHandle())  # type: ignore[attr-defined]
        self._idle_jobs.append(job)
        timer.start()

    def _run_idle_jobs(self) -> None:
        jobs, self._idle_jobs = self._idle_jobs, []
        self._activity.stop()
        for job in jobs:
            job()

    def _check_snapshot(self) -> None:
        if self._first_load == "verify":  # else a reload after a change checked it
            self._start_load((LIST_LIMIT, LIST_LIMIT))

    @property
    def first_load_settled(self) -> bool:
        """The first load from the database has arrived (and checked the snapshot)."""
        return not self._first_load

    def _load_failed(self, exc: BaseException) -> None:
        # MainWindow's context: the translation was made there
        self.show_status(QCoreApplication.translate("MainWindow", "Could not load data: %1")
                         .replace("%1", str(exc)))
        # the window is still usable (search, the workspace, settings): say so, rather
        # than leave whoever waits for `ready` waiting
        self._pending_first_load.clear()
        self._first_load_done("")

    def _loaded(self, request: int, overviews: list, today_data: TodayData,
                first_load: tuple) -> None:
        if request != self._request:
            return  # a newer load is on its way
        generation, today, cadence, differs, limits = first_load
        first, self._first_load = self._first_load, ""
        if first == "verify" and not differs:
            return  # the snapshot on screen is what the data says
        if differs and generation == self.snapshot.shown_generation:
            log.warning("the start-up snapshot differed from the data at generation %s; "
                        "replaced (a write that did not move the data generation?)", generation)
        started = time.perf_counter()
        self.partners.show_rows(overviews)
        self.today.show_data(today_data)
        self.load_timings["show_ms"] = (time.perf_counter() - started) * 1000
        # kept as the next start's snapshot at a quiet moment: the first load, and every
        # reload after a change (so a session that ends without closing, a crash or a
        # flat battery, still leaves a current one; nothing is written if nothing moved)
        if self.snapshot is not None and (first or limits == (LIST_LIMIT, LIST_LIMIT)):
            queued = getattr(self, "_to_save", None) is not None
            self._to_save = (generation, today, cadence, overviews, today_data)
            if not queued:  # one save at the next quiet moment, of the latest load
                self._when_idle(self._save_snapshot)

    def _save_snapshot(self) -> None:
        args, self._to_save = self._to_save, None
        if args is not None:
            self.ctx.run_db(lambda _s: self.snapshot.save(*args))

    def _check_day(self) -> None:
        if self.ctx.today() != self._loaded_day:
            self._loaded_day = self.ctx.today()
            self.reload()

    def _on_changed(self, change: Any) -> None:
        if change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    def _first_load_done(self, which: str) -> None:
        self._pending_first_load.discard(which)
        if not self._pending_first_load and not self.is_ready:
            self.is_ready = True
            self.ready.emit()
            # the partner filter's index, before the first keystroke needs it
            self._when_idle(self.partners.model.prepare_filter)
