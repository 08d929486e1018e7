"""The tests' database keys and keyring.

``open_test_database`` opens any test file encrypted with ``TEST_KEY``; a profile's
``channelkeeper.db`` gets that key set up as the app would find it (key file, keyring
entry: the suite's keyring, tests/conftest.py), so the app and the commands open it
like any profile.
"""
from __future__ import annotations

from pathlib import Path

import keyring

from desktop.key_file import KEYRING, RECOVERY, KeyFile, wrap
from desktop.paths import Profile
from models.database import Database, open_database
from sync.client.credentials import SERVICE

TEST_KEY = bytes(range(32))
TEST_RECOVERY_CODE = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY"


def install_test_key(profile: Profile) -> None:
    """The profile's key file for ``TEST_KEY``, the key in the current keyring."""
    if profile.key_file.exists():
        return
    profile.ensure()
    keys = KeyFile.new(TEST_KEY, KEYRING)
    keys.wraps[RECOVERY] = wrap(TEST_KEY, RECOVERY, TEST_RECOVERY_CODE)
    keys.save(profile.key_file)
    keyring.set_password(SERVICE, keys.account, TEST_KEY.hex())


def open_test_database(path: str | Path, **options: object) -> Database:
    """``open_database`` with the tests' key; a profile's file (``channelkeeper.db``)
    is opened as the commands open it (its key set up first if it has none yet)."""
    from desktop.profile_keys import CommandPrompts, open_profile_database

    path = Path(path)
    if path.name == "channelkeeper.db":
        install_test_key(Profile(path.parent))
        return open_profile_database(Profile(path.parent), CommandPrompts(stdin=lambda: ""),
                                     **options)
    return open_database(path, key=TEST_KEY, **options)  # type: ignore[arg-type]
