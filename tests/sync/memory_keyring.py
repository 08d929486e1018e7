"""The tests' keyring backends: the real OS keyring is never touched.

``InMemoryKeyring`` keeps its secrets in ``data``; when CHANNELKEEPER_TEST_KEYRING_FILE
names a file (tests/conftest.py names one in each test's folder) it also keeps them
there, so a command a test starts as a subprocess (PYTHON_KEYRING_BACKEND names this
class) sees the same keyring as the test: a profile's database key, a sign-in.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

ENV_KEYRING_FILE = "CHANNELKEEPER_TEST_KEYRING_FILE"


class InMemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        named = path or os.environ.get(ENV_KEYRING_FILE)
        self.path = Path(named) if named else None
        self._data: dict[tuple[str, str], str] = {}

    @property
    def data(self) -> dict[tuple[str, str], str]:
        """Every secret: (service, account) -> secret (what another process wrote too)."""
        if self.path is not None:
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                stored = []
            self._data = {(s, a): v for s, a, v in stored}
        return self._data

    def _save(self, data: dict[tuple[str, str], str]) -> None:
        self._data = data
        if self.path is not None:
            self.path.write_text(json.dumps([[s, a, v] for (s, a), v in data.items()]),
                                 encoding="utf-8")

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self._save({**self.data, (service, username): password})

    def delete_password(self, service, username):
        data = dict(self.data)
        if (service, username) not in data:
            raise keyring.errors.PasswordDeleteError("not found")
        del data[(service, username)]
        self._save(data)


class NoKeyring(keyring.backend.KeyringBackend):
    """A machine without a keyring backend: every call fails as keyring's own
    ``fail.Keyring`` does (a headless Linux server, a CI runner)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service, username, password):
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service, username):
        raise keyring.errors.NoKeyringError("no backend")
