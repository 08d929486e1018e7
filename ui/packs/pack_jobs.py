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
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.printing.batch import BatchResult, write_pack_batch
from desktop.printing.logo import printable_logo
from desktop.printing.pack_pdf import PackOptions, render_pack_bytes
from models.pack_data import PackData, gather_pack_data
from models.store import Store
from ui.app_context import AppContext


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
    try:
        return render_pack_bytes(data, options)
    except Exception as exc:  # noqa: BLE001 - shown in the preview
        return Failed(exc)


class PackBatchRun(QObject):
    """Many packs into one folder: gather (db lane), then write (work lane).

    ``progress(done, total, name)`` and ``finished(BatchResult | Failed)`` arrive on
    the GUI thread; ``cancel()`` stops between packs and leaves no partial file."""

    progress = Signal(int, int, str)
    gathered = Signal(int)
    finished = Signal(object)

    def __init__(self, ctx: AppContext, partner_ids: list[str], folder: Path,
                 request: PackRequest, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_ids = list(partner_ids)
        self.folder = Path(folder)
        self.request = request
        self._cancel = threading.Event()
        self.result: BatchResult | Failed | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        today, cadence, logo = pack_inputs(self.ctx)
        job = gather_job(self.partner_ids, self.request, today, cadence, logo, self._cancel)

        def safe(store: Store) -> list[PackData | Exception] | Failed:
            try:
                return job(store)
            except Exception as exc:  # noqa: BLE001
                return Failed(exc)

        self.ctx.run_db(safe, on_done=self._gathered)

    def cancel(self) -> None:
        self._cancel.set()

    def _gathered(self, packs: list[PackData | Exception] | Failed) -> None:
        if isinstance(packs, Failed):
            self._finish(packs)
            return
        self.gathered.emit(len(packs))
        if self._cancel.is_set():
            self._finish(BatchResult(cancelled=True))
            return
        total = len(self.partner_ids)

        def write() -> BatchResult | Failed:
            try:
                # emitted from the work thread; Qt queues it to the GUI thread
                return write_pack_batch(packs, total, self.folder, self.request.options,
                                        progress=self.progress.emit, cancel=self._cancel)
            except Exception as exc:  # noqa: BLE001 - e.g. the folder became unwritable
                return Failed(exc)

        self.ctx.jobs.work.submit(write, on_done=self._finish)

    def _finish(self, result: BatchResult | Failed) -> None:
        self.result = result
        self.finished.emit(result)
