"""The method in the workspace (issue 14): joint goals on the Goals tab (add, refused
input kept, progress from the KPIs, delete and undo), the Relationship tab (stage focus
and history, touchpoints, training count), the overview's stage move with its reason,
the tier's default terms, the renewal notice, and remedies made action items by key."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

pytest_plugins = ("workspace_support",)


def test_a_joint_goal_is_agreed_in_the_dialog_and_its_progress_comes_from_the_kpis(
        qtbot, workspace, harness, seeded):
    tab = workspace.goals
    workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "No joint goal" in tab.details.text(), timeout=5000)
    # no goal yet: the list gives way to what the tab is for, its step has the focus
    assert tab.list_or_empty.is_empty() and not tab.view.isVisibleTo(tab)
    first_step = tab.list_or_empty.state.steps["goals_empty_new"]
    first_step.setFocus()
    qtbot.keyClick(first_step, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: tab.dialog is not None, timeout=3000)
    dialog = tab.dialog
    dialog.title_edit.setText("2026 年销售额")
    dialog.kpi_combo.setCurrentIndex(dialog.kpi_combo.findData("sales"))
    assert not dialog.actual_edit.isEnabled()  # the KPI measures it
    dialog.target_edit.setText("12,000,000")
    dialog.period_edit.setText("2026-Q7")
    dialog.ours_edit.setPlainText("市场基金 5 万；季度产品培训")
    dialog.theirs_edit.setPlainText("新增 30 家门店")
    dialog.meeting_combo.setCurrentIndex(1)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=3000)
    assert "2026-Q3" in dialog.error_label.text() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.title_edit.text() == "2026 年销售额"  # nothing typed is lost
    dialog.period_edit.setText("2026")
    dialog.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    goal = harness.db(lambda s: s.rows("joint_goal"))[0]
    assert (goal["kpi"], goal["target"], goal["period"], goal["meeting_id"]) == (
        "sales", 12_000_000, "2026", seeded[1]["last_meeting"]["id"])
    row = tab.model.rows()[0]
    # sales of 2026's months from head office's KPIs (January to November)
    assert row["progress"] > 8_000_000 and tab.model.index(0, 4).data().endswith("%)")
    qtbot.waitUntil(lambda: "新增 30 家门店" in tab.details.text(), timeout=3000)
    workspace.activateWindow()  # the dialog had it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace, timeout=3000)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    harness.ctx.undo.undo()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)


def test_a_stage_move_on_the_overview_is_kept_with_its_reason(qtbot, workspace, harness, seeded):
    ov = workspace.overview
    qtbot.waitUntil(lambda: ov.edits["name_zh"].text() == "华东渠道分销商", timeout=5000)
    assert "information sharing" in ov.stage_focus.text()
    assert ov.edits["service_terms"].placeholderText() == "Custom service"  # core's default
    ov.stage_combo.setCurrentIndex(ov.stage_combo.findData("advanced"))
    ov.stage_combo.activated.emit(ov.stage_combo.currentIndex())
    assert ov.stage_reason.isVisibleTo(ov) and "Co-innovation" in ov.stage_focus.text()
    ov.stage_reason.setText("启动联合创新项目")
    ov.edits["agreement_end"].setText("2026-12-31")
    ov.edits["risk_terms"].setText("新品试销风险五五分担")
    ov.save_profile()
    qtbot.waitUntil(lambda: not ov.is_dirty(), timeout=5000)
    (move,) = harness.db(lambda s: s.rows("stage_change"))
    assert (move["from_stage"], move["to_stage"], move["reason"]) == ("mature", "advanced",
                                                                      "启动联合创新项目")
    assert not ov.stage_reason.isVisibleTo(ov)
    assert ov.renewal_label.isVisibleTo(ov) and "34 days" in ov.renewal_label.text()
    rel = workspace.relationship
    workspace.tabs.setCurrentWidget(rel)
    qtbot.waitUntil(lambda: rel.history_model.rowCount() == 1, timeout=5000)
    assert rel.history_model.index(0, 2).data() == "启动联合创新项目"
    assert "Advanced" in rel.stage_label.text()
    assert rel.training_label.text().endswith(": 1")  # the training meeting 60 days ago


def test_a_touchpoint_is_logged_by_keyboard(qtbot, workspace, harness, seeded):
    rel = workspace.relationship
    workspace.tabs.setCurrentWidget(rel)
    qtbot.waitUntil(lambda: rel.training_label.text() != "", timeout=5000)
    # none logged yet: the table gives way to what touchpoints are for
    assert rel.touch_or_empty.is_empty() and not rel.touch_view.isVisibleTo(rel)
    first_step = rel.touch_or_empty.state.steps["touchpoints_empty_new"]
    first_step.setFocus()
    qtbot.keyClick(first_step, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: rel.dialog is not None, timeout=3000)
    d = rel.dialog
    d.date_edit.setText("2026-13-01")
    d.kind_combo.setCurrentIndex(d.kind_combo.findData("training"))
    d.contact_combo.setCurrentIndex(d.contact_combo.findText("陈总"))
    d.note_edit.setPlainText("新品销售培训")
    d.save()
    qtbot.waitUntil(lambda: d.error_label.isVisible(), timeout=3000)
    assert "2026-12-31" in d.error_label.text()
    d.date_edit.setText("2026-11-20")
    d.save()
    qtbot.waitUntil(lambda: rel.touch_model.rowCount() == 1, timeout=5000)
    assert [rel.touch_model.index(0, c).data() for c in range(4)] == [
        "2026-11-20", "Training", "陈总", "新品销售培训"]
    qtbot.waitUntil(lambda: rel.training_label.text().endswith(": 2"), timeout=5000)


def test_remedies_become_action_items_with_one_key(qtbot, workspace, harness, seeded):
    ov = workspace.overview
    # the partner-owned item is overdue: a warning sign, so the remedies are offered
    qtbot.waitUntil(lambda: ov.remedies_box.isVisibleTo(ov), timeout=5000)
    assert "Partner-owned actions overdue" in ov.signs_label.text()
    ov.remedies.setFocus()
    ov.remedies.setCurrentRow(3)
    title = ov.remedies.currentItem().text()
    qtbot.keyClick(ov.remedies, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: harness.db(lambda s: s.count("action_item", "title = ?", [title])) == 1,
                    timeout=5000)
    item = harness.db(lambda s: s.rows("action_item", "title = ?", [title]))[0]
    assert (item["owner_side"], item["severity"], item["partner_id"]) == ("ours", "high",
                                                                          seeded[0]["id"])


def test_a_stage_must_be_a_quarter_of_its_annual_goal(qtbot, workspace, harness, seeded):
    annual = harness.db(lambda s: s.create("joint_goal", {
        "partner_id": seeded[0]["id"], "title": "2026 年销售额", "period": "2026",
        "status": "agreed", "target": 100}))
    tab = workspace.goals
    workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.new_goal()
    dialog = tab.dialog
    dialog.title_edit.setText("一季度")
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(annual["id"]))
    dialog.period_edit.setText("2027-Q1")
    dialog.save()
    assert "2026-Q3" in dialog.error_label.text() and dialog.isVisible()
    dialog.period_edit.setText("2026-q1")
    dialog.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert tab.model.index(1, 0).data() == "    ↳ 一季度"


def test_the_partner_dialog_asks_why_the_stage_moves(qtbot, harness, seeded):
    from ui.partner_dialog import PartnerDialog

    dialog = PartnerDialog(harness.ctx, seeded[0]["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert not dialog.stage_reason.isVisibleTo(dialog)
    stage = dialog.inputs["stage"]
    stage.setCurrentIndex(stage.findData("advanced"))
    assert dialog.stage_reason.isVisibleTo(dialog)
    dialog.stage_reason.setText("开放联合研发资源")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    (move,) = harness.db(lambda s: s.rows("stage_change"))
    assert (move["from_stage"], move["to_stage"], move["reason"]) == (
        "mature", "advanced", "开放联合研发资源")
