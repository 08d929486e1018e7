"""Demo stays demo, from the command line, against the real server on 127.0.0.1: a
profile holding demo data signs in and syncs only with a demo server (``server demo``
seeded), ``login``/``sync`` to any other server refuse with exit status 2 and the
counts, ``demo-data --remove`` asks and keeps (or exports) what the user typed, and
records a repair removes are reported."""
from __future__ import annotations

import io
import json

import pytest

from desktop.cli import main
from desktop.commands.common import open_store
from desktop.paths import resolve_profile
from models import demo_marks
from sync.server import admin
from sync.server.demo_org import seed_demo
from tests.sync.sync_world import PASSWORD, SyncWorld

SMALL = ["--partners", "6", "--meetings", "20", "--actions", "10", "--quiet"]


@pytest.fixture
def real(tmp_path, server_db_url):
    w = SyncWorld(tmp_path / "real", db_url=server_db_url)
    w.add_user("li.na")
    yield w
    w.close()


@pytest.fixture
def demo_server(tmp_path):
    (tmp_path / "demo").mkdir()
    w = SyncWorld(tmp_path / "demo")
    seed_demo(w.engine, w.settings, partners=8, meetings=20, actions=10)
    admin.set_password(w.engine, w.settings, "li.na", PASSWORD)
    yield w
    w.close()


def _login(world: SyncWorld, profile, monkeypatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return main(["login", "--profile", str(profile), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin"])


def _store(profile):
    return open_store(resolve_profile(profile))


def _demo_profile(tmp_path) -> str:
    profile = tmp_path / "profile"
    assert main(["demo-data", "--profile", str(profile), *SMALL]) == 0
    return str(profile)


def test_login_to_a_real_server_refuses_a_demo_profile_with_the_counts(real, memory_keyring, tmp_path,
                                                                      monkeypatch, capsys):
    profile = _demo_profile(tmp_path)
    capsys.readouterr()
    assert _login(real, profile, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "holds demo data" in err and "6 partners" in err and "20 meetings" in err
    assert "none of them typed or edited by you" in err
    assert "new empty profile" in err and "demo-data --remove" in err
    # nothing reached the server, nothing was stored
    assert real.count("partner") == 0 and admin.list_devices(real.engine) == []
    # no token or device key kept: only the profile's own database key
    assert [a.split(":")[0] for _s, a in memory_keyring.data] == ["database-key"]
    store = _store(profile)
    assert store.get_setting("sync.server_url") is None
    store.db.conn.close()


def test_a_demo_profile_syncs_with_the_demo_server_but_not_then_elsewhere(
        real, demo_server, memory_keyring, tmp_path, monkeypatch, capsys):
    profile = _demo_profile(tmp_path)
    assert _login(demo_server, profile, monkeypatch) == 0
    assert main(["sync", "--profile", profile, "--quiet"]) == 0
    assert demo_server.count("partner") == 8 + 6  # its own demo and the laptop's
    capsys.readouterr()
    assert _login(real, profile, monkeypatch) == 2
    assert "holds demo data" in capsys.readouterr().err
    assert real.count("partner") == 0


def test_demo_data_added_after_signing_in_to_a_real_server_is_not_synced(real, memory_keyring, tmp_path,
                                                                        monkeypatch, capsys):
    profile = tmp_path / "profile"
    assert _login(real, profile, monkeypatch) == 0
    store = _store(profile)
    mine = store.create_partner(name_zh="真实渠道", tier="core", stage="mature")
    store.db.conn.close()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    assert main(["demo-data", "--profile", str(profile), "--force", *SMALL]) == 0
    capsys.readouterr()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 2
    assert "holds demo data" in capsys.readouterr().err
    assert real.count("partner") == 1 and real.record("partner", mine["id"])
    # removing the demo keeps the real partner as it is (already on the server)
    assert main(["demo-data", "--remove", "--profile", str(profile), "--yes"]) == 0
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    assert real.count("partner") == 1
    store = _store(profile)
    assert [p["id"] for p in store.rows("partner")] == [mine["id"]]
    store.db.conn.close()


def test_removing_demo_data_asks_exports_the_users_records_and_keeps_theirs(
        real, memory_keyring, tmp_path, monkeypatch, capsys):
    profile = _demo_profile(tmp_path)
    store = _store(profile)
    demo_partner = store.rows("partner", order_by="id")[0]
    demo_meeting = store.rows("meeting", order_by="id")[0]
    mine = store.create_partner(name_zh="我自己的渠道", tier="core", stage="intro")
    store.create("meeting", {"partner_id": mine["id"], "type": "visit",
                             "starts_at": "2026-11-20 10:00", "notes": "留下"})
    note = store.create("meeting", {"partner_id": demo_partner["id"], "type": "visit",
                                    "starts_at": "2026-11-21 10:00", "notes": "我在演示渠道上的笔记"})
    store.update("meeting", demo_meeting["id"], {"notes": "我改过的演示会议"})
    contents = demo_marks.demo_contents(store)
    store.db.conn.close()
    assert contents.own_created == {**contents.own_created, "partner": 1, "meeting": 2}
    assert contents.own_edited["meeting"] == 1 and contents.lost_total == 2
    capsys.readouterr()
    assert _login(real, profile, monkeypatch) == 2
    assert "4 of them typed or edited by you" in capsys.readouterr().err
    # something of theirs would go: refused without --export or --discard-own
    assert main(["demo-data", "--remove", "--profile", profile, "--yes"]) == 2
    captured = capsys.readouterr()
    assert "2 of your own records go with it" in captured.out
    assert "Nothing was removed" in captured.err
    # and without --yes where nobody can be asked
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    out = tmp_path / "mine.json"
    assert main(["demo-data", "--remove", "--profile", profile, "--export", str(out)]) == 2
    assert not out.exists()
    assert main(["demo-data", "--remove", "--profile", profile, "--export", str(out), "--yes"]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    ids = {r["id"] for r in exported["records"]}
    assert {mine["id"], note["id"], demo_meeting["id"]} <= ids
    assert any(r["row"].get("notes") == "我在演示渠道上的笔记" for r in exported["records"])
    store = _store(profile)
    assert [p["name_zh"] for p in store.rows("partner")] == ["我自己的渠道"]
    assert store.count("meeting") == 1 and store.count("kpi_snapshot") == 0
    assert not demo_marks.has_demo(store)
    store.db.conn.close()
    # now the profile signs in anywhere, and only the user's own records travel
    assert _login(real, profile, monkeypatch) == 0
    assert main(["sync", "--profile", profile, "--quiet"]) == 0
    assert real.count("partner") == 1 and real.count("meeting") == 1
    assert real.record("partner", mine["id"])["name_zh"] == "我自己的渠道"


def test_records_a_repair_removes_are_reported(real, memory_keyring, tmp_path, monkeypatch, capsys):
    profile = tmp_path / "profile"
    assert _login(real, profile, monkeypatch) == 0
    store = _store(profile)
    p = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    store.db.conn.close()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    store = _store(profile)  # a head-office record this laptop has and the server does not
    store.apply_remote("kpi_snapshot", {"id": "stray-kpi", "partner_id": p["id"],
                                        "period": "2026-10", "sales": 1.0}, version=10**9)
    store.set_setting("sync.last_verify_at", None)  # the hourly check is due
    store.db.conn.close()
    capsys.readouterr()
    assert main(["sync", "--profile", str(profile), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "removed from this laptop because the server does not have them: 1 KPI records" in out
    store = _store(profile)
    assert store.find("kpi_snapshot", "stray-kpi") is None
    store.db.conn.close()
