"""Indexing for search what a first sync left, for the sync service: the records
were usable at once, the index costs more than the records."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.sync_service import SyncService

log = logging.getLogger(__name__)

#: records indexed per network-lane job, so that a sync asked for meanwhile runs
#: between two of them without waiting long
BACKLOG_CHUNK = 2000


class SearchBacklog:
    """The search backlog of one ``SyncService``'s profile."""

    def __init__(self, service: SyncService) -> None:
        self.service = service
        self.running = False

    def index(self) -> None:
        """One chunk per network-lane job; ``status_changed`` carries the progress as
        ``indexing``. A close stops it; the next start goes on."""
        service = self.service
        if self.running or service.closed:
            return
        self.running = True
        progress = [0, 0]

        def count() -> int:
            return service.lane.store().search_backlog_count()

        def step() -> int:
            return service.lane.store().index_backlog(BACKLOG_CHUNK)

        def counted(total: int) -> None:
            progress[1] = total
            service.set_status(indexing=(0, total))
            service.net(step, stepped, failed)

        def stepped(n: int) -> None:
            if not n:
                self.running = False
                service.set_status(indexing=None)
                return
            progress[0] += n
            progress[1] = max(progress)  # a sync in between may have added records
            service.set_status(indexing=(progress[0], progress[1]))
            service.net(step, stepped, failed)

        def failed(exc: BaseException) -> None:
            self.running = False
            service.set_status(indexing=None)
            log.warning("search backlog: %s (it is retried after the next sync)", exc)

        service.net(count, counted, failed)
