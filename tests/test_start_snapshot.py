"""The start-up snapshot: the last session's first load, shown at once when it matches
the data, day and settings; never when it does not, never when damaged; checked by the
normal first load in the background, which replaces it when it was wrong."""
from __future__ import annotations

import datetime as dt
import logging
import struct
import zlib

import pytest

from desktop import app as desktop_app
from desktop.paths import Profile
from desktop.settings import Settings
from desktop.start_snapshot import (
    DAYS_AHEAD,
    FORMAT,
    MAGIC,
    StartSnapshot,
    from_bytes,
    to_bytes,
)
from models import insights
from models.database import open_database
from models.domain import DEFAULT_CADENCE_DAYS
from models.store import Store
from tests.test_app_shell import TODAY, seed
from ui.today_view import LIST_LIMIT, load_today


@pytest.fixture
def profile(tmp_path) -> Profile:
    return Profile(tmp_path / "profile").ensure()


@pytest.fixture(autouse=True)
def _prompt_background_work(monkeypatch):
    """The check and the save wait 1.5 s after start in the app; here a moment."""
    monkeypatch.setattr("ui.window_loading.BACKGROUND_DELAY_MS", 20)


def snapshot_file(profile: Profile, day: dt.date = TODAY):
    return StartSnapshot(profile.cache_dir, lambda: day, dict).path_for(day)


def start(qtbot, profile: Profile, today: dt.date = TODAY):
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: today)
    assert window is not None
    qtbot.addWidget(window)
    # what is on screen when `ready` fires (the first load, or the snapshot: the check
    # against the data starts only after it)
    at_ready: list[dict] = []
    window.ready.connect(lambda: at_ready.append(shown_rows(window)))
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    window.rows_at_ready = at_ready[0]
    return window


def shown_rows(window) -> dict[str, list[list]]:
    """Every cell the partner table and Today's four lists display."""
    models = {"partners": window.partners.model}
    for name in ("visits", "actions", "key_dates", "lying_flat"):
        models[name] = getattr(window.today, name).proxy
    return {name: [[m.index(r, c).data() for c in range(m.columnCount())]
                   for r in range(m.rowCount())] for name, m in models.items()}


def finish_checks(qtbot, window) -> None:
    """Let the first load from the database (with a snapshot: its check) arrive and
    the snapshot be saved."""
    qtbot.waitUntil(lambda: window.first_load_settled, timeout=10000)
    qtbot.wait(50)  # the save is queued a moment later
    assert window.ctx.wait_idle(10.0)


def test_a_window_started_from_the_snapshot_shows_what_one_without_shows(qtbot, profile, caplog):
    seed(profile)
    first = start(qtbot, profile)
    assert first.snapshot.shown is None  # nothing saved yet
    finish_checks(qtbot, first)
    without = shown_rows(first)
    assert len(without["partners"]) == 4 and without["visits"]
    assert snapshot_file(profile).exists()  # saved after the first load, before any close
    first.close()

    caplog.set_level(logging.INFO)
    second = start(qtbot, profile)
    assert second.snapshot.shown is not None
    # on screen from the snapshot the moment the window is ready
    assert second.rows_at_ready == without
    finish_checks(qtbot, second)
    assert shown_rows(second) == without
    assert "differed" not in caplog.text
    second.close()


def test_a_write_a_new_day_or_other_settings_keep_the_snapshot_off_screen(qtbot, profile):
    partners = seed(profile)
    start(qtbot, profile).close()
    assert snapshot_file(profile).exists()

    # a day past those the close kept: what is due has changed
    window = start(qtbot, profile, today=TODAY + dt.timedelta(days=DAYS_AHEAD + 1))
    assert window.snapshot.shown is None
    window.close()
    # the close saved that day's (and dropped the days before it); back to TODAY is
    # another day again
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    window.close()

    # a write by another program on this profile (the command line, a sync)
    store = Store(open_database(profile.database))
    store.update("partner", partners["east"]["id"], {"name_zh": "华东渠道总代理"})
    store.db.conn.close()
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    finish_checks(qtbot, window)
    names = [row[0] for row in shown_rows(window)["partners"]]
    assert "华东渠道总代理" in names
    window.close()

    # other visit cadence
    Settings(profile.settings_file).set_cadence({"core": 3})
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    window.close()
    window = start(qtbot, profile)
    assert window.snapshot.shown is not None  # nothing moved since that close
    window.close()


def test_key_covers_generation_date_settings_and_format(tmp_path):
    store = Store(open_database(tmp_path / "channelkeeper.db"))
    store.create_partner(name_zh="甲", tier="core", stage="mature")
    cadence = {str(t): d for t, d in DEFAULT_CADENCE_DAYS.items()}
    overviews = insights.partner_overviews(store, TODAY, cadence)
    data = load_today(store, TODAY, cadence, overviews, LIST_LIMIT, LIST_LIMIT)
    gen = store.data_generation()
    saver = StartSnapshot(tmp_path / "cache", lambda: TODAY, lambda: cadence)
    assert saver.save(gen, TODAY, cadence, overviews, data)

    def loads(today=TODAY, settings=cadence, generation=gen) -> bool:
        return StartSnapshot(tmp_path / "cache", lambda: today,
                             lambda: settings).load(generation) is not None

    assert loads()
    assert not loads(generation=gen + 1)
    assert not loads(today=TODAY - dt.timedelta(days=1))
    assert not loads(settings={**cadence, "core": cadence["core"] + 1})
    path = saver.path_for(TODAY)
    stored = from_bytes(path.read_bytes())
    stored["key"]["format"] += 1
    path.write_bytes(to_bytes(stored))
    assert not loads()
    stored["key"]["format"] -= 1
    stored["key"]["python"] = [2, 7]  # written by another Python
    path.write_bytes(to_bytes(stored))
    assert not loads()
    store.db.conn.close()


def _torn(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _flipped(raw: bytes) -> bytes:  # one bit of the payload
    return raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:]


def _other_format(raw: bytes) -> bytes:
    return raw[:len(MAGIC)] + bytes([FORMAT + 1]) + raw[len(MAGIC) + 1:]


def _bad_payload(raw: bytes) -> bytes:  # a valid header over bytes marshal refuses
    payload = b"\xff\x00garbage"
    return MAGIC + struct.pack(">BII", FORMAT, len(payload), zlib.crc32(payload)) + payload


def _not_a_table(raw: bytes) -> bytes:
    return to_bytes([1, 2, 3])  # type: ignore[arg-type]


def _other_table(raw: bytes) -> bytes:
    return to_bytes({"something": "else"})


@pytest.mark.parametrize("damage", [
    lambda raw: b"",
    lambda raw: b"\x00\x01garbage",
    _torn, _flipped, _other_format, _bad_payload, _not_a_table, _other_table,
    lambda raw: b'{"key": {"format": 1}, "data": {}}',  # an earlier version's JSON
])
def test_a_damaged_or_foreign_snapshot_is_ignored(qtbot, profile, caplog, damage):
    seed(profile)
    start(qtbot, profile).close()
    snapshot_file(profile).write_bytes(damage(snapshot_file(profile).read_bytes()))
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    finish_checks(qtbot, window)
    assert len(shown_rows(window)["partners"]) == 4
    window.close()
    # and the session left a good one behind
    window = start(qtbot, profile)
    assert window.snapshot.shown is not None
    window.close()


def test_an_earlier_versions_snapshot_is_removed_when_a_new_one_is_saved(qtbot, profile):
    seed(profile)
    old = profile.cache_dir / "start-snapshot.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"key": {"format": 1}, "data": {}}', encoding="utf-8")
    torn = profile.cache_dir / "start-snapshot-2026-11-26.bin.4242.tmp"  # a killed write
    torn.write_bytes(b"CKSNAP")
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    finish_checks(qtbot, window)
    assert snapshot_file(profile).exists() and not old.exists() and not torn.exists()
    window.close()


def test_a_damaged_snapshot_with_a_matching_key_is_ignored(qtbot, profile, caplog):
    seed(profile)
    start(qtbot, profile).close()
    stored = from_bytes(snapshot_file(profile).read_bytes())
    stored["data"]["visits"] = [999]  # points at no partner
    snapshot_file(profile).write_bytes(to_bytes(stored))
    window = start(qtbot, profile)
    assert window.snapshot.shown is None
    assert "damaged or foreign" in caplog.text
    finish_checks(qtbot, window)
    assert len(shown_rows(window)["partners"]) == 4
    window.close()


def test_the_first_load_replaces_a_wrong_snapshot(qtbot, profile, caplog):
    partners = seed(profile)
    start(qtbot, profile).close()
    # a snapshot that matches the key but not the data (as a write path that forgot
    # to move the generation would leave it)
    stored = from_bytes(snapshot_file(profile).read_bytes())
    table = stored["data"]["overviews"]
    name_at = table["columns"].index("name_zh")
    row = next(r for r in table["rows"] if r[name_at] == partners["east"]["name_zh"])
    row[name_at] = "过时的名字"
    snapshot_file(profile).write_bytes(to_bytes(stored))

    window = start(qtbot, profile)
    assert window.snapshot.shown is not None
    assert "过时的名字" in [r[0] for r in window.rows_at_ready["partners"]]
    # the check's answer replaces the rows
    qtbot.waitUntil(lambda: "过时的名字" not in [r[0] for r in shown_rows(window)["partners"]],
                    timeout=10000)
    assert partners["east"]["name_zh"] in [r[0] for r in shown_rows(window)["partners"]]
    assert "start-up snapshot differed" in caplog.text
    window.close()
    # and the corrected one is what the next start shows
    window = start(qtbot, profile)
    assert "过时的名字" not in [r[0] for r in shown_rows(window)["partners"]]
    window.close()


def test_the_check_waits_while_the_user_types(qtbot, profile, monkeypatch):
    """The snapshot's check is ~0.2 s of Python in the database lane: it waits until
    the keyboard, the mouse and the partner filter have been quiet for a moment."""
    seed(profile)
    first = start(qtbot, profile)
    finish_checks(qtbot, first)
    first.close()
    monkeypatch.setattr("ui.window_loading.BACKGROUND_DELAY_MS", 300)
    window = start(qtbot, profile)
    assert window.snapshot.shown is not None and not window.first_load_settled
    from ui.main_window import PAGE_PARTNERS

    window.show_page(PAGE_PARTNERS)
    for text in ("华", "华东", "华东渠", "", "S", "Sh", "She", "Shen", "", "华", ""):
        window.partners.set_filter_text(text)  # as typed, ~0.1 s apart: never 0.3 s quiet
        qtbot.wait(100)
        assert not window.first_load_settled
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    # keys elsewhere count too, delivered as the system delivers them: to the window
    for _ in range(4):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
        qtbot.wait(100)
        assert not window.first_load_settled
    # a dialog opening is activity, and so is typing in it
    from PySide6.QtWidgets import QDialog, QLineEdit

    dialog = QDialog(window)
    field = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle(), timeout=5000)
    for key in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D):
        QTest.keyClick(dialog.windowHandle(), key)
        qtbot.wait(100)
        assert not window.first_load_settled
    assert field.text() == "abcd"  # the keys went where the user typed them
    dialog.close()
    qtbot.waitUntil(lambda: window.first_load_settled, timeout=10000)  # quiet: checked
    window.close()


def test_the_next_days_start_from_snapshots_kept_at_close(qtbot, profile):
    """What is due depends on the date, so today's snapshot is no use tomorrow: the
    close keeps the first load of each of the next days too, computed for its date,
    and the next morning's start shows it, exactly what a start without it shows."""
    seed(profile)
    window = start(qtbot, profile)
    finish_checks(qtbot, window)
    window.close()
    for ahead in range(DAYS_AHEAD + 1):
        assert snapshot_file(profile, TODAY + dt.timedelta(days=ahead)).exists(), ahead
    later = TODAY + dt.timedelta(days=DAYS_AHEAD)  # Friday's close, Monday's start
    window = start(qtbot, profile, today=later)
    assert window.snapshot.shown is not None
    from_snapshot = window.rows_at_ready
    finish_checks(qtbot, window)  # its check finds nothing to replace
    assert shown_rows(window) == from_snapshot
    window.close()
    assert not snapshot_file(profile, TODAY).exists()  # the past is removed
    for ahead in range(DAYS_AHEAD + 1):
        assert snapshot_file(profile, later + dt.timedelta(days=ahead)).exists(), ahead
    # the same day started without any snapshot shows the same rows
    StartSnapshot(profile.cache_dir, lambda: later, dict).discard()
    window = start(qtbot, profile, today=later)
    assert window.snapshot.shown is None
    assert window.rows_at_ready == from_snapshot
    window.close()
    # a day past those kept starts without one
    beyond = later + dt.timedelta(days=DAYS_AHEAD + 1)
    window = start(qtbot, profile, today=beyond)
    assert window.snapshot.shown is None
    window.close()


def test_the_close_writes_nothing_when_nothing_moved(qtbot, profile):
    seed(profile)
    window = start(qtbot, profile)
    finish_checks(qtbot, window)
    window.close()
    files = {p: p.stat().st_mtime_ns for p in profile.cache_dir.glob("start-snapshot-*.bin")}
    assert len(files) == DAYS_AHEAD + 1
    window = start(qtbot, profile)
    finish_checks(qtbot, window)
    assert window.ctx.call_db(window.snapshot.refresh) == 0
    window.close()
    assert {p: p.stat().st_mtime_ns for p in files} == files


def test_a_session_that_ends_without_closing_leaves_a_current_snapshot(qtbot, profile):
    """A crash or a flat battery skips the close: every reload after a change is kept
    as the snapshot at the next quiet moment, so the next start still shows one."""
    seed(profile)
    window = start(qtbot, profile)
    finish_checks(qtbot, window)
    window.ctx.call_db(lambda s: s.create_partner(name_zh="新签渠道", tier="emerging",
                                                  stage="intro"))
    generation = window.ctx.call_db(lambda s: s.data_generation())
    qtbot.waitUntil(lambda: "新签渠道" in [r[0] for r in shown_rows(window)["partners"]],
                    timeout=10000)

    def kept() -> bool:  # what a start would find on disk now
        snapshot = StartSnapshot(profile.cache_dir, lambda: TODAY,
                                 Settings(profile.settings_file).cadence)
        return snapshot.load(generation) is not None

    qtbot.waitUntil(kept, timeout=10000)
    # (the window is closed only to let the test go on: what is on disk was checked above)
    window.close()
