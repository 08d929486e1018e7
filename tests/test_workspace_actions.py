"""Action items: table with overdue in red, open/all filter, add/edit through the
dialog, the closed loop by keyboard with feedback asked for at the end, delete+undo."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui import theme

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)


def _rows(workspace):
    proxy = workspace.actions_tab.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _open_actions_tab(qtbot, workspace):
    workspace.tabs.setCurrentWidget(workspace.actions_tab)
    qtbot.waitUntil(lambda: workspace.actions_tab.proxy.rowCount() == 2, timeout=5000)
    return workspace.actions_tab


def test_open_items_listed_overdue_in_red_and_closed_on_demand(qtbot, workspace):
    tab = _open_actions_tab(qtbot, workspace)
    assert sorted(_rows(workspace)) == sorted(["缩短补货周期到 7 天", "提交季度库存报表"])
    row = tab.model.row_of(next(r["id"] for r in tab.model.rows() if r["title"] == "提交季度库存报表"))
    index = tab.model.index(row, 4)
    assert index.data() == "2026-10-23 (overdue)"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == theme.color("overdue")
    # never by colour alone: the word "(overdue)" and the overdue icon
    assert index.data(Qt.ItemDataRole.DecorationRole).name() == "alert-circle"
    tab.show_all.setChecked(True)
    assert "更新返点结算表" in _rows(workspace)
    closed = tab.model.index(tab.model.row_of(
        next(r["id"] for r in tab.model.rows() if r["title"] == "更新返点结算表")), 4)
    assert closed.data(Qt.ItemDataRole.ForegroundRole) is None  # closed items are never overdue
    assert closed.data(Qt.ItemDataRole.DecorationRole) is None


def test_closed_loop_by_keyboard_asks_for_feedback(qtbot, workspace, harness, seeded, type_text):
    tab = _open_actions_tab(qtbot, workspace)
    item_id = seeded[1]["open_items"][0]["id"]
    assert tab.select(item_id)
    tab.view.setFocus()

    def status():
        return harness.db(lambda s: s.get("action_item", item_id))

    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, ctrl)
    qtbot.waitUntil(lambda: status()["status"] == "in_progress", timeout=5000)
    qtbot.waitUntil(lambda: tab.current_id() == item_id and "Done" in tab.advance_button.text(),
                    timeout=5000)
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, ctrl)
    qtbot.waitUntil(lambda: status()["status"] == "done", timeout=5000)
    assert status()["done_on"] == status()["started_on"] is not None
    qtbot.waitUntil(lambda: tab.current_row() and tab.current_row()["status"] == "done", timeout=5000)
    # "done" is still open: the partner has not heard back yet
    assert item_id in [tab.model.row_at(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row())["id"]
                       for r in range(tab.proxy.rowCount())]
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, ctrl)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=5000)
    dialog = tab.dialog
    dialog._accept_if_filled()  # empty feedback is refused
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert status()["status"] == "done"
    type_text(dialog.feedback_edit, "已电话告知陈总：补货周期已缩短到 7 天")
    dialog._accept_if_filled()
    qtbot.waitUntil(lambda: status()["status"] == "feedback_given", timeout=5000)
    assert status()["feedback"] == "已电话告知陈总：补货周期已缩短到 7 天"
    assert status()["feedback_on"] == status()["done_on"]
    qtbot.waitUntil(lambda: "缩短补货周期到 7 天" not in _rows(workspace), timeout=5000)


def test_add_action_item_through_the_dialog(qtbot, workspace, harness, seeded, type_text):
    tab = _open_actions_tab(qtbot, workspace)
    workspace.new_action_item()  # what Ctrl+J in the main window calls
    qtbot.waitUntil(lambda: tab.dialog is not None, timeout=2000)
    dialog = tab.dialog
    dialog.save()  # empty title: refused with a message
    assert dialog.error_label.isVisible() and dialog.isVisible()
    type_text(dialog.title_edit, "安排新品培训")
    dialog.severity_combo.setCurrentIndex(dialog.severity_combo.findData("critical"))
    type_text(dialog.due_edit, "2026-13-40")
    dialog.save()
    qtbot.waitUntil(lambda: "2026-12-31" in dialog.error_label.text(), timeout=5000)
    assert dialog.title_edit.text() == "安排新品培训"  # nothing typed is lost
    dialog.due_edit.clear()
    dialog.save()
    qtbot.waitUntil(lambda: "安排新品培训" in _rows(workspace), timeout=5000)
    item = harness.db(lambda s: s.rows("action_item", "title = ?", ["安排新品培训"]))[0]
    assert (item["severity"], item["due_on"], item["meeting_id"]) == ("critical", "2026-11-28", None)
    qtbot.waitUntil(lambda: tab.current_id() == item["id"], timeout=5000)


def test_edit_keeps_derived_deadline(qtbot, workspace, harness, seeded, type_text):
    tab = _open_actions_tab(qtbot, workspace)
    item = seeded[1]["open_items"][1]
    tab.select(item["id"])
    tab.edit_selected()
    dialog = tab.dialog
    dialog.owner_edit.clear()
    type_text(dialog.owner_edit, "孙主管")
    dialog.due_edit.clear()
    dialog.save()
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("action_item", item["id"]))["owner_name"]
                    == "孙主管", timeout=5000)
    assert harness.db(lambda s: s.get("action_item", item["id"]))["due_on"] == item["due_on"]


def test_delete_action_item_then_undo(qtbot, workspace, harness, seeded):
    tab = _open_actions_tab(qtbot, workspace)
    item_id = seeded[1]["open_items"][1]["id"]
    tab.select(item_id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: workspace.banner.isVisible(), timeout=5000)
    assert "提交季度库存报表" in workspace.banner.message.text()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1, timeout=5000)
    qtbot.keyClick(tab.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2, timeout=5000)
    assert harness.db(lambda s: s.find("action_item", item_id)) is not None


def test_feedback_by_ctrl_enter_records_how_and_stays_visible(qtbot, workspace, harness, seeded,
                                                              type_text):
    """Ctrl+Enter sends the feedback; its channel is recorded; the Feedback column
    shows what the partner was told once the item is closed (with "show all")."""
    tab = _open_actions_tab(qtbot, workspace)
    item_id = seeded[1]["open_items"][0]["id"]
    harness.db(lambda s: s.set_action_status(item_id, "done"))
    qtbot.waitUntil(lambda: tab.model.row_at(tab.model.row_of(item_id))["status"] == "done",
                    timeout=5000)
    assert tab.select(item_id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=5000)
    dialog = tab.dialog
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("wechat"))
    dialog.feedback_edit.setFocus()
    type_text(dialog.feedback_edit, "已微信告知陈总")
    qtbot.keyClick(dialog.feedback_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("action_item", item_id))["status"]
                    == "feedback_given", timeout=5000)
    row = harness.db(lambda s: s.get("action_item", item_id))
    assert (row["feedback"], row["feedback_channel"]) == ("已微信告知陈总", "wechat")
    tab.show_all.setChecked(True)
    qtbot.waitUntil(lambda: "已微信告知陈总" in (tab.model.index(
        tab.model.row_of(item_id), 6).data() or ""), timeout=5000)
    shown = tab.model.index(tab.model.row_of(item_id), 6).data()
    assert shown.startswith("WeChat · ") and tab.model.headerData(
        6, Qt.Orientation.Horizontal) == "Feedback"


def test_a_partner_owned_item_is_finished_when_done(qtbot, workspace, harness, seeded):
    """The partner's own task needs no "feedback to the partner": done closes it."""
    partner = seeded[0]
    item = harness.db(lambda s: s.create_action_item(
        partner_id=partner["id"], title="对方提交门店名单", owner_side="partner",
        severity="medium", opened_on="2026-11-20"))
    tab = workspace.actions_tab
    workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.row_of(item["id"]) >= 0, timeout=5000)
    harness.db(lambda s: s.set_action_status(item["id"], "in_progress"))
    qtbot.waitUntil(lambda: tab.model.row_at(tab.model.row_of(item["id"]))["status"]
                    == "in_progress", timeout=5000)
    assert tab.select(item["id"])
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("action_item", item["id"]))["status"]
                    == "done", timeout=5000)
    # closed: it leaves the open list and has no further step
    qtbot.waitUntil(lambda: "对方提交门店名单" not in _rows(workspace), timeout=5000)
    tab.show_all.setChecked(True)
    assert tab.select(item["id"])
    assert not tab.advance_button.isEnabled()
    from models import insights

    due = harness.db(lambda s: insights.actions_due(s, harness.ctx.today(), 3650))
    assert item["id"] not in {a["id"] for a in due}


def test_the_edit_dialog_shows_the_feedback_given_and_how(qtbot, workspace, harness, seeded):
    from ui.workspace.action_dialogs import ActionItemDialog

    item_id = seeded[1]["open_items"][0]["id"]
    harness.db(lambda s: s.set_action_status(item_id, "feedback_given", feedback="已电话告知",
                                             feedback_channel="phone"))
    row = harness.db(lambda s: s.get("action_item", item_id))
    dialog = ActionItemDialog(harness.ctx, seeded[0]["id"], row)
    qtbot.addWidget(dialog)
    assert dialog.feedback_edit.toPlainText() == "已电话告知"
    assert dialog.channel_combo.currentData() == "phone"
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("in_person"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    saved = harness.db(lambda s: s.get("action_item", item_id))
    assert (saved["feedback"], saved["feedback_channel"]) == ("已电话告知", "in_person")
    # an item without feedback has no such fields
    other = ActionItemDialog(harness.ctx, seeded[0]["id"], seeded[1]["open_items"][1])
    qtbot.addWidget(other)
    assert other.feedback_edit is None and "feedback" not in other.values()


def test_long_feedback_does_not_squeeze_the_title(qtbot, workspace, harness, seeded):
    item_id = seeded[1]["open_items"][0]["id"]
    harness.db(lambda s: s.set_action_status(item_id, "feedback_given",
                                             feedback="已电话告知陈总，" * 40, feedback_channel="phone"))
    tab = workspace.actions_tab
    workspace.tabs.setCurrentWidget(tab)
    tab.show_all.setChecked(True)
    qtbot.waitUntil(lambda: tab.model.row_of(item_id) >= 0 and tab.model.row_at(
        tab.model.row_of(item_id))["status"] == "feedback_given", timeout=5000)
    qtbot.waitUntil(lambda: tab.view.columnWidth(0) > 0, timeout=5000)
    assert tab.view.columnWidth(0) >= 150
    assert tab.view.columnWidth(6) <= tab.view.viewport().width()
