"""Demo stays demo in the app, through the real window and sign-in dialog against the
real server on 127.0.0.1: a profile holding demo data is refused by a real server
with the counts and two ways on; "Remove demo data…" asks, exports the user's own
records and keeps theirs; then the sign-in goes through and only their records
travel. The demo server is accepted."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop.cli import main
from desktop.paths import Profile
from sync.server.admin import list_devices, set_password
from sync.server.demo_org import seed_demo
from tests.sync_ui_world import PASSWORD, ServerWorld, open_window

SMALL = ["--partners", "5", "--meetings", "12", "--actions", "8", "--quiet"]


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path)
    w.add_user("li.na")
    yield w
    w.close()


@pytest.fixture
def demo_profile(tmp_path) -> Profile:
    profile = Profile(tmp_path / "profile").ensure()
    assert main(["demo-data", "--profile", str(profile.root), *SMALL]) == 0
    return profile


def _submit(qtbot, window, url):
    dialog = window.sync_ui.show_sign_in()
    dialog.server_edit.setText(url)
    dialog.user_edit.setText("li.na")
    dialog.password_edit.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def test_a_real_server_is_refused_and_removing_the_demo_keeps_the_users_records(
        qtbot, tmp_path, world, demo_profile):
    window = open_window(qtbot, demo_profile)
    try:
        ctx, service = window.ctx, window.sync_service
        demo_partner = ctx.call_db(lambda s: s.rows("partner", order_by="id")[0])
        mine = ctx.call_db(lambda s: s.create_partner(name_zh="我的真实渠道", tier="core",
                                                      stage="intro"))
        ctx.call_db(lambda s: s.create("meeting", {
            "partner_id": demo_partner["id"], "type": "visit", "starts_at": "2026-11-20 10:00",
            "notes": "写在演示渠道上的笔记"}))
        with qtbot.waitSignal(service.sign_in_failed, timeout=20000) as failed:
            dialog = _submit(qtbot, window, world.url)
        assert failed.args[0] == "demo_profile"
        text = dialog.error_label.text()
        assert "holds demo data" in text and "5 partners" in text and "12 meetings" in text
        assert "2 of them typed or edited by you" in text
        bar = dialog.demo_choices
        assert bar.isVisible() and bar.new_profile_button.isVisible()
        assert list_devices(world.engine) == []  # the password was never sent

        bar.export_path = str(tmp_path / "mine.json")
        bar.remove_button.click()
        qtbot.waitUntil(lambda: bar.question_box is not None, timeout=10000)
        box = bar.question_box
        assert "Removing the demo data takes out 5 partners" in box.text()
        assert "1 of your own records go with it" in box.text()
        assert [b.text() for b in box.buttons() if b.text() == "Remove demo data"] == []
        export = next(b for b in box.buttons() if b.text().startswith("Export my records"))
        with qtbot.waitSignal(bar.removed, timeout=20000):
            export.click()
        exported = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
        assert any(r["row"].get("notes") == "写在演示渠道上的笔记" for r in exported["records"])
        assert ctx.call_db(lambda s: [p["id"] for p in s.rows("partner")]) == [mine["id"]]
        assert not bar.isVisible() and "Sign in again" in dialog.error_label.text()

        with qtbot.waitSignal(service.sync_finished, timeout=20000):
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        head = world.client("li.na")
        names = [p["name_zh"] for p in head.get("/api/partners").json()["partners"]]
        assert names == ["我的真实渠道"]
    finally:
        window.close()


def test_the_demo_server_is_accepted(qtbot, tmp_path, demo_profile):
    (tmp_path / "demo-world").mkdir()
    w = ServerWorld(tmp_path / "demo-world")
    try:
        seed_demo(w.engine, w.settings, partners=6, meetings=10, actions=6)
        set_password(w.engine, w.settings, "li.na", PASSWORD)
        window = open_window(qtbot, demo_profile)
        try:
            with qtbot.waitSignal(window.sync_service.sync_finished, timeout=30000):
                _submit(qtbot, window, w.url)
            assert window.sync_service.snapshot.signed_in
        finally:
            window.close()
    finally:
        w.close()


def test_a_new_empty_profile_opens_in_a_second_channelkeeper(qtbot, tmp_path, world,
                                                             demo_profile):
    window = open_window(qtbot, demo_profile)
    pid = None
    try:
        with qtbot.waitSignal(window.sync_service.sign_in_failed, timeout=20000):
            dialog = _submit(qtbot, window, world.url)
        bar = dialog.demo_choices
        (tmp_path / "full").mkdir()
        (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
        bar.new_profile_folder = str(tmp_path / "full")
        assert not bar.new_profile()
        assert "not empty" in dialog.error_label.text()
        new = tmp_path / "work profile"
        bar.new_profile_folder = str(new)
        assert bar.new_profile()
        pid = window.sync_service.demo_choices.pid
        assert "opens on the empty profile" in dialog.error_label.text()
        # a real second app: it creates its own profile there (its database file)
        qtbot.waitUntil(lambda: (new / "channelkeeper.db").exists(), timeout=60000)
        assert window.ctx.call_db(lambda s: s.count("partner")) == 5  # this one keeps its demo
    finally:
        if pid:
            import os
            import signal

            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        window.close()


def test_try_the_demo_is_refused_on_a_profile_holding_records_of_a_real_server(qtbot, tmp_path,
                                                                             world):
    profile = Profile(tmp_path / "real-profile").ensure()
    window = open_window(qtbot, profile)
    try:
        with qtbot.waitSignal(window.sync_service.sync_finished, timeout=20000):
            _submit(qtbot, window, world.url)
        assert window.sync_ui.start_try_demo() is None
        box = window.sync_ui.try_demo_refused
        assert world.url in box.text() and "new empty profile" in box.text()
        box.close()
        assert not window.sync_service.snapshot.demo
    finally:
        window.close()
