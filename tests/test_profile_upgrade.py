"""Opening a profile saved by an earlier version: a small window says the data is being
updated while the backup and the migrations run in a worker thread, then the app opens
with everything in place; a failure gets the usual clear message."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QProgressDialog

from desktop import app as desktop_app
from desktop.paths import Profile
from models import migrations
from models.database import Database, DatabaseFile, applied_names, connect, upgrade_due
from models.errors import CorruptDatabaseError
from models.migrations import known_names
from tests.keys import TEST_KEY, install_test_key

#: the migration that re-makes the search index with pinyin keys
PINYIN_INDEX = "0010_search_pinyin_keys"


@pytest.fixture
def old_profile(tmp_path) -> Profile:
    """A profile saved before the migration that re-made the search index (pinyin
    keys), so the upgrade both migrates and re-indexes what the earlier version wrote."""
    profile = Profile(tmp_path / "profile").ensure()
    install_test_key(profile)
    db = Database(connect(profile.database, TEST_KEY))
    assert PINYIN_INDEX in known_names()
    migrations.apply(db, stop_before=PINYIN_INDEX)
    # a record as the earlier version wrote it (today's store writes today's schema)
    db.conn.execute(
        "INSERT INTO partners (id, version, created_at, updated_at, deleted, name_zh, tier,"
        " stage) VALUES ('b7f3c1de-0000-4000-8000-000000000001', 0, '2026-11-01 09:00',"
        " '2026-11-01 09:00', 0, '华东渠道分销商', 'core', 'mature')")
    db.conn.close()
    return profile


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The label of every upgrade window the app puts up."""
    texts: list[str] = []

    class Recording(QProgressDialog):
        def show(self) -> None:
            texts.append(self.labelText())
            super().show()

    # desktop.app imports it when it needs it: from the module, so this is what it finds
    monkeypatch.setattr("PySide6.QtWidgets.QProgressDialog", Recording)
    return texts


def test_an_old_profile_is_updated_behind_a_progress_window(qtbot, old_profile, shown):
    assert upgrade_due(old_profile.database, TEST_KEY)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(old_profile, offer_demo=False)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert len(shown) == 1 and "Updating your data" in shown[0]
        qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
        assert window.partners.model.rowCount() == 1
        # the search index was made again for today's search (pinyin initials)
        assert window.ctx.call_db(lambda s: [h.title for h in s.search("hdqd")]) == ["华东渠道分销商"]
        assert window.ctx.call_db(lambda s: applied_names(s.db)) == known_names()
        backups = list(old_profile.backups_dir.glob("*-before-*.backup"))
        assert len(backups) == 1
        assert not upgrade_due(old_profile.database, TEST_KEY)
    finally:
        window.close()
    # the next start has nothing to update: no window
    again = desktop_app.open_main_window(old_profile, offer_demo=False)
    qtbot.addWidget(again)
    again.close()
    assert len(shown) == 1


def test_a_failed_update_gets_the_clear_message_and_releases_the_profile(
        qtbot, old_profile, shown, monkeypatch):
    def broken(self, **kw):
        raise CorruptDatabaseError(f"{self.path} is damaged (test). It was left untouched.")

    reported: list[BaseException] = []
    monkeypatch.setattr(DatabaseFile, "open", broken)
    monkeypatch.setattr(desktop_app, "report_open_error", reported.append)
    desktop_app.create_app([])
    assert desktop_app.open_main_window(old_profile, offer_demo=False) is None
    assert len(shown) == 1
    assert isinstance(reported[0], CorruptDatabaseError)
    monkeypatch.undo()
    window = desktop_app.open_main_window(old_profile, offer_demo=False)  # lock released
    assert window is not None
    qtbot.addWidget(window)
    window.close()


def test_upgrade_due_is_quiet_about_files_it_cannot_judge(tmp_path):
    assert not upgrade_due(tmp_path / "missing.db", TEST_KEY)
    (tmp_path / "empty.db").write_bytes(b"")
    assert not upgrade_due(tmp_path / "empty.db", TEST_KEY)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert not upgrade_due(tmp_path / "junk.db", TEST_KEY)
