"""Rendering packs to disk: one file atomically, or many with progress and cancel.
Qt-free: the command line and the app's work lane both use it."""
from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from models.pack_data import PackData
from models.printing.pack_files import (
    BatchResult,
    PackOutputError,
    check_writable_folder,
    pack_path,
    replace_file,
    temp_prefix,
)
from models.printing.pack_labels import PackText
from models.printing.pack_options import PackOptions
from models.printing.pack_pdf import render_pack

#: progress(done, total, partner display name)
Progress = Callable[[int, int, str], None]

def write_pack_file(data: PackData, options: PackOptions, path: Path) -> int:
    """Render one pack to ``path`` atomically; returns the page count."""
    path = Path(path)
    check_writable_folder(path.parent)
    if path.is_dir():
        raise PackOutputError(f"{path} is a folder; give a file name ending in .pdf")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".pdf.part",
                                        dir=path.parent)
    except OSError as exc:
        raise PackOutputError(f"cannot write in {path.parent}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            pages = render_pack(data, options, fh)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PackOutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return pages


class BatchWriter:
    """Writes packs one after another into one folder, keeping the tally; the app feeds
    it chunk by chunk (data gathered in the db lane while the previous chunk renders)."""

    def __init__(self, folder: Path, options: PackOptions, total: int, *,
                 progress: Progress | None = None, cancel: threading.Event | None = None) -> None:
        self.folder = Path(folder)
        check_writable_folder(self.folder)
        self.options, self.total = options, total
        self.progress, self.cancel = progress, cancel
        self.result = BatchResult()
        self.done = 0
        self._used: set[str] = set()

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def write(self, packs: Iterable[PackData | Exception]) -> BatchResult:
        """Write these packs (an Exception records its partner as failed); stops early
        when cancelled. Returns the running result."""
        for item in packs:
            if self.cancelled:
                break
            if isinstance(item, Exception):
                pid = getattr(item, "partner_id", "")
                self.result.failed.append((pid, pid, str(item)))
                name = ""
            else:
                name = self._write_one(item)
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, name)
        self.result.cancelled = self.cancelled and self.done < self.total
        return self.result

    def _write_one(self, data: PackData) -> str:
        name = PackText(self.options.for_partner(data.partner).language).partner_name(data.partner)
        try:
            path = pack_path(self.folder, data, self.options, self._used)
            write_pack_file(data, self.options, path)
            self.result.written.append(path)
        except PackOutputError:
            raise  # the folder itself is the problem: every other pack would fail too
        except Exception as exc:  # noqa: BLE001 - one broken pack must not stop the batch
            self.result.failed.append((data.partner_id, name, str(exc)))
        return name


def write_pack_batch(
    packs: Iterable[PackData | Exception],
    total: int,
    folder: Path,
    options: PackOptions,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Write each pack into ``folder``. ``packs`` may be a lazy generator (the command
    line gathers one partner at a time); an Exception in it records that partner as
    failed and the batch goes on. ``cancel`` is checked between packs."""
    writer = BatchWriter(folder, options, total, progress=progress, cancel=cancel)
    return writer.write(packs)
