"""The profile's automatic backups: where they go, what they are called, how many stay.

A backup is a copy made with SQLite's online backup API (models/database.py), encrypted
with the database's own key, so it is exactly as protected as the database and is
restored with the same key. It is written under a temporary name and renamed into
place once complete: a backup killed half-way leaves no file that looks like one (its
partial file is removed when backups are listed once it has lain untouched a while).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

#: automatic backups kept when the settings say nothing else
DEFAULT_KEEP = 7
PREFIX = "channelkeeper-"
SUFFIX = ".backup"
PARTIAL = ".partial"
#: a partial file nothing has written to for this long was left by a killed backup
#: (a backup under way writes pages all the time; the largest profile copies in seconds)
STALE_PARTIAL = dt.timedelta(minutes=15)
_NAME = re.compile(r"^channelkeeper-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9_-]+)\.backup$")


def backups_dir_of(database: Path) -> Path:
    return database.parent / "backups"


def backup_name(label: str, now: dt.datetime | None = None) -> str:
    """``channelkeeper-20261203-101500-daily.backup``: sorts by time, says why."""
    label = re.sub(r"[^a-z0-9_-]+", "-", label.lower()).strip("-") or "backup"
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{PREFIX}{stamp}-{label}{SUFFIX}"


def restrict_dir(folder: Path) -> None:
    """Owner-only (0700) on POSIX; Windows: the profile is in the user's own folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)


def write_backup(target: Path, copy: Callable[[Path], None]) -> Path:
    """Run ``copy(partial_file)``, then move the partial file to ``target`` (atomic)."""
    target = Path(target)
    if target.parent.name == "backups":
        restrict_dir(target.parent)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # two backups in the same second: never overwrite one
        n = 1
        while (candidate := target.with_name(f"{target.stem}-{n}{target.suffix}")).exists():
            n += 1
        target = candidate
    partial = target.with_name(target.name + PARTIAL)
    for leftover in (partial, Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    try:
        copy(partial)
        if os.name == "posix":
            os.chmod(partial, 0o600)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


def list_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, newest first. Partial files are never
    listed; those left by a backup killed half-way are removed (``clear_stale``)."""
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        if PARTIAL in p.name:
            clear_stale(p)
        elif _NAME.match(p.name):
            found.append(p)
    return sorted(found, key=lambda p: p.name, reverse=True)


def clear_stale(partial: Path) -> None:
    """Remove ``partial`` (or the journal SQLite kept for it) when no backup has
    written to it for ``STALE_PARTIAL``: one killed half-way. A partial file written
    to just now belongs to a backup under way in another lane or process (the day's
    backup in the app while a sync from zero backs up, ``main.py check`` while the
    app backs up): removing it would break that backup ("disk I/O error")."""
    try:
        idle = time.time() - partial.stat().st_mtime
    except FileNotFoundError:  # its backup finished or cleared it meanwhile
        return
    if idle >= STALE_PARTIAL.total_seconds():
        partial.unlink(missing_ok=True)


def newest_backup_time(folder: Path) -> dt.datetime | None:
    for p in list_backups(folder):
        m = _NAME.match(p.name)
        assert m is not None
        return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    return None


def rotate(folder: Path, keep: int | None = None) -> list[Path]:
    """Remove the oldest automatic backups beyond ``keep``; returns what was removed."""
    keep = DEFAULT_KEEP if keep is None else max(1, keep)
    removed = list_backups(folder)[keep:]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed
