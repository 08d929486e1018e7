"""What the sync service keeps in the network lane: its own Store on the profile's
file and the SyncEngine over it. Used from that lane's thread only.

Database access from the sync lane, the one story (docs/architecture.md, "The path
of a sync"): the lane writes through its own ``Store`` (a second connection; WAL lets
it work beside the database lane's, SQLite's busy timeout serialises the writes),
never through the database lane's. That store announces every committed write with
the same ``Change`` events as the app's store; the lane keeps them (``take_changes``)
and the service hands them to ``ctx.changed`` when the lane's job ends, so views
learn about remote writes exactly as about local ones. Nothing re-derives what a
sync changed.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.safety import before_pull_from_zero
from models.database import DatabaseFile
from models.store import Change, Store, coalesce
from sync.client import local_state as ls

if TYPE_CHECKING:
    from sync.client.credentials import Credentials
    from sync.client.engine import SyncEngine, SyncProgress


class SyncLane:
    """The network lane's store and engine (built on first use, closed by ``close``)."""

    def __init__(self, database: DatabaseFile, *, credentials: Credentials | None,
                 http_options: dict[str, Any], progress: Callable[[SyncProgress], None],
                 backups_kept: Callable[[], int | None] = lambda: None) -> None:
        self.database = database
        self.backups_kept = backups_kept
        self.http_options = http_options
        self._credentials = credentials
        self._progress = progress
        self._store: Store | None = None
        self._engine: SyncEngine | None = None
        self._heard: list[Change] = []

    @property
    def current_engine(self) -> SyncEngine | None:
        """The engine if one exists (any thread may read it, to cancel a sync)."""
        return self._engine

    def store(self) -> Store:
        if self._store is None:
            # the app's own connection checked and migrated the file at start
            self._store = Store(self.database.open(migrate=False, already_open=True))
            self._store.subscribe(self._heard.append)
        return self._store

    def take_changes(self) -> list[Change]:
        """The changes this lane's store committed since the last call, one per entity
        and kind (a sync of many pages tells the views once)."""
        heard = list(self._heard)
        self._heard.clear()  # the same list: the store's subscription appends to it
        return coalesce(heard)

    def engine(self) -> SyncEngine | None:
        """The engine for the stored server address (None: never signed in)."""
        if self._engine is None:
            store = self.store()
            url = store.get_setting(ls.K_SERVER)
            if not url:
                return None
            self._engine = self.new_engine(url, store.get_setting(ls.K_INSECURE) == "1")
        return self._engine

    def new_engine(self, url: str, allow_insecure_http: bool) -> SyncEngine:
        # late: off the start path, docs/benchmarks.md
        from sync.client.engine import SyncEngine

        return SyncEngine(self.store(), url, self.credentials, progress=self._progress,
                          allow_insecure_http=allow_insecure_http,
                          http_options=self.http_options, defer_search_index=True,
                          before_pull_from_zero=before_pull_from_zero(
                              self.database, self.backups_kept()))

    def replace_engine(self, engine: SyncEngine) -> None:
        if self._engine is not None:
            self._engine.close()
        self._engine = engine

    def detach_engine(self) -> SyncEngine | None:
        """Hand the engine over (a remote wipe confirms with it after the lane closed)."""
        engine, self._engine = self._engine, None
        return engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        if self._store is not None:
            self._store.db.conn.close()
        self._engine = self._store = None

    @property
    def credentials(self) -> Credentials:
        """Where the refresh token lives (the OS keyring unless given)."""
        if self._credentials is None:
            # late: off the start path, docs/benchmarks.md
            from sync.client.credentials import KeyringCredentials

            self._credentials = KeyringCredentials()
        return self._credentials

    def keyring_persistent(self) -> bool:
        """False when secrets will not outlive this session (no OS keyring)."""
        if not self.credentials.persistent:
            return False
        # late: off the start path, docs/benchmarks.md
        import keyring
        import keyring.errors

        # late: off the start path, docs/benchmarks.md
        from sync.client.credentials import KeyringCredentials

        if isinstance(self.credentials, KeyringCredentials):
            try:
                keyring.get_password(self.credentials.service, "channelkeeper-probe")
            except keyring.errors.KeyringError:
                return False
        return True
