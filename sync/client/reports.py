"""What a sync reports: progress while it runs, the report when it is done, and the
status the UI shows without asking the server. Plain dataclasses (no Qt)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyncProgress:
    """What the engine is doing: ``phase`` is push | pull | verify | repair."""

    phase: str
    done: int
    total: int | None
    message: str


@dataclass
class SyncReport:
    """What one sync did. Counts of pushed ops by outcome, pulled records, and the
    conflicts found (each {"entity", "entity_id", "field", "local_value", "server_value"})."""

    pushed: int = 0
    applied: int = 0
    merged: int = 0
    conflict: int = 0
    rejected: int = 0
    #: ops the server refused only for now (the record is not there yet): sent again later
    held: int = 0
    pulled: int = 0
    pull_pages: int = 0
    removed_partners: list[str] = field(default_factory=list)
    deferred_partners: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    open_conflicts: int = 0
    requeued: int = 0
    #: True/False: the verification's result; None: not due this time (nothing moved)
    verified: bool | None = None
    repaired: list[str] = field(default_factory=list)
    #: local records the server does not have (and no local change holds) that a
    #: repair removed from this laptop, per entity: said to the user, never silent
    removed_records: dict[str, int] = field(default_factory=dict)
    duration: float = 0.0
    #: seconds the server's answers took (pull pages overlap with applying the previous)
    server_wait: float = 0.0
    requests: int = 0
    bytes: int = 0
    #: records wait for the search index (a first sync leaves them to
    #: ``Store.index_backlog`` when the engine defers it)
    search_backlog: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SyncStatus:
    """The state the sync UI shows without asking the server."""

    signed_in: bool
    server_url: str | None
    user: str | None
    device_id: str | None
    pending: int
    rejected: int
    open_conflicts: int
    last_sync_at: str | None
    last_error: str | None
    #: False: no OS keyring, the user will have to sign in again next session
    keyring_persistent: bool
    running: bool
