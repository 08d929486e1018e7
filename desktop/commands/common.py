"""Pieces every command shares: the profile argument, opening the store, and keeping
the app's start-up snapshots current after a command changed the data."""
from __future__ import annotations

import argparse
import logging
import sys

from desktop.paths import Profile, resolve_profile
from desktop.profile_keys import CommandPrompts, open_profile_database, unlock_profile
from desktop.safety import require_healthy
from models.database import DatabaseFile
from models.store import Store

log = logging.getLogger(__name__)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A command's message in the user's language: Qt's translation when Qt is loaded
    (the app's process, which installs the translator), else the text as written, which
    is what Qt would answer too, since a command installs no translator. Commands that
    show no window so never import Qt (lupdate finds these ``translate`` calls)."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        return text
    return qtcore.QCoreApplication.translate(context, text, disambiguation, n)


def add_profile_argument(parser: argparse.ArgumentParser) -> None:
    # also accepted after the command name: `main.py demo-data --profile DIR`
    parser.add_argument("--profile", metavar="DIR", default=argparse.SUPPRESS,
                        help="use this folder for the profile's data")


def profile_of(args: argparse.Namespace) -> Profile:
    return resolve_profile(getattr(args, "profile", None)).ensure()


def open_profile(profile: Profile) -> tuple[DatabaseFile, Store]:
    """The unlocked database file (for backups) and the store over it."""
    database = unlock_profile(profile, CommandPrompts())
    return database, Store(database.open())


def open_store(profile: Profile, *, checked: bool = False) -> Store:
    """The profile's store, unlocked as desktop/profile_keys.py says (a passphrase or
    recovery key, when one is needed, is read from standard input or the file named
    in CHANNELKEEPER_PASSPHRASE_FILE). ``checked``: every page is read first, and a
    damaged file is refused (desktop.safety.DamagedDatabaseError) rather than read
    in part: for commands whose output would silently miss what is damaged."""
    db = open_profile_database(profile, CommandPrompts())
    if checked:
        try:
            require_healthy(db, profile.database)
        except BaseException:
            db.close()
            raise
    return Store(db)
