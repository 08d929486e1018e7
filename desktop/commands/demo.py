"""``main.py demo-data``: fill a profile with a realistic demo portfolio.

Refuses (exit status 2) when the profile already has partners, unless ``--force``
is given: demo records would mix with real ones and, once synced, reach head office.
With ``--force`` the demo is added beside what is there (ids never collide). The
profile lock is taken first, so the command never writes into a profile that a
running ChannelKeeper has open.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from desktop.commands import demo_remove
from desktop.commands.common import (
    add_profile_argument,
    open_store,
    profile_of,
    translate,
)
from desktop.profile_lock import ProfileLock
from models import demo_data

# Messages are spelled out as translate("DemoDataCommand", ...) so that lupdate finds
# them with their context.


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "demo-data",
        help=translate(
            "DemoDataCommand", "fill the profile with demo partners, meetings and action items"
        ),
        description=translate(
            "DemoDataCommand",
            "Fill the profile with a realistic demo portfolio. Refuses a "
            "profile that already has partners unless --force is given.",
        ),
    )
    add_profile_argument(p)
    p.add_argument(
        "--partners",
        type=_positive,
        default=60,
        metavar="N",
        help=translate("DemoDataCommand", "partners (default 60)"),
    )
    p.add_argument(
        "--meetings",
        type=_not_negative,
        default=600,
        metavar="N",
        help=translate("DemoDataCommand", "meetings (default 600)"),
    )
    p.add_argument(
        "--actions",
        type=_not_negative,
        default=600,
        metavar="N",
        help=translate("DemoDataCommand", "action items (default 600)"),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help=translate(
            "DemoDataCommand", "random seed: the same seed makes the same data (default 1)"
        ),
    )
    p.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help=translate(
            "DemoDataCommand", "the date the demo is built around (default: today)"
        ),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=translate(
            "DemoDataCommand", "add demo data even if the profile already has partners"
        ),
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help=translate("DemoDataCommand", "do not report progress"),
    )
    demo_remove.add_arguments(p)
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(
            translate("DemoDataCommand", "must be at least 1")
        )
    return value


def _not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(
            translate("DemoDataCommand", "must not be negative")
        )
    return value


def run(args: argparse.Namespace) -> int:
    if args.remove:
        return demo_remove.run_remove(args)
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):
        store = open_store(profile)
        try:
            existing = store.count("partner")
            if existing and not args.force:
                message = translate(
                    "DemoDataCommand",
                    "The profile {path} already has {n} partners; demo data "
                    "was not added. Use --force to add it anyway, or --profile to choose an "
                    "empty folder.",
                )
                print(message.format(path=profile.root, n=existing), file=sys.stderr)
                return 2
            started = time.monotonic()
            counts = demo_data.generate(
                store,
                partners=args.partners,
                meetings=args.meetings,
                actions=args.actions,
                seed=args.seed,
                today=args.today,
                progress=None if args.quiet else _Progress(),
            )
            seconds = time.monotonic() - started
        finally:
            store.db.conn.close()
    done = translate(
        "DemoDataCommand", "Demo data added to {path} in {seconds:.1f} s:"
    )
    print(done.format(path=profile.root, seconds=seconds))
    labels = {
        "partners": translate("DemoDataCommand", "partners"),
        "contacts": translate("DemoDataCommand", "contacts"),
        "meetings": translate("DemoDataCommand", "meetings"),
        "action_items": translate("DemoDataCommand", "action items"),
        "checklist_runs": translate("DemoDataCommand", "checklist runs"),
        "kpi_snapshots": translate("DemoDataCommand", "KPI snapshots"),
        "stage_changes": translate("DemoDataCommand", "stage changes"),
        "touchpoints": translate("DemoDataCommand", "touchpoints"),
        "joint_goals": translate("DemoDataCommand", "joint goals"),
    }
    for key, n in counts.items():
        print(f"  {n:>8,}  {labels.get(key, key)}")
    return 0


class _Progress:
    """Prints a percentage to stderr at most every half second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.5:
            return
        self.last = now
        pct = 100 * done // max(1, total)
        end = "\n" if done >= total else ""
        line = translate(
            "DemoDataCommand", "Generating demo data… {pct}% ({done}/{total})"
        )
        print(
            "\r" + line.format(pct=pct, done=done, total=total),
            end=end,
            file=sys.stderr,
            flush=True,
        )
