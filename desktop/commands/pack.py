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

from desktop.commands.common import add_profile_argument, open_store, profile_of, translate
from desktop.settings import Settings
from models.errors import NotFoundError, StoreError, ValidationError
from models.pack_data import PackData, gather_pack_data, partners_due_this_week
from models.printing.pack_labels import LANGUAGES
from models.printing.pack_options import AUDIENCES, AUTO_LANGUAGE, PAPERS, TEMPLATES, PackOptions
from models.search_index import name_order
from models.store import Store

# lupdate reads translate("Context", "text") calls: keep the context literal in each


def _fail(message: str) -> int:
    print(translate("PackCommand", "error: {message}").format(message=message), file=sys.stderr)
    return 2


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate(
            "PackCommand", "{value!r} is not a date (expected YYYY-MM-DD)").format(value=value)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pack", help=translate("PackCommand", "print partner review packs (PDF)"),
        description=translate(
            "PackCommand",
            "Print review packs (PDF) for one partner, several, everyone (--all) or everyone "
            "you visit this week (--due-this-week). PARTNER is a partner id or a piece of its "
            "Chinese or English name; an exact name wins over partial matches, and a name "
            "matching several partners lists them instead of printing. --out is a file for "
            "one partner and a folder for several. Exit codes: 0 done, 1 some packs failed or "
            "the run was interrupted, 2 bad input."),
    )
    add_profile_argument(p)
    p.add_argument("partners", nargs="*", metavar="PARTNER",
                   help=translate("PackCommand", "partner id or a unique part of its name"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help=translate("PackCommand", "every partner"))
    which.add_argument("--due-this-week", action="store_true",
                       help=translate("PackCommand", "partners with a meeting this week or a "
                                      "visit falling due this week"))
    p.add_argument("--period-start", type=_date_arg, metavar="DATE",
                   help=translate("PackCommand", "first day covered (default: the previous "
                                  "review, else 90 days ago)"))
    p.add_argument("--period-end", type=_date_arg, metavar="DATE",
                   help=translate("PackCommand", "last day (default: today)"))
    p.add_argument("--template", choices=TEMPLATES, default="full",
                   help=translate("PackCommand", "full pack or one-page summary (default: full)"))
    p.add_argument("--lang", choices=(AUTO_LANGUAGE, *LANGUAGES), default=AUTO_LANGUAGE,
                   help=translate("PackCommand", "language of the pack, independent of the "
                                  "app's (default: auto, each partner's preferred language, "
                                  "else zh_CN)"))
    p.add_argument("--audience", choices=AUDIENCES, default="partner",
                   help=translate("PackCommand", "partner: the copy left on the partner's table "
                                  "(shared facts only); internal: everything, with warning signs, "
                                  "scores and notes marked internal (default: partner)"))
    p.add_argument("--paper", choices=PAPERS, default="a4",
                   help=translate("PackCommand", "paper size (default: a4)"))
    p.add_argument("--today", type=_date_arg, metavar="DATE", help=argparse.SUPPRESS)
    p.add_argument("--out", required=True, metavar="PATH",
                   help=translate("PackCommand", "a .pdf file for one partner, a folder for several"))
    p.set_defaults(func=run_pack)


def resolve_partner(store: Store, query: str) -> str:
    """A partner id from an id or a unique name match; NotFoundError explains why not."""
    query = query.strip()
    if not query:
        raise NotFoundError(translate("PackCommand", "an empty partner name was given"))
    if store.find("partner", query):
        return query
    needle = query.casefold()
    rows = store.rows("partner", order_by=name_order("partner"))
    names = {r["id"]: [n for n in (r["name_zh"], r["name_en"]) if n] for r in rows}
    exact = [pid for pid, ns in names.items() if any(n.casefold() == needle for n in ns)]
    partial = [pid for pid, ns in names.items() if any(needle in n.casefold() for n in ns)]
    hits = exact or partial
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(translate(
            "PackCommand", "no partner matches {query!r} (give an id or part of a name)"
        ).format(query=query))
    listing = "\n".join(f"  {pid}  {' / '.join(names[pid])}" for pid in hits[:10])
    more = "\n  " + translate("PackCommand", "… and {n} more").format(n=len(hits) - 10) \
        if len(hits) > 10 else ""
    raise NotFoundError(
        translate("PackCommand", "{n} partners match {query!r}; give the id or more of the name:")
        .format(n=len(hits), query=query) + f"\n{listing}{more}"
    )


def _selected(store: Store, args: argparse.Namespace, today: dt.date) -> list[str]:
    ids: list[str] = []
    if args.all:
        ids = [r["id"] for r in store.rows("partner", order_by=name_order("partner"))]
    elif args.due_this_week:
        ids = partners_due_this_week(store, today)
    for query in args.partners:
        pid = resolve_partner(store, query)
        if pid not in ids:
            ids.append(pid)
    return ids


def run_pack(args: argparse.Namespace) -> int:
    # late: off the start path, docs/benchmarks.md
    from models.printing.batch import write_pack_file
    from ui.packs.logo import printable_logo

    today = args.today or dt.date.today()
    try:
        options = PackOptions(args.template, args.lang, args.paper, args.audience)
        if args.period_start and args.period_end and args.period_end < args.period_start:
            raise ValidationError(translate(
                "PackCommand", "the period is empty: it ends ({end}) before it starts ({start})"
            ).format(end=args.period_end, start=args.period_start))
        profile = profile_of(args)
        store = open_store(profile, checked=True)  # never a pack from a damaged file
        settings = Settings(profile.settings_file)  # the app's cadence and company logo
        cadence, logo = settings.cadence(), printable_logo(settings.logo_path or None)
        ids = _selected(store, args, today)
        if not ids:
            if args.due_this_week:
                what = translate("PackCommand", "no partner has a meeting or a visit due this week")
            elif args.all:
                what = translate("PackCommand", "there are no partners to print")
            else:
                what = translate("PackCommand", "name at least one PARTNER, or use --all")
            return _fail(what)
        out = Path(args.out).expanduser()

        def gather(pid: str) -> PackData:
            return gather_pack_data(store, pid, today=today, period_start=args.period_start,
                                    period_end=args.period_end, cadence=cadence, logo_path=logo)

        if len(ids) == 1 and not (out.is_dir() or args.all or args.due_this_week):
            if out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
            pages = write_pack_file(gather(ids[0]), options, out)
            print(translate("PackCommand", "{path} ({pages} pages)").format(path=out, pages=pages))
            return 0
        out.mkdir(parents=True, exist_ok=True)
        return _run_batch(ids, gather, out, options)
    except (StoreError, ValueError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(translate("PackCommand", "cannot write {path}: {reason}").format(
            path=args.out, reason=exc.strerror or exc))


def _run_batch(ids: list[str], gather: Callable[[str], PackData], out: Path,
               options: PackOptions) -> int:
    # late: off the start path, docs/benchmarks.md
    from models.printing.batch import write_pack_batch

    def packs() -> Iterator[PackData | Exception]:
        for pid in ids:
            try:
                yield gather(pid)
            except StoreError as exc:
                exc.partner_id = pid  # type: ignore[attr-defined]
                yield exc

    def progress(done: int, total: int, name: str) -> None:
        print(f"[{done}/{total}] {_printable(name)}", flush=True)

    # Ctrl+C stops between or inside packs; the pack being written is discarded
    result = write_pack_batch(packs(), len(ids), out, options, progress=progress)
    for pid, name, message in result.failed:
        print(translate("PackCommand", "error: {partner}: {message}").format(
            partner=_printable(name or pid), message=message), file=sys.stderr)
    print(translate("PackCommand", "{count} packs written to {folder}").format(
        count=len(result.written), folder=out))
    return 1 if result.failed or result.cancelled else 0


def _printable(name: str) -> str:
    """A synced name as the terminal may show it: control characters (an escape
    sequence in a partner's name would drive the terminal) become "?"."""
    return "".join(ch if ch.isprintable() else "?" for ch in name)
