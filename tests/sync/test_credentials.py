"""The refresh token's home: keyring when there is one, memory (flagged) when not."""
from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors

from sync.client.credentials import KeyringCredentials, MemoryCredentials
from tests.sync.memory_keyring import InMemoryKeyring, NoKeyring


def test_keyring_backend_round_trip():
    kr = InMemoryKeyring()
    keyring.set_keyring(kr)
    creds = KeyringCredentials()
    creds.set("acct", "tok-1")
    assert creds.get("acct") == "tok-1"
    assert kr.data == {("ChannelKeeper", "acct"): "tok-1"}
    assert creds.persistent
    creds.delete("acct")
    creds.delete("acct")  # deleting twice is fine
    assert creds.get("acct") is None


def test_no_keyring_falls_back_to_memory_with_a_flag(tmp_path):
    keyring.set_keyring(NoKeyring())
    creds = KeyringCredentials()
    assert creds.get("acct") is None
    assert not creds.persistent
    creds.set("acct", "secret-token-xyz")
    assert creds.get("acct") == "secret-token-xyz"
    assert creds.fallback_reason == "NoKeyringError"
    # a fresh session (new object) has forgotten it: nothing went to disk
    assert KeyringCredentials().get("acct") is None


def test_memory_credentials():
    m = MemoryCredentials()
    m.set("a", "b")
    assert m.get("a") == "b" and not m.persistent
    m.delete("a")
    assert m.get("a") is None
