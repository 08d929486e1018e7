"""The profile's database is encrypted at rest: keyring, passphrase and recovery key;
a plain profile of an older version converted; nothing readable left beside it."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import keyring
import pytest

from desktop.key_file import KEYRING, PASSPHRASE, KeyFile
from desktop.paths import Profile
from desktop.profile_keys import ENV_PASSPHRASE_FILE, CommandPrompts, open_profile_database
from models.database import SQLITE_MAGIC, is_plain_file, open_database
from models.errors import ProfileLockedError
from models.store import Store
from tests.conftest import ROOT

SECRET_NAME = "华东保密渠道分销商"
SECRET_PHONE = "13912345678"


def answers(*texts: str | None):
    """A CommandPrompts whose standard input gives ``texts`` in turn (then nothing)."""
    given = list(texts)
    return CommandPrompts(stdin=lambda: given.pop(0) if given else "")


def fill(store: Store) -> dict:
    partner = store.create_partner(name_zh=SECRET_NAME, tier="core", stage="mature")
    store.create("contact", {"partner_id": partner["id"], "name": "王经理",
                             "phone": SECRET_PHONE})
    return partner


def assert_nothing_readable(root) -> None:
    """No file in the profile shows the partner's name or the contact's phone."""
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET_NAME.encode() not in data, path
            assert SECRET_PHONE.encode() not in data, path
            assert not data.startswith(SQLITE_MAGIC), path


def test_a_new_profile_keeps_its_key_in_the_keyring_and_nothing_readable_on_disk(
        profile, capsys):
    store = Store(open_profile_database(profile, answers()))
    fill(store)
    assert "Recovery key" in capsys.readouterr().err  # shown once, at set-up
    keys = KeyFile.load(profile.key_file)
    assert keys.protection == KEYRING
    assert keyring.get_password("ChannelKeeper", keys.account)  # raw key, no derivation
    assert_nothing_readable(profile.root)  # the live write-ahead log included
    store.db.conn.close()
    assert_nothing_readable(profile.root)
    if os.name == "posix":
        assert stat.S_IMODE(profile.root.stat().st_mode) == 0o700
        for name in ("channelkeeper.db", "channelkeeper.key"):
            assert stat.S_IMODE((profile.root / name).stat().st_mode) == 0o600
    # the next open asks nothing and shows no recovery key
    again = Store(open_profile_database(profile, answers()))
    assert again.search(SECRET_NAME[:2])[0].entity == "partner"  # FTS5 inside SQLCipher
    again.db.conn.close()
    assert "Recovery key" not in capsys.readouterr().err


def test_without_a_keyring_a_passphrase_unlocks_it(profile, no_keyring, tmp_path,
                                                   monkeypatch, capsys):
    passfile = tmp_path / "pass.txt"
    passfile.write_text("correct horse battery\n", encoding="utf-8")
    monkeypatch.setenv(ENV_PASSPHRASE_FILE, str(passfile))
    store = Store(open_profile_database(profile, answers()))
    fill(store)
    store.db.conn.close()
    code = capsys.readouterr().err.split("shown only now):")[1].split()[0]
    keys = KeyFile.load(profile.key_file)
    assert keys.protection == PASSPHRASE and "correct horse" not in profile.key_file.read_text()
    assert_nothing_readable(profile.root)
    # from standard input, the file not given
    monkeypatch.delenv(ENV_PASSPHRASE_FILE)
    Store(open_profile_database(profile, answers("correct horse battery"))).db.conn.close()
    # a wrong passphrase is refused, the file untouched; the recovery key still opens it
    before = profile.database.read_bytes()
    with pytest.raises(ProfileLockedError, match="stays locked"):
        open_profile_database(profile, answers("wrong passphrase"))
    assert profile.database.read_bytes() == before
    store = Store(open_profile_database(profile, answers("wrong passphrase", code.lower())))
    assert store.count("partner") == 1
    store.db.conn.close()


def test_no_keyring_and_no_passphrase_creates_nothing(profile, no_keyring):
    with pytest.raises(ProfileLockedError, match="no passphrase was chosen"):
        open_profile_database(profile, answers())
    assert not profile.database.exists() and not profile.key_file.exists()


def test_a_lost_keyring_entry_loses_nothing_with_the_recovery_key(profile, capsys):
    store = Store(open_profile_database(profile, answers()))
    code = capsys.readouterr().err.split("shown only now):")[1].split()[0]
    partner = fill(store)
    store.db.conn.close()
    keys = KeyFile.load(profile.key_file)
    keyring.delete_password("ChannelKeeper", keys.account)  # a keyring reset
    before = profile.database.read_bytes()
    with pytest.raises(ProfileLockedError) as exc:
        open_profile_database(profile, answers())
    message = str(exc.value)
    assert "no longer in the system keyring" in message and "recovery key" in message
    assert "comes back from the server" in message and "unsent changes" in message
    assert profile.database.read_bytes() == before
    # the recovery key (as typed: spaces, lower case) opens it, unsent changes included
    store = Store(open_profile_database(profile, answers(" " + code.lower().replace("-", " "))))
    assert store.get("partner", partner["id"])["name_zh"] == SECRET_NAME
    assert len(store.outbox()) == 2
    store.db.conn.close()
    # and the key is back in the keyring: the next start asks nothing
    Store(open_profile_database(profile, answers())).db.conn.close()


def _plain_profile(profile: Profile, older_backup: bool = True) -> dict:
    """A real profile of the previous version: plain SQLite, with data, an outbox, a
    search index, and a plain backup a migration left beside the file."""
    profile.root.mkdir(parents=True, exist_ok=True)
    store = Store(open_database(profile.database, key=None))
    partner = fill(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if older_backup:
        from models.database import backup_database

        backup_database(store.db, profile.root / "channelkeeper.db.20260101-090000.before-0007.bak",
                        None)
    store.db.conn.close()
    assert is_plain_file(profile.database)
    return partner


def test_a_plain_profile_is_converted_with_a_backup_and_progress(profile):
    partner = _plain_profile(profile)
    seen: list[tuple[int, int]] = []
    prompts = answers()
    prompts.progress = lambda done, total: seen.append((done, total))  # type: ignore[method-assign]
    store = Store(open_profile_database(profile, prompts))
    assert store.get("partner", partner["id"])["name_zh"] == SECRET_NAME
    assert len(store.outbox()) == 2
    assert [h.entity_id for h in store.search(SECRET_NAME[:4], entities=["partner"])] == \
        [partner["id"]]
    store.db.conn.close()
    assert seen and seen[-1][0] == seen[-1][1] > 0
    backups = sorted(p.name for p in profile.backups_dir.iterdir())
    assert any(n.endswith("-encrypted.backup") for n in backups)
    assert any(n.endswith("-older-version.backup") for n in backups)
    assert not list(profile.root.glob("*.bak"))
    assert_nothing_readable(profile.root)
    # a backup is encrypted with the database's key and holds the data
    newest = profile.backups_dir / next(n for n in backups if n.endswith("-encrypted.backup"))
    key = bytes.fromhex(keyring.get_password("ChannelKeeper",
                                             KeyFile.load(profile.key_file).account))
    copy = Store(open_database(newest, key=key, migrate=False))
    assert copy.count("partner") == 1
    copy.db.conn.close()


def test_a_damaged_plain_profile_is_not_converted(profile):
    _plain_profile(profile, older_backup=False)
    data = bytearray(profile.database.read_bytes())
    page = 4096
    for p in range(1, len(data) // page):
        data[p * page + 8:p * page + 200] = os.urandom(192)
    profile.database.write_bytes(bytes(data))
    from models.errors import CorruptDatabaseError

    with pytest.raises(CorruptDatabaseError, match="untouched"):
        open_profile_database(profile, answers())
    assert profile.database.read_bytes() == bytes(data)
    assert not list(profile.root.glob("*.encrypting"))


def test_the_command_line_converts_and_reads_the_passphrase_file(tmp_path):
    """``main.py`` in its own process, no keyring at all: the passphrase from the file
    named in CHANNELKEEPER_PASSPHRASE_FILE; an old plain profile is converted."""
    profile = Profile(tmp_path / "cli-profile")
    _plain_profile(profile)
    passfile = tmp_path / "pass.txt"
    passfile.write_text("a long passphrase", encoding="utf-8")
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           ENV_PASSPHRASE_FILE: str(passfile), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "main.py", "sync", "--profile", str(profile.root),
                          "--status"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert "Recovery key" in run.stderr and "encrypting the profile: 100%" in run.stderr
    assert_nothing_readable(profile.root)
    assert json.loads(profile.key_file.read_text(encoding="utf-8"))["protection"] == PASSPHRASE
    # without the passphrase the command stops with words, exit status 2
    del env[ENV_PASSPHRASE_FILE]
    run = subprocess.run([sys.executable, "main.py", "sync", "--profile", str(profile.root),
                          "--status"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert run.returncode == 2 and "stays locked" in run.stderr


def test_the_in_memory_store_and_the_bench_switch_are_the_only_plain_opens(profile, monkeypatch):
    monkeypatch.setenv("CHANNELKEEPER_BENCH_UNENCRYPTED", "1")
    store = Store(open_profile_database(profile, answers()))
    store.db.conn.close()
    assert is_plain_file(profile.database) and not profile.key_file.exists()
    # without the switch, the next open encrypts it
    monkeypatch.delenv("CHANNELKEEPER_BENCH_UNENCRYPTED")
    Store(open_profile_database(profile, answers())).db.conn.close()
    assert not is_plain_file(profile.database) and profile.key_file.exists()
