"""A partner's profile is saved with Save; edits not saved yet are never dropped
without the user's say: opening another partner, a language switch and closing the
window ask (save, discard, or stay) or carry them over."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop import app as desktop_app
from tests.test_encryption_app import answer_message_box as answer

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)

BUTTON = QMessageBox.StandardButton


def _edit_region(qtbot, workspace, type_text) -> None:
    ov = workspace.overview
    qtbot.waitUntil(lambda: ov.edits["region"].text() == "华东", timeout=5000)
    type_text(ov.edits["region"], "·苏南")
    assert ov.is_dirty()


def _region(harness, partner_id):
    return harness.db(lambda s: s.get("partner", partner_id)["region"])


def _other(harness):
    return harness.db(lambda s: s.create_partner(name_zh="西南新锐渠道", tier="emerging",
                                                 stage="intro"))


def test_opening_another_partner_asks_and_can_stay(qtbot, workspace, harness, seeded,
                                                   type_text):
    partner_id, other = seeded[0]["id"], _other(harness)
    _edit_region(qtbot, workspace, type_text)
    asked = answer(qtbot, BUTTON.Cancel)
    assert workspace.open_partner(other["id"]) is False
    assert len(asked) == 1 and "华东渠道分销商" in asked[0][0]
    assert workspace.current_partner_id() == partner_id
    assert workspace.overview.edits["region"].text() == "华东·苏南"
    assert workspace.overview.is_dirty()
    # Save: written, then the other partner opens
    asked = answer(qtbot, BUTTON.Save)
    assert workspace.open_partner(other["id"]) is True
    assert _region(harness, partner_id) == "华东·苏南"
    qtbot.waitUntil(lambda: workspace.name_label.text() == "西南新锐渠道", timeout=5000)


def test_discarding_lets_the_edits_go(qtbot, workspace, harness, seeded, type_text):
    partner_id, other = seeded[0]["id"], _other(harness)
    _edit_region(qtbot, workspace, type_text)
    answer(qtbot, BUTTON.Discard)
    assert workspace.open_partner(other["id"]) is True
    assert _region(harness, partner_id) == "华东"
    qtbot.waitUntil(lambda: workspace.name_label.text() == "西南新锐渠道", timeout=5000)
    assert not workspace.overview.is_dirty()


def test_a_refused_value_keeps_the_partner_open(qtbot, workspace, harness, seeded, type_text):
    other = _other(harness)
    ov = workspace.overview
    _edit_region(qtbot, workspace, type_text)
    ov.edits["rebate"].selectAll()
    type_text(ov.edits["rebate"], "300")
    workspace.tabs.setCurrentWidget(workspace.meetings)
    answer(qtbot, BUTTON.Save)
    assert workspace.open_partner(other["id"]) is False
    assert workspace.tabs.currentWidget() is ov  # where the refusal is shown
    assert ov.error_label.isVisibleTo(ov) and "percentage" in ov.error_label.text()
    assert ov.edits["region"].text() == "华东·苏南"


def test_a_language_switch_carries_the_edits_over(qtbot, workspace, harness, seeded, type_text):
    partner_id = seeded[0]["id"]
    _edit_region(qtbot, workspace, type_text)
    old = workspace.overview
    try:
        desktop_app.install_language("zh_CN")
        qtbot.waitUntil(lambda: workspace.overview is not old, timeout=5000)
        harness.ctx.wait_idle()
        qtbot.wait(50)  # the partner's load is put on screen
        ov = workspace.overview
        assert ov.edits["region"].text() == "华东·苏南"
        assert ov.is_dirty()
        assert _region(harness, partner_id) == "华东"
    finally:
        desktop_app.install_language("en")


def test_closing_the_window_asks_about_the_profile(qtbot, profile):
    from tests.test_app_shell import shown_window, type_text

    with shown_window(qtbot, profile) as window:
        partner_id = window.seeded["east"]["id"]
        window.open_partner(partner_id)
        ov = window.workspace.overview
        qtbot.waitUntil(lambda: ov.edits["region"].text() == "华东", timeout=5000)
        type_text(ov.edits["region"], "·苏南")
        asked = answer(qtbot, BUTTON.Cancel)
        window.close()
        assert len(asked) == 1 and window.isVisible()
        asked = answer(qtbot, BUTTON.Save)
        window.close()
        assert len(asked) == 1 and not window.isVisible()
    from models.store import Store
    from tests.keys import open_test_database

    store = Store(open_test_database(profile.database))
    try:
        assert store.get("partner", partner_id)["region"] == "华东·苏南"
    finally:
        store.db.conn.close()
