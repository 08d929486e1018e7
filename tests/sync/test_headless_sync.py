"""Scripts and CI without a keyring: ``main.py sync --password-stdin`` signs in, syncs
and signs out in one go against the real server, keeping the refresh token in memory
only; ``main.py login`` there says so instead of keeping a sign-in that dies with it."""
from __future__ import annotations

import io

import pytest

from desktop.cli import main
from desktop.commands.common import open_store
from desktop.paths import resolve_profile
from sync.server import admin
from tests.sync.sync_world import PASSWORD, SyncWorld


@pytest.fixture
def passphrase_file(no_keyring, tmp_path, monkeypatch):
    # without a keyring the profile's database is unlocked by a passphrase; standard
    # input carries the password here, so the passphrase comes from its file
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("a passphrase for CI", encoding="utf-8")
    monkeypatch.setenv("CHANNELKEEPER_PASSPHRASE_FILE", str(passphrase))


@pytest.fixture
def world(tmp_path, server_db_url):
    w = SyncWorld(tmp_path, db_url=server_db_url)
    w.add_user("li.na")
    yield w
    w.close()


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


def _devices(world: SyncWorld) -> list[dict]:
    return admin.list_devices(world.engine)


def test_login_without_a_keyring_refuses_and_takes_its_device_back(world, passphrase_file, tmp_path,
                                                                    monkeypatch, capsys):
    profile = tmp_path / "ci"
    _stdin(monkeypatch, PASSWORD)
    assert main(["login", "--profile", str(profile), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin"]) == 4
    err = capsys.readouterr().err
    assert "no keyring" in err and "--password-stdin" in err
    (device,) = _devices(world)
    assert device["revoked_at"] is not None  # nobody holds its token any more
    # what used to happen: "Not signed in", now with the way out in the message
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 4
    assert "Not signed in" in capsys.readouterr().err


def test_sync_with_password_stdin_signs_in_syncs_and_signs_out(world, passphrase_file, tmp_path,
                                                               monkeypatch, capsys):
    profile = tmp_path / "ci"
    store = open_store(resolve_profile(profile).ensure())
    p = store.create_partner(name_zh="流水线渠道", tier="ordinary", stage="intro")
    store.db.conn.close()
    _stdin(monkeypatch, PASSWORD)
    assert main(["sync", "--profile", str(profile), "--server", world.base_url, "--user", "li.na",
                 "--password-stdin", "--quiet", "--device-name", "ci-runner"]) == 0
    assert "sent: 1 (applied 1" in capsys.readouterr().out
    assert world.record("partner", p["id"])["name_zh"] == "流水线渠道"
    (device,) = _devices(world)
    assert device["name"] == "ci-runner" and device["revoked_at"] is not None
    # nothing secret on disk: no token, no password anywhere in the profile
    for f in resolve_profile(profile).root.rglob("*"):
        if f.is_file():
            assert PASSWORD.encode() not in f.read_bytes(), f
    # the next run needs no --server or --user: the profile remembers both, not the secret
    store = open_store(resolve_profile(profile))
    store.update("partner", p["id"], {"region": "华南"})
    store.db.conn.close()
    _stdin(monkeypatch, PASSWORD)
    assert main(["sync", "--profile", str(profile), "--password-stdin", "--quiet"]) == 0
    assert world.record("partner", p["id"])["region"] == "华南"
    assert all(d["revoked_at"] for d in _devices(world))


def test_a_wrong_password_on_stdin_exits_4_and_keeps_the_changes(world, passphrase_file, tmp_path,
                                                                 monkeypatch, capsys):
    profile = tmp_path / "ci"
    store = open_store(resolve_profile(profile).ensure())
    store.create_partner(name_zh="待发渠道", tier="ordinary", stage="intro")
    store.db.conn.close()
    _stdin(monkeypatch, "wrong password")
    assert main(["sync", "--profile", str(profile), "--server", world.base_url, "--user", "li.na",
                 "--password-stdin", "--quiet"]) == 4
    err = capsys.readouterr().err
    assert "not correct" in err and "1 unsent changes are kept" in err
    _stdin(monkeypatch, PASSWORD)
    # nothing is remembered from a refused sign-in, and the message says what to give
    assert main(["sync", "--profile", str(profile), "--password-stdin", "--quiet"]) == 4
    assert "--server URL --user NAME --password-stdin" in capsys.readouterr().err
