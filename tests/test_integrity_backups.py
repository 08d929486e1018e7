"""Integrity and local backups: a real file with pages in the middle overwritten is
found damaged by ``check`` and refused by ``pack``; backups are encrypted, rotate, and
are whole or absent even when the backup process is killed; ``restore`` puts one back
and refuses while the profile is open; a sync from zero checks and backs up first."""
from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from desktop import safety
from desktop.cli import main
from desktop.paths import Profile
from desktop.profile_keys import CommandPrompts, unlock_profile
from desktop.profile_lock import ProfileLock
from desktop.settings import Settings
from models.backups import STALE_PARTIAL, list_backups
from models.database import SQLITE_MAGIC
from models.store import Store
from tests.conftest import ROOT
from tests.keys import open_test_database

NAME = "华东保密渠道分销商"


def fill(profile: Profile, partners: int = 150) -> None:
    store = Store(open_test_database(profile.database))
    with store.transaction():
        for i in range(partners):
            store.create_partner(name_zh=f"{NAME}{i}", tier="core", stage="mature",
                                 notes="渠道方反馈近期回款周期变长。" * 30)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.close()


def damage(path: Path) -> bytes:
    """Overwrite four pages in the middle of the file (a bad disk sector), as a
    stranger's program would: the header page and the last pages are intact."""
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    assert pages > 20
    start = pages // 2 * 4096
    data[start:start + 4 * 4096] = random.Random(3).randbytes(4 * 4096)
    path.write_bytes(bytes(data))
    return bytes(data)


def database_of(profile: Profile):
    return unlock_profile(profile, CommandPrompts(stdin=lambda: ""))


def test_check_tells_a_healthy_file_from_a_damaged_one(profile, capsys):
    fill(profile)
    assert main(["check", "--profile", str(profile.root)]) == 0
    assert "healthy" in capsys.readouterr().out
    damaged = damage(profile.database)
    assert main(["check", "--profile", str(profile.root)]) == 1
    err = capsys.readouterr().err
    assert "DAMAGED" in err and "Nothing was written" in err and "No good backup" in err
    assert profile.database.read_bytes() == damaged  # only read


def test_pack_all_refuses_a_damaged_file_rather_than_print(profile, tmp_path, capsys):
    fill(profile, partners=60)
    damaged = damage(profile.database)
    out = tmp_path / "packs"
    rc = main(["pack", "--profile", str(profile.root), "--today", "2026-11-27", "--all",
               "--out", str(out)])
    assert rc != 0
    assert "damaged" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())
    assert profile.database.read_bytes() == damaged


def test_backups_are_encrypted_rotate_and_restore(profile, capsys):
    fill(profile, partners=30)
    Settings(profile.settings_file).backups_kept = 3
    for _ in range(5):
        assert main(["backup", "--profile", str(profile.root)]) == 0
    backups = list_backups(profile.backups_dir)
    assert len(backups) == 3  # the oldest went
    for b in backups:
        data = b.read_bytes()
        assert not data.startswith(SQLITE_MAGIC) and NAME.encode() not in data
        if os.name == "posix":
            assert oct(b.stat().st_mode & 0o777) == "0o600"
    # damage, then restore the newest backup: healthy, everything back
    damage(profile.database)
    assert main(["check", "--profile", str(profile.root)]) == 1
    assert str(backups[0]) in capsys.readouterr().err  # offered as the newest good one
    assert main(["restore", "--profile", str(profile.root), str(backups[0])]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and ".replaced-" in out
    assert main(["check", "--profile", str(profile.root)]) == 0
    store = Store(open_test_database(profile.database))
    assert store.count("partner") == 30
    store.db.close()
    assert list(profile.root.glob("channelkeeper.db.replaced-*"))  # the damaged file kept


def test_a_backup_of_a_damaged_file_is_refused(profile, tmp_path, capsys):
    fill(profile)
    damage(profile.database)
    assert main(["backup", "--profile", str(profile.root), "--out", str(tmp_path / "b")]) == 1
    assert "damaged" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_restore_refuses_while_the_app_has_the_profile(profile, capsys):
    fill(profile, partners=5)
    assert main(["backup", "--profile", str(profile.root)]) == 0
    (backup,) = list_backups(profile.backups_dir)
    before = profile.database.read_bytes()
    with ProfileLock(profile.lock_file):  # what a running ChannelKeeper holds
        assert main(["restore", "--profile", str(profile.root), str(backup)]) == 2
    assert "open in another ChannelKeeper window" in capsys.readouterr().err
    assert profile.database.read_bytes() == before


def test_restore_refuses_a_backup_of_another_profile(profile, tmp_path, capsys):
    fill(profile, partners=5)
    other = Profile(tmp_path / "other")
    database_of(other)  # set up with a key of its own (a random one, as the app makes)
    fill(other, partners=5)
    assert main(["backup", "--profile", str(other.root)]) == 0
    (foreign,) = list_backups(other.backups_dir)
    before = profile.database.read_bytes()
    assert main(["restore", "--profile", str(profile.root), str(foreign)]) == 2
    assert "cannot be restored" in capsys.readouterr().err
    assert profile.database.read_bytes() == before


_SLOW_BACKUP = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.paths import Profile
    from desktop.profile_keys import CommandPrompts, unlock_profile
    from models.backups import backup_name, backups_dir_of
    from models.database import backup_database
    database = unlock_profile(Profile(Path(sys.argv[1])), CommandPrompts(stdin=lambda: ""))
    db = database.open(migrate=False)
    def progress(done, total):
        print(f"copied {done} of {total}", flush=True)
        time.sleep(0.05)
    # a step of 256 pages at a time: killed while the copy is under way
    backup_database(db, backups_dir_of(database.path) / backup_name("killed"), database.key,
                    progress)
    print("finished", flush=True)
""")


def test_a_backup_killed_half_way_leaves_no_backup(profile):
    fill(profile, partners=400)
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_BACKUP, str(profile.root)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("copied"), line
        done, total = (int(w) for w in line.split()[1::2])
        assert done < total  # under way, not finished
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    leftovers = list(profile.backups_dir.iterdir())
    assert leftovers and all(".partial" in p.name for p in leftovers)
    assert list_backups(profile.backups_dir) == []  # never listed as a backup
    # just written to: it could be a backup under way elsewhere, so it stays a while
    assert sorted(profile.backups_dir.iterdir()) == sorted(leftovers)
    stale = time.time() - STALE_PARTIAL.total_seconds() - 1
    for p in leftovers:
        os.utime(p, (stale, stale))
    assert list_backups(profile.backups_dir) == []  # and then it is cleared away
    assert list(profile.backups_dir.iterdir()) == []
    # the same backup, not killed, is whole: it opens and passes the full check
    database = database_of(profile)
    db = database.open(migrate=False)
    made = safety.make_backup(db, database, "whole", None)
    db.close()
    assert not safety.check_database(type(database)(made, database.key))


def test_listing_backups_leaves_a_backup_under_way_alone(profile, capsys):
    """Two lanes or processes back up or list at once (the app's day's backup while a
    sync from zero backs up, or `main.py check` run while the app backs up): listing
    the backups used to delete the other's partial file, which broke its copy."""
    fill(profile, partners=400)
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_BACKUP, str(profile.root)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("copied"), line
        done, total = (int(w) for w in line.split()[1::2])
        assert done < total  # under way
        assert list_backups(profile.backups_dir) == []
        monkey_stdin = sys.stdin
        sys.stdin = io.StringIO("")
        try:
            assert main(["check", "--profile", str(profile.root)]) == 0  # lists the backups
        finally:
            sys.stdin = monkey_stdin
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 0, err
    assert "finished" in out
    (made,) = list_backups(profile.backups_dir)
    database = database_of(profile)
    assert not safety.check_database(type(database)(made, database.key))


def test_a_sync_from_zero_checks_and_backs_up_first(profile, tmp_path, monkeypatch, capsys):
    from tests.sync.sync_world import PASSWORD, SyncWorld

    world = SyncWorld(tmp_path / "world")
    world.add_user("li.na")
    try:
        fill(profile, partners=3)  # written before this laptop ever synced: unsent
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert main(["login", "--profile", str(profile.root), "--server", world.base_url,
                     "--user", "li.na", "--password-stdin", "--device-name", "测试"]) == 0
        assert main(["sync", "--profile", str(profile.root), "--quiet"]) == 0
        (made,) = list_backups(profile.backups_dir)
        assert made.name.endswith("-before-full-sync.backup")
        copy = Store(type(database_of(profile))(made, database_of(profile).key).open(migrate=False))
        assert copy.pending_count() == 3  # taken before anything was sent
        copy.db.close()
        # a later sync (not from zero) makes no backup; a damaged file never syncs
        assert main(["sync", "--profile", str(profile.root), "--quiet"]) == 0
        assert len(list_backups(profile.backups_dir)) == 1
        store = Store(open_test_database(profile.database))
        store.set_setting("sync.cursor", None)  # the next pull is from zero again
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.close()
        damaged = damage(profile.database)
        capsys.readouterr()
        assert main(["sync", "--profile", str(profile.root), "--quiet"]) != 0
        assert "damaged" in capsys.readouterr().err
        assert profile.database.read_bytes() == damaged
    finally:
        world.close()
