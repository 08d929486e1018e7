"""Where packs go on disk: safe file names, folder checks and atomic writes.

A pack is written into a temporary file in the target folder and renamed over the
target only when complete, so a failure, a full disk or a cancel never leaves a
half-written PDF behind (and never destroys the previous version of the file).
No reportlab here: the app's dialogs use it without loading the renderer.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.printing.pack_labels import PackText
from desktop.printing.pack_options import PackOptions
from models.errors import StoreError
from models.pack_data import PackData

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


def unique_name(filename: str, used: set[str]) -> str:
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
