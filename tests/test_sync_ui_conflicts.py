"""Conflicts and refused changes through the UI, against the real server: a field
changed on this laptop and on the server shows both sides in the conflict view, and
each way of settling it (mine, theirs, merged) reaches the server and comes back."""
from __future__ import annotations

import json
import uuid

import pytest
from PySide6.QtCore import Qt

from desktop.paths import Profile
from sync.client.held_ops import HoldPolicy
from tests.sync_ui_world import PASSWORD, ServerWorld, open_window

MINE = "拜访记录（笔记本）：客户同意联合促销，返点按季度结算。"
THEIRS = "拜访记录（总部）：返点政策待定，下次会议再议。"


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path)
    w.add_user("li.na")
    w.add_user("wang.wei")
    w.east = w.partner("华东渠道分销商", "li.na", notes="初始备注")
    w.other = w.partner("北方战略伙伴", "wang.wei")
    yield w
    w.close()


@pytest.fixture
def window(qtbot, tmp_path, world):
    w = open_window(qtbot, Profile(tmp_path / "profile").ensure())
    service = w.sync_service
    dialog = w.sync_ui.show_sign_in()
    dialog.server_edit.setText(world.url)
    dialog.user_edit.setText("li.na")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not service.snapshot.syncing, timeout=5000)
    yield w
    w.close()


def make_conflict(qtbot, window, world) -> None:
    """The server's notes change (another device) while the laptop edits them too."""
    other = world.client("li.na")
    current = world.record(other, "partner", world.east)
    r = other.post("/api/sync/push", json={"ops": [{
        "op_id": str(uuid.uuid4()), "seq": 1, "entity": "partner", "entity_id": world.east,
        "op": "update", "changes": {"notes": [current["row"]["notes"], THEIRS]},
        "base_version": current["version"], "created_at": "2026-11-27 09:00:00"}]})
    assert r.json()["results"][0]["outcome"] == "applied", r.text
    window.ctx.call_db(lambda s: s.update("partner", world.east, {"notes": MINE}))
    service = window.sync_service
    with qtbot.waitSignal(service.sync_finished, timeout=20000) as done:
        window.sync_ui.sync_now()
    assert done.args[0].conflict == 1
    qtbot.waitUntil(lambda: service.snapshot.conflicts == 1, timeout=5000)


def open_view(qtbot, window):
    status = window.sync_ui.status
    assert status.conflicts_button.isVisible()
    assert status.conflicts_button.text() == "1 conflict to review"
    qtbot.mouseClick(status.conflicts_button, Qt.MouseButton.LeftButton)
    view = window.sync_ui.conflict_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    return view


@pytest.mark.parametrize("choice", ["mine", "theirs", "merged"])
def test_conflict_shows_both_sides_and_each_choice_reaches_the_server(qtbot, window, world, choice):
    make_conflict(qtbot, window, world)
    view = open_view(qtbot, window)
    # side by side, field by field
    assert view.mine_edit.toPlainText() == MINE
    assert view.theirs_edit.toPlainText() == THEIRS
    assert view.model.index(0, 0).data() == "华东渠道分销商"
    assert view.model.index(0, 2).data() == "Notes"
    assert MINE in view.merged_edit.toPlainText() and THEIRS in view.merged_edit.toPlainText()
    # before settling: the server kept its own value
    head = world.client("li.na")
    assert world.record(head, "partner", world.east)["row"]["notes"] == THEIRS

    merged = f"{THEIRS}\n补充：{MINE}"
    expected = {"mine": MINE, "theirs": THEIRS, "merged": merged}[choice]
    button = {"mine": view.keep_mine_button, "theirs": view.keep_theirs_button,
              "merged": view.use_merged_button}[choice]
    if choice == "merged":
        view.merged_edit.setPlainText(merged)
    service = window.sync_service
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert world.record(head, "partner", world.east)["row"]["notes"] == expected
    server_conflicts = head.get("/api/conflicts", params={"state": "all"}).json()["conflicts"]
    assert len(server_conflicts) == 1 and server_conflicts[0]["resolved_at"]
    assert server_conflicts[0]["resolution"] == {"mine": "incoming", "theirs": "server",
                                                 "merged": "custom"}[choice]
    # the value came back to this laptop, and nothing is left to review
    qtbot.waitUntil(lambda: window.ctx.call_db(
        lambda s: s.get("partner", world.east)["notes"]) == expected, timeout=5000)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and service.snapshot.conflicts == 0,
                    timeout=5000)
    assert view.empty_state.isVisible() or not view.isVisible()
    assert view.splitter_or_empty.is_empty()
    assert not window.sync_ui.status.conflicts_button.isVisible()
    # closed (and deleted), the view no longer listens: a later sync runs cleanly
    view.close()
    qtbot.waitUntil(lambda: window.sync_ui.conflict_view is None, timeout=5000)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        window.sync_ui.sync_now()


def test_refused_change_is_listed_with_its_reason_and_exported(qtbot, window, world, tmp_path):
    # a partner this laptop once received but that is not li.na's (any more): a contact
    # written for it is refused by the server (out of scope)
    def write(s):
        s.apply_remote("partner", {"id": world.other, "name_zh": "北方战略伙伴", "tier": "core",
                                   "stage": "mature"}, version=1)
        return s.create("contact", {"partner_id": world.other, "name": "赵经理",
                                    "phone": "13800000000"})

    contact = window.ctx.call_db(write)
    service = window.sync_service
    # a record the server does not show this laptop is held as "not yet" (it may still
    # arrive) until the wait is over: here the wait is one sync
    engine = service.lane.current_engine
    assert engine is not None
    engine.hold_policy = HoldPolicy(syncs=1, seconds=0)
    with qtbot.waitSignal(service.sync_finished, timeout=20000) as done:
        window.sync_ui.sync_now()
    assert done.args[0].rejected == 1
    status = window.sync_ui.status
    qtbot.waitUntil(lambda: status.rejected_button.isVisible(), timeout=5000)
    assert status.rejected_button.text() == "1 refused change"
    qtbot.mouseClick(status.rejected_button, Qt.MouseButton.LeftButton)
    view = window.sync_ui.rejected_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.model.index(0, 2).data() == "Contact: 赵经理"
    assert view.model.index(0, 3).data() == "created"
    # a partner no longer ours is answered like one that does not exist (issue 10 §3:
    # answers do not reveal foreign records)
    assert view.model.index(0, 4).data() == "The record no longer exists on the server."
    path = tmp_path / "refused.json"
    view.export_to(str(path))
    qtbot.waitUntil(lambda: "written" in view.message.text(), timeout=5000)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert [e["entity_id"] for e in exported] == [contact["id"]]
    assert exported[0]["reason"] == "unknown_record"
    # the local edit is still here: refused does not mean lost
    assert window.ctx.call_db(lambda s: s.get("contact", contact["id"]))["name"] == "赵经理"
    # reviewed: the status stops pointing at it, the list keeps it
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not status.rejected_button.isVisible(), timeout=5000)
    assert service.snapshot.rejected == 0
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)


def test_a_coded_field_shows_labels_and_offers_no_merge(qtbot, window, world):
    from ui import labels

    other = world.client("li.na")
    current = world.record(other, "partner", world.east)
    r = other.post("/api/sync/push", json={"ops": [{
        "op_id": str(uuid.uuid4()), "seq": 1, "entity": "partner", "entity_id": world.east,
        "op": "update", "changes": {"tier": [current["row"]["tier"], "strategic"]},
        "base_version": current["version"], "created_at": "2026-11-27 09:00:00"}]})
    assert r.json()["results"][0]["outcome"] == "applied", r.text
    window.ctx.call_db(lambda s: s.update("partner", world.east, {"tier": "emerging"}))
    service = window.sync_service
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        window.sync_ui.sync_now()
    qtbot.waitUntil(lambda: service.snapshot.conflicts == 1, timeout=5000)
    view = open_view(qtbot, window)
    assert view.mine_edit.toPlainText() == labels.tier_label("emerging")
    assert view.theirs_edit.toPlainText() == labels.tier_label("strategic")
    assert not view.merged_box.isEnabled() and not view.use_merged_button.isEnabled()
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(view.keep_mine_button, Qt.MouseButton.LeftButton)
    assert world.record(other, "partner", world.east)["row"]["tier"] == "emerging"


def test_a_conflict_raised_elsewhere_is_listed_and_says_whose_change_it_was(qtbot, window, world):
    """Two other devices of the manager's clash on a shared partner's notes: the laptop
    lists the conflict the server keeps, names who sent the change, and settles it."""
    first, second = world.client("li.na"), world.client("li.na")
    current = world.record(first, "partner", world.east)
    for client, text in ((first, THEIRS), (second, MINE)):
        r = client.post("/api/sync/push", json={"ops": [{
            "op_id": str(uuid.uuid4()), "seq": 1, "entity": "partner", "entity_id": world.east,
            "op": "update", "changes": {"notes": [current["row"]["notes"], text]},
            "base_version": current["version"], "created_at": "2026-11-27 09:00:00"}]})
        assert r.status_code == 200, r.text
    assert r.json()["results"][0]["outcome"] == "conflict"
    service = window.sync_service
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        window.sync_ui.sync_now()
    qtbot.waitUntil(lambda: service.snapshot.conflicts == 1, timeout=5000)
    view = open_view(qtbot, window)
    assert view.mine_edit.toPlainText() == MINE and view.theirs_edit.toPlainText() == THEIRS
    assert view.mine_box.title() == "The change by li.na (not from this laptop)"
    assert view.keep_mine_button.text() == "Keep &that change"
    assert "li.na changed it" in view.explanation.text()
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        qtbot.mouseClick(view.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert world.record(first, "partner", world.east)["row"]["notes"] == THEIRS
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and service.snapshot.conflicts == 0,
                    timeout=5000)
