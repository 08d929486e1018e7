"""Where packs go on disk: safe file names, folder checks and atomic writes.

A pack is written into a temporary file in the target folder and renamed over the
target only when complete, so a failure, a full disk or a cancel never leaves a
half-written PDF behind (and never destroys the previous version of the file).
No reportlab here: the app's dialogs use it without loading the renderer.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import StoreError
from models.file_names import file_in_folder, safe_file_name, unique_file_name
from models.pack_data import PackData
from models.printing.pack_labels import PackText
from models.printing.pack_options import PackOptions

#: UTF-8 bytes of a pack's file name taken by the partner's name (about 33 Chinese
#: characters); the date, template and language follow it
NAME_BYTES = 100


class PackOutputError(StoreError):
    """The pack cannot be written where asked (folder missing, not writable, disk full)."""


class PackFileInUseError(PackOutputError):
    """The pack's file is open in another program: Windows refuses to replace a file a
    PDF viewer holds open. The new pack is not lost by waiting: printing again after
    closing the viewer writes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is open in another program (a PDF viewer?). "
                         "Close it there and try again.")


def replace_file(tmp: str | Path, path: Path) -> None:
    """Put the finished temporary file in place of ``path``."""
    try:
        os.replace(tmp, path)
    except PermissionError as exc:
        if path.is_dir():
            raise
        raise PackFileInUseError(path) from exc


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    #: (partner id, partner name, message)
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    cancelled: bool = False


def pack_filename(data: PackData, options: PackOptions) -> str:
    """e.g. 华东渠道分销商_2026-11-27_full_zh_CN.pdf: the partner's name made safe
    (models.file_names), its id when nothing of the name is usable, else "partner"."""
    options = options.for_partner(data.partner)
    name = safe_file_name(PackText(options.language).partner_name(data.partner),
                          fallback=safe_file_name(data.partner_id, fallback="partner"),
                          max_bytes=NAME_BYTES)
    # an internal copy says so in its name: it must not be mailed to the partner by mistake
    audience = "_internal" if options.internal else ""
    rest = safe_file_name(
        f"{data.period_end.isoformat()}_{options.template}_{options.language}{audience}")
    return f"{name}_{rest}.pdf"


def pack_path(folder: Path, data: PackData, options: PackOptions, used: set[str]) -> Path:
    """Where a batch writes this partner's pack: always a file directly in ``folder``,
    distinct from the batch's other files (``used`` collects their names)."""
    return file_in_folder(folder, unique_file_name(pack_filename(data, options), used))


def temp_prefix(path: Path) -> str:
    """A hidden temporary file's prefix beside ``path`` (tempfile joins it to the folder)."""
    return f".{safe_file_name(path.stem, fallback='pack', max_bytes=40)}."


def check_writable_folder(folder: Path) -> None:
    """Fail early, with a clear message, when a folder cannot receive packs."""
    if not folder.exists():
        raise PackOutputError(f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise PackOutputError(f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PackOutputError(f"the folder {folder} is not writable")


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """Write an already rendered pack (the preview's) the same all-or-nothing way."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".pdf.part",
                                    dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
