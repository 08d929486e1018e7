"""Keeping a profile's data safe on the laptop: the integrity check, the automatic
backups, restoring one, and reading back the unsent changes of a damaged file.

Qt-free: the commands (``check``, ``backup``, ``restore``) and the app use the same
functions. A damaged database is never written to: the check only reads, a backup
refuses to copy a damaged file (it would push a good backup out of the rotation),
and a restore moves the damaged file aside, whole, before putting the backup in
its place.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.backups import backup_name, backups_dir_of, list_backups, newest_backup_time, rotate
from models.database import (
    Database,
    DatabaseFile,
    backup_database,
    connect,
    integrity_problems,
)
from models.errors import CorruptDatabaseError, StoreError, WrongKeyError

if TYPE_CHECKING:
    from models.store import Store

log = logging.getLogger(__name__)

#: an automatic backup is made when the newest is older than this (and at start)
BACKUP_EVERY = dt.timedelta(days=1)


class DamagedDatabaseError(CorruptDatabaseError):
    """The full check found damage. ``problems``: SQLite's words, first ones."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


def check_database(database: DatabaseFile) -> list[str]:
    """Read every page of the profile's database: the problems found (empty: healthy).
    A file that cannot even be opened is one problem, in words."""
    try:
        db = database.open(migrate=False)
    except (CorruptDatabaseError, WrongKeyError) as exc:
        return [str(exc)]
    try:
        return integrity_problems(db)
    finally:
        db.close()


def damage_message(path: Path, problems: list[str]) -> str:
    shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
    return (f"{path} is damaged: {shown}. Nothing was written to it. Restore the newest "
            "good backup (main.py restore), and export the unsent changes first if any.")


def require_healthy(db: Database, path: Path) -> None:
    """DamagedDatabaseError when the open database fails the full check."""
    problems = integrity_problems(db)
    if problems:
        raise DamagedDatabaseError(damage_message(path, problems), problems)


def make_backup(db: Database, database: DatabaseFile, label: str, keep: int | None,
                out: Path | None = None, *, checked: bool = False, pages: int = 256) -> Path:
    """A backup of the open, healthy database: into the profile's backups folder
    (the oldest beyond ``keep`` removed), or into ``out``. Refused on a damaged file
    (``checked``: the full check has just passed on this connection, not run again).
    ``pages``: as ``backup_database``."""
    if not checked:
        require_healthy(db, database.path)
    if out is not None:
        return backup_database(db, out, database.key, pages=pages)
    folder = backups_dir_of(database.path)
    made = backup_database(db, folder / backup_name(label), database.key, pages=pages)
    rotate(folder, keep)
    log.info("backup %s made", made.name)
    return made


def backup_due(database: DatabaseFile, now: dt.datetime | None = None) -> bool:
    newest = newest_backup_time(backups_dir_of(database.path))
    return newest is None or (now or dt.datetime.now()) - newest >= BACKUP_EVERY


def holds_records(db: Database) -> bool:
    """Whether there is anything to lose: a partner, or an unsent change."""
    try:
        return bool(db.execute("SELECT EXISTS (SELECT 1 FROM partners) "
                               "OR EXISTS (SELECT 1 FROM outbox)").fetchone()[0])
    except Exception:  # noqa: BLE001 - a file without those tables holds nothing of ours
        return False


def daily_backup(db: Database, database: DatabaseFile, keep: int | None, *,
                 checked: bool = False) -> Path | None:
    """The day's backup when one is due and there is data to keep (a healthy file
    only: ``make_backup`` checks unless ``checked``). None when none was due. ``db``
    is a connection of its own (the app's ``aside`` lane): the copy is one step."""
    if not backup_due(database) or not holds_records(db):
        return None
    return make_backup(db, database, "daily", keep, checked=checked, pages=-1)


def before_pull_from_zero(database: DatabaseFile, keep: int | None) -> Callable[[Store], None]:
    """The sync engine's hook before a pull from zero (a first sync, or a re-sync after
    the server was restored): the full check, then a backup when there is data."""

    def guard(store: Store) -> None:
        require_healthy(store.db, database.path)
        if holds_records(store.db):
            make_backup(store.db, database, "before-full-sync", keep)

    return guard


def good_backups(database: DatabaseFile) -> list[Path]:
    """The profile's backups that open with its key and pass the full check, newest
    first (each is read whole: seconds for a large profile)."""
    good = []
    for path in list_backups(backups_dir_of(database.path)):
        if not check_database(DatabaseFile(path, database.key)):
            good.append(path)
    return good


def restore_backup(database: DatabaseFile, backup: Path) -> Path | None:
    """Put ``backup`` in place of the profile's database. The backup is checked first
    (it must open with the profile's key and be whole); the current file, if any, is
    moved aside whole (``channelkeeper.db.replaced-<time>``), never overwritten.
    The caller holds the profile's lock. Returns where the old file went."""
    backup = Path(backup)
    if not backup.is_file():
        raise StoreError(f"{backup} does not exist. Nothing was changed.")
    problems = check_database(DatabaseFile(backup, database.key))
    if problems:
        raise CorruptDatabaseError(
            f"{backup} cannot be restored: {problems[0]}. Nothing was changed.")
    path = database.path
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = None
    if path.exists():
        aside = path.with_name(f"{path.name}.replaced-{stamp}")
        os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            log_file = Path(f"{path}{suffix}")
            if log_file.exists():
                os.replace(log_file, Path(f"{aside}{suffix}"))
    source = connect(backup, database.key, read_only=True)
    try:
        # through the backup API, so a backup left in WAL mode comes back whole
        backup_database(Database(source), path, database.key)
    finally:
        source.close()
    return aside


def read_pending_changes(database: DatabaseFile) -> list[dict[str, Any]]:
    """The unsent changes (outbox) that can still be read from the file, even a
    damaged one: read forwards until a damaged page stops the scan, then backwards
    from the end, so damage in the middle loses only what is on those pages."""
    conn = connect(database.path, database.key, read_only=True)
    rows: dict[int, dict[str, Any]] = {}
    try:
        for order in ("ASC", "DESC"):
            try:
                cursor = conn.execute(f"SELECT * FROM outbox ORDER BY seq {order}")
                names = [d[0] for d in cursor.description]
                for values in cursor:
                    row = dict(zip(names, values, strict=True))
                    rows[row["seq"]] = row
            except Exception as exc:  # noqa: BLE001 - a damaged page ends this direction
                log.warning("outbox read %s stopped: %s", order, exc)
    finally:
        conn.close()
    return [rows[k] for k in sorted(rows)]


def export_pending_changes(database: DatabaseFile, out: Path) -> int:
    """Write the readable unsent changes to ``out`` (JSON, UTF-8): what the user can
    hand to head office if the file cannot be repaired. Returns how many."""
    rows = read_pending_changes(database)
    for row in rows:
        try:
            row["changes"] = json.loads(row["changes"]) if row.get("changes") else None
        except ValueError:
            pass  # kept as the text it is
    payload = {"exported_at": dt.datetime.now().isoformat(timespec="seconds"),
               "database": str(database.path), "pending_changes": rows}
    Path(out).write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str),
                         encoding="utf-8")
    return len(rows)


def open_checked(database: DatabaseFile) -> Database:
    """The database, opened, after the full check: DamagedDatabaseError otherwise."""
    db = database.open(migrate=False)
    try:
        require_healthy(db, database.path)
    except BaseException:
        db.close()
        raise
    return db


__all__ = ["DamagedDatabaseError", "backup_due", "before_pull_from_zero", "check_database",
           "daily_backup", "export_pending_changes", "good_backups", "make_backup",
           "open_checked", "read_pending_changes", "require_healthy",
           "restore_backup"]
