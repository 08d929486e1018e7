"""The sync client: pushes the local outbox to the central server and pulls its changes.

Plain Python (no Qt): the desktop drives it from its network lane, with a store of
that lane's own, and hears about progress through a plain callback.
The protocol is docs/sync-protocol.md (its last section describes this client).

Public API
- ``engine.SyncEngine(store, base_url=None, credentials=None, *, progress=None,
  allow_insecure_http=False, http_options=None, push_batch=500,
  pull_limit=500, verify_interval=3600)``
  - ``sign_in(user, password, device_name) -> user dict`` / ``sign_out()`` /
    ``is_signed_in()``
  - ``sync() -> SyncReport`` (``SyncInProgress`` if one is running), ``running``
  - ``status() -> SyncStatus`` (no network: pending, rejected, conflicts, last sync,
    last error, ``keyring_persistent``)
  - ``conflicts()``, ``resolve_conflict(id, choice, value=None)``,
    ``mark_conflict_reviewed(id)``, ``rejected_ops()``, ``export_rejected(path)``
  - ``close()``
- ``reports``: ``SyncProgress(phase, done, total, message)``, ``SyncReport``,
  ``SyncStatus`` (also importable from ``engine``).
- ``credentials``: ``KeyringCredentials`` (OS keyring, in-memory fallback flagged by
  ``persistent``), ``MemoryCredentials``; both get/set/delete.
- ``errors``: ``SyncError`` and its kinds ``OfflineError``, ``AuthError`` (with
  ``NotSignedInError``, ``RateLimitedError``), ``UpdateRequiredError``,
  ``ServerError``, ``ProtocolError``, ``SyncInProgress``, ``InsecureServerError``.
  Messages are English; a UI shows its own translated text chosen by the type.
"""
from __future__ import annotations
