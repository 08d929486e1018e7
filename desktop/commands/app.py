"""``main.py`` (or ``main.py app``): start the desktop app on a profile."""
from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication

from desktop.commands.common import add_profile_argument, profile_of


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "app", help=QCoreApplication.translate("AppCommand", "start the desktop app (the default)"))
    add_profile_argument(p)
    p.add_argument("--no-demo-offer", action="store_true",
                   help=QCoreApplication.translate(
                       "AppCommand", "do not offer demo data on an empty profile"))
    p.set_defaults(func=run_app)


def run_app(args: argparse.Namespace) -> int:
    """Open the profile named by ``args`` (or the default one) in the main window."""
    from desktop import app  # Qt widgets load only when the GUI is really wanted

    return app.run_app(profile_of(args), sys.argv[:1],
                       offer_demo=not getattr(args, "no_demo_offer", False))
