"""Where the refresh token lives: the OS keyring, behind a three-method interface.

The token is never written to SQLite, settings files or logs. On a machine without a
keyring backend (headless Linux raises ``keyring.errors.NoKeyringError``) the token
is kept in memory for this session only and ``persistent`` turns False, so the UI can
say "no keyring: you will need to sign in again next time". Never plaintext on disk.
"""
from __future__ import annotations

import logging
from typing import Protocol

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "ChannelKeeper"


class Credentials(Protocol):
    """A tiny secret store keyed by account name."""

    #: False when secrets will not survive the end of this process
    persistent: bool

    def get(self, account: str) -> str | None: ...

    def set(self, account: str, secret: str) -> None: ...

    def delete(self, account: str) -> None: ...


class MemoryCredentials:
    """Secrets for this process only (tests, and the no-keyring fallback)."""

    persistent = False

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def get(self, account: str) -> str | None:
        return self._secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        self._secrets[account] = secret

    def delete(self, account: str) -> None:
        self._secrets.pop(account, None)


class KeyringCredentials:
    """The OS keyring, falling back to memory when the machine has none."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._fallback: MemoryCredentials | None = None
        self.fallback_reason: str | None = None

    @property
    def persistent(self) -> bool:
        return self._fallback is None

    def _use_fallback(self, exc: Exception) -> MemoryCredentials:
        if self._fallback is None:
            # the type only: a keyring error message could quote the secret's account
            self.fallback_reason = type(exc).__name__
            log.warning("no usable keyring (%s): credentials kept for this session only",
                        self.fallback_reason)
            self._fallback = MemoryCredentials()
        return self._fallback

    def get(self, account: str) -> str | None:
        if self._fallback is not None:
            return self._fallback.get(account)
        try:
            return keyring.get_password(self.service, account)
        except keyring.errors.KeyringError as exc:
            return self._use_fallback(exc).get(account)

    def set(self, account: str, secret: str) -> None:
        if self._fallback is not None:
            self._fallback.set(account, secret)
            return
        try:
            keyring.set_password(self.service, account, secret)
        except keyring.errors.KeyringError as exc:
            self._use_fallback(exc).set(account, secret)

    def delete(self, account: str) -> None:
        if self._fallback is not None:
            self._fallback.delete(account)
            return
        try:
            keyring.delete_password(self.service, account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already signed out
        except keyring.errors.KeyringError as exc:
            self._use_fallback(exc).delete(account)
