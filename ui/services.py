"""The services the interface receives, named by what ``ui`` needs of them.

``ui`` sits above ``sync`` and ``models`` and below ``desktop`` (docs/architecture.md):
it cannot import the job lanes, the settings file or the sync service that
``desktop`` builds, so it states here what it uses of them, and ``desktop`` hands in
objects that fit (checked by the type checker, and by the app running at all).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QByteArray, SignalInstance

if TYPE_CHECKING:
    from ui.app_context import AppContext


class Lane(Protocol):
    """One background lane: ``fn(*args)`` runs off the GUI thread, the callbacks on it."""

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Future: ...

    def wait_idle(self, timeout: float | None = None) -> bool: ...


class Jobs(Protocol):
    """The app's lanes: ``db`` owns the store's connection, ``net`` talks to servers,
    ``work`` does CPU work such as PDFs."""

    db: Lane
    net: Lane
    work: Lane


class AppSettings(Protocol):
    """The user's settings that the interface reads and changes."""

    language: str
    #: "system", "light" or "dark" (ui/theme.py)
    appearance: str
    #: text size in points, 0 to follow the system
    font_size: int
    logo_path: str
    window_geometry: QByteArray | bytes | None
    demo_offered: bool

    def cadence(self) -> dict[str, int]: ...

    def set_cadence(self, cadence: dict[str, int]) -> None: ...


@dataclass(frozen=True)
class SyncSnapshot:
    """What the sync status area shows; ``online`` is None until the server was asked."""

    signed_in: bool = False
    server_url: str | None = None
    user: str | None = None
    pending: int = 0
    rejected: int = 0
    conflicts: int = 0
    last_sync_at: str | None = None
    last_error: str | None = None
    error_kind: str | None = None
    online: bool | None = None
    syncing: bool = False
    keyring_persistent: bool = True
    demo: bool = False
    #: (done, total) while records of a first sync are being indexed for search
    indexing: tuple[int, int] | None = None


class ConflictReview(Protocol):
    """Conflicts to settle and changes the server refused (``SyncService.review``)."""

    def load_conflicts(self, on_done: Callable[[list[dict[str, Any]]], None],
                       on_error: Callable[[BaseException], None] | None = None) -> None: ...

    def resolve_conflict(self, conflict_id: int, choice: str, value: Any,
                         on_done: Callable[[Any], None],
                         on_error: Callable[[BaseException], None]) -> None: ...

    def load_rejected(self, on_done: Callable[[list[dict[str, Any]]], None],
                      on_error: Callable[[BaseException], None] | None = None) -> None: ...

    def dismiss_rejected(self, on_done: Callable[[Any], None] | None = None) -> None: ...

    def export_rejected(self, path: str | Path, on_done: Callable[[int], None],
                        on_error: Callable[[BaseException], None]) -> None: ...


class DemoChoicesApi(Protocol):
    """The ways on for a profile holding demo data (``desktop.demo_choices``)."""

    def question(self, on_done: Callable[[Any, str], None],
                 on_error: Callable[[BaseException], None]) -> None: ...

    def remove(self, export_path: str | None, on_done: Callable[[int], None],
               on_error: Callable[[BaseException], None]) -> None: ...

    def open_new_profile(self, folder: str) -> bool: ...


class SyncApi(Protocol):
    """What the sync UI asks of the sync service (``desktop.sync_service.SyncService``).
    Its signals arrive on the GUI thread."""

    #: SyncSnapshot, after anything the status area shows changed
    status_changed: SignalInstance
    #: phase, done, total (-1: unknown)
    progress: SignalInstance
    sync_started: SignalInstance
    #: sync.client.engine.SyncReport
    sync_finished: SignalInstance
    #: error kind, message fit for the user
    sync_failed: SignalInstance
    signed_in: SignalInstance
    sign_in_failed: SignalInstance
    signed_out: SignalInstance
    demo_started: SignalInstance
    demo_failed: SignalInstance

    ctx: AppContext
    snapshot: SyncSnapshot
    review: ConflictReview
    demo_choices: DemoChoicesApi

    @property
    def running(self) -> bool: ...

    def start(self, *, sync_at_start: bool = True) -> None: ...

    def sync_now(self) -> bool: ...

    def cancel_sync(self) -> bool: ...

    def sign_in(self, server_url: str, user: str, password: str, *,
                allow_insecure_http: bool = False, demo: bool = False) -> None: ...

    def cancel_sign_in(self) -> None: ...

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None: ...

    def check_keyring(self) -> None: ...

    def export_pending(self, path: str | Path, on_done: Callable[[int], None],
                       on_error: Callable[[BaseException], None]) -> None: ...

    def start_demo(self) -> None: ...
