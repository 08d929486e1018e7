"""The app checks the whole database in the background after each start: a healthy
profile gets its day's backup, a damaged one is said to be damaged in words, never
written to, and offers the unsent changes and the newest good backup."""
from __future__ import annotations

import json

import pytest

from desktop import app as desktop_app
from desktop.cli import main
from desktop.paths import Profile
from models.backups import list_backups
from models.store import Store
from tests.sync_ui_world import ServerWorld, open_window
from tests.test_integrity_backups import damage, database_of, fill
from tests.test_sync_ui import signed_in_and_synced
from ui.safety.damage_dialog import DamageDialog


@pytest.fixture(autouse=True)
def check_at_once(monkeypatch):
    """The app waits a minute after start before checking; these tests do not."""
    from desktop import safety_watch

    monkeypatch.setattr(safety_watch, "CHECK_DELAY_MS", 0)


def open_session(qtbot, profile: Profile):
    desktop_app.create_app([])
    session = desktop_app.open_session(profile, offer_demo=False)
    assert session is not None
    qtbot.addWidget(session.window)
    return session


def test_a_healthy_profile_is_checked_in_the_background_and_backed_up(qtbot, profile):
    fill(profile, partners=40)
    session = open_session(qtbot, profile)
    try:
        # the window is usable while the check runs (it reads every page in the db lane)
        qtbot.waitUntil(lambda: session.window.is_ready, timeout=15000)
        qtbot.waitUntil(lambda: session.safety.problems is not None, timeout=30000)
        assert session.safety.problems == []
        (daily,) = list_backups(profile.backups_dir)
        assert daily.name.endswith("-daily.backup")
        assert not session.window.findChildren(DamageDialog)
    finally:
        session.window.close()
    # the day's backup is made once a day, not at every start
    session = open_session(qtbot, profile)
    qtbot.waitUntil(lambda: session.safety.problems is not None, timeout=30000)
    session.window.close()
    assert len(list_backups(profile.backups_dir)) == 1


def test_a_damaged_profile_is_reported_never_written_and_restored(qtbot, profile, tmp_path):
    fill(profile, partners=150)
    assert main(["backup", "--profile", str(profile.root)]) == 0  # a good backup exists
    from models.store import Store
    from tests.keys import open_test_database

    store = Store(open_test_database(profile.database))
    unsent = store.pending_count()
    store.db.close()
    damaged = damage(profile.database)
    session = open_session(qtbot, profile)
    qtbot.waitUntil(lambda: session.safety.problems is not None, timeout=30000)
    assert session.safety.problems  # found, in SQLite's words
    (dialog,) = session.window.findChildren(DamageDialog)
    assert dialog.isVisible() and "damaged" in dialog.detail.text()
    assert dialog.restore_button.isEnabled()
    # an edit now is refused, the file stays as it was
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        session.ctx.call_db(lambda s: s.create_partner(name_zh="新渠道", tier="core",
                                                       stage="mature"))
    assert profile.database.read_bytes() == damaged
    # the unsent changes that can still be read go to a file the user picks
    out = tmp_path / "unsent.json"
    count = session.safety.export_to(str(out))
    rows = json.loads(out.read_text(encoding="utf-8"))["pending_changes"]
    assert count == len(rows) and 0 < count <= unsent
    # restore the newest good backup: the profile opens again, healthy, data back
    watch = session.safety
    dialog.restore_button.click()
    again = watch.reopened
    assert again is not None
    qtbot.addWidget(again.window)
    try:
        qtbot.waitUntil(lambda: again.safety is not None and again.safety.problems is not None,
                        timeout=30000)
        assert again.safety.problems == []
        assert again.window.partners.model.rowCount() == 150
    finally:
        again.window.close()
    assert list(profile.root.glob("channelkeeper.db.replaced-*"))


def test_the_check_reads_aside_and_closing_interrupts_it(qtbot, profile, monkeypatch):
    """The check reads the whole file (seconds on a large profile) on a connection of
    its own: the database lane answers meanwhile, and closing does not wait for it."""
    import threading
    import time

    from desktop import safety_watch

    fill(profile, partners=5)
    reading = threading.Event()

    def slow_check(db):  # a read that runs until interrupted, as a large file's check
        reading.set()
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                   "SELECT count(*) FROM n").fetchone()
        return []

    monkeypatch.setattr(safety_watch, "integrity_problems", slow_check)
    session = open_session(qtbot, profile)
    qtbot.waitUntil(lambda: session.window.is_ready, timeout=15000)
    qtbot.waitUntil(reading.is_set, timeout=15000)
    assert session.ctx.call_db(lambda s: s.count("partner"), timeout=5) == 5
    started = time.monotonic()
    session.window.close()
    assert session.closed and time.monotonic() - started < 5
    assert session.safety.problems is None  # interrupted: no verdict, no damage reported
    assert not list_backups(profile.backups_dir)


def test_the_check_waits_for_the_first_minute_after_start(qtbot, profile, monkeypatch):
    from desktop import safety_watch

    monkeypatch.setattr(safety_watch, "CHECK_DELAY_MS", 1500)
    fill(profile, partners=5)
    session = open_session(qtbot, profile)
    try:
        qtbot.waitUntil(lambda: session.window.is_ready, timeout=15000)
        assert session.jobs.aside.wait_idle(5)
        assert session.safety.problems is None  # not started yet
        with qtbot.waitSignal(session.safety.checked, timeout=30000):
            pass
        assert session.safety.problems == []
    finally:
        session.window.close()


def test_a_window_left_open_makes_the_next_days_backup(qtbot, profile, monkeypatch):
    """The day's backup is made while the app runs, not only at a start: a window left
    open past a day backs up again (the poll, an hour in the app, is shortened here)."""
    import datetime as dt

    from desktop import safety, safety_watch
    from models.backups import backup_name
    from models.database import DatabaseFile

    monkeypatch.setattr(safety_watch, "BACKUP_POLL_MS", 100)
    fill(profile, partners=5)
    session = open_session(qtbot, profile)
    try:
        qtbot.waitUntil(lambda: session.safety.problems is not None, timeout=30000)
        (first,) = list_backups(profile.backups_dir)
        qtbot.wait(500)  # polled a few times: no second backup within the day
        assert list_backups(profile.backups_dir) == [first]
        # a day passes with the window open: the newest backup is now yesterday's
        yesterday = first.with_name(backup_name("daily", dt.datetime.now() - dt.timedelta(days=1)))
        first.rename(yesterday)
        qtbot.waitUntil(lambda: len(list_backups(profile.backups_dir)) == 2, timeout=10000)
        newest = list_backups(profile.backups_dir)[0]
        assert newest != yesterday and newest.name.endswith("-daily.backup")
        assert not safety.check_database(DatabaseFile(newest, session.database.key))
    finally:
        session.window.close()


def test_the_apps_first_sync_checks_and_backs_up_first(qtbot, profile, tmp_path):
    """Signing in from the app starts a sync from zero in the network lane: the file is
    checked and backed up before anything is sent or pulled (the backup holds the
    unsent records and none of the server's)."""

    world = ServerWorld(tmp_path / "world")
    try:
        world.add_user("li.na")
        world.partner("华东渠道分销商", "li.na")
        fill(profile, partners=3)  # typed before this laptop ever synced: unsent
        window = open_window(qtbot, profile)
        signed_in_and_synced(qtbot, window, world)
        window.close()
        made = [b for b in list_backups(profile.backups_dir)
                if b.name.endswith("-before-full-sync.backup")]
        assert len(made) == 1
        database = database_of(profile)
        copy = Store(type(database)(made[0], database.key).open(migrate=False))
        assert copy.pending_count() == 3 and copy.count("partner") == 3
        copy.db.close()
        after = Store(database.open(migrate=False))
        assert after.count("partner") == 4 and after.pending_count() == 0
        after.db.close()
    finally:
        world.close()
