"""Remote wipe on the laptop: erase one profile's data and secrets.

Head office marks a lost device (``server wipe-device ID``); at its next contact the
laptop pushes what it can (the server still takes pushes), the server answers
everything else with ``410 device_wipe``, and whoever holds the profile (``main.py
sync`` or the running app) closes its database and calls ``erase_profile``, then
confirms to the server, which records when the wipe happened.

Only what ChannelKeeper itself keeps in the profile folder is removed (a ``--profile``
may point at a folder holding other files): the database with its write-ahead log
and every backup beside it, the key file, the backups, caches, packs, logs, the demo
server, the settings, the locked databases that *Start over* set aside, and the
keyring entries of the refresh token and the database key. A note saying when and
why is left in their place.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

from desktop.paths import Profile
from sync.client.credentials import Credentials

log = logging.getLogger(__name__)

NOTE_NAME = "WIPED.txt"
#: folders of the profile that hold data or copies of it
DATA_FOLDERS = ("cache", "packs", "logs", "demo-server", "backups")
#: files of the profile beside the database
DATA_FILES = ("settings.ini", "channelkeeper.key")


def _database_key_account(profile: Profile) -> str | None:
    """The keyring entry of an encrypted profile's database key (named in its key file)."""
    try:
        data = json.loads((profile.root / "channelkeeper.key").read_text(encoding="utf-8"))
        return f"database-key:{data['id']}" if data.get("id") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def data_paths(profile: Profile) -> list[Path]:
    """Everything of the profile's that holds data, as it is on disk now."""
    root = profile.root
    found = [p for p in root.glob(f"{profile.database.name}*")]  # -wal, -shm, .bak copies
    found += [root / n for n in DATA_FILES + DATA_FOLDERS if (root / n).exists()]
    # locked databases set aside by "Start over" (desktop/start_over.py): data too
    found += [p for p in root.glob("locked-*") if p.is_dir()]
    return sorted(set(found))


def erase_profile(profile: Profile, credentials: Credentials,
                  accounts: Iterable[str] = ()) -> list[Path]:
    """Remove the profile's data files and keyring entries (``accounts``: the refresh
    token's, from the engine; the database key's is found here). Call with every
    connection to the database closed. Returns what was removed; a file that cannot be
    removed is logged and the rest still goes."""
    names = [a for a in (*accounts, _database_key_account(profile)) if a]
    removed = []
    for path in data_paths(profile):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError as exc:
            log.error("wipe: %s could not be removed: %s", path.name, exc)
    for account in names:
        try:
            credentials.delete(account)
        except Exception:
            log.exception("wipe: a keyring entry could not be removed")
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (profile.root / NOTE_NAME).write_text(
        f"{stamp}: head office reported this computer lost. ChannelKeeper erased this "
        "profile's data and sign-in. Changes that could still be sent reached the server; "
        "sign in again to get your partners back.\n", encoding="utf-8")
    log.warning("wipe: the profile's data was erased (%d items)", len(removed))
    return removed


def remaining(profile: Profile) -> list[Path]:
    """What would still hold data (empty after a complete wipe)."""
    return data_paths(profile)
