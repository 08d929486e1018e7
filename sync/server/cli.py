"""The `server` command family: run the reference server and head-office admin.

    main.py server run [--db URL] [--host 127.0.0.1] [--port 8765]
    main.py server add-user NAME --role manager|admin [--password-stdin]
    main.py server import-partners FILE.csv|.xlsx
    main.py server import-kpis FILE.csv|.xlsx
    main.py server assign PARTNER USER          main.py server unassign PARTNER [USER]
    main.py server publish-template FILE.json   main.py server revoke-device DEVICE
    main.py server wipe-device DEVICE           main.py server list-devices
    main.py server demo
    main.py server backup OUT                   main.py server restore BACKUP [--force]
    main.py server check
    main.py server purge [--days N]

Every command takes --db URL (default: $CHANNELKEEPER_SERVER_DB, else
sqlite:///server.db in the current folder). This module is plain Python: sync/ never
imports Qt, so its messages are English only.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from sync import protocol as p
from sync.server.config import ServerSettings, default_db_url
from sync.server.errors import ApiError

# Each command imports the server modules it runs inside its own function: main.py
# registers this parser for every command (pack, sync, the app), and the server's
# stack (SQLAlchemy, FastAPI) takes seconds to import where the parser takes
# milliseconds (docs/benchmarks.md, "Commands: the server's modules imported per command").


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser("server", help="the central sync server and head-office commands")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def action(name: str, func, help_text: str) -> argparse.ArgumentParser:
        sp = actions.add_parser(name, help=help_text, description=help_text)
        sp.add_argument("--db", metavar="URL", default=None,
                        help="database URL (default: $CHANNELKEEPER_SERVER_DB or sqlite:///server.db)")
        sp.set_defaults(func=lambda args: _run(func, args))
        return sp

    sp = action("run", cmd_run, "serve the sync API (FastAPI + uvicorn)")
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=p.DEFAULT_PORT, help=f"port (default {p.DEFAULT_PORT})")
    sp.add_argument("--access-ttl", type=float, default=None, metavar="SECONDS",
                    help="lifetime of access tokens (default 900)")
    sp.add_argument("--workers", type=int, default=1, metavar="N",
                    help="worker processes sharing the address (default 1; use PostgreSQL for several)")
    sp.add_argument("--threads", type=int, default=None, metavar="N",
                    help="requests each worker serves at a time (default 8; see docs/deploy.md)")
    sp.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"),
                    help="log level of the JSON-lines log on standard error (default info)")
    sp.add_argument("--api-docs", action="store_true",
                    help="serve the API description at /openapi.json (off by default)")

    sp = action("add-user", cmd_add_user, "create a user")
    sp.add_argument("name")
    sp.add_argument("--role", choices=("manager", "admin"), required=True)
    sp.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    sp = action("import-partners", cmd_import_partners, "create or update partners from a CSV or Excel (.xlsx) file")
    sp.add_argument("file", type=Path)
    sp = action("import-kpis", cmd_import_kpis, "load monthly KPI figures from a CSV or Excel (.xlsx) file")
    sp.add_argument("file", type=Path)

    sp = action("assign", cmd_assign, "assign a partner (id or exact name) to a user")
    sp.add_argument("partner")
    sp.add_argument("user")
    sp = action("unassign", cmd_unassign, "take a partner away from a user (or from everyone)")
    sp.add_argument("partner")
    sp.add_argument("user", nargs="?")

    sp = action("publish-template", cmd_publish_template, "publish review templates from a JSON file")
    sp.add_argument("file", type=Path)
    sp = action("revoke-device", cmd_revoke_device, "sign a device out for good (its data stays on it)")
    sp.add_argument("device")
    sp = action("wipe-device", cmd_wipe_device, "mark a lost device: at its next contact it sends "
                "what it can, erases its ChannelKeeper data and says so")
    sp.add_argument("device")
    action("list-devices", cmd_list_devices, "list signed-in devices")
    action("demo", cmd_demo, "seed a demo organisation and print its sign-ins")

    action("check", cmd_check, "check every stored record against the field contract and list "
           "(quarantine) the ones that break it; exit status 1 if any does")

    sp = action("backup", cmd_backup, "write a consistent backup of the server database to a file")
    sp.add_argument("out", type=Path, help="backup file to create (SQLite: a database file; "
                                           "PostgreSQL: a JSON-lines dump)")
    sp = action("restore", cmd_restore, "restore a backup into --db (gives the server a new epoch)")
    sp.add_argument("backup_file", type=Path, metavar="BACKUP")
    sp.add_argument("--force", action="store_true", help="replace a database that already has data")
    sp = action("purge", cmd_purge, "remove tombstones (deleted records) older than the retention")
    sp.add_argument("--days", type=float, default=None, metavar="DAYS",
                    help="retention in days (default 180, the server setting "
                         "tombstone_retention_days)")


def _run(func, args: argparse.Namespace) -> int:
    args.db = args.db or default_db_url()
    try:
        return int(func(args) or 0)
    except ApiError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _engine(url: str):
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.db import make_engine
    from sync.server.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    return engine


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_run(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server import dialect, workers

    settings = workers.settings_from_environment()
    if args.access_ttl:
        settings.access_ttl = args.access_ttl
    if args.api_docs:
        settings.api_docs = True
    if args.threads is not None:
        if args.threads < 1:
            print("error: --threads must be at least 1", file=sys.stderr)
            return 2
        settings.threads_per_worker = args.threads
    print(f"ChannelKeeper sync server on http://{args.host}:{args.port}  "
          f"(database {dialect.redacted(args.db)}, {args.workers} worker(s))", flush=True)
    try:
        workers.serve(args.db, host=args.host, port=args.port, workers=args.workers,
                      settings=settings, log_level=args.log_level)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.backup import backup

    _print(backup(args.db, args.out))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server import workers
    from sync.server.retention import purge

    if args.days is not None and args.days < 0:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "--days must not be negative.")
    _print(purge(_engine(args.db), workers.settings_from_environment(), args.days))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.backup import restore

    _print(restore(args.backup_file, args.db, force=args.force))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.quarantine import check

    result = check(_engine(args.db))
    _print(result)
    if result["problems"]:
        print(f"{result['quarantined']} record(s) break the field contract (listed above). Pulls "
              "skip those that cannot be sent; correct them (e.g. from a laptop or by import) "
              "and run the check again.", file=sys.stderr)
        return 1
    print("All stored records keep the field contract.", file=sys.stderr)
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The passwords differ.")
    return first


def cmd_add_user(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import add_user

    password = _read_password(args)
    _print(add_user(_engine(args.db), ServerSettings(), args.name, args.role, password))
    return 0


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ApiError(404, p.ERROR_NOT_FOUND, f"No file {path}.")
    return path.read_bytes()


def cmd_import_partners(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.csv_import import import_partners

    result = import_partners(_engine(args.db), ServerSettings(), _read_bytes(args.file))
    _print(result)
    if result["encoding"] == "gb18030":
        print("note: the file was not UTF-8; it was read as GBK/GB18030 (Excel's Chinese CSV).",
              file=sys.stderr)
    return 0


def cmd_import_kpis(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.csv_import import import_kpis

    result = import_kpis(_engine(args.db), ServerSettings(), _read_bytes(args.file))
    _print(result)
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import assign

    _print(assign(_engine(args.db), ServerSettings(), args.partner, args.user))
    return 0


def cmd_unassign(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import unassign

    _print(unassign(_engine(args.db), ServerSettings(), args.partner, args.user))
    return 0


def cmd_publish_template(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import load_template_file, publish_templates

    text = _read_bytes(args.file).decode("utf-8-sig")
    _print(publish_templates(_engine(args.db), ServerSettings(), load_template_file(text)))
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import revoke_device

    _print(revoke_device(_engine(args.db), ServerSettings(), args.device))
    return 0


def cmd_wipe_device(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import wipe_device

    _print(wipe_device(_engine(args.db), ServerSettings(), args.device))
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.admin import list_devices

    _print(list_devices(_engine(args.db)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    # late: each server command imports only its own modules, docs/benchmarks.md
    from sync.server.demo_org import seed_demo

    result = seed_demo(_engine(args.db), ServerSettings())
    print("Demo organisation created:", ", ".join(f"{k} {v}" for k, v in result["counts"].items()))
    print("Sign-ins:")
    for u in result["users"]:
        print(f"  {u['username']:<10} {u['role']:<8} password: {u['password']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``channelkeeper-server ACTION …``: the ``server`` family on its own, for a server
    install (no Qt, no laptop packages)."""
    parser = argparse.ArgumentParser(prog="channelkeeper-server",
                                     description="ChannelKeeper's central sync server")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["server", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args) or 0)
