"""Remote wipe against the real server (SQLite and PostgreSQL) and a real profile
folder: head office marks a device lost (``server wipe-device`` or the admin API); at
its next contact ``main.py sync`` pushes what it holds, erases the profile's data and
keyring entries, says so and the server records when. Revoking stays different."""
from __future__ import annotations

import io

import pytest

from desktop.cli import main
from desktop.commands.common import open_store
from desktop.paths import resolve_profile
from desktop.wipe import NOTE_NAME, remaining
from sync.server import admin
from tests.sync.sync_world import PASSWORD, SyncWorld
from tests.sync_fixtures import ApiClient


@pytest.fixture
def world(tmp_path, server_db_url):
    w = SyncWorld(tmp_path, db_url=server_db_url)
    w.add_user("li.na")
    w.add_user("head", "admin")
    yield w
    w.close()


def _signed_in_profile(world, tmp_path, monkeypatch, memory_keyring):
    profile = tmp_path / "laptop"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["login", "--profile", str(profile), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin", "--device-name", "丢失的笔记本"]) == 0
    store = open_store(resolve_profile(profile))
    p = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    store.db.conn.close()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    (device,) = admin.list_devices(world.engine)
    (profile / "cache").mkdir(exist_ok=True)
    (profile / "cache" / "snapshot.bin").write_bytes("华东渠道分销商".encode())
    (profile / "channelkeeper.db.2026-11-01.before-0009.bak").write_bytes(b"old copy")
    return profile, p, device["id"]


def test_wipe_device_erases_the_profile_after_pushing_what_it_can(world, memory_keyring, tmp_path,
                                                                  monkeypatch, capsys):
    profile, partner, device_id = _signed_in_profile(world, tmp_path, monkeypatch, memory_keyring)
    store = open_store(resolve_profile(profile))  # written after the last sync
    note = store.create("meeting", {"partner_id": partner["id"], "type": "visit",
                                    "starts_at": "2026-11-26 10:00", "notes": "丢失前的记录"})
    store.db.conn.close()
    assert memory_keyring.data  # the refresh token
    assert main(["server", "wipe-device", device_id, "--db", world.db_url]) == 0
    capsys.readouterr()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 7
    err = capsys.readouterr().err
    assert "reported this laptop lost" in err and "erased" in err
    # what it held reached the server first
    assert world.record("meeting", note["id"])["notes"] == "丢失前的记录"
    # nothing of the profile's data or secrets is left; a note says what happened
    assert remaining(resolve_profile(profile)) == []
    assert not any(p.name.startswith("channelkeeper.db") for p in profile.iterdir())
    assert (profile / NOTE_NAME).exists()
    assert memory_keyring.data == {}
    # the server knows when, and the device is done
    (device,) = [d for d in admin.list_devices(world.engine) if d["id"] == device_id]
    assert device["wipe_requested_at"] and device["wiped_at"] and device["revoked_at"]
    assert main(["server", "list-devices", "--db", world.db_url]) == 0
    assert "wiped_at" in capsys.readouterr().out
    # the profile starts empty and signs in again like a new laptop
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["login", "--profile", str(profile), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin"]) == 0
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    store = open_store(resolve_profile(profile))
    assert store.count("partner") == 1 and store.count("meeting") == 1
    store.db.conn.close()


def test_revoking_is_not_wiping_and_a_revoked_device_cannot_be_wiped(world, memory_keyring, tmp_path,
                                                                    monkeypatch, capsys):
    profile, partner, device_id = _signed_in_profile(world, tmp_path, monkeypatch, memory_keyring)
    assert main(["server", "revoke-device", device_id, "--db", world.db_url]) == 0
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 4
    store = open_store(resolve_profile(profile))
    assert store.get("partner", partner["id"])  # the data stays on the laptop
    store.db.conn.close()
    capsys.readouterr()
    assert main(["server", "wipe-device", device_id, "--db", world.db_url]) == 2
    assert "already revoked" in capsys.readouterr().err


def test_the_admin_api_marks_a_device_lost_and_lists_when_it_was_wiped(world, memory_keyring, tmp_path,
                                                                       monkeypatch, capsys):
    profile, _partner, device_id = _signed_in_profile(world, tmp_path, monkeypatch, memory_keyring)
    manager, head = ApiClient(world.base_url), ApiClient(world.base_url)
    try:
        manager.login("li.na", PASSWORD, "another laptop")
        assert manager.post(f"/api/admin/devices/{device_id}/wipe").status_code == 403
        head.login("head", PASSWORD, "head office")
        r = head.post(f"/api/admin/devices/{device_id}/wipe")
        assert r.status_code == 200 and r.json()["wipe_requested_at"]
        assert head.post("/api/admin/devices/no-such-device/wipe").status_code == 404
        assert main(["sync", "--profile", str(profile), "--quiet"]) == 7
        listed = {d["id"]: d for d in head.get("/api/admin/devices").json()["devices"]}
        assert listed[device_id]["wiped_at"] is not None
        # the manager's other laptop is untouched
        assert manager.get("/api/me").status_code == 200
    finally:
        manager.close()
        head.close()
