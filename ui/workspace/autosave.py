"""Autosave for typed records: no Save button, at most ~2 s of typing at risk.

Edits are collected as field changes and written through ``store.update`` in the db
lane ``IDLE_MS`` after the last keystroke, and at least every ``MAX_LAG_MS`` while
typing goes on (the idle timer alone would never fire for a fast typist). Only one
write is in flight at a time, so saves land in order.
"""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from models.errors import StoreError
from ui import theme
from ui.app_context import AppContext
from ui.validation_text import error_text
from ui.workspace.db_jobs import run_db

IDLE_MS = 1000
MAX_LAG_MS = 2000


class Autosaver(QObject):
    """Collects edits of one record and writes them in the background."""

    #: the local time of the last successful save
    saved = Signal(dt.datetime)
    #: a write is pending or in flight
    saving = Signal()
    #: a write failed (message); the edits stay pending and are retried on the next edit
    failed = Signal(str)

    def __init__(self, ctx: AppContext, entity: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entity = entity
        self._record_id: str | None = None
        self._pending: dict[str, Any] = {}
        #: the record's field values as loaded or last sent to be written
        self._stored: dict[str, Any] = {}
        #: when the oldest unsaved edit was made (time.monotonic), None when all saved
        self._first_pending_at: float | None = None
        self._in_flight = False
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._max_lag = QTimer(self, singleShot=True, interval=MAX_LAG_MS)
        self._idle.timeout.connect(self.flush)
        self._max_lag.timeout.connect(self.flush)

    @property
    def record_id(self) -> str | None:
        return self._record_id

    def has_pending(self) -> bool:
        return bool(self._pending) or self._in_flight

    def writing(self) -> bool:
        """A write is in the db lane (queued or running)."""
        return self._in_flight

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
        if self._in_flight:
            return  # the write's completion schedules the next one
        lag_ms = int(1000 * (time.monotonic() - (self._first_pending_at or time.monotonic())))
        if lag_ms >= MAX_LAG_MS:
            self.flush()
            return
        self._idle.start()
        if not self._max_lag.isActive():
            self._max_lag.start(MAX_LAG_MS - lag_ms)

    @Slot()
    def flush(self) -> None:
        """Write pending edits now, in the background."""
        self._idle.stop()
        self._max_lag.stop()
        if self._in_flight or not self._pending or self._record_id is None:
            return
        changes, self._pending = self._pending, {}
        self._first_pending_at = None
        self._stored.update(changes)
        entity, record_id = self._entity, self._record_id
        self._in_flight = True
        run_db(
            self._ctx,
            lambda store: store.update(entity, record_id, changes),
            on_done=lambda _row: self._write_done(None, record_id, changes),
            on_error=lambda exc: self._write_done(exc, record_id, changes),
        )

    def _write_done(self, error: BaseException | None, record_id: str, changes: dict[str, Any]) -> None:
        self._in_flight = False
        if record_id != self._record_id:
            # the editor moved on to another record (flush_now already waited for us)
            if error is not None:
                self.failed.emit(error_text(error))
            return
        if error is not None:
            # keep the edits: newer values typed meanwhile win over the failed ones
            self._pending = {**changes, **self._pending}
            self._first_pending_at = self._first_pending_at or time.monotonic()
            self.failed.emit(error_text(error))
            return
        if self._pending:
            # edits typed while the write waited in the db lane: their clock kept running
            self._schedule()
        else:
            self.saved.emit(dt.datetime.now())

    def flush_now(self) -> None:
        """Save pending edits and wait (closing, switching record): nothing is lost."""
        self._idle.stop()
        self._max_lag.stop()
        if self._in_flight:
            self._ctx.wait_idle()
        if not self._pending or self._record_id is None:
            return
        changes, self._pending = self._pending, {}
        self._first_pending_at = None
        self._stored.update(changes)
        entity, record_id = self._entity, self._record_id
        try:
            self._ctx.call_db(lambda store: store.update(entity, record_id, changes))
        except StoreError as exc:
            self.failed.emit(error_text(exc))
        else:
            self.saved.emit(dt.datetime.now())


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
