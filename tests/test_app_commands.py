"""Commands around the shell: review packs from the main window, the manager's name
in Settings, and starting without a display. Uses the shell tests' real profile and
window fixtures."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.paths import Profile
from tests import test_app_shell as shell
from ui.main_window import PAGE_PARTNERS


@pytest.fixture
def window(qtbot, tmp_path):
    """The shell tests' seeded profile in a real main window."""
    profile = Profile(tmp_path / "profile").ensure()
    partners = shell.seed(profile)
    w = shell.open_window(qtbot, profile)
    w.seeded = partners
    yield w
    w.close()


def test_settings_name_goes_on_review_packs(qtbot, window):
    from models.pack_data import manager_name

    dialog = window.show_settings()
    window.ctx.wait_idle()
    qtbot.keyClicks(dialog.manager_name, " Wang Lei")
    dialog.manager_name.home(False)
    dialog.manager_name.insert("王磊")  # QTest cannot type CJK keys; insert() is user input
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    window.ctx.wait_idle()
    assert window.ctx.call_db(manager_name) == "王磊 Wang Lei"
    again = window.show_settings()
    qtbot.waitUntil(lambda: again.manager_name.text() == "王磊 Wang Lei", timeout=5000)


def test_review_pack_commands_reach_the_pack_dialogs(qtbot, window):
    """Ctrl+P previews the pack of the partner in view; Ctrl+Shift+P takes the
    partners selected in the table."""
    from ui.packs.pack_batch_dialog import PackBatchDialog
    from ui.packs.pack_preview_dialog import PackPreviewDialog

    east, tech = window.seeded["east"], window.seeded["tech"]
    window.open_partner(east["id"])
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    previews = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, PackPreviewDialog) and w.isVisible()]
    assert len(previews) == 1 and previews[0].partner_id == east["id"]
    previews[0].close()

    window.show_page(PAGE_PARTNERS)
    assert window.partners.select_partner(east["id"])
    selection = window.partners.table.selectionModel()
    index = window.partners.proxy.mapFromSource(
        window.partners.model.index(window.partners.model.row_of(tech["id"]), 0))
    selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert set(window.partners.selected_partner_ids()) == {east["id"], tech["id"]}
    QTest.keyClick(window, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    batches = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, PackBatchDialog) and w.isVisible()]
    assert len(batches) == 1 and set(batches[0].partner_ids) == {east["id"], tech["id"]}
    batches[0].close()


def test_no_display_gives_a_clear_message_not_a_qt_abort(tmp_path):
    from desktop.commands.app import display_problem

    assert display_problem({}, "linux") and display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert display_problem({}, "darwin") == ""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "main.py", "--profile", str(tmp_path / "p")],
                            cwd=root, env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr and "Traceback" not in result.stderr
