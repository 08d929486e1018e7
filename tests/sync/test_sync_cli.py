"""``main.py login`` and ``main.py sync`` against the real server, in process."""
from __future__ import annotations

import io

import pytest

from desktop.cli import main
from tests.sync.sync_world import PASSWORD, SyncWorld


@pytest.fixture
def sqlite_world(tmp_path):
    w = SyncWorld(tmp_path)
    w.add_user("li.na")
    yield w
    w.close()


def _login(world: SyncWorld, profile, monkeypatch, password: str = PASSWORD) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["login", "--profile", str(profile), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin", "--device-name", "测试笔记本"])


def test_login_then_sync_prints_what_moved(sqlite_world, memory_keyring, tmp_path, monkeypatch, capsys):
    profile = tmp_path / "profile-a"
    assert _login(sqlite_world, profile, monkeypatch) == 0
    assert "Signed in" in capsys.readouterr().out
    # the refresh token and the device key live in the keyring only (beside the
    # profile's database key): not in the database, not in settings
    kinds = sorted(account.split(" ", 1)[0] for _service, account in memory_keyring.data
                   if not account.startswith("database-key:"))
    assert kinds == ["device-key", "refresh-token"], memory_keyring.data
    for f in profile.iterdir():
        if f.is_file():
            for secret in memory_keyring.data.values():
                assert secret.encode() not in f.read_bytes(), f
    from desktop.commands.common import open_store
    from desktop.paths import resolve_profile

    store = open_store(resolve_profile(profile))
    p = store.create_partner(name_zh="命令行渠道", tier="ordinary", stage="intro")
    store.db.conn.close()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "sent: 1 (applied 1" in out
    assert sqlite_world.record("partner", p["id"])["name_zh"] == "命令行渠道"
    assert main(["sync", "--profile", str(profile), "--status"]) == 0
    assert "Unsent changes: 0" in capsys.readouterr().out


def test_a_first_sync_from_the_command_line_ends_ready_to_search(sqlite_world, memory_keyring, tmp_path,
                                                                monkeypatch, capsys):
    head = sqlite_world.laptop("head", "li.na")
    p = head.store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    head.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                  "starts_at": "2026-11-20 10:00", "notes": "季度复盘：返利透明"})
    assert head.sync().pushed == 2
    profile = tmp_path / "profile-b"
    assert _login(sqlite_world, profile, monkeypatch) == 0
    capsys.readouterr()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "received: " in out
    assert "prepared 2 records for search" in out  # the partner and its meeting
    from desktop.commands.common import open_store
    from desktop.paths import resolve_profile

    store = open_store(resolve_profile(profile))
    try:
        assert not store.search_backlog_pending()
        assert [h.entity for h in store.search("返利")] == ["meeting"]
    finally:
        store.db.conn.close()


def test_wrong_password_and_not_signed_in_exit_4(sqlite_world, memory_keyring, tmp_path, monkeypatch, capsys):
    profile = tmp_path / "profile-b"
    assert main(["sync", "--profile", str(profile)]) == 4
    assert "not signed in" in capsys.readouterr().err
    assert _login(sqlite_world, profile, monkeypatch, password="wrong password") == 4
    assert "not correct" in capsys.readouterr().err
    # no token kept: only the profile's database key (made when the profile was)
    assert [account.split(":")[0] for _service, account in memory_keyring.data] == ["database-key"]


def test_sync_when_the_server_is_down_exits_3_and_keeps_changes(sqlite_world, memory_keyring, tmp_path,
                                                                 monkeypatch, capsys):
    profile = tmp_path / "profile-c"
    assert _login(sqlite_world, profile, monkeypatch) == 0
    from desktop.commands.common import open_store
    from desktop.paths import resolve_profile

    store = open_store(resolve_profile(profile))
    store.create_partner(name_zh="断网渠道", tier="core", stage="intro")
    store.db.conn.close()
    sqlite_world.stop()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "1 unsent changes are kept" in err
    sqlite_world.start()  # (for a clean teardown)


def test_plain_http_to_another_host_is_refused(memory_keyring, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("whatever-password\n"))
    code = main(["login", "--profile", str(tmp_path / "p"), "--server", "http://sync.example.com",
                 "--user", "li.na", "--password-stdin"])
    assert code != 0
    assert "not encrypted" in capsys.readouterr().err
