"""Child process of tests/test_autosave_kill.py: opens a real profile database, shows
the partner workspace offscreen, types meeting notes key by key, and reports progress
on stdout so the test can SIGKILL it at a chosen moment.

Usage: autosave_kill_helper.py DB PARTNER_ID MEETING_ID MODE TEXT_FILE
MODE "idle": type everything, wait 2.5 s, print DONE, keep running until killed.
MODE "continuous": keep typing (never idle); print "T <chars> <monotonic>" per key.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.jobs import JobRunner
from models.store import Store
from tests.keys import open_test_database
from ui.app_context import AppContext
from ui.workspace.partner_workspace import PartnerWorkspace

KEY_INTERVAL_MS = 30


def type_char(widget, ch: str) -> None:
    if ch == "\n":
        QTest.keyClick(widget, Qt.Key.Key_Return)
    elif ch.isascii():
        QTest.keyClicks(widget, ch)
    else:  # as an input method commits a Chinese character
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QCoreApplication.sendEvent(widget, event)


def main() -> None:
    db_path, partner_id, meeting_id, mode, text_file = sys.argv[1:6]
    text = Path(text_file).read_text(encoding="utf-8")
    app = QApplication([])
    store = Store(open_test_database(Path(db_path)))
    jobs = JobRunner()
    ctx = AppContext(store, jobs, settings=None)
    workspace = PartnerWorkspace(ctx)
    workspace.resize(1280, 800)
    workspace.show()
    workspace.open_partner(partner_id)
    workspace.show_record("meeting", meeting_id)
    editor = workspace.meetings.editor
    position = 0

    def tick() -> None:
        nonlocal position
        if editor.meeting_id() != meeting_id:
            return  # still loading
        if position == 0:
            if not editor.is_editing():
                editor.edit_action.trigger()  # a past meeting opens for reading: Edit first
            editor.notes_edit.setFocus()
            editor.notes_edit.moveCursor(editor.notes_edit.textCursor().MoveOperation.End)
        if position >= len(text):
            timer.stop()
            if mode == "idle":
                QTimer.singleShot(2500, lambda: print("DONE", flush=True))
            return
        type_char(editor.notes_edit, text[position])
        position += 1
        if mode == "continuous":
            print(f"T {position} {time.monotonic():.3f}", flush=True)

    timer = QTimer(interval=KEY_INTERVAL_MS)
    timer.timeout.connect(tick)
    timer.start()
    print("READY", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
