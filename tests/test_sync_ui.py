"""The sync UI end to end: the real main window offscreen on a real profile, the real
server on 127.0.0.1 (behind a fault proxy for offline), an in-memory keyring."""
from __future__ import annotations

import json

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.sync.memory_keyring import NoKeyring
from tests.sync_ui_world import PASSWORD, ServerWorld, open_window


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path)
    w.add_user("li.na")
    w.add_user("wang.wei")
    w.east = w.partner("华东渠道分销商", "li.na", name_en="East China Distribution")
    w.south = w.partner("深圳新兴科技", "li.na", tier="emerging", stage="intro")
    w.partner("北方战略伙伴", "wang.wei")  # someone else's: never on li.na's laptop
    yield w
    w.close()


@pytest.fixture
def window(qtbot, profile):
    w = open_window(qtbot, profile)
    yield w
    w.close()


def sign_in(qtbot, window, world, password=PASSWORD, user="li.na", server=None, dialog=None):
    """Fill the sign-in dialog (the one shown, or a new one) and press Sign in."""
    dialog = dialog or window.sync_ui.show_sign_in()
    dialog.server_edit.setText(server or world.url)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def signed_in_and_synced(qtbot, window, world, dialog=None):
    service = window.sync_service
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        sign_in(qtbot, window, world, dialog=dialog)
    # the status is re-read in the database lane after the sync: wait for its answer
    qtbot.waitUntil(lambda: not service.snapshot.syncing
                    and service.snapshot.last_sync_at is not None, timeout=5000)
    return service


def test_sign_in_wrong_password_then_right_syncs_partners(qtbot, window, world):
    service = window.sync_service
    assert window.sync_ui.status.state() == "signed_out"
    dialog = sign_in(qtbot, window, world, password="wrong")
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert "not correct" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.password_edit.isEnabled()
    assert window.partners.model.rowCount() == 0

    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: window.sync_ui.sign_in_dialog is None, timeout=5000)  # closed
    rows = window.ctx.call_db(lambda s: s.rows("partner"))
    assert {r["name_zh"] for r in rows} == {"华东渠道分销商", "深圳新兴科技"}
    qtbot.waitUntil(lambda: service.snapshot.last_sync_at is not None, timeout=5000)
    status = window.sync_ui.status
    assert status.state() == "online"
    assert "Online" in status.state_label.text() and "all changes sent" in status.state_label.text()
    # the refresh token went to the (test) keyring, never to the database
    assert any(k[1].startswith("refresh-token") for k in keyring.get_keyring().data)  # type: ignore[attr-defined]
    settings = window.ctx.call_db(lambda s: s.query("SELECT value FROM settings"))
    token = next(iter(keyring.get_keyring().data.values()))  # type: ignore[attr-defined]
    assert all(token not in str(r["value"]) for r in settings)


def test_plain_http_to_another_computer_needs_the_explicit_option(qtbot, window, world):
    dialog = sign_in(qtbot, window, world, server="http://192.0.2.10:8765")
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert "not encrypted" in dialog.error_label.text()
    # ticked: the address is allowed, and then simply not reachable (TEST-NET address)
    dialog.insecure_check.setChecked(True)
    dialog.error_label.hide()
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=20000)
    assert "cannot be reached" in dialog.error_label.text()


def test_empty_fields_and_rate_limit_are_explained(qtbot, window, world):
    dialog = window.sync_ui.show_sign_in()
    dialog.server_edit.setText(world.url)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Enter your user name."
    dialog.user_edit.setText("li.na")
    for _ in range(6):
        dialog.password_edit.setText("wrong")
        dialog.error_label.hide()
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert "Too many failed attempts" in dialog.error_label.text()


def test_without_a_keyring_the_dialog_says_so_and_the_session_still_works(qtbot, window, world,
                                                                          memory_keyring):
    # the profile opened with its key in the test's keyring; the keyring goes only now
    keyring.set_keyring(NoKeyring())
    try:
        dialog = window.sync_ui.show_sign_in()
        qtbot.waitUntil(lambda: dialog.keyring_note.isVisible(), timeout=5000)
        assert "no keyring" in dialog.keyring_note.text()
        dialog.close()
        service = signed_in_and_synced(qtbot, window, world)
        assert service.snapshot.signed_in and not service.snapshot.keyring_persistent
        qtbot.waitUntil(lambda: window.partners.model.rowCount() == 2, timeout=5000)
    finally:
        keyring.set_keyring(memory_keyring)


def test_sync_button_runs_one_sync_at_a_time(qtbot, window, world):
    service = signed_in_and_synced(qtbot, window, world)
    runs_before = window.ctx.call_db(lambda s: s.query("SELECT count(*) AS n FROM sync_runs"))[0]["n"]
    world.proxy.add("/api/sync/pull", "slow", delay=1.5)
    button = window.sync_ui.status.sync_button
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert service.running and not button.isVisible()  # Stop takes its place
        assert window.sync_ui.status.stop_button.isVisible()
        assert window.sync_ui.status.state() == "syncing"
        # the shortcut, the menu action and the service itself all refuse a second one
        window.sync_ui.act_sync.trigger()
        assert window.sync_ui.sync_now() is False
        assert service.sync_now() is False
    # a second sync, had one been started, would be queued in the network lane
    assert window.ctx.jobs.net.wait_idle(10)
    runs = window.ctx.call_db(lambda s: s.query("SELECT count(*) AS n FROM sync_runs"))[0]["n"]
    assert runs == runs_before + 1
    assert button.isVisible() and not window.sync_ui.status.stop_button.isVisible()
    assert not service.running
    assert window.sync_ui.act_sync.shortcut().toString() == "F9"


def test_stop_ends_a_running_sync_and_the_next_one_goes_on(qtbot, window, world):
    service = signed_in_and_synced(qtbot, window, world)
    created = [window.ctx.call_db(lambda s, i=i: s.create(
        "meeting", {"partner_id": world.east, "type": "visit",
                    "starts_at": "2026-11-20 10:00", "notes": f"停止测试 {i}"}))["id"]
        for i in range(3)]
    world.proxy.add("/api/sync/pull", "slow", delay=1.5)
    status = window.sync_ui.status
    failed = []
    service.sync_failed.connect(lambda kind, _msg: failed.append(kind))
    assert window.sync_ui.act_stop.shortcut().toString() == "Shift+F9"
    assert not window.sync_ui.act_stop.isEnabled()
    window.sync_ui.sync_now()
    qtbot.waitUntil(lambda: status.stop_button.isVisible(), timeout=5000)
    assert window.sync_ui.act_stop.isEnabled()
    qtbot.mouseClick(status.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not service.snapshot.syncing, timeout=20000)
    assert failed == ["cancelled"]
    assert status.state() == "online" and status.sync_button.isVisible()
    assert "Sync stopped" in window.statusBar().currentMessage()
    # stopped before or after its push (depending on when the job got its turn): the
    # next sync goes on, and each meeting reaches the server once
    world.proxy.clear()
    with qtbot.waitSignal(service.sync_finished, timeout=20000) as done:
        window.sync_ui.sync_now()
    assert done.args[0].verified
    assert window.ctx.call_db(lambda s: s.pending_count()) == 0
    head = world.client("li.na")
    versions = [world.record(head, "meeting", mid)["version"] for mid in created]
    assert all(v > 0 for v in versions)
    ops = window.ctx.call_db(lambda s: s.query(
        "SELECT state, count(*) AS n FROM outbox WHERE entity_id IN (?, ?, ?) GROUP BY state",
        created))
    assert ops == [{"state": "acked", "n": 3}]


def test_offline_keeps_edits_pending_and_syncs_when_the_network_is_back(qtbot, profile, world):
    window = open_window(qtbot, profile, probe_interval_ms=300)
    try:
        service = signed_in_and_synced(qtbot, window, world)
        world.offline()
        window.ctx.call_db(lambda s: s.update("partner", world.east, {"notes": "离线时写的拜访记录"}))
        with qtbot.waitSignal(service.sync_failed, timeout=20000) as failed:
            window.sync_ui.sync_now()
        assert failed.args[0] == "offline"
        status = window.sync_ui.status
        qtbot.waitUntil(lambda: status.state() == "offline" and service.snapshot.pending == 1,
                        timeout=5000)
        assert "Offline" in status.state_label.text() and "1 change waiting" in status.state_label.text()
        assert window.ctx.call_db(lambda s: s.pending_count()) == 1
        # probes keep failing while offline, and send nothing: wait for two more of them
        probes = len(world.proxy.log)
        qtbot.waitUntil(lambda: len(world.proxy.log) >= probes + 2, timeout=10000)
        assert window.ctx.call_db(lambda s: s.pending_count()) == 1

        with qtbot.waitSignal(service.sync_finished, timeout=20000):
            world.online()  # the probe notices within ~0.3 s and syncs
        qtbot.waitUntil(lambda: status.state() == "online" and service.snapshot.pending == 0,
                        timeout=5000)
        head = world.client("li.na")
        assert world.record(head, "partner", world.east)["row"]["notes"] == "离线时写的拜访记录"
    finally:
        window.close()


def test_remote_changes_reach_the_open_views(qtbot, window, world):
    service = signed_in_and_synced(qtbot, window, world)
    world.partner("成都普通分销", "li.na", tier="ordinary", stage="running_in")
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        window.sync_ui.sync_now()
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 3, timeout=5000)


def test_a_sync_tells_the_views_with_its_stores_own_change_events(qtbot, window, world):
    service = signed_in_and_synced(qtbot, window, world)
    heard: list = []
    window.ctx.changed.connect(lambda change: heard.append(change))
    service.sync_finished.connect(lambda report: heard.append("finished"))
    new = world.partner("成都普通分销", "li.na", tier="ordinary", stage="running_in")
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        window.sync_ui.sync_now()
    # what the lane's store committed (the pulled partner), as "remote", before the end
    remote = [c for c in heard[:heard.index("finished")] if c != "finished" and c.kind == "remote"]
    assert [(c.entity, c.ids) for c in remote] == [("partner", (new,))]


def test_writes_of_a_failed_lane_job_still_reach_the_views(qtbot, window, world):
    """A sync that fails half way keeps the pages it applied: the views hear of them
    (as they would of a local write), before the failure is reported."""
    service = signed_in_and_synced(qtbot, window, world)
    heard: list = []
    window.ctx.changed.connect(lambda change: heard.append(change))

    def half_done() -> None:
        service.lane.store().apply_remote(
            "partner", {"id": "c0ffee00-0000-4000-8000-000000000001", "name_zh": "半途写入的渠道",
                        "tier": "core", "stage": "mature"}, version=10_000)
        raise ConnectionError("the network went away after the first page")

    failed: list = []
    service.net(half_done, lambda _: None, lambda exc: failed.append(heard.copy()))
    qtbot.waitUntil(lambda: bool(failed), timeout=10000)
    (before_failure,) = failed
    assert [(c.entity, c.ids, c.kind) for c in before_failure] == [
        ("partner", ("c0ffee00-0000-4000-8000-000000000001",), "remote")]
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 3, timeout=5000)


def test_sign_out_with_pending_changes_warns_and_offers_an_export(qtbot, window, world, tmp_path,
                                                                   monkeypatch):
    service = signed_in_and_synced(qtbot, window, world)
    world.offline()
    window.ctx.call_db(lambda s: s.update("partner", world.south, {"goals": "季度销售额增长15%"}))
    qtbot.waitUntil(lambda: service.snapshot.pending == 1, timeout=5000)
    export = tmp_path / "unsent.json"
    monkeypatch.setattr("ui.sync.sync_controller.QFileDialog.getSaveFileName",
                        staticmethod(lambda *a, **k: (str(export), "")))
    seen = {}

    def answer(box: QMessageBox, which: str) -> None:
        seen["text"] = box.text()
        button = next(b for b in box.buttons() if b.text().startswith(which))
        button.click()

    # Cancel first: nothing happens
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Cancel"))
    window.sync_ui.sign_out()
    assert seen["text"].startswith("1 change has not reached the server yet")
    assert service.snapshot.signed_in
    # then Export them first: the file holds the op, and the sign-out goes ahead
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Export"))
    with qtbot.waitSignal(service.signed_out, timeout=20000):
        window.sync_ui.sign_out()
    qtbot.waitUntil(export.exists, timeout=5000)
    ops = json.loads(export.read_text(encoding="utf-8"))
    assert len(ops) == 1 and ops[0]["entity_id"] == world.south
    assert ops[0]["changes"]["goals"][1] == "季度销售额增长15%"
    assert not service.snapshot.signed_in
    assert window.ctx.call_db(lambda s: s.pending_count()) == 1  # kept for the next sign-in
    assert window.sync_ui.status.state() == "signed_out"



def test_the_sync_ui_speaks_chinese(qtbot, window, world):
    from desktop.app import install_language

    signed_in_and_synced(qtbot, window, world)
    ui = window.sync_ui
    try:
        assert install_language("zh_CN") == "zh_CN"
        qtbot.waitUntil(lambda: ui.menu.title() == "同步(&Y)", timeout=3000)
        assert ui.status.state_label.text().startswith("在线 · 上次同步")
        assert "所有修改已发送" in ui.status.state_label.text()
        assert ui.status.sync_button.text() == "立即同步"
        dialog = ui.show_sign_in()
        assert dialog.windowTitle() == "登录同步服务器"
        dialog.close()
    finally:
        install_language("en")
    qtbot.waitUntil(lambda: ui.menu.title() == "S&ync", timeout=3000)


def test_a_first_sync_indexes_for_search_in_the_background(qtbot, window, world):
    service = window.sync_service
    seen: list = []
    # connected after the status widget's own slot: the label is already updated
    service.status_changed.connect(
        lambda s: seen.append((s.indexing, window.sync_ui.status.state_label.text())))
    signed_in_and_synced(qtbot, window, world)
    qtbot.waitUntil(lambda: any(i == (2, 2) for i, _ in seen) and service.snapshot.indexing is None,
                    timeout=10000)
    assert (0, 2) in [i for i, _ in seen]  # the two partners: counted, then indexed
    assert any("preparing search" in text for i, text in seen if i)
    assert "preparing search" not in window.sync_ui.status.state_label.text()
    assert not window.ctx.call_db(lambda s: s.search_backlog_pending())
    assert [h.entity for h in window.ctx.call_db(lambda s: s.search("华东"))] == ["partner"]
