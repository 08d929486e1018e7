"""``main.py calendar``: the planned visits of a period as an .ics file (the same
writer as the Calendar page's Export), and ``main.py reminders``: what the app would
remind of on a day, without a window.

Exit codes: 0 done, 2 bad input (a bad date or period, an unwritable file)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.commands.common import add_profile_argument, open_store, profile_of, translate
from models import festivals, reminders
from models.printing.pack_labels import LANGUAGES


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate(
            "CalendarCommand", "{value!r} is not a date (expected YYYY-MM-DD)").format(
            value=value)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "calendar", help=translate("CalendarCommand", "write planned visits to an .ics file"),
        description=translate(
            "CalendarCommand",
            "Write the planned visits from --from to --to (inclusive) as an iCalendar "
            "file that Outlook, DingTalk and WeCom calendars import: the partner's address "
            "as location, the agenda as description. Each visit keeps its UID, so importing "
            "a later export updates the visits instead of adding them again. Exit codes: "
            "0 written, 2 bad input."))
    add_profile_argument(p)
    p.add_argument("--from", dest="start", type=_date_arg, required=True, metavar="DATE",
                   help=translate("CalendarCommand", "first day (YYYY-MM-DD)"))
    p.add_argument("--to", dest="end", type=_date_arg, required=True, metavar="DATE",
                   help=translate("CalendarCommand", "last day (YYYY-MM-DD)"))
    p.add_argument("--out", required=True, metavar="FILE.ics",
                   help=translate("CalendarCommand", "the file to write"))
    p.add_argument("--lang", choices=LANGUAGES, default="zh_CN",
                   help=translate("CalendarCommand", "language of the events' titles "
                                  "(default: zh_CN)"))
    p.set_defaults(func=run_calendar)
    register_reminders(subparsers)


def run_calendar(args: argparse.Namespace) -> int:
    # late: off the start path, docs/benchmarks.md
    from models.export.ics_export import export_ics

    if args.end < args.start:
        print(translate("CalendarCommand", "error: --to is before --from"), file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.suffix.lower() != ".ics":
        out = out.with_name(out.name + ".ics")
    if not out.parent.is_dir():
        print(translate("CalendarCommand", "error: the folder {folder} does not exist").format(
            folder=out.parent), file=sys.stderr)
        return 2
    store = open_store(profile_of(args))
    try:
        n = export_ics(store, out, args.start, args.end, lang=args.lang)
    except OSError as exc:
        print(translate("CalendarCommand", "error: could not write {file}: {reason}").format(
            file=out, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    finally:
        store.db.close()
    print(translate("CalendarCommand", "{n} planned visits written to {file}").format(
        n=n, file=out))
    return 0


def register_reminders(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "reminders", help=translate("CalendarCommand", "list what would be reminded"),
        description=translate(
            "CalendarCommand",
            "List what the app would remind of on a day: response deadlines reached, "
            "partner-owned items to chase, visits due, agreements up for renewal, "
            "contacts' birthdays and work anniversaries, and the festivals stored on "
            "contacts. The kinds turned off in Settings are left out. Exit codes: 0 "
            "listed, 2 bad input."))
    add_profile_argument(p)
    p.add_argument("--date", type=_date_arg, metavar="DATE",
                   help=translate("CalendarCommand", "the day (default: today)"))
    p.add_argument("--days", type=int, default=7, metavar="N",
                   help=translate("CalendarCommand", "days ahead to look (default: 7)"))
    p.set_defaults(func=run_reminders)


def kind_titles() -> dict[str, str]:
    return {
        "response": translate("CalendarCommand", "Response deadlines"),
        "chase": translate("CalendarCommand", "Partner-owned items to chase"),
        "visit": translate("CalendarCommand", "Visits due"),
        "renewal": translate("CalendarCommand", "Agreements up for renewal"),
        "birthday": translate("CalendarCommand", "Birthdays"),
        "anniversary": translate("CalendarCommand", "Work anniversaries"),
        "festival": translate("CalendarCommand", "Festivals"),
    }


def run_reminders(args: argparse.Namespace) -> int:
    if not 0 <= args.days <= 366:
        print(translate("CalendarCommand", "error: --days must be between 0 and 366"),
              file=sys.stderr)
        return 2
    today = args.date or dt.date.today()
    store = open_store(profile_of(args))
    try:
        prefs = reminders.load_prefs(store)
        found = reminders.scan(store, today, args.days, prefs.enabled)
    finally:
        store.db.close()
    titles = kind_titles()
    for kind in reminders.KINDS:
        n = found.counts.get(kind, 0)
        if not n:
            continue
        print(f"{titles[kind]} ({n})")
        for r in found.of(kind):
            if kind == "festival":
                f = festivals.BY_KEY[r.subject]
                what = translate("CalendarCommand", "{festival}: {n} contacts").format(
                    festival=f"{f.zh} {f.en}", n=r.count)
            else:
                what = " · ".join(x for x in (r.subject if kind != "visit" else "",
                                              r.partner_name) if x)
            print(f"  {r.day.isoformat()}  {what}")
        shown = len(found.of(kind))
        if shown < n:
            print("  " + translate("CalendarCommand", "… and {n} more").format(n=n - shown))
    if prefs.snoozed(today):
        print(translate("CalendarCommand", "(notifications snoozed until {day})").format(
            day=prefs.snoozed_until))
    if not found.total:
        print(translate("CalendarCommand", "Nothing to remind of."))
    return 0
