"""Excel export as a user action: the workbook written in the database lane (its rows
stream from the store into the file), progress and a cancel that leaves no file."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.export.xlsx_export import ExportCancelled, ExportRequest, export_xlsx
from ui.operations import OnDone, OnError, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


class ExportJob(QObject):
    """One export: ``progress(done, total)`` on the GUI thread while it runs; ``cancel()``
    stops it at the next thousand rows (``cancelled`` is then true and no file is left)."""

    progress = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def export_workbook(ctx: AppContext, request: ExportRequest, path: Path, job: ExportJob,
                    on_done: OnDone = None, on_error: OnError = None) -> None:
    """Write ``request`` to ``path``; ``on_done({kind: rows})``. A cancel ends in
    ``on_error(ExportCancelled)``."""
    # the signal is emitted in the database lane and arrives queued on the GUI thread
    run(ctx, lambda store: export_xlsx(store, request, path, progress=job.progress.emit,
                                       cancelled=lambda: job.cancelled),
        on_done, on_error)


__all__ = ["ExportCancelled", "ExportJob", "export_workbook"]
