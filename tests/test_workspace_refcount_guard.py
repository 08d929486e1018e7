"""PySide6 6.12.0 on Python 3.11 loses a reference to True on every Python-side
signal emit, which aborts the process after a few thousand emits; the workspace
installs a guard (ui/qt_workarounds.py). Each case runs in a child process, as the failure is an abort."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal, QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
emits = 3 * sys.getrefcount(True)  # enough to exhaust True's references thrice
import ui.qt_workarounds as guard  # installs nothing: the env switch is set
print("LEAKS", guard.emit_leaks(), flush=True)
if {guard}:
    print("GUARD", guard.make_bools_immortal(), flush=True)
class O(QObject):
    s = Signal(str)
o = O()
o.s.connect(lambda text: None)
for i in range(emits):
    o.s.emit("x")
    if i % 200 == 0:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
print("SURVIVED", flush=True)
"""


def _run(guard: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "CHANNELKEEPER_NO_QT_WORKAROUNDS": "1"}
    return subprocess.run([sys.executable, "-c", SCRIPT.format(guard=guard)], check=False, cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.timeout(150)
def test_the_guard_keeps_a_long_session_alive():
    guarded = _run(guard=True)
    assert "SURVIVED" in guarded.stdout, guarded.stderr[-2000:]
    assert guarded.returncode == 0
    if "LEAKS True" in guarded.stdout:
        assert "GUARD True" in guarded.stdout
        # the control: the same emits without the guard abort the interpreter
        bare = _run(guard=False)
        assert "SURVIVED" not in bare.stdout
        assert "bool_dealloc" in bare.stderr
