"""``main.py`` (or ``main.py app``): start the desktop app on a profile."""
from __future__ import annotations

import argparse
import os
import sys
import time

from desktop.commands.common import add_profile_argument, profile_of, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "app", help=translate("AppCommand", "start the desktop app (the default)"))
    add_profile_argument(p)
    p.add_argument("--no-demo-offer", action="store_true",
                   help=translate(
                       "AppCommand", "do not offer demo data on an empty profile"))
    p.set_defaults(func=run_app)


def run_app(args: argparse.Namespace) -> int:
    """Open the profile named by ``args`` (or the default one) in the main window."""
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    # late: commands without a window import no Qt
    from desktop import app

    if os.environ.get(READY_ENV):
        return _start_until_ready(app, profile_of(args))
    return app.run_app(profile_of(args), sys.argv[:1],
                       offer_demo=not getattr(args, "no_demo_offer", False))


#: bench/bench_bundle.py sets it: the app prints "ready <epoch seconds>" once its window
#: is usable, then quits, so a start can be timed from outside the process (the bundle
#: runs no code but its own)
READY_ENV = "CHANNELKEEPER_EXIT_WHEN_READY"


def _start_until_ready(app, profile) -> int:
    # late: commands without a window import no Qt
    from PySide6.QtCore import QEventLoop

    qapp, session = app.start_app(profile, sys.argv[:1], offer_demo=False)
    if session is None or session.window is None:
        return 1
    window = session.window
    if not getattr(window, "is_ready", False):
        loop = QEventLoop()
        window.ready.connect(loop.quit)
        loop.exec()
    qapp.processEvents()
    print(f"ready {time.time():.6f}", flush=True)
    window.close()
    qapp.processEvents()
    return 0


def display_problem(environ: os._Environ | dict, platform: str) -> str:
    """Why no window can open here ("" when one can): on Linux without a graphical
    session Qt would abort with a message about plugins that misleads everyone."""
    if not platform.startswith("linux"):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return ""
    return translate(
        "AppCommand",
        "No graphical display found (DISPLAY and WAYLAND_DISPLAY are not set). Start "
        "ChannelKeeper from a desktop session, or on a server run it under "
        "xvfb-run -a. The command-line commands (see --help) need no display.")
