"""A remote wipe reaching a laptop whose app is running: the real window signed in to
the real server, head office marks the device lost, the app's next sync pushes what
it holds, then the app process itself closes the profile, erases its data and keyring
entries, says so in a window of its own and confirms to the server."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.paths import Profile
from desktop.wipe import NOTE_NAME, remaining
from sync.server.admin import list_devices, wipe_device
from tests.sync_ui_world import PASSWORD, ServerWorld, open_window


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path)
    w.add_user("li.na")
    w.east = w.partner("华东渠道分销商", "li.na")
    yield w
    w.close()


def _notice():
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "wiped_notice" and w.isVisible()), None)


def test_the_running_app_pushes_then_erases_its_profile_and_says_so(qtbot, tmp_path, world,
                                                                    memory_keyring):
    profile = Profile(tmp_path / "profile").ensure()
    window = open_window(qtbot, profile)
    service = window.sync_service
    dialog = window.sync_ui.show_sign_in()
    dialog.server_edit.setText(world.url)
    dialog.user_edit.setText("li.na")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not service.snapshot.syncing, timeout=5000)
    window.ctx.call_db(lambda s: s.update("partner", world.east, {"notes": "丢失前最后的备注"}))
    assert memory_keyring.data  # the refresh token and the device key
    (device,) = list_devices(world.engine)
    wipe_device(world.engine, world.settings, device["id"])

    with qtbot.waitSignal(service.wipe_requested, timeout=20000):
        window.sync_ui.sync_now()  # the app's own next sync (the timer's, or F9)
    qtbot.waitUntil(lambda: _notice() is not None
                    and "erased" in _notice().informativeText(), timeout=20000)
    notice = _notice()
    assert "reported this computer lost" in notice.text()
    assert "Head office has been told" in notice.informativeText()
    assert not window.isVisible()
    # what it held reached the server before the erase
    head = world.client("li.na")
    assert world.record(head, "partner", world.east)["row"]["notes"] == "丢失前最后的备注"
    # nothing of the profile's data or secrets is left on this computer
    assert remaining(profile) == []
    assert (profile.root / NOTE_NAME).exists()
    assert not any(p.name.startswith("channelkeeper.db") for p in profile.root.iterdir())
    assert memory_keyring.data == {}
    (after,) = [d for d in list_devices(world.engine) if d["id"] == device["id"]]
    assert after["wiped_at"] and after["revoked_at"]
    notice.close()
