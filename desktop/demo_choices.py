"""The app's ways on when a profile holding demo data meets a real server: remove the
demo data (saying first what goes, and what of the user's own goes with it; their
records exported first when they want), or start a new empty profile in a folder of
their choice (a second ChannelKeeper opens on it). The counts and removal run in the
sync service's network lane, on its own connection."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QProcess

from desktop import demo_words
from models import demo_marks
from sync.client import demo_guard

if TYPE_CHECKING:
    from desktop.sync_service import SyncService

ROOT = Path(__file__).resolve().parent.parent


class DemoChoices:
    """``ui.services.DemoChoicesApi`` for one sync service."""

    def __init__(self, service: SyncService) -> None:
        self.service = service

    def question(self, on_done: Callable[[Any, str], None],
                 on_error: Callable[[BaseException], None]) -> None:
        """``on_done(contents, words)``: what removing the demo would take."""

        def work() -> tuple[demo_marks.DemoContents, str]:
            contents = demo_marks.demo_contents(self.service.lane.store())
            return contents, demo_words.removal_question(contents)

        self.service.net(work, lambda r: on_done(*r), on_error)

    def remove(self, export_path: str | None, on_done: Callable[[int], None],
               on_error: Callable[[BaseException], None]) -> None:
        """Export the user's own records (when a path is given; nothing is removed if
        that fails), sign out of the demo server, remove the demo. ``on_done(n)``: how
        many demo records went."""
        service = self.service

        def work() -> int:
            store = service.lane.store()
            if export_path:
                demo_marks.export_own(store, export_path)
            engine = service.lane.engine()
            if engine is not None and demo_guard.signed_in_to_demo(store):
                engine.sign_out()
            before = demo_guard.remove_demo_data(store)
            return before.demo_total

        def done(n: int) -> None:
            if not service.lane.store().get_setting("sync.server_url"):
                service.scheduler.stop()
                service.set_status(signed_in=False, demo=False, online=None)
            service.refresh_status()
            on_done(n)

        service.net(work, done, on_error)

    def open_new_profile(self, folder: str) -> bool:
        """Start a second ChannelKeeper on an empty profile in ``folder``."""

        if getattr(sys, "frozen", False):  # the bundled app is its own interpreter
            program, args = sys.executable, ["app", "--profile", folder]
        else:
            program, args = sys.executable, [str(ROOT / "main.py"), "app", "--profile", folder]
        ok, self.pid = QProcess.startDetached(program, args)
        return bool(ok)
