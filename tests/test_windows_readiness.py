"""What a Windows laptop does differently, tested here where it can be: paths with
spaces, Chinese, ``#``, ``?`` and ``%``; a pack file held open by a PDF viewer; the
profile lock's locked byte; no child processes (no console windows to flash)."""
from __future__ import annotations

import ast
import os
import sqlite3
from pathlib import Path

import pytest
from pack_history import make_partner

from desktop import profile_lock
from desktop.cli import main
from desktop.profile_lock import ProfileLock
from models.database import upgrade_due
from models.errors import DatabaseLockedError
from models.printing import pack_files
from models.printing.pack_files import PackFileInUseError
from models.sqlite_uri import sqlite_uri
from models.store import Store
from tests.keys import TEST_KEY, open_test_database

ROOT = Path(__file__).resolve().parent.parent
#: a folder name a manager could well have: spaces, Chinese, and URI metacharacters
AWKWARD = "渠道 资料 #1 100% sure?" if os.name != "nt" else "渠道 资料 #1 100% sure"


@pytest.fixture
def awkward(tmp_path) -> Path:
    folder = tmp_path / AWKWARD
    folder.mkdir()
    return folder


def test_sqlite_uris_survive_awkward_paths(awkward):
    path = awkward / "a#b?c%20d.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE t (v)")
        c.execute("INSERT INTO t VALUES ('读到了')")
    ro = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    assert ro.execute("SELECT v FROM t").fetchone() == ("读到了",)
    with pytest.raises(sqlite3.OperationalError):  # read-only really is read-only
        ro.execute("INSERT INTO t VALUES ('x')")
    ro.close()
    # what string formatting gave: '#' ends the path, so another (missing) file is opened
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT v FROM t")


def test_a_profile_in_an_awkward_folder_works_end_to_end(awkward, tmp_path):
    profile = awkward / "profile"
    store = Store(open_test_database(profile / "channelkeeper.db"))
    make_partner(store)
    store.db.conn.close()
    assert upgrade_due(profile / "channelkeeper.db", TEST_KEY) is False  # read through a URI: no error
    out = awkward / "packs"
    out.mkdir()
    assert main(["pack", "--profile", str(profile), "--today", "2026-11-27", "--all",
                 "--out", str(out)]) == 0
    assert [p.suffix for p in out.iterdir()] == [".pdf"]


def test_a_server_backup_and_restore_in_an_awkward_folder(awkward):
    from sync.server import admin
    from sync.server.app import create_app
    from sync.server.backup import backup, restore
    from sync.server.config import ServerSettings
    from sync.server.dialect import sqlite_url

    url = sqlite_url(awkward / "server #1.db")
    app = create_app(url)
    admin.add_user(app.state.engine, ServerSettings(argon2_time_cost=1, argon2_memory_kib=8192),
                   "li.na", "manager", "quiet river 7 lanterns")
    app.state.engine.dispose()
    info = backup(url, awkward / "backup #1.db")
    restored = restore(Path(info["file"]), sqlite_url(awkward / "restored #2.db"))
    assert restored  # read back through its read-only URI
    with sqlite3.connect(awkward / "restored #2.db") as c:
        assert c.execute("SELECT username FROM users").fetchall() == [("li.na",)]


def test_a_pack_open_in_a_viewer_is_a_clear_message_and_the_old_file_stays(tmp_path, monkeypatch,
                                                                         capsys):
    root = tmp_path / "profile"
    store = Store(open_test_database(root / "channelkeeper.db"))
    make_partner(store)
    store.db.conn.close()
    out = tmp_path / "east.pdf"
    out.write_bytes(b"%PDF- the copy the viewer shows")

    def sharing_violation(src, dst):
        # what Windows raises when a viewer holds the file (WinError 32)
        raise PermissionError(13, "The process cannot access the file because it is being "
                                  "used by another process", str(dst))

    monkeypatch.setattr(pack_files.os, "replace", sharing_violation)
    code = main(["pack", "--profile", str(root), "--today", "2026-11-27", "华东", "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0
    assert "is open in another program" in err and "Close it there and try again" in err
    assert out.read_bytes() == b"%PDF- the copy the viewer shows"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    with pytest.raises(PackFileInUseError):
        pack_files.write_bytes_atomically(out, b"%PDF-new")


def test_the_lock_takes_byte_zero_whatever_the_file_holds(tmp_path, monkeypatch):
    """Windows' msvcrt.locking locks from the handle's position: each process must lock
    the same byte. Checked with a stand-in for msvcrt that records where it is asked."""
    positions: list[int] = []
    held: set[int] = set()

    class FakeMsvcrt:
        LK_NBLCK = 2

        @staticmethod
        def locking(fd: int, mode: int, nbytes: int) -> None:
            where = os.lseek(fd, 0, os.SEEK_CUR)
            positions.append(where)
            if where in held:
                raise PermissionError(13, "Permission denied")
            held.add(where)

    monkeypatch.setattr(profile_lock.os, "name", "nt")
    monkeypatch.setattr(profile_lock, "msvcrt", FakeMsvcrt, raising=False)
    lock_file = tmp_path / "channelkeeper.lock"
    lock_file.write_text("12345 left by an earlier run\n")  # a file with content: EOF > 0
    first = ProfileLock(lock_file).acquire()
    try:
        with pytest.raises(DatabaseLockedError):
            ProfileLock(lock_file).acquire()
    finally:
        first.release()
    assert positions == [0, 0]


def test_the_app_starts_no_child_processes():
    """No console window can flash on Windows if the app never starts one: "Try the
    demo" serves from a thread, viewers open through the desktop's file association."""
    offenders = []
    for folder in ("desktop", "ui", "models"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n.split(".")[0] in ("subprocess", "multiprocessing") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_lock_file_is_created_private(tmp_path):
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    with ProfileLock(tmp_path / "p" / "channelkeeper.lock") as lock:
        assert lock.held
        assert (tmp_path / "p" / "channelkeeper.lock").stat().st_mode & 0o077 == 0
