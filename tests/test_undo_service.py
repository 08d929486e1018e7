"""One undo service for every delete (ui/undo.py): one offer at a time, one time
limit, the restore through the store, and the views that show the offer."""
from __future__ import annotations

from ui import undo as undo_module
from ui.operations.records import delete_record
from ui.undo_button import PartnerUndoButton

pytest_plugins = ("workspace_support",)


def test_a_newer_delete_replaces_the_offer_and_either_kind_comes_back(
        qtbot, harness, seeded, workspace):
    partner, history = seeded
    meeting_id = history["last_meeting"]["id"]
    button = PartnerUndoButton(harness.ctx.undo)
    qtbot.addWidget(button)
    workspace.show()
    with qtbot.waitSignal(harness.ctx.undo.offered, timeout=5000):
        delete_record(harness.ctx, "meeting", meeting_id, "Meeting deleted.")
    assert workspace.banner.isVisible() and not button.isVisible()
    # a partner deleted next: its offer replaces the meeting's, in the other view
    with qtbot.waitSignal(harness.ctx.undo.offered, timeout=5000):
        delete_record(harness.ctx, "partner", partner["id"], "Partner deleted.", "华东渠道")
    assert not workspace.banner.isVisible()
    assert "华东渠道" in button.text()
    with qtbot.waitSignal(harness.ctx.undo.restored, timeout=5000):
        button.click()
    assert not button.isVisible() and harness.ctx.undo.current is None
    assert harness.db(lambda s: s.find("partner", partner["id"])) is not None
    # the meeting's offer was withdrawn, not kept behind the partner's
    assert harness.db(lambda s: s.find("meeting", meeting_id)) is None


def test_every_offer_expires_after_the_same_time(qtbot, harness, seeded, workspace,
                                                 monkeypatch):
    partner, history = seeded
    monkeypatch.setattr(undo_module, "UNDO_VISIBLE_MS", 200)
    service = undo_module.UndoService(harness.ctx)
    for entity, rid in (("meeting", history["last_meeting"]["id"]), ("partner", partner["id"])):
        with qtbot.waitSignal(service.withdrawn, timeout=3000):
            service.offer(entity, rid, "deleted")
        assert service.current is None
