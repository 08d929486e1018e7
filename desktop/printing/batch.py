"""Writing packs to disk: one file atomically, or many with progress and cancel.

A pack is rendered into a temporary file in the target folder and renamed over the
target only when complete, so a failure, a full disk or a cancel never leaves a
half-written PDF behind (and never destroys the previous version of the file).
Qt-free: the command line and the app's work lane both use it.
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.printing.pack_labels import PackText
from desktop.printing.pack_pdf import PackOptions, render_pack
from models.errors import StoreError
from models.pack_data import PackData

#: progress(done, total, partner display name)
Progress = Callable[[int, int, str], None]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class PackOutputError(StoreError):
    """The pack cannot be written where asked (folder missing, not writable, disk full)."""


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    #: (partner id, partner name, message)
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    cancelled: bool = False


def pack_filename(data: PackData, options: PackOptions) -> str:
    """e.g. 华东渠道分销商_2026-11-27_full_zh_CN.pdf (safe on every file system)."""
    name = PackText(options.language).partner_name(data.partner) or data.partner_id
    name = _UNSAFE.sub("_", name).strip(" .") or data.partner_id
    return f"{name[:80]}_{data.period_end.isoformat()}_{options.template}_{options.language}.pdf"


def check_writable_folder(folder: Path) -> None:
    """Fail early, with a clear message, when a folder cannot receive packs."""
    if not folder.exists():
        raise PackOutputError(f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise PackOutputError(f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PackOutputError(f"the folder {folder} is not writable")


def write_pack_file(data: PackData, options: PackOptions, path: Path) -> int:
    """Render one pack to ``path`` atomically; returns the page count."""
    path = Path(path)
    check_writable_folder(path.parent)
    if path.is_dir():
        raise PackOutputError(f"{path} is a folder; give a file name ending in .pdf")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".pdf.part",
                                        dir=path.parent)
    except OSError as exc:
        raise PackOutputError(f"cannot write in {path.parent}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            pages = render_pack(data, options, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
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
        name = PackText(self.options.language).partner_name(data.partner)
        path = self.folder / _unique(pack_filename(data, self.options), self._used)
        try:
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


def _unique(filename: str, used: set[str]) -> str:
    """Two partners with the same name in one batch get distinct files."""
    stem, suffix = filename[: -len(".pdf")], ".pdf"
    candidate, n = filename, 2
    while candidate.lower() in used:
        candidate = f"{stem}-{n}{suffix}"
        n += 1
    used.add(candidate.lower())
    return candidate


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """Write an already rendered pack (the preview's) the same all-or-nothing way."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".pdf.part",
                                    dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
