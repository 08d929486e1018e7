"""When the sync service syncs by itself: every five minutes while signed in, and,
while offline, as soon as a probe of the server's ``GET /health`` answers."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

if TYPE_CHECKING:
    from desktop.sync_service import SyncService

SYNC_INTERVAL_MS = 5 * 60 * 1000
PROBE_INTERVAL_MS = 30 * 1000
PROBE_TIMEOUT_S = 3.0


class SyncScheduler(QObject):
    """The periodic sync and the offline probe of one ``SyncService``."""

    def __init__(self, service: SyncService, *, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 probe_interval_ms: int = PROBE_INTERVAL_MS) -> None:
        super().__init__(service)
        self.service = service
        self.sync_timer = QTimer(self, interval=sync_interval_ms)
        self.sync_timer.timeout.connect(self._periodic_sync)
        self.probe_timer = QTimer(self, interval=probe_interval_ms)
        self.probe_timer.timeout.connect(self.probe)

    def signed_in(self) -> None:
        """Sync every five minutes from now on; no probing."""
        self.probe_timer.stop()
        self.sync_timer.start()

    def online(self) -> None:
        self.probe_timer.stop()

    def offline(self) -> None:
        """Probe the server until it answers, then sync."""
        self.probe_timer.start()

    def stop(self) -> None:
        """Signed out, refused, or closing: no sync by itself any more."""
        self.sync_timer.stop()
        self.probe_timer.stop()

    @Slot()
    def _periodic_sync(self) -> None:
        if self.service.snapshot.online is not False:
            self.service.sync_now()

    @Slot()
    def probe(self) -> None:
        """Ask the server's /health (short timeout); when it answers, sync."""
        service = self.service
        if service.snapshot.syncing or not service.snapshot.signed_in:
            return

        def work() -> bool:
            engine = service.lane.engine()
            if engine is None:
                return False
            try:
                r = engine.http.session.get(engine.base_url + "/health", timeout=PROBE_TIMEOUT_S)
                return r.status_code == 200
            except Exception:  # noqa: BLE001 - any failure means: not back yet
                return False

        def done(ok: bool) -> None:
            if ok and service.snapshot.online is False:
                service.set_status(online=True)
                service.sync_now()

        service.net(work, done, lambda exc: None)
