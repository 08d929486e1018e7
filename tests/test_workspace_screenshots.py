"""The workspace rendered with realistic data in English and, after a live language
switch, in Simplified Chinese. Screenshots go to a temporary folder; with
CK_WRITE_SCREENSHOTS=1 they are written to docs/images/ (workspace-en.png,
workspace-zh.png) for the documentation."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

#: (line, convert it to an action item with Ctrl+Shift+A)
NOTE_LINES = [
    ("陈总：上季度华东区销量增长 12%，但门店缺货问题仍然突出。", False),
    ("我方：补货周期缩短到 7 天", True),
    ("对方：下周提交门店名单和库存报表", True),
    ("Promotion budget for Double 12 to be confirmed by Friday.", False),
    ("赵经理希望增加一次新品培训。", False),
]
NOTE = "\n".join(("→ " if convert else "") + line for line, convert in NOTE_LINES)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    if os.environ.get("CK_WRITE_SCREENSHOTS") == "1":
        target = ROOT / "docs" / "images"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path


@pytest.fixture
def chinese_translator(qapp, tmp_path):
    """The app's combined zh_CN translation, built from the .ts files as they are now
    (what scripts/update_translations.py ships)."""
    qm = update_translations.build_qm("zh_CN", out=tmp_path / "channelkeeper_zh_CN.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    yield translator
    QCoreApplication.removeTranslator(translator)


def _show_meeting(qtbot, workspace, harness, type_text) -> None:
    workspace.new_meeting()
    editor = workspace.meetings.editor
    qtbot.waitUntil(lambda: editor.meeting_id() is not None
                    and editor.agenda_edit.toPlainText() != "", timeout=5000)
    type_text(editor.location_edit, "上海办公室")
    type_text(editor.ours_edit, "王磊, 李娜")
    type_text(editor.partner_edit, "陈总, 赵经理")
    editor.notes_edit.setFocus()
    for n, (line, convert) in enumerate(NOTE_LINES):
        if n:
            qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return)
        type_text(editor.notes_edit, line)
        if convert:
            qtbot.keyClick(editor.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    type_text(editor.decisions_edit, "双十二联合促销：双方各承担 50% 费用。")
    meeting_id = editor.meeting_id()
    qtbot.waitUntil(lambda: len(harness.db(lambda s: s.rows(
        "action_item", "meeting_id = ?", [meeting_id]))) == 2, timeout=5000)
    qtbot.waitUntil(lambda: editor.indicator.text().startswith(("Saved", "已保存")), timeout=5000)
    model = workspace.meetings.model
    qtbot.waitUntil(lambda: model.row_at(model.row_of(meeting_id))["location"] == "上海办公室",
                    timeout=5000)
    assert editor.notes_edit.toPlainText() == NOTE


def test_workspace_screenshot_en_and_a_live_switch_keeps_the_open_meeting(
        qtbot, workspace, harness, type_text, out_dir, chinese_translator):
    _show_meeting(qtbot, workspace, harness, type_text)
    en = workspace.grab()
    assert (en.width(), en.height()) == (1280, 800)
    assert en.save(str(out_dir / "workspace-en.png"))
    assert workspace.tabs.tabText(1) == "&Meetings"

    QCoreApplication.installTranslator(chinese_translator)
    qtbot.waitUntil(lambda: workspace.tabs.tabText(1) == "会议(&M)", timeout=5000)
    # the open meeting comes back after the rebuild, its notes intact
    editor = workspace.meetings.editor
    qtbot.waitUntil(lambda: editor.notes_edit.toPlainText() == NOTE, timeout=5000)
    assert workspace.tabs.currentWidget() is workspace.meetings
    assert editor.convert_action.text() == "本行 → 行动项"
    # the facts line is filled when the workspace's data reload (database lane) is back
    qtbot.waitUntil(lambda: workspace.facts_label.text().startswith("金牌核心渠道"), timeout=5000)
    # and back to English, live
    QCoreApplication.removeTranslator(chinese_translator)
    qtbot.waitUntil(lambda: workspace.tabs.tabText(1) == "&Meetings", timeout=5000)
    qtbot.waitUntil(lambda: workspace.name_label.text() == "华东渠道分销商", timeout=5000)
    harness.jobs.db.wait_idle(5)


def test_workspace_screenshot_zh(qtbot, workspace, harness, type_text, out_dir,
                                 chinese_translator):
    QCoreApplication.installTranslator(chinese_translator)
    qtbot.waitUntil(lambda: workspace.tabs.tabText(1) == "会议(&M)", timeout=5000)
    qtbot.waitUntil(lambda: workspace.name_label.text() == "华东渠道分销商", timeout=5000)
    _show_meeting(qtbot, workspace, harness, type_text)
    # text built outside Qt's translations (the agenda template) follows the language
    agenda = workspace.meetings.editor.agenda_edit.toPlainText()
    assert agenda.startswith("1. 跟进未关闭的行动项") and "上次会议遗留的未关闭行动项" in agenda
    zh = workspace.grab()
    assert zh.save(str(out_dir / "workspace-zh.png"))
    QCoreApplication.removeTranslator(chinese_translator)
    qtbot.waitUntil(lambda: workspace.tabs.tabText(1) == "&Meetings", timeout=5000)
    harness.jobs.db.wait_idle(5)
