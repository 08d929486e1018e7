""""Try the demo" end to end: the first-start offer's third choice starts the real
reference server inside the app (a thread) on 127.0.0.1, seeds the demo organisation, signs in
as a demo manager and syncs; quitting stops the server; the next start brings it back."""
from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.paths import Profile
from tests.sync_ui_world import open_window


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def click_when_shown(object_name: str) -> QTimer:
    """Click the button ``object_name`` of whatever modal dialog shows up (the offer
    runs its own event loop)."""
    timer = QTimer()
    timer.setInterval(50)

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            button = w.findChild(QPushButton, object_name) if w.isVisible() else None
            if button is not None and button.isVisible():
                timer.stop()
                button.click()
                return

    timer.timeout.connect(look)
    timer.start()
    return timer


@pytest.mark.timeout(400)  # seeding and two server starts; slow on a loaded machine
def test_try_the_demo_from_the_first_start_offer(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    clicker = click_when_shown("try_demo")
    # the app's own HTTP patience: the demo server shares this machine's load
    window = open_window(qtbot, profile, offer_demo=True, http_options={})
    service = window.sync_service
    progress_seen: list[tuple[str, int, int]] = []
    status_texts: list[str] = []
    service.progress.connect(lambda *args: progress_seen.append(args))
    service.progress.connect(
        lambda *_: status_texts.append(window.sync_ui.status.state_label.text()))
    qtbot.waitUntil(lambda: window.sync_ui.try_demo is not None, timeout=30000)
    progress = window.sync_ui.try_demo.dialog
    qtbot.waitUntil(lambda: progress.isVisible(), timeout=15000)
    assert "Step 1 of 3" in progress.labelText()
    with qtbot.waitSignal(window.sync_ui.try_demo.finished, timeout=180000) as finished:
        pass
    clicker.stop()
    assert finished.args == [True]
    server = service.demo.server
    assert server.running and server.base_url.startswith("http://127.0.0.1:")
    assert (profile.server_dir / "server.db").exists()
    # the demo users are kept by name only: each sign-in sets a fresh password
    assert "password" not in (profile.server_dir / "sign-ins.json").read_text()
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 30, timeout=30000)  # li.na's half
    snap = service.snapshot
    assert snap.signed_in and snap.demo and snap.user == "li.na" and snap.pending == 0
    assert "Demo server" in window.sync_ui.status.state_label.text()
    meetings = window.ctx.call_db(lambda s: s.count("meeting"))
    assert meetings > 0
    # the first sync is paged: the status area heard each page's running count
    pulled = [done for phase, done, _total in progress_seen if phase == "pull"]
    assert len(pulled) >= 2 and pulled == sorted(pulled) and pulled[-1] > 500
    assert "Receiving: page 2," in " | ".join(status_texts)
    port = server.port
    # the server runs inside the app (no child interpreter): a thread of this process
    assert [t for t in threading.enumerate() if t.name == "demo-server"]

    window.close()
    assert not server.running  # stopped when the app quit
    assert not [t for t in threading.enumerate() if t.name == "demo-server"]
    qtbot.waitUntil(lambda: not port_open(port), timeout=15000)

    # the next start brings the same demo server back and syncs with it
    again = open_window(qtbot, profile, offer_demo=True, http_options={})
    try:
        service = again.sync_service
        qtbot.waitUntil(lambda: service.last_report is not None, timeout=120000)
        assert service.demo.server.running and service.demo.server.port == port
        assert service.snapshot.signed_in and service.snapshot.online
        assert again.partners.model.rowCount() == 30
        assert again.sync_ui.try_demo is None  # no offer: the profile has partners
    finally:
        again.close()
    assert not service.demo.server.running
