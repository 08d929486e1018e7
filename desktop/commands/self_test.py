"""``channelkeeper self-test --profile DIR``: the installed app checks itself, for IT
and for ``make test-bundle``. On a new profile it opens the real main window, runs
"Try the demo" (the reference server inside the app, sign-in, first sync), prints a
review pack of a synced partner with the bundled font, saves a screenshot of the
window and quits; each step is printed, and any failure is the exit status 1 with
the reason."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from desktop.commands.app import display_problem
from desktop.commands.common import add_profile_argument, profile_of, translate
from models.pack_data import gather_pack_data
from models.printing.pack_options import PackOptions

#: the demo's first sync seeds and moves a year of records: minutes on a slow laptop
SYNC_TIMEOUT_S = 300.0


class SelfTestFailed(Exception):
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "self-test", help=translate(
            "SelfTestCommand", "check this installation on a new profile (opens a window)"))
    add_profile_argument(p)
    p.add_argument("--out", metavar="DIR", type=Path, default=None, help=translate(
        "SelfTestCommand", "where to leave the pack and the screenshot (default: a new temporary folder)"))
    p.set_defaults(func=run_self_test)


def _step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def run_self_test(args: argparse.Namespace) -> int:
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    profile = profile_of(args)
    if profile.database.exists():
        print(translate("SelfTestCommand", "error: the self-test needs a new, empty profile "
                                           "(give --profile a new folder)"), file=sys.stderr)
        return 2
    # never inside the profile: nothing readable about partners waits beside its
    # encrypted database
    out = args.out or Path(tempfile.mkdtemp(prefix="channelkeeper-self-test-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        _run(profile, out)
    except SelfTestFailed as exc:
        print(f"self-test FAILED: {exc}", file=sys.stderr)
        return 1
    _step("self-test passed")
    return 0


def _run(profile, out: Path) -> None:
    # late: commands without a window import no Qt
    from PySide6.QtCore import QEventLoop, QTimer

    # late: commands without a window import no Qt
    from desktop import app as desktop_app

    _step(f"starting the app on {profile.root}")
    qapp, session = desktop_app.start_app(profile, sys.argv[:1], offer_demo=False)
    if session is None or session.window is None or session.sync is None:
        raise SelfTestFailed("the main window did not open")
    window = session.window
    try:
        outcome: dict[str, object] = {}
        loop = QEventLoop()

        def finish(kind: str, detail: object = None) -> None:
            outcome.setdefault(kind, detail)
            loop.quit()

        service = session.sync
        service.sync_finished.connect(lambda report: finish("synced", report))
        service.sync_failed.connect(lambda kind, message: finish("failed", f"{kind}: {message}"))
        service.demo_failed.connect(lambda message: finish("failed", message))
        service.sign_in_failed.connect(lambda kind, message: finish("failed", f"{kind}: {message}"))
        QTimer.singleShot(int(SYNC_TIMEOUT_S * 1000), lambda: finish("timeout"))
        _step('"Try the demo": demo server, sign-in, first sync')
        service.start_demo()
        loop.exec()
        if "synced" not in outcome:
            raise SelfTestFailed(f"Try the demo did not finish a sync: {outcome}")
        partners = window.ctx.call_db(
            lambda s: [r["id"] for r in s.rows("partner", order_by="coalesce(name_zh, name_en)")])
        _step(f"synced: {len(partners)} partners")
        if not partners:
            raise SelfTestFailed("the demo sync brought no partners")
        _wait(qapp, lambda: window.partners.model.rowCount() == len(partners), 60.0)
        pages = _print_pack(window.ctx, partners[0], out / "pack.pdf")
        _step(f"printed {out / 'pack.pdf'} ({pages} pages)")
        window.grab().save(str(out / "window.png"))
        _step(f"screenshot {out / 'window.png'}")
    finally:
        window.close()
        qapp.processEvents()
    _step("closed")


def _wait(qapp, condition, timeout: float) -> None:
    """Let the views catch up (they reload in the database lane after a sync)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestFailed("the window did not show the synced partners in time")
        qapp.processEvents()
        time.sleep(0.02)


def _print_pack(ctx, partner_id: str, path: Path) -> int:
    # late: off the start path, docs/benchmarks.md
    from models.printing.batch import write_pack_file

    data = ctx.call_db(lambda s: gather_pack_data(s, partner_id, today=dt.date.today()))
    return write_pack_file(data, PackOptions("full", "zh_CN"), path)
