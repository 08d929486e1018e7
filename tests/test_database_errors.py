"""Files the store must refuse without touching them (corrupt, truncated, not SQLite),
a database or profile another process holds, and bad values on import."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.profile_lock import ProfileLock
from models import database, migrations
from models.database import connect, open_database, verify_database
from models.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    PlainDatabaseError,
    ValidationError,
    WrongKeyError,
)
from models.migrations import known_names
from models.store import Store
from tests.keys import TEST_KEY

ROOT = Path(__file__).resolve().parent.parent


def open_test_database(path: Path, **kw):
    """A file on its own (no profile around it), encrypted with the tests' key."""
    return open_database(path, key=TEST_KEY, **kw)


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch):
    # the app waits 5 s for a lock; the tests need not
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)


def _filled_db(path: Path, partners: int = 40) -> Path:
    store = Store(open_test_database(path))
    with store.transaction():
        for i in range(partners):
            p = store.create_partner(
                name_zh=f"华东渠道商{i}",
                tier="core",
                stage="mature",
                notes="渠道方反馈近期回款周期变长。" * 20,
            )
            store.create(
                "meeting",
                {
                    "partner_id": p["id"],
                    "type": "visit",
                    "starts_at": "2026-11-01 10:00",
                    "notes": "会议纪要" * 200,
                },
            )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.close()
    return path


def _assert_refused_untouched(path: Path, error: type[Exception], match: str = "", **kw) -> None:
    before = path.read_bytes()
    siblings = set(path.parent.iterdir())
    kw.setdefault("key", TEST_KEY)
    with pytest.raises(error, match=match) as exc:
        open_database(path, **kw)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("backups/*"))
    leftovers = {p.name for p in set(path.parent.iterdir()) - siblings}
    assert not leftovers - {path.name + "-wal", path.name + "-shm"}
    assert str(path) in str(exc.value) or path.name in str(exc.value)


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "channelkeeper.db"
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    # encrypted pages look like random bytes: the key cannot tell them from damage
    _assert_refused_untouched(path, WrongKeyError, "cannot be unlocked")
    _assert_refused_untouched(path, CorruptDatabaseError, "not an SQLite file", key=None)


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "channelkeeper.db"
    path.write_text("partner,tier\n华东渠道商,core\n", encoding="utf-8")
    _assert_refused_untouched(path, WrongKeyError, "untouched")
    _assert_refused_untouched(path, CorruptDatabaseError, "untouched", key=None)


def test_a_wrong_key_is_refused_untouched(tmp_path):
    path = _filled_db(tmp_path / "channelkeeper.db", partners=2)
    before = path.read_bytes()
    with pytest.raises(WrongKeyError, match="cannot be unlocked"):
        open_database(path, key=bytes(32))
    assert path.read_bytes() == before


def test_a_plain_file_is_not_opened_with_a_key(tmp_path):
    path = tmp_path / "channelkeeper.db"
    open_database(path, key=None).conn.close()
    _assert_refused_untouched(path, PlainDatabaseError, "not encrypted")


def test_truncated_sqlite_file_is_refused(tmp_path):
    good = _filled_db(tmp_path / "good.db")
    data = good.read_bytes()
    assert len(data) > 8 * 4096
    path = tmp_path / "channelkeeper.db"
    path.write_bytes(data[: len(data) // 2])
    _assert_refused_untouched(path, CorruptDatabaseError, "damaged|cannot be read")


def _scramble_pages(path: Path, first_page: int, last_page: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    rng = random.Random(2)
    for p in range(first_page, last_page or len(data) // page):
        start = p * page + 8
        data[start : start + 200] = rng.randbytes(200)
    path.write_bytes(bytes(data))


def test_sqlite_file_with_damaged_pages_is_refused(tmp_path):
    path = _filled_db(tmp_path / "channelkeeper.db")
    _scramble_pages(path, 1)  # keep the header page, scramble the rest
    _assert_refused_untouched(path, CorruptDatabaseError, "damaged|cannot be read")


def test_damaged_data_pages_are_found_by_the_full_check(tmp_path):
    # The default open checks header and schema only (a full check of a large
    # profile takes seconds); verify=True and verify_database read every page.
    path = _filled_db(tmp_path / "channelkeeper.db", partners=200)
    pages = path.stat().st_size // 4096
    _scramble_pages(path, pages - 20, pages - 10)
    _assert_refused_untouched(path, CorruptDatabaseError, "damaged", verify=True)
    db = open_test_database(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        verify_database(db, path)
    db.conn.close()


def test_full_check_runs_after_an_unclean_shutdown(tmp_path):
    path = _filled_db(tmp_path / "channelkeeper.db", partners=200)
    pages = path.stat().st_size // 4096
    _scramble_pages(path, pages - 20, pages - 10)
    Path(f"{path}-wal").write_bytes(b"")  # an empty log is what a clean close leaves: no check
    open_test_database(path).conn.close()
    # a crashed writer leaves a non-empty log behind (here: a real one, from a killed process)
    code = (
        "import os, sys\n"
        "from models.database import connect\n"
        "c = connect(sys.argv[1], bytes(range(32)))\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(\"INSERT INTO settings VALUES ('k', 'v')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=ROOT)
    assert Path(f"{path}-wal").stat().st_size > 0
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_test_database(path)


def test_header_only_file_is_refused(tmp_path):
    path = tmp_path / "channelkeeper.db"
    path.write_bytes(database.SQLITE_MAGIC + b"\x00" * 84)  # half a header, no pages
    _assert_refused_untouched(path, CorruptDatabaseError, "damaged|cannot be read|not an SQLite",
                              key=None)


def test_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "channelkeeper.db"
    path.write_bytes(b"")
    db = open_test_database(path)
    assert migrations.applied_names(db.conn) == known_names()
    db.conn.close()


_HOLD_WRITE_LOCK = textwrap.dedent(
    """
    import sys, time
    from models.database import connect
    c = connect(sys.argv[1], bytes(range(32)))
    c.execute("BEGIN EXCLUSIVE")
    c.execute("INSERT INTO settings (key, value) VALUES ('held', 'by another process')")
    print("locked", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def writer_holding(tmp_path):
    """A subprocess in the middle of an exclusive transaction on a database."""
    procs: list[subprocess.Popen] = []

    def hold(path: Path) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-c", _HOLD_WRITE_LOCK, str(path)], stdout=subprocess.PIPE, text=True,
            cwd=ROOT)
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield hold
    for proc in procs:
        proc.kill()
        proc.wait()


def test_write_while_another_process_holds_the_lock(tmp_path, writer_holding):
    path = _filled_db(tmp_path / "channelkeeper.db", partners=1)
    store = Store(open_test_database(path))
    writer_holding(path)
    with pytest.raises(DatabaseLockedError, match="another program is writing"):
        store.create_partner(name_zh="新渠道", tier="ordinary", stage="intro")
    with pytest.raises(DatabaseLockedError):
        store.create_many("partner", [{"name_en": "X", "tier": "core", "stage": "intro"}])
    assert store.count("partner") == 1 and len(store.outbox()) == 2  # partner + meeting
    store.db.conn.close()


def test_a_write_with_no_room_left_is_refused_whole(tmp_path):
    """SQLite's "database or disk is full", made real by capping the file at the pages
    it has: a clear error, nothing half-written, and the next write goes through once
    there is room."""
    path = _filled_db(tmp_path / "channelkeeper.db", partners=2)
    store = Store(open_test_database(path))
    partner = store.query("SELECT id FROM partners LIMIT 1")[0]["id"]
    before = store.get("partner", partner), len(store.outbox())
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFullError, match="disk is full"):
        store.update("partner", partner, {"notes": "渠道方反馈近期回款周期变长。" * 2000})
    assert (store.get("partner", partner), len(store.outbox())) == before
    store.db.execute(f"PRAGMA max_page_count = {pages * 4}")
    store.update("partner", partner, {"notes": "已跟进"})
    assert store.get("partner", partner)["notes"] == "已跟进"
    store.db.conn.close()


def test_migration_while_another_process_holds_the_lock(tmp_path, writer_holding):
    path = tmp_path / "channelkeeper.db"
    db = open_test_database(path, migrate=False)
    migrations.apply(db, stop_before=known_names()[1])
    db.conn.close()
    writer_holding(path)
    with pytest.raises(DatabaseLockedError, match="in use by another program"):
        open_test_database(path)
    db = open_test_database(path, migrate=False)
    assert migrations.applied_names(db.conn) == known_names()[:1]
    db.conn.close()


def test_database_in_rollback_journal_mode_held_by_another_process(tmp_path, writer_holding):
    # a file written by another tool in the default journal mode: switching it to WAL
    # needs the lock
    path = tmp_path / "channelkeeper.db"
    c = connect(path, TEST_KEY)
    c.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    c.commit()
    c.close()
    writer_holding(path)
    with pytest.raises(DatabaseLockedError, match="in use by another program"):
        open_test_database(path)


def test_profile_held_by_another_process(tmp_path):
    lock_file = tmp_path / "profile" / "channelkeeper.lock"
    code = (
        "import sys, time\n"
        "from desktop.profile_lock import ProfileLock\n"
        "from pathlib import Path\n"
        "lock = ProfileLock(Path(sys.argv[1])).acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(lock_file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseLockedError, match="open in another ChannelKeeper window"):
            ProfileLock(lock_file).acquire()
    finally:
        proc.kill()
        proc.wait()
    with ProfileLock(lock_file):  # a killed holder leaves no stale lock
        pass


def test_unknown_tier_in_an_import_is_refused_and_nothing_is_written(store):
    rows = [
        {"name_zh": "华南分销", "tier": "core", "stage": "mature"},
        {"name_zh": "西南代理", "tier": "gold", "stage": "mature"},  # not a tier
        {"name_zh": "华北渠道", "tier": "ordinary", "stage": "intro"},
    ]
    with pytest.raises(ValidationError, match="gold") as exc:
        store.create_many("partner", rows)
    assert exc.value.field == "tier"
    assert store.count("partner") == 0 and store.outbox() == [] and store.search("华南") == []


@pytest.mark.parametrize("field, value", [("tier", "Core "), ("stage", "成熟"), ("tier", 3)])
def test_other_bad_enum_values_are_refused(store, field, value):
    values = {"name_en": "Harbor Trading", "tier": "core", "stage": "mature", field: value}
    with pytest.raises(ValidationError) as exc:
        store.create("partner", values)
    assert exc.value.field == field


def test_a_checkpoint_cut_short_by_a_crash_is_completed_from_the_log(tmp_path):
    """Killed while copying the write-ahead log into the file: the first page (with the
    new page count) is written, the pages after it are not, and the log is still
    there. That file is not damaged: SQLite completes it from the log. (Seen when the
    outbox crash test killed a writer at such a moment.)"""
    path = tmp_path / "channelkeeper.db"
    store = Store(open_test_database(path))
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(300):
        store.create_partner(name_zh=f"渠道{i}", tier="core", stage="mature",
                             address="长" * 400)
    log = Path(f"{path}-wal").read_bytes()
    assert len(log) > 64 * 4096
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.close()
    full = path.read_bytes()
    # the crash: the header page and a few others are in the file, the log is intact
    path.write_bytes(full[: 8 * 4096])
    Path(f"{path}-wal").write_bytes(log)
    store = Store(open_test_database(path))
    assert store.count("partner") == 300
    store.db.conn.close()
    # and a file cut short with no log to complete it is still refused
    path.write_bytes(full[: 8 * 4096])
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(CorruptDatabaseError, match="truncated|damaged"):
        open_test_database(path)
