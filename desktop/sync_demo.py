"""Try the demo, for the sync service: the profile's own local demo server, started
(and seeded the first time) in the work lane, then signed in to like any other."""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.demo_server import DemoServer
    from desktop.sync_service import SyncService


class DemoRunner:
    """The demo server of one ``SyncService`` (``server`` once it was started)."""

    def __init__(self, service: SyncService, folder: Path) -> None:
        self.service = service
        self.folder = folder
        self.server: DemoServer | None = None

    @property
    def seeded(self) -> bool:
        return (self.folder / "server.db").exists()

    def start(self) -> None:
        """Seed (the first time) and start the server, then sign in as the demo
        manager, which syncs. ``demo_started``/``demo_failed``, then the usual sign-in
        and sync signals."""
        service = self.service

        def work() -> tuple[DemoServer, dict[str, str]]:
            server = self.server or _new_server(self.folder)
            server.seed()
            server.start()
            self._stop_if_closed(server)
            return server, server.manager()

        def done(result: tuple[DemoServer, dict[str, str]]) -> None:
            server, manager = result
            self.server = server
            service.demo_started.emit(server.base_url)
            service.sign_in(server.base_url, manager["username"], manager["password"], demo=True)

        service.ctx.jobs.work.submit(work, on_done=done,
                                     on_error=lambda exc: service.demo_failed.emit(str(exc)))

    def resume(self, url: str | None, signed: bool) -> None:
        """Bring the server back (same port when free); sign in again when the address
        changed or the sign-in did not outlive the last session."""
        service = self.service
        port = urlsplit(url).port if url else None

        def work() -> tuple[DemoServer, dict[str, str]]:
            server = self.server or _new_server(self.folder)
            server.start(port)
            self._stop_if_closed(server)
            return server, server.manager()

        def done(result: tuple[DemoServer, dict[str, str]]) -> None:
            server, manager = result
            self.server = server
            service.demo_started.emit(server.base_url)
            if signed and server.base_url == url:
                service.scheduler.signed_in()
                service.sync_now()
            else:
                service.sign_in(server.base_url, manager["username"], manager["password"],
                                demo=True)

        def failed(exc: BaseException) -> None:
            service.set_status(online=False, error_kind="offline", last_error=str(exc))
            service.demo_failed.emit(str(exc))

        service.ctx.jobs.work.submit(work, on_done=done, on_error=failed)

    def _stop_if_closed(self, server: DemoServer) -> None:
        """The app quit while the server was starting (work lane): no one will stop
        it later, so stop it now."""
        if self.service.closed:
            server.stop()
            raise RuntimeError("The app is closing.")

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


def _new_server(folder: Path) -> DemoServer:
    # late: off the start path, docs/benchmarks.md
    from desktop.demo_server import DemoServer

    return DemoServer(folder)
