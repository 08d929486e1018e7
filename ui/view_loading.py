"""How the main window's Today and Partners pages get their data: the first load,
one debounced reload after changes and at a new day, and ``ready`` once the first
load is on screen (or failed: the window is usable either way)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from models.store import Change, Store
from models.today import LIST_LIMIT, TodayData, first_load
from ui.app_context import AppContext
from ui.partners_view import PartnersView
from ui.today_view import RELEVANT_ENTITIES, TodayView

#: a burst of edits (an import, a sync) costs one reload after it settles
RELOAD_DELAY_MS = 300
#: how often to notice that the date has changed
DAY_CHECK_MS = 60_000
#: the partner filter's index is built this long after the window is ready, before
#: the first keystroke needs it
PREPARE_FILTER_MS = 1500


class FirstLoad(Protocol):
    """The first load, started by the app before the window exists
    (``desktop.jobs.Pending`` of ``models.today.first_load``)."""

    args: tuple[Any, ...]

    def attach(self, on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None: ...


class ViewLoader(QObject):
    """Loads Today and Partners in one database job: both need every partner's
    overview, the costliest query on a big profile, so it runs once for both."""

    #: the first load is on screen (or failed)
    ready = Signal()

    def __init__(self, ctx: AppContext, today: TodayView, partners: PartnersView,
                 show_status: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.partners = partners
        self._show_status = show_status
        self.is_ready = False
        #: the last load's cost: "query_ms" in the database lane, "show_ms" putting the
        #: rows on screen (the start-up benchmark reports them)
        self.load_timings: dict[str, float] = {}
        self._request = 0
        # one shared, debounced reload instead of one per view
        today.auto_reload = partners.auto_reload = False
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        # an app left open overnight: "today" moves on, and with it what is due
        self._loaded_day = ctx.today()
        self._day_timer = QTimer(self, interval=DAY_CHECK_MS)
        self._day_timer.timeout.connect(self.check_day)
        self._day_timer.start()

    def start(self, pending: FirstLoad | None) -> None:
        """The first load: ``pending`` when the app started it already, else now."""
        if pending is None:
            self._start_load((LIST_LIMIT, LIST_LIMIT))
            return
        self._request += 1
        request = self._request
        pending.attach(lambda result: self._arrived(request, result), self._failed)

    def reload(self) -> None:
        self._start_load(self.today.limits())

    def _start_load(self, limits: tuple[int | None, int | None]) -> None:
        self._reload_timer.stop()
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()

        def load(store: Store) -> tuple[Any, ...]:
            return first_load(store, today, cadence, limits)

        self.ctx.run_db(load, lambda result: self._arrived(request, result), self._failed)

    def _arrived(self, request: int, result: tuple[Any, ...]) -> None:
        if request != self._request:
            return  # a newer load is on its way
        _generation, overviews, data, query_ms = result
        self.load_timings["query_ms"] = query_ms
        self._show(overviews, data)
        self._settled()

    def _show(self, overviews: list, today_data: TodayData) -> None:
        started = time.perf_counter()
        self.partners.show_rows(overviews)
        self.today.show_data(today_data)
        self.load_timings["show_ms"] = (time.perf_counter() - started) * 1000

    def _failed(self, exc: BaseException) -> None:
        # the main window's words (its translation context)
        self._show_status(QCoreApplication.translate("MainWindow", "Could not load data: %1")
                          .replace("%1", str(exc)))
        self.today.show_failed()
        self.partners.show_failed()
        # the window is still usable (search, the workspace, settings): say so, rather
        # than leave whoever waits for `ready` waiting
        self._settled()

    def _settled(self) -> None:
        if self.is_ready:
            return
        self.is_ready = True
        self.ready.emit()
        QTimer.singleShot(PREPARE_FILTER_MS, self.partners.model.prepare_filter)

    def check_day(self) -> None:
        """Reload when the date has moved on since the last load."""
        if self.ctx.today() != self._loaded_day:
            self._loaded_day = self.ctx.today()
            self.reload()

    def _on_changed(self, change: Change) -> None:
        if change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()
