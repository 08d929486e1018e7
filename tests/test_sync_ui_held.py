"""A change about a record the server does not have (yet) is held, and the window
says so: the real main window offscreen, the real server on 127.0.0.1."""
from __future__ import annotations

from sqlalchemy import delete

from desktop.paths import Profile
from sync.server.db import ENTITY_TABLES, write_tx
from tests.sync_ui_world import ServerWorld, open_window
from tests.test_sync_ui import signed_in_and_synced


def test_a_held_change_is_kept_pending_and_the_status_says_why(qtbot, tmp_path):
    world = ServerWorld(tmp_path)
    world.add_user("li.na")
    east = world.partner("华东渠道分销商", "li.na")
    window = open_window(qtbot, Profile(tmp_path / "profile").ensure())
    try:
        service = signed_in_and_synced(qtbot, window, world)
        mid = window.ctx.call_db(lambda s: s.create("meeting", {
            "partner_id": east, "type": "visit", "starts_at": "2026-11-20 10:00",
            "notes": "拜访"})["id"])
        with qtbot.waitSignal(service.sync_finished, timeout=20000):
            window.sync_ui.sync_now()
        # the server loses the meeting (as a restore from an older backup does)
        with write_tx(world.engine) as conn:
            conn.execute(delete(ENTITY_TABLES["meeting"]).where(ENTITY_TABLES["meeting"].c.id == mid))
        window.ctx.call_db(lambda s: s.update("meeting", mid, {"agenda": "等服务器有这条记录"}))
        with qtbot.waitSignal(service.sync_finished, timeout=20000) as finished:
            window.sync_ui.sync_now()
        assert finished.args[0].held == 1
        qtbot.waitUntil(lambda: "waits for a record the server does not have yet"
                        in window.statusBar().currentMessage(), timeout=5000)
        # the status is re-read in the database lane after the sync: wait for it
        qtbot.waitUntil(lambda: not service.snapshot.syncing and service.snapshot.pending == 1,
                        timeout=5000)
        assert service.snapshot.rejected == 0
        assert window.ctx.call_db(lambda s: s.get("meeting", mid))["agenda"] == "等服务器有这条记录"
    finally:
        window.close()
        world.close()
