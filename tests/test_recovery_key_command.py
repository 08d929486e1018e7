"""``main.py recovery-key``: a new recovery key unlocks the profile, the old one no
longer does, the data and its key stay as they were (backups still open)."""
from __future__ import annotations

import keyring
import pytest

from desktop.cli import main
from desktop.key_file import RECOVERY, KeyFile
from desktop.paths import Profile
from desktop.profile_keys import open_profile_database
from desktop.profile_lock import ProfileLock
from models.store import Store
from tests.keys import TEST_KEY, TEST_RECOVERY_CODE, install_test_key, open_test_database
from tests.test_encryption import answers


@pytest.fixture(autouse=True)
def _keyed_with_a_partner(profile: Profile) -> None:
    """Every test here starts from the shared profile with its key and one partner."""
    install_test_key(profile)
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh="华东鼎盛", tier="core", stage="mature")
    store.db.close()


def _lose_keyring_entry(profile: Profile) -> None:
    keyring.delete_password("ChannelKeeper", KeyFile.load(profile.key_file).account)


def test_a_new_recovery_key_replaces_the_old_one(profile, capsys):
    before = profile.database.read_bytes()
    assert KeyFile.load(profile.key_file).unwrap(RECOVERY, TEST_RECOVERY_CODE) == TEST_KEY
    assert main(["recovery-key", "--profile", str(profile.root)]) == 0
    out = capsys.readouterr().out
    code = out.split("shown only now):")[1].split()[0]
    assert "no longer unlocks" in out and code != TEST_RECOVERY_CODE
    keys = KeyFile.load(profile.key_file)
    assert keys.unwrap(RECOVERY, TEST_RECOVERY_CODE) is None  # the old one stops working
    assert keys.unwrap(RECOVERY, code) == TEST_KEY
    assert profile.database.read_bytes() == before  # same data, same key
    # with the keyring entry lost, the old key is refused and the new one opens it
    _lose_keyring_entry(profile)
    with pytest.raises(Exception, match="stays locked|no recovery key was given|no longer"):
        open_profile_database(profile, answers(TEST_RECOVERY_CODE))
    store = Store(open_profile_database(profile, answers(code.lower())))
    assert store.count("partner") == 1
    store.db.close()


def test_it_is_refused_while_the_app_has_the_profile_open(profile, capsys):
    before = profile.key_file.read_bytes()
    with ProfileLock(profile.lock_file):
        assert main(["recovery-key", "--profile", str(profile.root)]) != 0
    assert "error:" in capsys.readouterr().err
    assert profile.key_file.read_bytes() == before


def test_a_locked_profile_gets_no_new_key_without_the_old_secret(profile, capsys, monkeypatch):
    import io

    before = profile.key_file.read_bytes()
    _lose_keyring_entry(profile)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["recovery-key", "--profile", str(profile.root)]) != 0  # nothing typed
    assert "error:" in capsys.readouterr().err
    assert profile.key_file.read_bytes() == before
    # the old recovery key, typed, unlocks it and gets a new one
    monkeypatch.setattr("sys.stdin", io.StringIO(TEST_RECOVERY_CODE + "\n"))
    assert main(["recovery-key", "--profile", str(profile.root)]) == 0
    assert KeyFile.load(profile.key_file).unwrap(RECOVERY, TEST_RECOVERY_CODE) is None
