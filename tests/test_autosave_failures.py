"""A write the database refuses (another program holding it, a full disk) loses no
edit: the autosaver keeps what failed, by record, says so, and writes it once the
database takes writes again, though the editor has moved on to another partner."""
from __future__ import annotations

import pytest

from tests.test_database_errors import writer_holding  # noqa: F401 - a fixture
from tests.test_encryption_app import answer_message_box
from tests.test_workspace_meetings import _new_meeting

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)


def wait_briefly_for_locks(ctx) -> None:
    """The app waits 5 s for a lock; these tests 300 ms."""
    ctx.call_db(lambda s: s.db.conn.execute("PRAGMA busy_timeout = 300"))


@pytest.fixture
def locker(writer_holding):  # noqa: F811 - the fixture imported above
    """``hold(path)``: another process in an exclusive transaction on the database;
    ``release()`` ends that process, and its lock with it."""
    held = []

    class Locker:
        def hold(self, path) -> None:
            held.append(writer_holding(path))

        def release(self) -> None:
            proc = held.pop()
            proc.kill()
            proc.wait()

    return Locker()


@pytest.fixture
def other_program(harness, locker):
    """``hold()`` / ``release()`` the harness's database from another process."""
    wait_briefly_for_locks(harness.ctx)

    class OnHarness:
        def hold(self) -> None:
            locker.hold(harness.path)

        def release(self) -> None:
            locker.release()

    return OnHarness()


def _saved_new_meeting(qtbot, workspace):
    """(editor, meeting id) of a new meeting of the open partner, written."""
    editor = _new_meeting(qtbot, workspace)
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
    return editor, editor.meeting_id()


def _notes(harness, meeting_id):
    return harness.db(lambda s: s.get("meeting", meeting_id)["notes"])


def test_notes_refused_on_switching_partner_are_written_later(
        qtbot, workspace, harness, type_text, other_program):
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    other = harness.db(lambda s: s.create_partner(name_zh="西南新锐渠道", tier="emerging",
                                                   stage="intro"))
    type_text(editor.notes_edit, "陈总同意下月起缩短账期")
    other_program.hold()
    workspace.open_partner(other["id"])  # its final save of the meeting is refused
    qtbot.waitUntil(lambda: workspace.name_label.text() == "西南新锐渠道", timeout=5000)
    assert editor.saver.has_pending()
    assert "another program" in editor.indicator.text()
    assert _notes(harness, meeting_id) is None
    other_program.release()
    # nobody types any more: the kept edit is tried again on its own
    qtbot.waitUntil(lambda: _notes(harness, meeting_id) == "陈总同意下月起缩短账期",
                    timeout=15000)
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)


def test_a_background_save_refused_keeps_the_edit_and_newer_typing_wins(
        qtbot, workspace, harness, type_text, other_program):
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    other_program.hold()
    type_text(editor.decisions_edit, "各承担一半")
    type_text(editor.notes_edit, "第一稿")
    qtbot.waitUntil(lambda: "another program" in editor.indicator.text(), timeout=10000)
    type_text(editor.notes_edit, "，已确认")  # typed after the failure
    other_program.release()
    qtbot.waitUntil(lambda: _notes(harness, meeting_id) == "第一稿，已确认", timeout=15000)
    assert harness.db(lambda s: s.get("meeting", meeting_id)["decisions"]) == "各承担一半"


def test_flush_now_says_whether_everything_was_written(
        qtbot, workspace, harness, type_text, other_program):
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    type_text(editor.notes_edit, "关窗前的最后一句")
    other_program.hold()
    assert workspace.flush() is False
    assert editor.saver.has_pending()
    other_program.release()
    assert workspace.flush() is True
    assert _notes(harness, meeting_id) == "关窗前的最后一句"
    assert not editor.saver.has_pending()


def test_a_write_refused_while_switching_partner_is_kept(
        qtbot, workspace, harness, type_text, other_program):
    """The background write is already in the db lane, waiting for the lock, when the
    user opens another partner: its failure arrives after the switch."""
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    other = harness.db(lambda s: s.create_partner(name_zh="西南新锐渠道", tier="emerging",
                                                   stage="intro"))
    other_program.hold()
    type_text(editor.notes_edit, "样品下周寄出")
    editor.saver.flush()  # as the idle timer would
    assert editor.saver.writing()
    workspace.open_partner(other["id"])
    assert editor.saver.has_pending()
    other_program.release()
    qtbot.waitUntil(lambda: _notes(harness, meeting_id) == "样品下周寄出", timeout=15000)


def test_closing_with_refused_edits_asks_and_can_keep_working(
        qtbot, workspace, harness, type_text, other_program):
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    type_text(editor.notes_edit, "对方要求本周内回复")
    other_program.hold()
    asked = answer_message_box(qtbot, "Keep working")
    assert workspace.save_before_closing() is False
    assert len(asked) == 1 and "another program" in asked[0][1]
    assert editor.saver.has_pending()
    # still refused when asked to close again; the database frees while the question
    # is up, and "Try again" writes and closes
    asked = answer_message_box(qtbot, "Try again", before=other_program.release)
    assert workspace.save_before_closing() is True
    assert len(asked) == 1
    assert _notes(harness, meeting_id) == "对方要求本周内回复"


def test_the_main_window_stays_open_while_its_edits_are_refused(qtbot, profile, locker):
    from tests.test_app_shell import shown_window, type_text

    with shown_window(qtbot, profile) as window:
        window.open_partner(window.seeded["chengdu"]["id"])
        workspace = window.workspace
        qtbot.waitUntil(lambda: workspace.name_label.text() == "成都普通分销", timeout=5000)
        workspace.new_meeting()
        editor = workspace.meetings.editor
        qtbot.waitUntil(lambda: editor.meeting_id() is not None, timeout=5000)
        qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
        meeting_id = editor.meeting_id()
        wait_briefly_for_locks(window.ctx)
        # the app's own background reads (the integrity check, the day's backup) done
        # first: they would keep the other program from taking the lock
        assert window.ctx.wait_idle(60)
        type_text(editor.notes_edit, "首次拜访，对方很热情")
        locker.hold(profile.database)
        asked = answer_message_box(qtbot, "Keep working")
        window.close()
        assert len(asked) == 1
        assert window.isVisible()
        locker.release()
        window.close()  # written now: no question
        assert len(asked) == 1
        assert not window.isVisible()
    from models.store import Store
    from tests.keys import open_test_database

    store = Store(open_test_database(profile.database))
    try:
        assert store.get("meeting", meeting_id)["notes"] == "首次拜访，对方很热情"
    finally:
        store.db.conn.close()


def test_edits_typed_behind_a_refused_write_stay_with_their_meeting(
        qtbot, workspace, harness, seeded, type_text, other_program):
    """A write in flight is refused while newer typing waits behind it, and the user
    opens another meeting: the newer typing is kept for its own meeting, never written
    into the one opened next."""
    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    other_program.hold()
    type_text(editor.notes_edit, "第一段")
    editor.saver.flush()  # in the db lane, waiting for the lock
    type_text(editor.notes_edit, "，第二段")
    older = seeded[1]["last_meeting"]
    editor.load(harness.db(lambda s: s.get("meeting", older["id"])))
    assert editor.meeting_id() == older["id"]
    other_program.release()
    qtbot.waitUntil(lambda: _notes(harness, meeting_id) == "第一段，第二段", timeout=15000)
    qtbot.waitUntil(lambda: not editor.saver.has_pending(), timeout=5000)
    assert _notes(harness, older["id"]) == older["notes"]


def test_notes_refused_for_want_of_room_are_kept_and_said_so_in_chinese(
        qtbot, workspace, harness):
    """A full disk, made real by capping the database at the pages it has: the notes
    stay, the reason is said in the interface's language, and they are written as soon
    as there is room again."""
    from desktop import app as desktop_app

    editor, meeting_id = _saved_new_meeting(qtbot, workspace)
    pages = harness.db(lambda s: s.db.execute("PRAGMA page_count").fetchone()[0])
    harness.db(lambda s: s.db.execute(f"PRAGMA max_page_count = {pages}"))
    try:
        desktop_app.install_language("zh_CN")
        notes = "会议纪要：对方希望下季度加大市场投入。" * 300
        editor.notes_edit.insertPlainText(notes)  # pasted
        qtbot.waitUntil(lambda: "磁盘已满" in editor.indicator.text(), timeout=10000)
        assert editor.saver.has_pending()
        harness.db(lambda s: s.db.execute(f"PRAGMA max_page_count = {pages * 8}"))
        qtbot.waitUntil(lambda: _notes(harness, meeting_id) == notes, timeout=15000)
    finally:
        desktop_app.install_language("en")


def test_feedback_refused_keeps_its_dialog_open_with_the_text(
        qtbot, workspace, harness, seeded, type_text, other_program):
    """Closing an action item with the partner's feedback: a write the database
    refuses leaves the dialog open, its text kept, the reason shown; OK again writes."""
    from tests.test_workspace_actions import _open_actions_tab

    tab = _open_actions_tab(qtbot, workspace)
    item_id = seeded[1]["open_items"][0]["id"]
    for status in ("in_progress", "done"):
        harness.db(lambda s, st=status: s.set_action_status(item_id, st))
    qtbot.waitUntil(lambda: tab.select(item_id) and tab.current_row()["status"] == "done",
                    timeout=5000)
    tab.advance_selected()
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=5000)
    dialog = tab.dialog
    type_text(dialog.feedback_edit, "已电话告知陈总：补货周期缩短到 7 天")
    other_program.hold()
    dialog._accept_if_filled()
    qtbot.waitUntil(lambda: "another program" in dialog.error_label.text(), timeout=10000)
    assert dialog.isVisible()
    assert dialog.feedback() == "已电话告知陈总：补货周期缩短到 7 天"
    other_program.release()
    dialog._accept_if_filled()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=5000)  # closed (and deleted)
    row = harness.db(lambda s: s.get("action_item", item_id))
    assert (row["status"], row["feedback"]) == ("feedback_given", "已电话告知陈总：补货周期缩短到 7 天")
