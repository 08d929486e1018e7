"""Pieces every command shares: the profile argument and opening the store."""
from __future__ import annotations

import argparse

from desktop.paths import Profile, resolve_profile
from models.database import open_database
from models.store import Store


def add_profile_argument(parser: argparse.ArgumentParser) -> None:
    # also accepted after the command name: `main.py demo-data --profile DIR`
    parser.add_argument("--profile", metavar="DIR", default=argparse.SUPPRESS,
                        help="use this folder for the profile's data")


def profile_of(args: argparse.Namespace) -> Profile:
    return resolve_profile(getattr(args, "profile", None)).ensure()


def open_store(profile: Profile) -> Store:
    return Store(open_database(profile.database))
