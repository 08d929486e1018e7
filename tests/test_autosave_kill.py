"""Killing the app while notes are typed loses at most the last ~2 seconds.

A child process shows the real workspace offscreen on a real profile database and
types notes key by key; the test SIGKILLs it (no chance to flush) and reopens the file.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.store import Store
from tests.keys import open_test_database

HELPER = Path(__file__).with_name("autosave_kill_helper.py")
ROOT = HELPER.parent.parent
#: what the promise allows to be lost, plus scheduling slack on a busy 2-core machine
MAX_LOSS_S = 2.0
SLACK_S = 0.6

NOTES = (
    "陈总反馈：华东区门店缺货严重，补货周期需要缩短到 7 天。\n"
    "Stock report due next Friday; rebate table v2 sent.\n"
    "对方：下周提交门店名单，并确认促销预算。\n"
)


def _profile(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "channelkeeper.db"
    store = Store(open_test_database(db))
    partner = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    meeting = store.create("meeting", {"partner_id": partner["id"], "type": "visit",
                                       "status": "held", "starts_at": "2026-11-27 10:00"})
    store.db.conn.close()
    return db, partner["id"], meeting["id"]


def _start(tmp_path: Path, mode: str, text: str) -> tuple[subprocess.Popen, Path, str]:
    db, partner_id, meeting_id = _profile(tmp_path)
    text_file = tmp_path / "notes.txt"
    text_file.write_text(text, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(db), partner_id, meeting_id, mode, str(text_file)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    return proc, db, meeting_id


def _saved_notes(db: Path, meeting_id: str) -> str:
    store = Store(open_test_database(db))
    try:
        return store.get("meeting", meeting_id)["notes"] or ""
    finally:
        store.db.conn.close()


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.timeout(60)
def test_notes_survive_a_kill_after_typing_stops(tmp_path):
    proc, db, meeting_id = _start(tmp_path, "idle", NOTES)
    try:
        for line in proc.stdout:
            if line.strip() == "DONE":
                break
        else:
            pytest.fail("helper ended without typing")
    finally:
        _kill(proc)
    assert _saved_notes(db, meeting_id) == NOTES.strip()


@pytest.mark.timeout(60)
def test_kill_during_continuous_typing_loses_at_most_two_seconds(tmp_path):
    text = NOTES * 6  # ~9 s of typing at 30 ms a key: it is still typing when killed
    proc, db, meeting_id = _start(tmp_path, "continuous", text)
    progress: list[tuple[int, float]] = []
    try:
        for line in proc.stdout:
            if line.startswith("T "):
                _, n, at = line.split()
                progress.append((int(n), float(at)))
                if progress[-1][1] - progress[0][1] >= 4.5:
                    break
        else:
            pytest.fail("helper ended before typing long enough")
    finally:
        killed_at = time.monotonic()
        _kill(proc)
    saved = _saved_notes(db, meeting_id)
    assert saved, "nothing was saved during 4.5 s of typing"
    assert text.startswith(saved)  # what is saved is exactly what was typed, in order
    typed_by_deadline = max(
        (n for n, at in progress if at <= killed_at - MAX_LOSS_S - SLACK_S), default=0)
    assert typed_by_deadline > 0
    assert len(saved) >= len(text[:typed_by_deadline].rstrip()), (
        f"lost more than {MAX_LOSS_S} s: saved {len(saved)} chars, "
        f"{typed_by_deadline} were typed {MAX_LOSS_S + SLACK_S} s before the kill")
    typed_at_kill = progress[-1][0]
    print(f"typed >= {typed_at_kill} chars, saved {len(saved)}, "
          f"loss <= {typed_at_kill - len(saved)} chars (~{(typed_at_kill - len(saved)) * 0.03:.1f} s)")
    assert len(saved) < len(text)  # the kill really interrupted the typing
