"""The command line: ``main.py`` with no command starts the app.

Each command family lives in its own module exposing ``register(subparsers)``;
this module only assembles them, so every command accepts ``--profile DIR``.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from desktop.commands.app import run_app
from models.errors import StoreError, is_damage_error

#: modules that add subcommands; each has register(subparsers) -> None
COMMAND_MODULES = [
    "desktop.commands.app",
    "desktop.commands.demo",
    "desktop.commands.sync_cmds",
    "desktop.commands.pack",
    "desktop.commands.search_cmd",
    "desktop.commands.export_cmd",
    "desktop.commands.calendar_cmds",
    "desktop.commands.self_test",
    "desktop.commands.safety",
    "sync.server.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="channelkeeper", description="ChannelKeeper (渠道管家): field channel management"
    )
    parser.add_argument("--profile", metavar="DIR", help="use this folder for the profile's data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return run_app(args)
    try:
        return int(args.func(args) or 0)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not is_damage_error(exc):
            raise
        # a damaged page met in the middle of a command's work: words, not a traceback
        print(f"error: the profile's database is damaged ({exc}); the command stopped and "
              "nothing more was written. `main.py check` says what is wrong and which "
              "backup to restore.", file=sys.stderr)
        return 2
