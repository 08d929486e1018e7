"""The sync session over time, through the real window and server: expired access
tokens refresh silently, a revoked device asks to sign in again with the data kept,
an outdated app is told to update, and the five-minute timer syncs by itself."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from sync.server.admin import list_devices, revoke_device
from tests.sync_ui_world import PASSWORD, ServerWorld, open_window


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path)
    w.add_user("li.na")
    w.east = w.partner("华东渠道分销商", "li.na")
    yield w
    w.close()


def sign_in(qtbot, window, world):
    service = window.sync_service
    dialog = window.sync_ui.show_sign_in()
    dialog.server_edit.setText(world.url)
    dialog.user_edit.setText("li.na")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not service.snapshot.syncing, timeout=5000)
    return service


def test_an_expired_access_token_is_refreshed_without_asking(qtbot, profile, world):
    world.settings.access_ttl = 60  # seconds
    window = open_window(qtbot, profile)
    try:
        service = sign_in(qtbot, window, world)
        # two minutes pass on the server's clock: the laptop's access token has expired
        now = world.settings.clock
        world.settings.clock = lambda: now() + dt.timedelta(minutes=2)
        window.ctx.call_db(lambda s: s.update("partner", world.east, {"region": "华东"}))
        with qtbot.waitSignal(service.sync_finished, timeout=20000) as done:
            window.sync_ui.sync_now()
        assert done.args[0].pushed == 1
        assert world.proxy.requests_to("/api/auth/refresh")  # it really was refreshed
        assert service.snapshot.signed_in and window.sync_ui.status.state() == "online"
    finally:
        window.close()


def test_a_revoked_device_asks_to_sign_in_again_and_keeps_the_changes(qtbot, profile, world):
    window = open_window(qtbot, profile)
    try:
        service = sign_in(qtbot, window, world)
        for device in list_devices(world.engine):
            revoke_device(world.engine, world.settings, device["id"])
        window.ctx.call_db(lambda s: s.update("partner", world.east, {"notes": "撤销后写的备注"}))
        with qtbot.waitSignal(service.sync_failed, timeout=20000) as failed:
            window.sync_ui.sync_now()
        assert failed.args[0] == "auth"
        status = window.sync_ui.status
        qtbot.waitUntil(lambda: status.state() == "expired" and service.snapshot.pending == 1,
                        timeout=5000)
        assert status.sign_in_button.isVisible() and status.sign_in_button.text() == "Sign in again…"
        assert "Sign-in expired" in status.state_label.text()
        # the dialog comes back filled in; the kept change goes with the new sign-in
        qtbot.mouseClick(status.sign_in_button, Qt.MouseButton.LeftButton)
        dialog = window.sync_ui.sign_in_dialog
        assert dialog.server_edit.text() == world.url and dialog.user_edit.text() == "li.na"
        dialog.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(service.sync_finished, timeout=20000) as done:
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert done.args[0].pushed == 1
        head = world.client("li.na")
        assert world.record(head, "partner", world.east)["row"]["notes"] == "撤销后写的备注"
    finally:
        window.close()


def test_an_outdated_app_is_told_to_update(qtbot, profile, world):
    window = open_window(qtbot, profile)
    try:
        service = window.sync_service
        # this build speaks a protocol the server does not: it answers 426
        service.lane.http_options = {**service.lane.http_options, "protocol_headers": {
            "X-ChannelKeeper-Protocol": "0", "X-ChannelKeeper-Schema": "0"}}
        dialog = window.sync_ui.show_sign_in()
        dialog.server_edit.setText(world.url)
        dialog.user_edit.setText("li.na")
        dialog.password_edit.setText(PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
        assert "too old for this server" in dialog.error_label.text()
    finally:
        window.close()


def test_the_timer_syncs_while_signed_in(qtbot, profile, world):
    window = open_window(qtbot, profile)
    try:
        service = sign_in(qtbot, window, world)
        assert service.scheduler.sync_timer.isActive()
        assert service.scheduler.sync_timer.interval() == 5 * 60 * 1000
        service.scheduler.sync_timer.setInterval(300)  # five minutes are too long for a test
        world.partner("深圳新兴科技", "li.na", tier="emerging", stage="intro")
        with qtbot.waitSignal(service.sync_finished, timeout=20000):
            pass  # nobody asks: the timer does
        qtbot.waitUntil(lambda: window.partners.model.rowCount() == 2, timeout=5000)
        with qtbot.waitSignal(service.signed_out, timeout=20000):
            service.sign_out()
        assert not service.scheduler.sync_timer.isActive()
    finally:
        window.close()


def test_cancel_while_signing_in_leaves_the_profile_signed_out(qtbot, profile, world):
    world.proxy.add("/api/auth/login", "slow", delay=1.0)
    window = open_window(qtbot, profile)
    try:
        service = window.sync_service
        dialog = window.sync_ui.show_sign_in()
        dialog.server_edit.setText(world.url)
        dialog.user_edit.setText("li.na")
        dialog.password_edit.setText(PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog.sign_in_button.text() == "Signing in…"
        dialog.reject()  # Cancel while the server is still answering
        with qtbot.waitSignal(service.signed_out, timeout=20000):
            pass  # the late success is undone
        assert not service.snapshot.signed_in and service.last_report is None
        assert window.sync_ui.status.state() == "signed_out"
        assert window.partners.model.rowCount() == 0
    finally:
        window.close()


def test_the_sync_lanes_connection_skips_the_crash_check_of_the_live_file(tmp_path, monkeypatch):
    """The open app keeps a write-ahead log: for the sync lane's second connection that
    is no crash sign, so it does not read the whole file (seconds on a large profile)."""
    from models import database
    from models.store import Store
    from tests.keys import open_test_database

    path = tmp_path / "profile.db"
    app_store = Store(open_test_database(path))
    try:
        app_store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
        assert (tmp_path / "profile.db-wal").stat().st_size > 0
        checks: list[str] = []
        monkeypatch.setattr(database, "_quick_check", lambda conn, p: checks.append(str(p)))
        open_test_database(path, migrate=False, already_open=True).conn.close()
        assert checks == []
        open_test_database(path, migrate=False).conn.close()
        assert checks == [str(path)]  # a stranger's open still checks
    finally:
        app_store.db.conn.close()
