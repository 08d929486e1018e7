"""``main.py pack``: print review packs from the command line, offline.

PARTNER is a partner id, or a piece of its Chinese or English name (case-insensitive).
A name must pick exactly one partner: an exact name match wins over partial matches;
when several partners still match, they are listed with their ids and nothing is
written. ``--out`` is a file for one partner (or a folder to put it in) and a folder
for several (created if missing). Exit codes: 0 written, 1 some packs failed or the
batch was interrupted, 2 bad input (unknown partner, empty period, unwritable output).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.commands.common import add_profile_argument, open_store, profile_of
from desktop.printing.batch import write_pack_batch, write_pack_file
from desktop.printing.pack_labels import LANGUAGES
from desktop.printing.pack_pdf import PAPER_SIZES, TEMPLATES, PackOptions
from models.errors import NotFoundError, StoreError, ValidationError
from models.pack_data import PackData, gather_pack_data, partners_due_this_week
from models.store import Store


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pack", help="print partner review packs (PDF)",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_profile_argument(p)
    p.add_argument("partners", nargs="*", metavar="PARTNER",
                   help="partner id or a unique part of its name")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every partner")
    which.add_argument("--due-this-week", action="store_true",
                       help="partners with a meeting this week or a visit falling due this week")
    p.add_argument("--period-start", type=_date_arg, metavar="DATE",
                   help="first day covered (default: the previous review, else 90 days ago)")
    p.add_argument("--period-end", type=_date_arg, metavar="DATE", help="last day (default: today)")
    p.add_argument("--template", choices=TEMPLATES, default="full",
                   help="full pack or one-page summary (default: full)")
    p.add_argument("--lang", choices=LANGUAGES, default="zh_CN",
                   help="language of the pack, independent of the app's (default: zh_CN)")
    p.add_argument("--paper", choices=sorted(PAPER_SIZES), default="a4", help="default: a4")
    p.add_argument("--today", type=_date_arg, metavar="DATE", help=argparse.SUPPRESS)
    p.add_argument("--out", required=True, metavar="PATH",
                   help="a .pdf file for one partner, a folder for several")
    p.set_defaults(func=run_pack)


def resolve_partner(store: Store, query: str) -> str:
    """A partner id from an id or a unique name match; NotFoundError explains why not."""
    query = query.strip()
    if not query:
        raise NotFoundError("an empty partner name was given")
    if store.find("partner", query):
        return query
    needle = query.casefold()
    rows = store.rows("partner", order_by="coalesce(name_zh, name_en)")
    names = {r["id"]: [n for n in (r["name_zh"], r["name_en"]) if n] for r in rows}
    exact = [pid for pid, ns in names.items() if any(n.casefold() == needle for n in ns)]
    partial = [pid for pid, ns in names.items() if any(needle in n.casefold() for n in ns)]
    hits = exact or partial
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(f"no partner matches {query!r} (give an id or part of a name)")
    listing = "\n".join(f"  {pid}  {' / '.join(names[pid])}" for pid in hits[:10])
    more = f"\n  … and {len(hits) - 10} more" if len(hits) > 10 else ""
    raise NotFoundError(
        f"{len(hits)} partners match {query!r}; give the id or more of the name:\n{listing}{more}"
    )


def _selected(store: Store, args: argparse.Namespace, today: dt.date) -> list[str]:
    ids: list[str] = []
    if args.all:
        ids = [r["id"] for r in store.rows("partner", order_by="coalesce(name_zh, name_en)")]
    elif args.due_this_week:
        ids = partners_due_this_week(store, today)
    for query in args.partners:
        pid = resolve_partner(store, query)
        if pid not in ids:
            ids.append(pid)
    return ids


def run_pack(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    try:
        options = PackOptions(args.template, args.lang, args.paper)
        if args.period_start and args.period_end and args.period_end < args.period_start:
            raise ValidationError(
                f"the period is empty: it ends ({args.period_end}) before it starts "
                f"({args.period_start})"
            )
        store = open_store(profile_of(args))
        ids = _selected(store, args, today)
        if not ids:
            what = "no partner has a meeting or a visit due this week" if args.due_this_week \
                else "no partners to print" if args.all else "name at least one PARTNER, or --all"
            print(f"error: {what}", file=sys.stderr)
            return 2
        out = Path(args.out).expanduser()

        def gather(pid: str) -> PackData:
            return gather_pack_data(store, pid, today=today, period_start=args.period_start,
                                    period_end=args.period_end)

        if len(ids) == 1 and not (out.is_dir() or args.all or args.due_this_week):
            if out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
            pages = write_pack_file(gather(ids[0]), options, out)
            print(f"{out} ({pages} pages)")
            return 0
        out.mkdir(parents=True, exist_ok=True)
        return _run_batch(ids, gather, out, options)
    except (StoreError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2


def _run_batch(ids: list[str], gather: Callable[[str], PackData], out: Path, options: PackOptions) -> int:
    def packs() -> Iterator[PackData | Exception]:
        for pid in ids:
            try:
                yield gather(pid)
            except StoreError as exc:
                exc.partner_id = pid  # type: ignore[attr-defined]
                yield exc

    def progress(done: int, total: int, name: str) -> None:
        print(f"[{done}/{total}] {name}", flush=True)

    # Ctrl+C stops between or inside packs; the pack being written is discarded
    result = write_pack_batch(packs(), len(ids), out, options, progress=progress)
    for pid, name, message in result.failed:
        print(f"error: {name or pid}: {message}", file=sys.stderr)
    print(f"{len(result.written)} packs written to {out}")
    return 1 if result.failed or result.cancelled else 0
