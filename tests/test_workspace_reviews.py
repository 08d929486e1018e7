"""Reviews (复盘): the tier's template first, a checklist filled with a live score and
autosaved as a checklist run, previous runs side by side."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from models import templates

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)


def _reviews(qtbot, workspace):
    workspace.tabs.setCurrentWidget(workspace.reviews)
    tab = workspace.reviews
    qtbot.waitUntil(lambda: tab.template_combo.count() >= 2, timeout=5000)
    return tab


def _start(qtbot, tab):
    before = tab.current_run_id()
    tab.new_review()
    qtbot.waitUntil(lambda: tab.current_run_id() not in (None, before)
                    and bool(tab.form.answer_widgets), timeout=5000)
    return tab.current_run_id()


def test_tier_template_comes_first(qtbot, workspace):
    tab = _reviews(qtbot, workspace)
    assert tab.template_combo.itemText(0) == "Core partner review"
    names = [tab.template_combo.itemText(i) for i in range(tab.template_combo.count())]
    assert "Standard review" in names and "Strategic partner review" not in names


def test_complete_a_checklist_and_see_the_score(qtbot, workspace, harness, type_text):
    tab = _reviews(qtbot, workspace)
    run_id = _start(qtbot, tab)
    form = tab.form
    keys = list(form.answer_widgets)
    assert "cocreation" in keys and "growth" in keys  # core template: common + core items
    # and the items of the partner's lifecycle stage (mature), not of the others
    assert "mature_campaign" in keys and "intro_rules" not in keys
    for key in keys:
        item = form._items[key]
        if item["answer_type"] == "yes_no":
            form.set_answer(key, "no" if key == "transparent" else "yes")
        elif item["answer_type"] == "score_1_5":
            form.set_answer(key, 4)
        else:
            form.answer_widgets[key].setFocus()
            type_text(form.answer_widgets[key], "渠道希望增加培训频次")
    type_text(form.comment_edits["transparent"], "分润规则未书面化")
    tpl = tab._templates[harness.db(lambda s: s.get("checklist_run", run_id))["template_id"]]
    expected, completion = templates.score_run(tpl["sections"], form.answers(), "mature")
    assert completion == 1.0 and expected is not None and 0 < expected < 100
    assert tab.score_label.text() == f"Score: {expected:g} / 100"
    assert tab.completion_bar.value() == 100

    def saved():
        return harness.db(lambda s: s.get("checklist_run", run_id))

    qtbot.waitUntil(lambda: saved()["completion"] == 1.0
                    and json.loads(saved()["answers"]).get("transparent", {}).get("comment")
                    == "分润规则未书面化", timeout=5000)
    row = saved()
    assert row["score"] == expected and row["performed_on"] == "2026-11-27"
    answers = json.loads(row["answers"])
    assert answers["transparent"]["value"] == "no" and answers["satisfaction"]["value"] == 4
    assert answers["observations"]["value"] == "渠道希望增加培训频次"


def test_partial_checklist_by_keyboard(qtbot, workspace, harness):
    tab = _reviews(qtbot, workspace)
    run_id = _start(qtbot, tab)
    combo = tab.form.answer_widgets["growth"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Y)  # Y is yes in any UI language
    assert combo.currentData() == "yes"
    score = tab.form.answer_widgets["satisfaction"]
    qtbot.keyClick(score, Qt.Key.Key_4)
    assert score.currentData() == 4
    qtbot.keyClick(score, Qt.Key.Key_Delete)
    assert score.currentData() is None
    assert tab.score_label.text() == "Score: 100 / 100"
    assert 0 < tab.completion_bar.value() < 20
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("checklist_run", run_id))["score"] == 100,
                    timeout=5000)


def test_previous_runs_side_by_side(qtbot, workspace, harness, seeded):
    partner_id = seeded[0]["id"]
    tpl_id = harness.db(lambda s: s.rows("checklist_template", "tier = 'core'"))[0]["id"]
    harness.db(lambda s: s.create("checklist_run", {
        "partner_id": partner_id, "template_id": tpl_id, "performed_on": "2026-08-20",
        "answers": {"growth": {"value": "no", "comment": "只谈了返点"},
                    "satisfaction": {"value": 2}}, "score": 11.1, "completion": 0.15}))
    harness.db(lambda s: s.create("checklist_run", {
        "partner_id": partner_id, "template_id": tpl_id, "performed_on": "2026-05-18",
        "answers": {"growth": {"value": "yes"}}, "score": 100, "completion": 0.08}))
    tab = _reviews(qtbot, workspace)
    qtbot.waitUntil(lambda: tab.comparison.columnCount() == 2, timeout=5000)
    run_id = _start(qtbot, tab)
    tab.form.set_answer("growth", "yes")
    qtbot.waitUntil(lambda: tab.comparison.columnCount() == 3, timeout=5000)
    model = tab.comparison
    heads = [model.headerData(c, Qt.Orientation.Horizontal).split("\n") for c in range(3)]
    # the newest first (on screen), each headed by its date and template
    assert [h[0][:10] for h in heads] == ["2026-11-27", "2026-08-20", "2026-05-18"]
    assert all(h[1] == "Core partner review" for h in heads)
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    growth = rows.index("Did we discuss the partner's own growth, not only price and rebates?")
    assert [model.index(growth, c).data() for c in range(3)] == ["Yes", "No ✎", "Yes"]
    assert model.index(growth, 1).data(Qt.ItemDataRole.ToolTipRole) == "只谈了返点"
    assert model.index(growth, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # failed
    assert model.index(growth, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert rows[-2:] == ["Score", "Completion"]
    qtbot.waitUntil(lambda: model.index(model.rowCount() - 2, 0).data() == "100", timeout=5000)
    assert [model.index(model.rowCount() - 2, c).data() for c in (2, 1)] == ["100", "11.1"]
    # opening an older run shows its answers in the form
    older = tab.run_combo.findText("2026-08-20", Qt.MatchFlag.MatchStartsWith)
    tab.run_combo.setCurrentIndex(older)
    tab.run_combo.activated.emit(older)
    assert tab.current_run_id() != run_id
    assert tab.form.answer_widgets["growth"].currentData() == "no"
    assert tab.form.comment_edits["growth"].text() == "只谈了返点"


def test_delete_review_then_undo(qtbot, workspace, harness):
    tab = _reviews(qtbot, workspace)
    run_id = _start(qtbot, tab)
    tab.delete_current()
    qtbot.waitUntil(lambda: workspace.banner.isVisible(), timeout=5000)
    assert harness.db(lambda s: s.find("checklist_run", run_id)) is None
    workspace.banner.undo()
    qtbot.waitUntil(lambda: tab.current_run_id() == run_id, timeout=5000)


def test_many_reviews_the_newest_on_screen_and_same_day_runs_told_apart(qtbot, workspace,
                                                                       harness, seeded):
    partner_id = seeded[0]["id"]
    tpl_id = harness.db(lambda s: s.rows("checklist_template", "tier = 'core'"))[0]["id"]
    for month in range(1, 11):
        harness.db(lambda s, m=month: s.create("checklist_run", {
            "partner_id": partner_id, "template_id": tpl_id, "performed_on": f"2026-{m:02d}-15",
            "answers": {"growth": {"value": "yes"}}, "score": 50 + m, "completion": 0.1}))
    # two reviews on one day: their headers still differ (the time they were made)
    for made in ("2026-11-20 09:10", "2026-11-20 15:45"):
        harness.db(lambda s, t=made: s.db.execute(
            "INSERT INTO checklist_runs (id, version, created_at, updated_at, deleted, partner_id,"
            " template_id, performed_on, answers, score, completion) VALUES"
            " (lower(hex(randomblob(16))), 0, ?, ?, 0, ?, ?, '2026-11-20', '{}', 10, 0)",
            [t, t, partner_id, tpl_id]))
    tab = _reviews(qtbot, workspace)
    tab.pages.setCurrentWidget(tab.compare_view)
    model = tab.comparison
    qtbot.waitUntil(lambda: model.columnCount() == 12, timeout=5000)
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert heads[0].startswith("2026-11-20 15:45") and heads[1].startswith("2026-11-20 09:10")
    assert len(set(heads)) == 12
    view = tab.compare_view
    qtbot.waitUntil(lambda: view.isVisible(), timeout=5000)
    assert 0 <= view.columnViewportPosition(0) < view.viewport().width()  # newest visible


def test_the_free_text_item_gets_the_width_of_answer_and_comment(qtbot, workspace):
    tab = _reviews(qtbot, workspace)
    _start(qtbot, tab)
    form = tab.form
    qtbot.waitUntil(lambda: "observations" in form.answer_widgets, timeout=5000)
    text = form.answer_widgets["observations"]
    combo, comment = form.answer_widgets["growth"], form.comment_edits["growth"]
    qtbot.waitUntil(lambda: text.width() > 0 and comment.width() > 0, timeout=5000)
    assert text.width() >= combo.width() + comment.width()
    assert text.width() > 300 and not form.comment_edits["observations"].isVisible()
