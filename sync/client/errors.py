"""Typed errors of the sync client. Each message is fit to show a user as is.

The UI decides what to do by type: ``AuthError`` → ask to sign in again;
``OfflineError`` → "working offline, will retry"; ``UpdateRequiredError`` → point at
the update; anything else → show the message. No error ever loses local data: the
outbox is only changed when the server has answered for an op.
"""
from __future__ import annotations


class SyncError(Exception):
    """Base class of everything the sync client raises on purpose."""


class OfflineError(SyncError):
    """The server cannot be reached (no network, server down, timeouts)."""


class AuthError(SyncError):
    """The server does not accept our credentials: the user has to sign in again."""


class UpdateRequiredError(SyncError):
    """The server refuses this client version (HTTP 426). The outbox is kept."""

    def __init__(self, message: str, *, minimum_version: str | None = None) -> None:
        super().__init__(message)
        self.minimum_version = minimum_version


class RateLimitedError(AuthError):
    """Too many failed sign-ins: the server asks us to wait ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(SyncError):
    """The server answered with an error that retrying did not cure (5xx, unexpected 4xx)."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class ProtocolError(SyncError):
    """The server's answer does not follow the sync protocol (garbled, truncated JSON)."""


class SyncInProgress(SyncError):
    """Another sync of this profile is running; this call did nothing."""


class SyncCancelled(SyncError):
    """The sync was stopped on request between two steps. What it sent and applied
    so far is kept (each batch and page is its own transaction); the next sync goes on
    from there."""


class InsecureServerError(SyncError):
    """The server address is plain http on a non-loopback host and that was not allowed."""


class NotSignedInError(AuthError):
    """No stored credentials for this profile: sign in first."""


class DemoProfileError(SyncError):
    """This profile holds demo data and the server is not a demo server: signing in or
    syncing would send the demo to head office. Nothing was sent or stored.
    ``contents`` (models.demo_marks.DemoContents) says how much is demo and how much
    the user typed, so the UI can offer a new empty profile or removing the demo."""

    def __init__(self, message: str, *, contents: object = None, server: str | None = None) -> None:
        super().__init__(message)
        self.contents = contents
        self.server = server


class WipeRequested(SyncError):
    """Head office reported this laptop lost (HTTP 410 ``device_wipe``). What could be
    pushed was; the caller must now close the profile, erase it and confirm
    (``SyncEngine.confirm_wiped``)."""
