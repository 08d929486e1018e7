"""Starting over when a profile cannot be unlocked: nothing is deleted.

When the keyring lost the database key (or the passphrase is forgotten) and the
recovery key is lost too, nobody can read the profile's database. ``start_over``
moves the locked database (its write-ahead log, key file, backups and replaced
copies with it) into a dated folder inside the profile (``locked-<time>``, 0700),
sets up a fresh encrypted profile in its place (new key, new recovery key shown
once) and opens it; signing in then brings back what was synced. The folder set
aside is itself a profile folder: ``--profile <it>`` and the old recovery key (or
passphrase) open it later, unsent changes included.

What can be told of the locked file without its key (``locked_facts``): where it is,
when it was last written, its backups. How many changes were never sent is inside
the encrypted file, so it cannot be told.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.key_file import KeyFile
from desktop.paths import Profile
from desktop.profile_keys import KeyPrompts, unlock_profile
from models.backups import list_backups, newest_backup_time, restrict_dir
from models.database import DatabaseFile, is_plain_file
from models.errors import ProfileLockedError

log = logging.getLogger(__name__)

PREFIX = "locked-"


@dataclass(frozen=True)
class LockedFacts:
    """What can be known of a profile that cannot be unlocked."""

    database: Path
    #: when the database (or its write-ahead log) was last written, local time
    last_changed: dt.datetime | None
    backups: int
    newest_backup: dt.datetime | None
    #: "keyring" or "passphrase": what unlocked it until now
    protection: str


def locked_facts(profile: Profile) -> LockedFacts:
    times = [p.stat().st_mtime for p in (profile.database,
                                         profile.database.with_name(profile.database.name + "-wal"))
             if p.exists()]
    try:
        keys = KeyFile.load(profile.key_file)
    except Exception:  # noqa: BLE001 - an unreadable key file is still set aside
        keys = None
    return LockedFacts(
        database=profile.database,
        last_changed=dt.datetime.fromtimestamp(max(times)) if times else None,
        backups=len(list_backups(profile.backups_dir)),
        newest_backup=newest_backup_time(profile.backups_dir),
        protection=keys.protection if keys is not None else "keyring")


def can_start_over(profile: Profile) -> bool:
    """An encrypted database (or its key file) is there to set aside."""
    db = profile.database
    has_db = db.exists() and db.stat().st_size > 0 and not is_plain_file(db)
    return has_db or profile.key_file.exists()


def aside_paths(profile: Profile) -> list[Path]:
    """The locked database's files: the database with its -wal/-shm and the copies a
    restore kept (``channelkeeper.db.replaced-…``), the key file, the backups."""
    root = profile.root
    found = list(root.glob(f"{profile.database.name}*")) + list(root.glob(f"{profile.key_file.name}*"))
    if profile.backups_dir.exists():
        found.append(profile.backups_dir)
    return sorted(set(found))


def aside_folder(profile: Profile, now: dt.datetime | None = None) -> Path:
    """``locked-2026-12-03-171500`` in the profile (a second in the same second: ``-2``)."""
    base = profile.root / f"{PREFIX}{(now or dt.datetime.now()).strftime('%Y-%m-%d-%H%M%S')}"
    folder, n = base, 1
    while folder.exists():
        n += 1
        folder = base.with_name(f"{base.name}-{n}")
    return folder


def set_aside(profile: Profile, now: dt.datetime | None = None) -> Path:
    """Move the locked database's files into a new dated folder (0700); returns it.
    A move that fails half-way is undone, and the error raised."""
    folder = aside_folder(profile, now)
    restrict_dir(folder)
    moved: list[tuple[Path, Path]] = []
    try:
        for path in aside_paths(profile):
            target = folder / path.name
            os.replace(path, target)
            moved.append((path, target))
    except OSError:
        put_back(moved, folder)
        raise
    log.warning("start over: the locked database of %s was set aside in %s (%d items)",
                profile.root, folder.name, len(moved))
    return folder


def put_back(moved: list[tuple[Path, Path]], folder: Path) -> None:
    for original, target in reversed(moved):
        os.replace(target, original)
    try:
        folder.rmdir()
    except OSError:
        log.error("start over: %s is not empty after putting the files back", folder)


def start_over(profile: Profile, prompts: KeyPrompts, credentials: object | None = None,
               now: dt.datetime | None = None) -> tuple[Path, DatabaseFile]:
    """Set the locked database aside and set up a fresh encrypted profile (the new
    recovery key goes to ``prompts.show_recovery_key``). Call with the profile's lock
    held and no connection open. If the new profile cannot be set up (no passphrase
    chosen where there is no keyring), the old files are put back: nothing changed."""
    if not can_start_over(profile):
        raise ProfileLockedError(
            f"{profile.root} holds no encrypted database to set aside: nothing to start over from.")
    folder = set_aside(profile, now)
    moved = [(profile.root / p.name, p) for p in folder.iterdir()]
    try:
        database = unlock_profile(profile, prompts, credentials, convert=False)  # type: ignore[arg-type]
        database.open().close()  # the new, empty database, its schema in place
    except BaseException:
        for leftover in aside_paths(profile):  # what the failed set-up left
            if leftover.is_file():
                leftover.unlink()
        put_back(moved, folder)
        raise
    return folder, database
