"""An in-memory keyring backend for tests: the real OS keyring is never touched."""
from __future__ import annotations

import keyring.backend
import keyring.errors


class InMemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self.data[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.data:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.data[(service, username)]


class NoKeyring(keyring.backend.KeyringBackend):
    """A machine without a keyring backend: every call fails as keyring's own
    ``fail.Keyring`` does (a headless Linux server, a CI runner)."""

    priority = 1

    def get_password(self, service, username):
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service, username, password):
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service, username):
        raise keyring.errors.NoKeyringError("no backend")
