"""``main.py search``: print what the search finds, for scripts and for checking.

One line per hit, tab-separated: entity, id, title, snippet (the match in [brackets]).
The search index of a profile whose records wait in the search backlog (a first sync,
an upgrade) is completed first. Exit codes: 0 found, 1 nothing found, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys

from desktop.commands.common import add_profile_argument, open_store, profile_of, translate
from models.search_results import PAGE, find


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search", help=translate("SearchCommand", "find partners, contacts, meetings, action "
                                 "items and reviews"),
        description=translate(
            "SearchCommand",
            "Print what the app's search finds for QUERY: Chinese words, pinyin or initials "
            "of names (jnmd, jinan), phone numbers by their digits. One line per hit: "
            "entity, id, title, snippet (the match in [brackets]), tab-separated. Exit "
            "codes: 0 found, 1 nothing found, 2 bad input."),
    )
    add_profile_argument(p)
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=int, default=PAGE,
                   help=translate("SearchCommand", "most hits printed (default: 50)"))
    p.add_argument("--offset", type=int, default=0,
                   help=translate("SearchCommand", "hits skipped first (the next page)"))
    p.set_defaults(func=run_search)


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.offset < 0:
        print(translate("SearchCommand", "error: --limit must be at least 1 and --offset not "
                        "negative"), file=sys.stderr)
        return 2
    store = open_store(profile_of(args))
    try:
        while store.index_backlog():
            pass
        found, more = find(store, " ".join(args.query), limit=args.limit, offset=args.offset)
    finally:
        store.db.close()
    try:
        for f in found:
            title = f.title.replace("\t", " ").replace("\n", " ")
            snippet = f.snippet.marked().replace("\t", " ").replace("\n", " ")
            print(f"{f.entity}\t{f.entity_id}\t{title}\t{snippet}")
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    if more:
        print(translate("SearchCommand", "… more: --offset {n}").format(
            n=args.offset + args.limit), file=sys.stderr)
    return 0 if found else 1
