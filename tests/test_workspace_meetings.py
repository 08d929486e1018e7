"""Meeting capture: typing autosaves, a note line becomes an action item by keyboard,
agenda templates carry over open action items, delete can be undone."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _new_meeting(qtbot, workspace):
    before = workspace.meetings.model.rowCount()
    workspace.new_meeting()
    qtbot.waitUntil(lambda: workspace.meetings.model.rowCount() == before + 1
                    and workspace.meetings.editor.meeting_id() is not None
                    and workspace.meetings.editor.agenda_edit.toPlainText() != "", timeout=5000)
    return workspace.meetings.editor


def test_typed_notes_are_saved_without_pressing_save(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    text = "陈总提到华东区门店缺货严重，希望我们缩短补货周期。"
    type_text(editor.notes_edit, text)
    assert editor.indicator.text() == "Saving…"
    qtbot.waitUntil(
        lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"]) == text, timeout=5000)
    qtbot.waitUntil(lambda: editor.indicator.text().startswith("Saved "), timeout=3000)
    # and the edit went to the outbox like any local write
    updates = [o for o in harness.db(lambda s: s.outbox()) if o["entity_id"] == meeting_id
               and o["op"] == "update"]
    assert updates and updates[-1]["changes"]["notes"][1] == text


def test_location_and_attendees_autosave(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.location_edit, "杭州门店")
    type_text(editor.partner_edit, "陈总")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("planned"))
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id))["attendees_partner"]
                    == "陈总", timeout=5000)
    row = harness.db(lambda s: s.get("meeting", meeting_id))
    assert (row["location"], row["status"]) == ("杭州门店", "planned")


def test_switching_partner_flushes_the_pending_edit(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "最后一句话")
    other = harness.db(lambda s: s.create_partner(name_zh="西南新锐渠道", tier="emerging",
                                                   stage="intro"))
    workspace.open_partner(other["id"])  # no waiting: the flush is synchronous
    assert harness.db(lambda s: s.get("meeting", meeting_id)["notes"]) == "最后一句话"
    qtbot.waitUntil(lambda: workspace.name_label.text() == "西南新锐渠道", timeout=5000)
    assert workspace.meetings.editor.meeting_id() is None


def test_note_line_becomes_an_action_item_by_keyboard(qtbot, workspace, harness, seeded, type_text):
    partner = seeded[0]
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "门店反映物流慢")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return)
    type_text(editor.notes_edit, "对方：下周提交门店名单")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_3, CTRL_SHIFT)  # severity: high
    assert editor.severity_combo.currentData() == "high"
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    assert editor.notes_edit.toPlainText() == "门店反映物流慢\n→ 对方：下周提交门店名单"

    def created():
        return harness.db(lambda s: s.rows("action_item", "meeting_id = ?", [meeting_id]))

    qtbot.waitUntil(lambda: len(created()) == 1, timeout=5000)
    item = created()[0]
    assert item["title"] == "下周提交门店名单"
    assert (item["owner_side"], item["severity"], item["status"]) == ("partner", "high", "open")
    assert item["partner_id"] == partner["id"]
    assert item["due_on"] == "2026-11-29"  # core partner, high severity: 2 days
    # the marked line is saved with the notes, and the cursor can keep typing
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"])
                    == "门店反映物流慢\n→ 对方：下周提交门店名单", timeout=5000)
    assert editor.severity_combo.currentData() == "medium"  # back to the default
    # a converted line is not converted twice
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    assert harness.jobs.db.wait_idle(5)  # a second conversion, had one started, is written
    QCoreApplication.processEvents()
    assert len(created()) == 1
    # the first line (ours by default) converts too
    cursor = editor.notes_edit.textCursor()
    cursor.setPosition(2)
    editor.notes_edit.setTextCursor(cursor)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(created()) == 2, timeout=5000)
    ours = [i for i in created() if i["title"] == "门店反映物流慢"]
    assert ours and ours[0]["owner_side"] == "ours" and ours[0]["severity"] == "medium"
    assert editor.notes_edit.toPlainText().startswith("→ 门店反映物流慢\n")
    # the Actions tab lists both
    workspace.tabs.setCurrentWidget(workspace.actions_tab)
    qtbot.waitUntil(lambda: workspace.actions_tab.proxy.rowCount() == 4, timeout=5000)


def test_convert_action_is_a_discoverable_shortcut(workspace):
    act = workspace.meetings.editor.convert_action
    assert act.shortcut().toString() == "Ctrl+Shift+A"
    assert "Ctrl+Shift+A" in act.toolTip() and "Ctrl+Shift+A" in act.statusTip()


def test_regular_review_agenda_carries_over_open_action_items(qtbot, workspace, seeded):
    _partner, history = seeded
    editor = _new_meeting(qtbot, workspace)
    agenda = editor.agenda_edit.toPlainText()
    assert editor.type_combo.currentData() == "regular_review"
    assert "carried over from the last meeting" in agenda
    # the last meeting's item is listed first, the other open one after; closed is not
    assert agenda.index("缩短补货周期到 7 天") < agenda.index("Other open action items")
    assert agenda.index("Other open action items") < agenda.index("提交季度库存报表")
    assert history["closed_item"]["title"] not in agenda


def test_changing_type_replaces_an_untouched_agenda_only(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("training"))
    qtbot.waitUntil(lambda: editor.agenda_edit.toPlainText().startswith("1. Training topic"),
                    timeout=5000)
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id))["type"] == "training",
                    timeout=5000)
    type_text(editor.agenda_edit, " — 新品培训")
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("visit"))
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id))["type"] == "visit",
                    timeout=5000)
    # an agenda query, had the change started one, has answered, and its answer is in
    assert harness.jobs.db.wait_idle(5)
    QCoreApplication.processEvents()
    assert "新品培训" in editor.agenda_edit.toPlainText()


def test_delete_meeting_then_undo(qtbot, workspace, harness, seeded):
    workspace.tabs.setCurrentWidget(workspace.meetings)
    last_id = seeded[1]["last_meeting"]["id"]
    workspace.meetings.select(last_id)
    assert workspace.meetings.editor.meeting_id() == last_id
    workspace.meetings.view.setFocus()
    qtbot.keyClick(workspace.meetings.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: workspace.banner.isVisible(), timeout=5000)
    assert harness.db(lambda s: s.find("meeting", last_id)) is None
    qtbot.waitUntil(lambda: workspace.meetings.model.row_of(last_id) < 0, timeout=5000)
    qtbot.mouseClick(workspace.banner.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.meetings.model.row_of(last_id) >= 0, timeout=5000)
    assert harness.db(lambda s: s.find("meeting", last_id))["notes"].startswith("渠道反映")
    assert not workspace.banner.isVisible()
    qtbot.waitUntil(lambda: workspace.meetings.editor.meeting_id() == last_id, timeout=5000)


def test_show_record_selects_a_meeting(qtbot, workspace, seeded):
    training_id = seeded[1]["training"]["id"]
    workspace.show_record("meeting", training_id)
    qtbot.waitUntil(lambda: workspace.meetings.editor.meeting_id() == training_id, timeout=5000)
    assert workspace.tabs.currentWidget() is workspace.meetings
    assert workspace.meetings.editor.location_edit.text() == "杭州门店"
    assert workspace.meetings.editor.type_combo.currentData() == "training"


def test_workspace_lists_its_shortcuts_for_the_help(workspace):
    keys = {a.shortcut().toString(): a.text() for a in workspace.shortcut_actions()}
    assert keys["Ctrl+Shift+A"] == "Line → action item"
    assert keys["Ctrl+Shift+3"] == "Next action severity: High"
    assert keys["Ctrl+Shift+Z"] == "Undo the last delete"
    assert keys["Ctrl+S"] == "Save profile"
    assert keys["Ctrl+Right"] == "Next step"
    assert keys["Alt+2"] == "Show tab Meetings"
    assert "Ctrl+N" not in keys and "Ctrl+J" not in keys  # the main window's


def test_sync_echo_of_the_open_meeting_leaves_the_editor_alone(qtbot, workspace, harness,
                                                                 type_text, monkeypatch):
    editor = _new_meeting(qtbot, workspace)
    handed: list[int] = []  # versions the workspace handed to the editor
    refresh = editor.refresh
    monkeypatch.setattr(editor, "refresh", lambda row: (handed.append(row["version"]),
                                                        refresh(row)))
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "门店反映物流慢")
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
    cursor = editor.notes_edit.textCursor()
    cursor.setPosition(2)
    editor.notes_edit.setTextCursor(cursor)
    # the server acknowledges our save: same content, a new version
    row = harness.db(lambda s: s.get("meeting", meeting_id))
    harness.db(lambda s: s.apply_remote("meeting", row, version=7))
    qtbot.waitUntil(lambda: 7 in handed, timeout=5000)
    assert editor.notes_edit.textCursor().position() == 2
    assert editor.notes_edit.document().isUndoAvailable()  # undo history kept
    # a real change from another device is shown, the cursor kept in place
    harness.db(lambda s: s.apply_remote(
        "meeting", {**row, "notes": "门店反映物流慢（已跟进）"}, version=8))
    qtbot.waitUntil(lambda: editor.notes_edit.toPlainText() == "门店反映物流慢（已跟进）",
                    timeout=5000)
    assert editor.notes_edit.textCursor().position() == 2


def test_closing_flushes_the_pending_edit(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.decisions_edit, "双方各承担 50% 费用")
    assert editor.saver.has_pending()
    workspace.close()  # no waiting: the final flush is synchronous
    assert harness.db(lambda s: s.get("meeting", meeting_id)["decisions"]) == "双方各承担 50% 费用"


def test_keyboard_flow_and_ctrl_z_in_the_notes(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    # from the list, Enter goes to the notes; Tab from the partner's attendees too
    workspace.meetings.view.setFocus()
    qtbot.keyClick(workspace.meetings.view, Qt.Key.Key_Return)
    assert editor.notes_edit.hasFocus()
    editor.partner_edit.setFocus()
    qtbot.keyClick(editor.partner_edit, Qt.Key.Key_Tab)
    assert editor.notes_edit.hasFocus()
    type_text(editor.notes_edit, "abc")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.notes_edit.toPlainText() != "abc"  # undone as any editor does
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"])
                    == (editor.notes_edit.toPlainText() or None), timeout=5000)


def test_hiding_the_workspace_saves_in_the_background(qtbot, workspace, harness, type_text):
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "切换页面前的最后一句")
    workspace.hide()  # the main window shows Today instead
    # sooner than the idle delay would have written it
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"])
                    == "切换页面前的最后一句", timeout=700)
    assert not editor.saver.has_pending()


def test_a_new_meeting_moved_into_the_future_becomes_planned(qtbot, workspace, harness):
    """Planning a visit from the meetings tab: the new meeting starts held (now), and
    giving it a later date makes it planned, so it never counts as a visit early."""
    from PySide6.QtCore import QDateTime

    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    assert harness.db(lambda s: s.get("meeting", meeting_id))["status"] == "held"
    later = QDateTime.currentDateTime().addDays(9)
    editor.starts_edit.setDateTime(later)
    assert editor.status_combo.currentData() == "planned"
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id))["status"]
                    == "planned", timeout=5000)
    # moved back to the past it stays what the user chose: no guess either way
    editor.starts_edit.setDateTime(QDateTime.currentDateTime().addDays(-3))
    assert editor.status_combo.currentData() == "planned"


def test_a_line_is_marked_internal_by_keyboard_and_unmarked_again(qtbot, workspace, harness,
                                                                  type_text):
    """Ctrl+Shift+I marks the line under the cursor internal (never in a partner's
    pack); pressed again, it unmarks it. The line is greyed while marked."""
    from models.internal_lines import is_internal

    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "双方确认下季度目标")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return)
    type_text(editor.notes_edit, "- 对方老板在看竞品")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_I, CTRL_SHIFT)
    lines = editor.notes_edit.toPlainText().split("\n")
    assert lines[0] == "双方确认下季度目标" and is_internal(lines[1])
    assert lines[1].startswith("- ") and lines[1].endswith("对方老板在看竞品")
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"])
                    == editor.notes_edit.toPlainText(), timeout=5000)
    block = editor.notes_edit.document().findBlockByNumber(1)
    formats = block.layout().formats()
    assert formats and formats[0].format.fontItalic()
    # an internal line never becomes an action item (those print in the partner's copy)
    messages = []
    harness.ctx.status_message.connect(messages.append)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    assert harness.jobs.db.wait_idle(5)
    QCoreApplication.processEvents()
    assert harness.db(lambda s: s.rows("action_item", "meeting_id = ?", [meeting_id])) == []
    assert messages and "internal" in messages[-1].lower()
    # typing goes on where it was; the shortcut again takes the mark away
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_I, CTRL_SHIFT)
    assert editor.notes_edit.toPlainText() == "双方确认下季度目标\n- 对方老板在看竞品"
    act = editor.internal_action
    assert act.shortcut().toString() == "Ctrl+Shift+I" and "Ctrl+Shift+I" in act.toolTip()


def test_a_converted_line_gets_an_owner_by_default_or_as_typed(qtbot, workspace, harness,
                                                               type_text):
    """Ctrl+Shift+A: ours → the manager's name from Settings; the partner's → the
    partner's first attendee; a name typed in the Owner box wins (then clears)."""
    harness.db(lambda s: s.set_setting("manager_name", "李娜"))
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    editor.partner_edit.setFocus()
    type_text(editor.partner_edit, "陈总、王经理")
    editor.notes_edit.setFocus()
    type_text(editor.notes_edit, "整理补货数据")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return)
    type_text(editor.notes_edit, "对方：提交门店名单")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return)
    type_text(editor.notes_edit, "对方：确认活动预算")
    editor.owner_edit.setText("王经理")
    editor.notes_edit.setFocus()
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    assert editor.owner_edit.text() == ""

    def owners():
        rows = harness.db(lambda s: s.rows("action_item", "meeting_id = ?", [meeting_id]))
        return {r["title"]: r["owner_name"] for r in rows}

    qtbot.waitUntil(lambda: len(owners()) == 3, timeout=5000)
    assert owners() == {"整理补货数据": "李娜", "提交门店名单": "陈总", "确认活动预算": "王经理"}


def test_the_tab_opens_the_latest_meeting_for_reading_not_a_cancelled_one(
        qtbot, workspace, harness, seeded, type_text):
    """A cancelled latest meeting is skipped; a past meeting opens read-only (typing
    changes nothing) until Edit (F2) unlocks it."""
    partner = seeded[0]
    latest_held = harness.db(lambda s: s.rows(
        "meeting", "partner_id = ? AND coalesce(status, 'held') = 'held'", [partner["id"]],
        order_by="starts_at DESC", limit=1))[0]
    day = harness.ctx.today()
    cancelled = harness.db(lambda s: s.create("meeting", {
        "partner_id": partner["id"], "type": "visit", "status": "cancelled",
        "starts_at": (day - dt.timedelta(days=1)).isoformat() + " 09:00"}))
    other = harness.db(lambda s: s.create_partner(name_zh="西南新锐渠道", tier="emerging",
                                                   stage="intro"))
    workspace.open_partner(other["id"])
    qtbot.waitUntil(lambda: workspace.name_label.text() == "西南新锐渠道", timeout=5000)
    workspace.open_partner(partner["id"])
    workspace.tabs.setCurrentWidget(workspace.meetings)
    editor = workspace.meetings.editor
    qtbot.waitUntil(lambda: editor.meeting_id() == latest_held["id"], timeout=5000)
    assert editor.meeting_id() != cancelled["id"]
    assert latest_held["starts_at"][:10] < day.isoformat()
    assert not editor.is_editing() and editor.notes_edit.isReadOnly()
    assert editor.read_only_label.isVisibleTo(editor) and not editor.convert_action.isEnabled()
    before = editor.notes_edit.toPlainText()
    editor.notes_edit.setFocus()
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_X)
    assert editor.notes_edit.toPlainText() == before
    assert not editor.saver.has_pending()
    # F2 (or the Edit button) unlocks it; typing then saves as usual
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_F2)
    assert editor.is_editing() and not editor.notes_edit.isReadOnly()
    editor.notes_edit.moveCursor(editor.notes_edit.textCursor().MoveOperation.End)
    type_text(editor.notes_edit, "补记")
    qtbot.waitUntil(lambda: (harness.db(lambda s: s.get("meeting", latest_held["id"]))["notes"]
                             or "").endswith("补记"), timeout=5000)
    # a new meeting (today) is ready for typing at once
    fresh = _new_meeting(qtbot, workspace)
    assert fresh.is_editing() and not fresh.notes_edit.isReadOnly()


def test_a_theme_change_writes_nothing(qtbot, workspace, harness, type_text):
    """The notes' highlighter repaints on a theme change, and the editor's text signals
    fire for it: that is no edit. It must not send the meeting to be written again (the
    store would find nothing changed, but the editor said "Saving…" and the lane did a
    write's work at every switch)."""
    from ui import theme

    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "→ 补货周期缩短到两周\n内部：对方回复变慢")
    type_text(editor.decisions_edit, "双方各承担一半费用")
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
    harness.ctx.wait_idle()

    def updates():
        return [o for o in harness.db(lambda s: s.outbox())
                if o["entity_id"] == meeting_id and o["op"] == "update"]

    before = updates()
    for appearance in ("dark", "light"):
        theme.apply(appearance)
        assert not editor.saver.has_pending()
    harness.ctx.wait_idle()
    assert updates() == before
    # and reopening a meeting for reading is no edit either
    editor.load(harness.db(lambda s: s.get("meeting", meeting_id)))
    theme.apply("dark")
    theme.apply("light")
    assert not editor.saver.has_pending()


def test_clearing_a_saved_field_is_written(qtbot, workspace, harness, type_text):
    """What was written last counts as stored: emptying the notes again after their
    first save is an edit, though the meeting was loaded with empty notes."""
    editor = _new_meeting(qtbot, workspace)
    meeting_id = editor.meeting_id()
    type_text(editor.notes_edit, "暂定")
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"]) == "暂定",
                    timeout=5000)
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
    editor.notes_edit.selectAll()
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Delete)
    assert editor.saver.has_pending()
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("meeting", meeting_id)["notes"]) is None,
                    timeout=5000)
