"""The autosave rhythm on its own: a write about 1 s after the last edit, and at
least every ~2 s while edits keep coming, even when the db lane was busy."""
from __future__ import annotations

import itertools
import threading
import time

from ui.workspace.autosave import IDLE_MS, MAX_LAG_MS, Autosaver

# harness, seeded: a real store file behind a JobRunner and AppContext
pytest_plugins = ("workspace_support",)


def _saver(harness, seeded):
    meeting_id = seeded[1]["last_meeting"]["id"]
    saver = Autosaver(harness.ctx, "meeting")
    saver.set_record(meeting_id)
    saved: list[float] = []
    saver.saved.connect(lambda _when: saved.append(time.monotonic()))
    return saver, meeting_id, saved


def _notes(harness, meeting_id):
    return harness.db(lambda s: s.get("meeting", meeting_id)["notes"])


def test_one_edit_is_written_after_the_idle_delay(qtbot, harness, seeded):
    saver, meeting_id, saved = _saver(harness, seeded)
    start = time.monotonic()
    for text in ("补", "补货", "补货周", "补货周期"):  # typed in quick succession
        saver.edit({"notes": text})
    qtbot.waitUntil(lambda: bool(saved), timeout=3000)
    assert _notes(harness, meeting_id) == "补货周期"
    assert IDLE_MS / 1000 - 0.05 <= saved[0] - start <= IDLE_MS / 1000 + 1.0
    qtbot.waitUntil(lambda: not saver.has_pending(), timeout=3000)
    assert len(saved) == 1  # debounced: one write for the four edits, not one per key


def test_continuous_edits_are_written_at_least_every_two_seconds(qtbot, harness, seeded):
    saver, meeting_id, _saved = _saver(harness, seeded)
    text = ""
    writes: list[tuple[float, str]] = []
    start = time.monotonic()
    while time.monotonic() - start < 4.5:
        text += "货"
        saver.edit({"notes": text})
        qtbot.wait(100)  # the typing rhythm: a key every 100 ms
        current = _notes(harness, meeting_id)
        if not writes or writes[-1][1] != current:
            writes.append((time.monotonic(), current))
    stored = [w for w in writes if w[1] and w[1].startswith("货")]
    assert len(stored) >= 2, "typing for 4.5 s without pause must be saved more than once"
    assert stored[0][0] - start <= MAX_LAG_MS / 1000 + 0.8
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(stored)]
    assert all(g <= MAX_LAG_MS / 1000 + 0.8 for g in gaps), gaps


def test_edits_waiting_behind_a_busy_db_lane_are_written_as_soon_as_it_frees(
        qtbot, harness, seeded):
    saver, meeting_id, _saved = _saver(harness, seeded)
    lane_free = threading.Event()
    harness.ctx.run_db(lambda _store: lane_free.wait(30))  # a long sync apply, say
    saver.edit({"notes": "第一句"})
    qtbot.waitUntil(saver.writing, timeout=3000)  # its write is queued behind the busy lane
    saver.edit({"notes": "第一句，第二句"})
    # the second edit ages past the max lag while the lane stays busy (the passing of
    # time is the condition here)
    qtbot.wait(MAX_LAG_MS + 100)
    freed = time.monotonic()
    lane_free.set()
    qtbot.waitUntil(lambda: _notes(harness, meeting_id) == "第一句，第二句", timeout=8000)
    # older than the max lag by then: written right after the first write, not after
    # a fresh idle delay (which would be a second later)
    assert time.monotonic() - freed <= 0.7
