"""The one background-job mechanism: lanes of single or few worker threads.

Database work runs in one lane with exactly one worker (the store's connection is
used by that thread only, one job at a time); network work runs in another lane so
a slow server never queues behind, or blocks, the database. Job code never touches
widgets: its result or error is handed back to the main thread through a queued
Qt signal, where the ``on_done``/``on_error`` callbacks run.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class _MainThreadInvoker(QObject):
    """Runs callables on the thread this object lives in (the GUI thread)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # emitted by the lanes' threads only, so Qt's automatic connection queues every
        # call to this (the GUI) thread
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # a failing callback must not kill the event loop
            log.exception("job callback failed")


class Lane:
    """A named executor; ``submit`` returns a Future and calls back on the main thread."""

    def __init__(self, name: str, invoker: _MainThreadInvoker, workers: int = 1) -> None:
        self.name = name
        self._invoker = invoker
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"ck-{name}")
        self._busy = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future:
        with self._lock:
            if self._closed:
                # A late timer or signal after the window closed: nothing may run any
                # more, and nothing the user wrote is at stake (close flushed edits).
                log.debug("lane %s is shut down; job dropped", self.name)
                dropped: Future = Future()
                dropped.cancel()
                return dropped
            self._busy += 1
            self._idle.clear()

        def work() -> Any:
            try:
                result = fn(*args)
            except BaseException as exc:
                log.debug("job in lane %s failed: %s", self.name, exc, exc_info=True)
                if on_error is not None:
                    # bind exc now: Python unbinds the name when the except block ends,
                    # before the callback runs on the GUI thread
                    self._invoker.call.emit(lambda exc=exc: on_error(exc))
                else:
                    log.error("job in lane %s failed", self.name, exc_info=exc)
                raise
            else:
                if on_done is not None:
                    self._invoker.call.emit(lambda: on_done(result))
                return result
            finally:
                with self._lock:
                    self._busy -= 1
                    if not self._busy:
                        self._idle.set()

        return self._executor.submit(work)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running (shutdown, tests)."""
        return self._idle.wait(timeout)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=False)


class JobRunner:
    """The app's lanes: ``db`` (one worker, owns the store) and ``net`` (sync, HTTP)
    and ``work`` (CPU work such as PDF generation, kept off the database lane), and
    ``aside``: long reads of the whole file on a connection of their own (the
    integrity check, the day's backup), which would hold the database lane for
    seconds on a large profile."""

    def __init__(self) -> None:
        self._invoker = _MainThreadInvoker()
        self.db = Lane("db", self._invoker, workers=1)
        self.net = Lane("net", self._invoker, workers=1)
        self.work = Lane("work", self._invoker, workers=1)
        self.aside = Lane("aside", self._invoker, workers=1)

    def shutdown(self) -> None:
        for lane in (self.aside, self.work, self.net, self.db):
            lane.shutdown()


class Pending:
    """The answer of a job started before its receiver exists: the first load, which
    the app starts while it is still importing the interface. ``attach`` the
    callbacks once the receiver is built. Both arrive on the GUI thread; answers come
    through the event loop, which does not run before the receiver is built, and an
    answer that came first anyway is handed over by ``attach``."""

    def __init__(self, *args: Any) -> None:
        #: what the job was started with (for the receiver to know what it answers)
        self.args = args
        self._outcome: tuple[bool, Any] | None = None
        self._callbacks: tuple[Callable[[Any], None], Callable[[BaseException], None]] | None = None

    def done(self, result: Any) -> None:
        self._settle((True, result))

    def failed(self, exc: BaseException) -> None:
        self._settle((False, exc))

    def attach(self, on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        self._callbacks = (on_done, on_error)
        if self._outcome is not None:
            self._settle(self._outcome)

    def _settle(self, outcome: tuple[bool, Any]) -> None:
        if self._callbacks is None:
            self._outcome = outcome
            return
        self._outcome = None
        ok, value = outcome
        self._callbacks[0 if ok else 1](value)
