"""Pieces every command shares: the profile argument, opening the store, and keeping
the app's start-up snapshots current after a command changed the data."""
from __future__ import annotations

import argparse
import logging
import sys

from desktop.paths import Profile, resolve_profile
from models.database import open_database
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


def open_store(profile: Profile) -> Store:
    return Store(open_database(profile.database))
