"""``main.py login`` / ``logout`` / ``sync``: the sync engine from the command line.

``login --server URL --user NAME [--password-stdin]`` signs this profile in (the
password comes from a hidden prompt, or from standard input for scripts) and keeps
the refresh token in the OS keyring. ``sync`` pushes the outbox, pulls the server's
changes and prints what moved; it exits 0 on success and non-zero with a clear
message when offline (3), when the sign-in is refused (4), when the app must be
updated (5) or on any other sync failure (6), and 2 when a profile holding demo data
meets a server that is not a demo server. Nothing local is lost in any case, except
when head office reported the laptop lost (``server wipe-device``): then what could
be sent is sent, the profile's data and sign-in are erased and it says so (7).
Both take the profile lock, so they never race a running ChannelKeeper.

Scripts and CI on a machine without a keyring use ``sync --user NAME
--password-stdin [--server URL]``: sign in, sync and sign out (the device is revoked
on the server) in one go, the refresh token never leaving this process's memory.
``login`` there refuses (exit 4) rather than keep a sign-in that dies with it.
"""
from __future__ import annotations

import argparse
import getpass
import socket
import sys
import time

from desktop import demo_words, safety
from desktop.commands.common import (
    add_profile_argument,
    open_profile,
    open_store,
    profile_of,
    translate,
)
from desktop.paths import Profile
from desktop.profile_lock import ProfileLock
from desktop.settings import Settings
from models.database import DatabaseFile
from models.store import Store
from sync.client.credentials import KeyringCredentials, MemoryCredentials
from sync.client.engine import SyncEngine, SyncProgress, SyncReport
from sync.client.errors import (
    AuthError,
    DemoProfileError,
    InsecureServerError,
    OfflineError,
    SyncError,
    UpdateRequiredError,
    WipeRequested,
)

# lupdate reads translate("Context", "text") calls: keep the context literal in each
EXIT_OFFLINE = 3
EXIT_AUTH = 4
EXIT_UPDATE = 5
EXIT_SYNC_FAILED = 6
#: a profile with demo data asked to sync with a real server (as for other bad input)
EXIT_DEMO = 2
#: head office reported this laptop lost: the profile was erased
EXIT_WIPED = 7


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "login", help=translate("SyncCommands", "sign this profile in to a sync server"),
        description=translate("SyncCommands", "Sign in to the central server. The password is asked for without "
                       "echo, or read from standard input with --password-stdin."),
    )
    add_profile_argument(p)
    p.add_argument("--server", required=True, metavar="URL", help=translate("SyncCommands", "the server address"))
    p.add_argument("--user", required=True, metavar="NAME", help=translate("SyncCommands", "your user name"))
    p.add_argument("--password-stdin", action="store_true",
                   help=translate("SyncCommands", "read the password from standard input"))
    p.add_argument("--device-name", metavar="NAME", default=None,
                   help=translate("SyncCommands", "how this laptop is listed on the server (default: host name)"))
    p.add_argument("--allow-insecure-http", action="store_true",
                   help=translate("SyncCommands", "allow an unencrypted http:// server that is not this computer"))
    p.set_defaults(func=run_login)

    p = subparsers.add_parser("logout", help=translate("SyncCommands", "sign this profile out of the sync server"))
    add_profile_argument(p)
    p.set_defaults(func=run_logout)

    p = subparsers.add_parser(
        "sync", help=translate("SyncCommands", "send local changes to the server and receive its changes"),
        description=translate("SyncCommands", "Push the unsent changes, pull the server's changes, and verify."),
    )
    add_profile_argument(p)
    p.add_argument("--status", action="store_true",
                   help=translate("SyncCommands", "only show the sync state, do not contact the server"))
    p.add_argument("--export-rejected", metavar="FILE",
                   help=translate("SyncCommands", "also write the changes the server refused to this JSON file"))
    p.add_argument("--allow-insecure-http", action="store_true",
                   help=translate("SyncCommands", "allow an unencrypted http:// server that is not this computer"))
    p.add_argument("--quiet", action="store_true", help=translate("SyncCommands", "do not report progress"))
    p.add_argument("--password-stdin", action="store_true",
                   help=translate("SyncCommands", "sign in with the password read from standard input, sync, "
                                  "and sign out again: nothing is stored (for scripts and machines "
                                  "without a keyring)"))
    p.add_argument("--user", metavar="NAME",
                   help=translate("SyncCommands", "with --password-stdin: the user name (default: the last one)"))
    p.add_argument("--server", metavar="URL",
                   help=translate("SyncCommands", "with --password-stdin: the server address (default: the last one)"))
    p.add_argument("--device-name", metavar="NAME", default=None,
                   help=translate("SyncCommands", "how this laptop is listed on the server (default: host name)"))
    p.set_defaults(func=run_sync)


def _fail(message: str, code: int) -> int:
    print(translate("SyncCommands", "error: {message}").format(message=message), file=sys.stderr)
    return code


def _message(exc: Exception) -> str:
    if isinstance(exc, DemoProfileError) and exc.contents is not None:
        return demo_words.refusal(exc.contents, exc.server)  # type: ignore[arg-type]
    return str(exc)


def _exit_code(exc: SyncError) -> int:
    if isinstance(exc, DemoProfileError):
        return EXIT_DEMO
    if isinstance(exc, OfflineError):
        return EXIT_OFFLINE
    if isinstance(exc, AuthError):
        return EXIT_AUTH
    if isinstance(exc, UpdateRequiredError):
        return EXIT_UPDATE
    return EXIT_SYNC_FAILED


def run_login(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(translate("SyncCommands", "Password for {user}: ").format(user=args.user))
    if not password:
        return _fail(translate("SyncCommands", "no password given"), EXIT_AUTH)
    profile = profile_of(args)
    credentials = KeyringCredentials()
    with ProfileLock(profile.lock_file):
        store = open_store(profile)
        try:
            engine = SyncEngine(store, args.server, credentials,
                                allow_insecure_http=args.allow_insecure_http)
            user = engine.sign_in(args.user, password, args.device_name or socket.gethostname())
            if not credentials.persistent:
                # the token would die with this process: take the device back at once
                # rather than leave a sign-in nobody can use
                engine.sign_out()
                return _fail(translate(
                    "SyncCommands", "this computer has no keyring, so the sign-in cannot be kept after "
                    "this command ends (it was undone). Sign in and sync in one go instead: "
                    "`sync --server URL --user NAME --password-stdin`."), EXIT_AUTH)
        except (SyncError, ValueError) as exc:
            return _fail(_message(exc), _exit_code(exc) if isinstance(exc, SyncError) else 2)
        finally:
            store.db.conn.close()
    print(translate("SyncCommands", "Signed in to {server} as {user} ({role}).").format(
        server=engine.base_url, user=user.get("username", args.user), role=user.get("role", "?")))
    return 0


def run_logout(args: argparse.Namespace) -> int:
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):
        store = open_store(profile)
        try:
            if not store.get_setting("sync.server_url"):
                print(translate("SyncCommands", "This profile is not signed in."))
                return 0
            engine = SyncEngine(store, None, KeyringCredentials(), allow_insecure_http=True)
            engine.sign_out()
            pending = store.pending_count()
        finally:
            store.db.conn.close()
    print(translate("SyncCommands", "Signed out."))
    if pending:
        print(translate("SyncCommands", "{n} unsent changes stay on this laptop until you sign in again.").format(n=pending))
    return 0


def run_sync(args: argparse.Namespace) -> int:
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            return _fail(translate("SyncCommands", "no password given"), EXIT_AUTH)
    profile = profile_of(args)
    with ProfileLock(profile.lock_file):
        database, store = open_profile(profile)
        try:
            return _sync_profile(args, profile, store, password, database)
        finally:
            store.db.conn.close()


def _sync_profile(args: argparse.Namespace, profile: Profile, store: Store,
                  password: str | None, database: DatabaseFile) -> int:
    server = args.server or store.get_setting("sync.server_url")
    if not server:
        return _fail(translate("SyncCommands", "this profile is not signed in: run `login --server URL "
                               "--user NAME` first (or `sync --server URL --user NAME --password-stdin`)"),
                     EXIT_AUTH)
    user = args.user or store.get_setting("sync.user")
    if password is not None and not user:
        return _fail(translate("SyncCommands", "--password-stdin needs --user NAME"), 2)
    progress = None if args.quiet or args.status else _Progress()
    # one-shot: the refresh token lives in this process only and dies with it
    credentials = MemoryCredentials() if password is not None else KeyringCredentials()
    try:
        engine = SyncEngine(store, server if password is not None else None, credentials,
                            progress=progress, allow_insecure_http=args.allow_insecure_http,
                            defer_search_index=True,
                            before_pull_from_zero=safety.before_pull_from_zero(
                                database, Settings(profile.settings_file).backups_kept))
    except (InsecureServerError, ValueError) as exc:
        return _fail(str(exc), EXIT_SYNC_FAILED)
    if args.status:
        _print_status(engine)
        return 0
    wiped = False
    try:
        if password is not None:
            engine.sign_in(user, password, args.device_name or socket.gethostname())
        report = engine.sync()
    except WipeRequested:
        wiped = True
        if progress:
            progress.end()
        return _wipe(profile, store, engine)
    except SyncError as exc:
        if progress:
            progress.end()
        pending = store.pending_count()
        _fail(_message(exc), 0)
        print(translate("SyncCommands", "{n} unsent changes are kept.").format(n=pending), file=sys.stderr)
        return _exit_code(exc)
    finally:
        if password is not None and not wiped:
            engine.sign_out()  # the server revokes this one-shot device
    if progress:
        progress.end()
    _print_report(report)
    if store.search_backlog_pending():
        _index_backlog(store, quiet=args.quiet)
    if args.export_rejected:
        n = engine.export_rejected(args.export_rejected)
        print(translate("SyncCommands", "{n} refused changes written to {path}").format(
            n=n, path=args.export_rejected))
    return 0


def _wipe(profile: Profile, store: Store, engine: SyncEngine) -> int:
    """Head office reported this laptop lost: what could be sent was; now erase."""
    # late: off the start path, docs/benchmarks.md
    from desktop.wipe import erase_profile

    pending = store.pending_count()
    accounts = engine.secret_accounts()
    store.db.conn.close()
    erase_profile(profile, engine.credentials, accounts)
    told = engine.confirm_wiped(accounts)
    print(translate("SyncCommands", "Head office reported this laptop lost. ChannelKeeper's data in {path} "
                    "and its sign-in were erased.").format(path=profile.root), file=sys.stderr)
    if pending:
        print(translate("SyncCommands", "{n} changes could not be sent before the wipe.").format(n=pending),
              file=sys.stderr)
    if not told:
        print(translate("SyncCommands", "The server could not be told; it will still show the wipe as "
                        "requested."), file=sys.stderr)
    return EXIT_WIPED


def _index_backlog(store: Store, *, quiet: bool) -> None:
    """Index what a first sync left for search (the app does this in the background;
    a script's sync ends with a profile ready to search)."""
    started, done = time.perf_counter(), 0
    live = not quiet and sys.stdout.isatty()
    total = store.search_backlog_count() if live else 0
    while n := store.index_backlog():
        done += n
        if live:
            print("\r" + translate("SyncCommands", "Preparing search: {done} of {total} records").format(
                done=done, total=total), end="", flush=True)
    if live:
        print()
    print(translate("SyncCommands", "  prepared {n} records for search in {s:.1f} s").format(
        n=done, s=time.perf_counter() - started))


def _print_report(r: SyncReport) -> None:
    print(translate("SyncCommands", "Sync finished in {s:.1f} s.").format(s=r.duration))
    print(translate("SyncCommands", "  sent: {n} (applied {a}, merged {m}, in conflict {c}, refused {x})").format(
        n=r.pushed, a=r.applied, m=r.merged, c=r.conflict, x=r.rejected))
    print(translate("SyncCommands", "  received: {n} records").format(n=r.pulled))
    if r.removed_partners:
        print(translate("SyncCommands", "  partners no longer assigned to you, removed from this laptop: {n}").format(
            n=len(r.removed_partners)))
    for c in r.conflicts:
        print(translate("SyncCommands", "  conflict: {entity} {id} field {field}: yours {mine!r}, server keeps {theirs!r}")
              .format(entity=c["entity"], id=c["entity_id"], field=c["field"],
                      mine=c["local_value"], theirs=c["server_value"]))
    if r.rejected:
        print(translate("SyncCommands", "  {n} changes were refused by the server; see them with "
                 "`sync --export-rejected FILE`.").format(n=r.rejected))
    if r.repaired:
        print(translate("SyncCommands", "  repaired after a check: {names}").format(names=", ".join(r.repaired)))
    if r.removed_records:
        print(translate("SyncCommands", "  removed from this laptop because the server does not have "
                        "them: {what}").format(what=demo_words.summary(r.removed_records)))


def _print_status(engine: SyncEngine) -> None:
    st = engine.status()
    print(translate("SyncCommands", "Server: {url}").format(url=st.server_url or "-"))
    print(translate("SyncCommands", "User: {user}").format(user=st.user or "-"))
    print(translate("SyncCommands", "Signed in: {yes}").format(yes=translate("SyncCommands", "yes") if st.signed_in else translate("SyncCommands", "no")))
    print(translate("SyncCommands", "Unsent changes: {n}").format(n=st.pending))
    print(translate("SyncCommands", "Refused changes: {n}").format(n=st.rejected))
    print(translate("SyncCommands", "Conflicts to review: {n}").format(n=st.open_conflicts))
    print(translate("SyncCommands", "Last sync: {t}").format(t=st.last_sync_at or translate("SyncCommands", "never")))
    if st.last_error:
        print(translate("SyncCommands", "Last error: {e}").format(e=st.last_error))


class _Progress:
    """Prints the sync's progress to stderr at most every half second."""

    def __init__(self) -> None:
        self.last = 0.0
        self.shown = False

    def __call__(self, p: SyncProgress) -> None:
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        self.shown = True
        text = {
            "push": translate("SyncCommands", "Sending changes… {done}/{total}"),
            "pull": translate("SyncCommands", "Receiving… {done} records"),
            "verify": translate("SyncCommands", "Checking…"),
            "repair": translate("SyncCommands", "Repairing… {done} records re-read"),
        }.get(p.phase, "{done}").format(done=p.done, total=p.total or "?")
        print("\r" + text + " " * 10, end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)
