"""``main.py export``: an Excel workbook of the partner list, the action items ledger,
reviews or meetings, without a window (the same writer as File ▸ Export…).

Exit codes: 0 written, 2 bad input (unknown kind, a bad period, an unwritable file).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.commands.common import add_profile_argument, open_store, profile_of, translate
from models.export.xlsx_export import KINDS, ExportRequest, export_xlsx
from models.printing.pack_labels import LANGUAGES


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate(
            "ExportCommand", "{value!r} is not a date (expected YYYY-MM-DD)").format(value=value)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help=translate("ExportCommand", "write an Excel workbook (.xlsx)"),
        description=translate(
            "ExportCommand",
            "Write an Excel workbook of one kind of record: partners (the partner list), "
            "actions (the action items ledger: owner, severity, deadline, status, "
            "feedback), reviews (with their scores) or meetings (in a period: --from, "
            "--to). Dates and numbers are real Excel dates and numbers; text that starts "
            "like a formula stays text. Exit codes: 0 written, 2 bad input."),
    )
    add_profile_argument(p)
    p.add_argument("kind", choices=KINDS, metavar="KIND",
                   help=translate("ExportCommand", "partners, actions, reviews or meetings"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx",
                   help=translate("ExportCommand", "the workbook to write"))
    p.add_argument("--from", dest="start", type=_date_arg, metavar="DATE",
                   help=translate("ExportCommand", "meetings from this day"))
    p.add_argument("--to", dest="end", type=_date_arg, metavar="DATE",
                   help=translate("ExportCommand", "meetings up to this day"))
    p.add_argument("--lang", choices=LANGUAGES, default="zh_CN",
                   help=translate("ExportCommand", "language of headers and values (default: "
                                  "zh_CN)"))
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_name(out.name + ".xlsx")
    if not out.parent.is_dir():
        print(translate("ExportCommand", "error: the folder {folder} does not exist").format(
            folder=out.parent), file=sys.stderr)
        return 2
    request = ExportRequest((args.kind,), lang=args.lang, start=args.start, end=args.end)
    store = open_store(profile_of(args))
    try:
        counts = export_xlsx(store, request, out)
    except OSError as exc:
        print(translate("ExportCommand", "error: could not write {file}: {reason}").format(
            file=out, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    finally:
        store.db.close()
    print(translate("ExportCommand", "{n} rows written to {file}").format(
        n=counts[args.kind], file=out))
    return 0
