"""The sync client: pushes the local outbox to the central server and pulls its changes.

Plain Python (no Qt): the desktop UI drives it from its network lane and hears about
progress through a plain callback. Public API:

- ``SyncEngine`` (engine.py): ``sign_in``, ``sign_out``, ``sync() -> SyncReport``,
  ``status() -> SyncStatus``, ``conflicts()``, ``rejected_ops()``, ``export_rejected(path)``.
- ``KeyringCredentials`` / ``MemoryCredentials`` (credentials.py): where the refresh
  token lives.
- typed errors (errors.py): ``OfflineError``, ``AuthError``, ``UpdateRequiredError``,
  ``ServerError``, ``ProtocolError``, ``SyncInProgress``, ``InsecureServerError``.
"""
from __future__ import annotations
