"""``main.py demo-data --remove``: take the demo data out of a profile, asking first.

It says what goes (counts per kind) and what of the user's own goes with it (records
typed on a demo partner, edits of demo records). When something of theirs would go it
refuses (exit status 2) unless ``--export FILE`` (a JSON copy, written first) or
``--discard-own`` is given; it asks for confirmation on a terminal, and wants
``--yes`` otherwise. The user's own records that stand alone stay, to be sent to the
next server as new records.
"""
from __future__ import annotations

import argparse
import sys

from desktop import demo_words
from desktop.commands.common import open_store, profile_of, translate
from desktop.profile_lock import ProfileLock
from models import demo_marks
from models.store import Store
from sync.client import demo_guard


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remove", action="store_true",
                   help=translate("DemoDataCommand", "remove the demo data from the profile instead "
                                  "(says what goes, and asks)"))
    p.add_argument("--export", metavar="FILE",
                   help=translate("DemoDataCommand", "with --remove: first write your own records "
                                  "(typed or edited by you) to this JSON file"))
    p.add_argument("--discard-own", action="store_true",
                   help=translate("DemoDataCommand", "with --remove: let your own records on demo "
                                  "partners go without a copy"))
    p.add_argument("--yes", action="store_true",
                   help=translate("DemoDataCommand", "with --remove: do not ask for confirmation"))


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    print(translate("DemoDataCommand", "Nothing was removed."), file=sys.stderr)
    return 2


def run_remove(args: argparse.Namespace) -> int:
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):
        store = open_store(profile)
        try:
            return _remove(args, store)
        finally:
            store.db.conn.close()


def _remove(args: argparse.Namespace, store: Store) -> int:
    if not demo_marks.has_demo(store):
        print(translate("DemoDataCommand", "This profile holds no demo data; nothing to remove."))
        return 0
    contents = demo_marks.demo_contents(store)
    print(demo_words.removal_question(contents))
    if contents.lost_total and not (args.export or args.discard_own):
        return _fail(translate("DemoDataCommand", "Give --export FILE to keep a copy of your own records "
                               "first, or --discard-own to let them go."))
    if not args.yes and not _confirm():
        return _fail(translate("DemoDataCommand", "Not confirmed (give --yes when there is no terminal "
                               "to ask on)."))
    if args.export:
        try:
            n = demo_marks.export_own(store, args.export)
        except OSError as exc:
            return _fail(translate("DemoDataCommand", "cannot write {path}: {reason}").format(
                path=args.export, reason=exc.strerror or exc))
        print(translate("DemoDataCommand", "{n} of your records written to {path}").format(
            n=n, path=args.export))
    _sign_out_of_demo(store)
    demo_guard.remove_demo_data(store)
    print(translate("DemoDataCommand", "Demo data removed: {what}. This profile can now sign in to "
                    "any server.").format(what=demo_words.summary(contents.demo)))
    return 0


def _confirm() -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(translate("DemoDataCommand", "Remove the demo data? [y/N] "))
    return answer.strip().lower() in ("y", "yes", "是", "是的")


def _sign_out_of_demo(store: Store) -> None:
    """Forget the demo server's sign-in (its token in the keyring) before the demo goes."""
    if not store.get_setting("sync.server_url") or not demo_guard.signed_in_to_demo(store):
        return
    # late: off the start path, docs/benchmarks.md
    from sync.client.credentials import KeyringCredentials
    from sync.client.engine import SyncEngine

    engine = SyncEngine(store, None, KeyringCredentials(), allow_insecure_http=True)
    try:
        engine.sign_out()
    finally:
        engine.close()
