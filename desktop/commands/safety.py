"""``main.py check`` / ``backup`` / ``restore``: the profile's integrity and backups.

``check`` reads every page of the profile's database (exit 0: healthy, 1: damaged,
with what was found and what to do). ``backup [--out FILE]`` copies a healthy
database with SQLite's online backup API, encrypted with the database's own key,
into the profile's backups folder (the oldest beyond the kept number removed) or
into FILE. ``restore BACKUP`` checks the backup, moves the current file aside whole
and puts the backup in its place; it refuses while ChannelKeeper has the profile
open. ``check --export-pending FILE`` writes the unsent changes that can still be
read, even from a damaged file. ``recovery-key`` issues a new recovery key; the old
one stops working. ``start-over`` (no recovery key, no passphrase) sets the locked
database aside in a dated folder and sets up a new, empty profile (desktop/start_over.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import safety
from desktop.commands.common import add_profile_argument, profile_of, translate
from desktop.paths import Profile
from desktop.profile_keys import (
    CommandPrompts,
    MustAsk,
    QuietPrompts,
    renew_recovery_key,
    unlock_profile,
)
from desktop.profile_lock import ProfileLock
from desktop.settings import Settings
from desktop.start_over import can_start_over, locked_facts, start_over
from models.backups import list_backups
from models.errors import ProfileLockedError

EXIT_DAMAGED = 1
EXIT_REFUSED = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check", help=translate("SafetyCommands", "check the profile's database for damage"),
        description=translate("SafetyCommands", "Read every page of the profile's database. "
                              "Exit status 0: healthy; 1: damaged."))
    add_profile_argument(p)
    p.add_argument("--export-pending", metavar="FILE", type=Path,
                   help=translate("SafetyCommands", "also write the unsent changes that can "
                                  "still be read to FILE (JSON)"))
    p.set_defaults(func=run_check)
    p = subparsers.add_parser(
        "backup", help=translate("SafetyCommands", "back up the profile's database (encrypted)"))
    add_profile_argument(p)
    p.add_argument("--out", metavar="FILE", type=Path,
                   help=translate("SafetyCommands", "write the backup to FILE instead of the "
                                  "profile's backups folder"))
    p.set_defaults(func=run_backup)
    p = subparsers.add_parser(
        "restore", help=translate("SafetyCommands", "put a backup in place of the profile's database"))
    add_profile_argument(p)
    p.add_argument("backup", metavar="BACKUP", type=Path,
                   help=translate("SafetyCommands", "a backup of this profile"))
    p.set_defaults(func=run_restore)
    p = subparsers.add_parser(
        "recovery-key", help=translate("SafetyCommands", "issue a new recovery key (the old "
                                       "one stops working)"))
    add_profile_argument(p)
    p.set_defaults(func=run_recovery_key)
    p = subparsers.add_parser(
        "start-over", help=translate("SafetyCommands", "without the recovery key: set the locked "
                                     "database aside and start a new, empty profile"),
        description=translate("SafetyCommands", "For a profile that can no longer be unlocked "
                              "(keyring entry and recovery key both lost). Nothing is deleted. "
                              "Exit status 0: started over; 2: refused, nothing changed."))
    add_profile_argument(p)
    p.set_defaults(func=run_start_over)


def run_check(args: argparse.Namespace) -> int:
    profile = profile_of(args)
    database = unlock_profile(profile, CommandPrompts())
    problems = safety.check_database(database)
    if args.export_pending is not None:
        count = safety.export_pending_changes(database, args.export_pending)
        print(translate("SafetyCommands", "{n} unsent changes written to {file}.").format(
            n=count, file=args.export_pending))
    if not problems:
        backups = list_backups(profile.backups_dir)
        print(translate("SafetyCommands", "{file}: healthy (every page read and checked).")
              .format(file=profile.database))
        print(translate("SafetyCommands", "Backups: {n}, newest: {newest}.").format(
            n=len(backups), newest=backups[0].name if backups else "-"))
        return 0
    print(translate("SafetyCommands", "{file}: DAMAGED. Nothing was written to it.").format(
        file=profile.database), file=sys.stderr)
    for line in problems[:10]:
        print(f"  {line}", file=sys.stderr)
    good = safety.good_backups(database)
    if good:
        print(translate("SafetyCommands", "Newest good backup: {file}\nRestore it with: "
                        "main.py restore --profile {profile} {file}\n(export the unsent changes "
                        "first: main.py check --profile {profile} --export-pending FILE)").format(
            file=good[0], profile=profile.root), file=sys.stderr)
    else:
        print(translate("SafetyCommands", "No good backup was found. Export the unsent changes "
                        "(--export-pending FILE), then start a new profile and sync: what was "
                        "synced comes back from the server."), file=sys.stderr)
    return EXIT_DAMAGED


def run_backup(args: argparse.Namespace) -> int:
    profile = profile_of(args)
    database = unlock_profile(profile, CommandPrompts())
    db = database.open(migrate=False)
    try:
        made = safety.make_backup(db, database, "manual", Settings(profile.settings_file).backups_kept,
                                  out=args.out)
    except safety.DamagedDatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DAMAGED
    finally:
        db.close()
    print(translate("SafetyCommands", "Backup written: {file} (encrypted with this profile's "
                    "key).").format(file=made))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):  # refused while the app has the profile open
        database = unlock_profile(profile, CommandPrompts())
        aside = safety.restore_backup(database, args.backup)
    print(translate("SafetyCommands", "Restored {backup}. Changes made after it was taken are "
                    "not in it; those already synced come back at the next sync.").format(
        backup=args.backup))
    if aside is not None:
        print(translate("SafetyCommands", "The file it replaced was kept as {file}.").format(
            file=aside))
    return 0


def run_recovery_key(args: argparse.Namespace) -> int:
    """A new recovery key, printed once; refused while the app has the profile open."""
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):
        code = renew_recovery_key(profile, CommandPrompts())
    print(translate("SafetyCommands", "New recovery key (write it down and keep it safe; it is "
                    "shown only now):\n\n    {code}\n\nThe previous recovery key no longer "
                    "unlocks this profile. Backups still open as before.").format(code=code))
    return 0


def run_start_over(args: argparse.Namespace) -> int:
    """Set a profile that cannot be unlocked aside, and start a new one in its place."""

    profile = profile_of(args)
    with ProfileLock(profile.lock_file):  # refused while the app has the profile open
        if not can_start_over(profile):
            print(translate("SafetyCommands", "error: {profile} holds no encrypted database: "
                            "nothing to start over from. Nothing was changed.").format(
                profile=profile.root), file=sys.stderr)
            return EXIT_REFUSED
        if _opens_without_asking(profile):
            print(translate("SafetyCommands", "error: this profile still unlocks (its key is in "
                            "the system keyring), so nothing is locked away: start-over is not "
                            "needed. Nothing was changed."), file=sys.stderr)
            return EXIT_REFUSED
        facts = locked_facts(profile)
        folder, _database = start_over(profile, CommandPrompts())
    print(translate("SafetyCommands", "The locked database was set aside, unchanged, in {folder} "
                    "(with its key file and {n} backups). Nothing was deleted.").format(
        folder=folder, n=facts.backups))
    print(translate("SafetyCommands", "A new, empty, encrypted profile is ready; its recovery key "
                    "is printed above: write it down."))
    print(translate("SafetyCommands", "Sign in to bring back everything that was synced:\n"
                    "    main.py login --profile {profile} --server URL --user NAME").format(
        profile=profile.root))
    print(translate("SafetyCommands", "Changes never synced stay locked in that folder; how many "
                    "cannot be told without its key. If the old recovery key or passphrase turns "
                    "up: main.py sync --profile {folder} opens it with that and sends them.").format(
        folder=folder))
    return 0


def _opens_without_asking(profile: Profile) -> bool:
    try:
        unlock_profile(profile, QuietPrompts(), convert=False)
    except (MustAsk, ProfileLockedError):  # a secret is needed, or the key file is gone
        return False
    return True
