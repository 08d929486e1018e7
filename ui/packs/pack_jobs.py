"""Background work behind the pack dialogs, kept out of the widgets.

Data is gathered in the database lane (the store belongs to it) and the PDF is
rendered in the work lane, so neither the GUI nor the database queue waits on
reportlab. Jobs return their errors as values (``Failed``) rather than raising:
callbacks then always run on the GUI thread with something to show.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from models.pack_data import PackData, gather_pack_data
from models.printing.pack_files import BatchResult, PackOutputError, check_writable_folder
from models.printing.pack_options import PackOptions
from models.store import Store
from ui.app_context import AppContext
from ui.packs.logo import printable_logo

if TYPE_CHECKING:
    from models.printing.batch import BatchWriter  # loads reportlab: only for the type


@dataclass(frozen=True)
class Failed:
    """A job's error, delivered to the GUI thread as a value."""

    error: BaseException

    @property
    def message(self) -> str:
        return str(self.error) or type(self.error).__name__


@dataclass(frozen=True)
class PackRequest:
    """What to print: the period (None: the default rule) and the pack's options."""

    options: PackOptions
    period_start: dt.date | None = None
    period_end: dt.date | None = None


def _settings_value(ctx: AppContext, name: str, default: Any) -> Any:
    settings = getattr(ctx, "settings", None)
    try:
        value = getattr(settings, name)
        return value() if callable(value) else value
    except Exception:  # noqa: BLE001 - settings missing in a bare context: use the default
        return default


def pack_inputs(ctx: AppContext) -> tuple[dt.date, dict[str, int] | None, str | None]:
    """(today, visit cadence, company logo) as the user set them, read on the GUI thread."""
    cadence = _settings_value(ctx, "cadence", None)
    logo = printable_logo(_settings_value(ctx, "logo_path", "") or None)
    return ctx.today(), cadence, logo


def gather_job(partner_ids: list[str], request: PackRequest, today: dt.date,
               cadence: dict[str, int] | None, logo: str | None,
               cancel: threading.Event | None = None) -> Callable[[Store], list[PackData | Exception]]:
    """A db-lane job collecting each partner's PackData (or its error)."""

    def job(store: Store) -> list[PackData | Exception]:
        out: list[PackData | Exception] = []
        for pid in partner_ids:
            if cancel is not None and cancel.is_set():
                break
            try:
                out.append(gather_pack_data(
                    store, pid, today=today, period_start=request.period_start,
                    period_end=request.period_end, cadence=cadence, logo_path=logo))
            except Exception as exc:  # noqa: BLE001 - reported per partner
                exc.partner_id = pid  # type: ignore[attr-defined]
                out.append(exc)
        return out

    return job


def render_job(data: PackData, options: PackOptions) -> bytes | Failed:
    # late: off the start path, docs/benchmarks.md
    from models.printing.pack_pdf import render_pack_bytes

    try:
        return render_pack_bytes(data, options)
    except Exception as exc:  # noqa: BLE001 - shown in the preview
        return Failed(exc)


class PackBatchRun(QObject):
    """Many packs into one folder, as a pipeline: a few partners' data is gathered in
    the db lane while the previous few render in the work lane, so the database lane
    is never held for the whole batch (other views keep loading) and memory holds at
    most two chunks of data.

    ``progress(done, total, name)`` and ``finished(BatchResult | Failed)`` arrive on
    the GUI thread; ``cancel()`` stops between packs and leaves no partial file."""

    progress = Signal(int, int, str)
    gathered = Signal(int)
    finished = Signal(object)

    #: partners gathered per db-lane job
    CHUNK = 8
    #: chunks gathered but not yet written, at most
    AHEAD = 2

    def __init__(self, ctx: AppContext, partner_ids: list[str], folder: Path,
                 request: PackRequest, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_ids = list(partner_ids)
        self.folder = Path(folder)
        self.request = request
        self._cancel = threading.Event()
        self.result: BatchResult | Failed | None = None
        self.writer: BatchWriter | None = None  # once started
        self._error: Failed | None = None
        self._next = 0
        self._gathering = False
        self._queued = 0  # chunks gathered, not yet written
        self._gathered_count = 0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self._inputs = pack_inputs(self.ctx)
        try:
            check_writable_folder(self.folder)
        except PackOutputError as exc:
            self._finish(Failed(exc))
            return
        self._gather_next()

    def cancel(self) -> None:
        self._cancel.set()

    def _gather_next(self) -> None:
        if (self._gathering or self._queued >= self.AHEAD or self._cancel.is_set()
                or self._next >= len(self.partner_ids)):
            self._maybe_finish()
            return
        chunk = self.partner_ids[self._next:self._next + self.CHUNK]
        self._next += len(chunk)
        job = gather_job(chunk, self.request, *self._inputs, self._cancel)

        def safe(store: Store) -> list[PackData | Exception] | Failed:
            try:
                return job(store)
            except Exception as exc:  # noqa: BLE001
                return Failed(exc)

        self._gathering = True
        self.ctx.run_db(safe, on_done=self._gathered)

    def _gathered(self, packs: list[PackData | Exception] | Failed) -> None:
        self._gathering = False
        if isinstance(packs, Failed):
            self._error = packs
            self._cancel.set()
            self._maybe_finish()
            return
        self._gathered_count += len(packs)
        self.gathered.emit(self._gathered_count)
        def write() -> BatchResult | Failed:
            # the work lane has one worker: chunks are written in order, by one writer
            try:
                if self.writer is None:
                    # late: off the start path, docs/benchmarks.md
                    from models.printing.batch import BatchWriter

                    self.writer = BatchWriter(self.folder, self.request.options,
                                              len(self.partner_ids), progress=self.progress.emit,
                                              cancel=self._cancel)
                return self.writer.write(packs)
            except Exception as exc:  # noqa: BLE001 - e.g. the folder became unwritable
                return Failed(exc)

        self._queued += 1
        self.ctx.jobs.work.submit(write, on_done=self._written)
        self._gather_next()

    def _written(self, result: BatchResult | Failed) -> None:
        self._queued -= 1
        if isinstance(result, Failed):
            self._error = result
            self._cancel.set()
        self._gather_next()

    def _maybe_finish(self) -> None:
        if self.result is not None or self._gathering or self._queued:
            return
        if self._next < len(self.partner_ids) and not self._cancel.is_set():
            return
        if self._error is not None:
            self._finish(self._error)
            return
        result = self.writer.result if self.writer is not None else BatchResult()
        done = self.writer.done if self.writer is not None else 0
        result.cancelled = self._cancel.is_set() and done < len(self.partner_ids)
        self._finish(result)

    def _finish(self, result: BatchResult | Failed) -> None:
        self.result = result
        self.finished.emit(result)
