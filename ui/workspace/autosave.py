"""Autosave for typed records: no Save button, at most ~2 s of typing at risk.

Edits are collected as field changes and written through ``store.update`` in the db
lane ``IDLE_MS`` after the last keystroke, and at least every ``MAX_LAG_MS`` while
typing goes on (the idle timer alone would never fire for a fast typist). Only one
write is in flight at a time, so saves land in order.
"""
from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from ui import theme
from ui.app_context import AppContext
from ui.validation_text import error_text
from ui.workspace.db_jobs import run_db

IDLE_MS = 1000
MAX_LAG_MS = 2000
#: how soon edits whose write failed (another program holding the database, a full
#: disk) are tried again when nothing else writes first
RETRY_MS = 5000


class Autosaver(QObject):
    """Collects edits of one record and writes them in the background. Edits whose
    write failed are kept, by record, and written again (with the record's next edit,
    every ``RETRY_MS``, and by ``flush_now``) though the editor may have moved on."""

    #: the local time of the last successful save
    saved = Signal(dt.datetime)
    #: a write is pending or in flight
    saving = Signal()
    #: a write failed (message); the edits are kept and tried again
    failed = Signal(str)

    def __init__(self, ctx: AppContext, entity: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entity = entity
        self._record_id: str | None = None
        self._pending: dict[str, Any] = {}
        #: the record's field values as loaded or last sent to be written
        self._stored: dict[str, Any] = {}
        #: edits whose write failed, by record id (newer edits of a field win)
        self._unsaved: dict[str, dict[str, Any]] = {}
        #: when the oldest unsaved edit was made (time.monotonic), None when all saved
        self._first_pending_at: float | None = None
        #: the write in the db lane: (its future, record id, changes), None when none is
        self._flight: tuple[Future, str, dict[str, Any]] | None = None
        #: why the last write failed (what ``failed`` said)
        self.last_failure = ""
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._max_lag = QTimer(self, singleShot=True, interval=MAX_LAG_MS)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        for timer in (self._idle, self._max_lag, self._retry):
            timer.timeout.connect(self.flush)

    @property
    def record_id(self) -> str | None:
        return self._record_id

    def has_pending(self) -> bool:
        """Edits not yet written: waiting, in flight, or kept after a failed write."""
        return bool(self._pending) or self._flight is not None or bool(self._unsaved)

    def writing(self) -> bool:
        """A write is in the db lane (queued or running)."""
        return self._flight is not None

    def set_record(self, record_id: str | None, stored: dict[str, Any] | None = None) -> None:
        """Switch to another record (or to a newer version of it); the previous one's
        edits are saved first. ``stored``: the record as it is stored, so that a widget
        signal that changed nothing (a highlighter repainting the notes on a theme
        change) writes nothing."""
        if record_id != self._record_id:
            self.flush_now()
        self._record_id = record_id
        self._stored = dict(stored or {})

    def edit(self, changes: dict[str, Any]) -> None:
        """Note edited field values; they are written shortly. A value the record
        already has (as loaded or last written) is no edit, unless an edit of that field
        is still waiting: then it is the user's (typing back what was there)."""
        if self._record_id is None:
            return
        changes = {k: v for k, v in changes.items()
                   if k in self._pending or not _same(v, self._stored.get(k, _UNKNOWN))}
        if not changes:
            return
        if not self._pending:
            self._first_pending_at = time.monotonic()
        self._pending.update(changes)
        self.saving.emit()
        self._schedule()

    def _schedule(self) -> None:
        """Idle timer from now; the max-lag timer from the oldest unsaved edit."""
        if self._flight is not None:
            return  # the write's completion schedules the next one
        lag_ms = int(1000 * (time.monotonic() - (self._first_pending_at or time.monotonic())))
        if lag_ms >= MAX_LAG_MS:
            self.flush()
            return
        self._idle.start()
        if not self._max_lag.isActive():
            self._max_lag.start(MAX_LAG_MS - lag_ms)

    def _next_write(self) -> tuple[str, dict[str, Any]] | None:
        """What to write next, taken out of what waits: the open record's edits (over
        any of its failed ones), else a record left behind with failed edits."""
        record_id = self._record_id
        if record_id is not None and (self._pending or record_id in self._unsaved):
            changes = {**self._unsaved.pop(record_id, {}), **self._pending}
            self._pending = {}
            self._first_pending_at = None
            self._stored.update(changes)
            return record_id, changes
        if self._unsaved:
            record_id = next(iter(self._unsaved))
            return record_id, self._unsaved.pop(record_id)
        return None

    def keeps_refused(self) -> bool:
        """Edits the database refused are kept, to be written again."""
        return bool(self._unsaved)

    def _keep(self, record_id: str, changes: dict[str, Any], error: BaseException) -> None:
        """A write failed: keep its edits under newer ones, and try again later."""
        self._unsaved[record_id] = {**changes, **self._unsaved.get(record_id, {})}
        self._retry.start()
        self.last_failure = error_text(error)
        self.failed.emit(self.last_failure)

    @Slot()
    def flush(self) -> None:
        """Write what waits now, in the background, one record at a time."""
        self._idle.stop()
        self._max_lag.stop()
        self._retry.stop()
        if self._flight is not None:
            return
        write = self._next_write()
        if write is None:
            return
        record_id, changes = write
        entity = self._entity
        future = run_db(
            self._ctx,
            lambda store: store.update(entity, record_id, changes),
            on_done=lambda _row: self._write_done(future, None),
            on_error=lambda exc: self._write_done(future, exc),
        )
        self._flight = (future, record_id, changes)

    def _write_done(self, future: Future, error: BaseException | None) -> None:
        if self._flight is None or self._flight[0] is not future:
            return  # flush_now took this write's result already
        _future, record_id, changes = self._flight
        self._flight = None
        if error is not None:
            self._keep(record_id, changes, error)
        elif self._pending:
            # edits typed while the write waited in the db lane: their clock kept running
            self._schedule()
        elif self._unsaved:
            self.flush()  # the next record left with failed edits
        else:
            self.saved.emit(dt.datetime.now())

    def flush_now(self) -> bool:
        """Write everything that waits and wait for it (closing, switching record):
        True when all is written. What fails is kept (``has_pending``), reported by
        ``failed`` and tried again later: nothing is lost."""
        self._idle.stop()
        self._max_lag.stop()
        if self._flight is not None:
            future, record_id, changes = self._flight
            self._flight = None  # its result is taken here, not by its callback
            try:
                future.result(timeout=30.0)
            except Exception as exc:  # noqa: BLE001 - whatever failed, the edits are kept
                self._keep(record_id, changes, exc)
                # the database refused already: the open record's edits are kept too,
                # under its id, and not tried now (another wait for the lock)
                if self._pending and self._record_id is not None:
                    self._unsaved[self._record_id] = {
                        **self._unsaved.get(self._record_id, {}), **self._pending}
                    self._pending = {}
                    self._first_pending_at = None
                return False
        while (write := self._next_write()) is not None:
            record_id, changes = write
            entity = self._entity
            try:
                self._ctx.call_db(lambda store, e=entity, r=record_id, c=changes:
                                  store.update(e, r, c))
            except Exception as exc:  # noqa: BLE001 - a full disk too: the edits are kept
                self._keep(record_id, changes, exc)
                # the others are not tried now: the database refused one already
                return False
        if self._unsaved:
            return False
        self._retry.stop()
        self.saved.emit(dt.datetime.now())
        return True


#: a field the record's stored values do not name: every value of it is an edit
_UNKNOWN = object()


def _same(value: Any, stored: Any) -> bool:
    """An editor's value and a stored one say the same (an empty text is stored as
    None)."""
    if stored is _UNKNOWN:
        return False
    return value == stored or (value in ("", None) and stored in ("", None))


class SaveIndicator(QLabel):
    """"Saving…" / "Saved 10:42:13" next to an autosaved editor."""

    def __init__(self, saver: Autosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveIndicator")
        self._saver = saver
        saver.saving.connect(self._on_saving)
        saver.saved.connect(self._on_saved)
        saver.failed.connect(self._on_failed)

    @Slot()
    def _on_saving(self) -> None:
        theme.set_tone(self, "muted")
        self.setText(self.tr("Saving…"))

    @Slot(dt.datetime)
    def _on_saved(self, when: dt.datetime) -> None:
        theme.set_tone(self, "muted")
        self.setText(self.tr("Saved %1").replace("%1", when.strftime("%H:%M:%S")))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        theme.set_tone(self, "error")
        self.setText(self.tr("Not saved: %1").replace("%1", message))

    def record_changed(self) -> None:
        """The editor shows another record: nothing to say of it, unless edits of an
        earlier one are kept after the database refused them."""
        if self._saver.keeps_refused():
            theme.set_tone(self, "error")
            self.setText(self.tr("Earlier edits not saved yet, trying again: %1")
                         .replace("%1", self._saver.last_failure))
        else:
            self.clear()
