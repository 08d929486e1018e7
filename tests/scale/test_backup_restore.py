"""Backup and restore of the server, and what real clients do afterwards: the restore
gives the server a new epoch, so every laptop's next pull is a reset; laptops re-sync
from zero, keep their outbox and send again what the restored server lost."""
from __future__ import annotations

import sqlite3

import httpx
import pytest
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from sync.client.errors import AuthError
from sync.client.local_state import K_EPOCH
from sync.server import backup as server_backup
from sync.server.db import ENTITY_TABLES, make_engine, read_tx
from sync.server.errors import ApiError
from tests.scale.conftest import Org, fast_settings
from tests.sync.sync_world import SyncWorld


def _epoch(world: SyncWorld) -> str:
    return httpx.get(f"{world.base_url}/health").json()["server_epoch"]


def _meeting(lap, partner_id: str, notes: str) -> str:
    return lap.store.create("meeting", {"partner_id": partner_id, "type": "visit",
                                        "starts_at": "2026-11-20 10:00", "notes": notes})["id"]


def test_restore_gives_a_new_epoch_and_clients_resync_keeping_their_outbox(tmp_path, db_url):
    world = SyncWorld(tmp_path, fast_settings(), db_url=db_url)
    try:
        world.add_user("li.na")
        world.add_user("wang.wei")
        a = world.laptop("a", "li.na")
        p = a.store.create_partner(name_zh="备份前的渠道", tier="core", stage="mature")
        kept = _meeting(a, p["id"], "备份前")
        a.sync()
        old_epoch = _epoch(world)
        info = server_backup.backup(world.db_url, tmp_path / "nightly.backup")
        assert info["epoch"] == old_epoch

        lost = _meeting(a, p["id"], "备份后已同步")  # on the server only until the restore
        a.sync()
        late = world.laptop("late", "wang.wei")  # a device the backup does not know
        q = late.store.create_partner(name_zh="备份后才有的渠道", tier="ordinary", stage="intro")
        late.sync()
        offline = _meeting(a, p["id"], "恢复时还没同步")  # pending in a's outbox

        world.stop()
        world.engine.dispose()
        result = server_backup.restore(tmp_path / "nightly.backup", world.db_url, force=True)
        world.start()
        world.engine = make_engine(world.db_url)
        new_epoch = _epoch(world)
        assert new_epoch == result["server_epoch"] != old_epoch
        assert world.record("meeting", lost) is None and world.record("partner", q["id"]) is None

        # a: its device is in the backup; the pull resets, the lost op goes again
        a.engine.http.base_url = world.base_url
        assert a.store.pending_count() == 1
        r = a.sync()
        assert r.requeued >= 1 and r.verified
        a.sync()
        assert a.store.pending_count() == 0
        assert a.store.get_setting(K_EPOCH) == new_epoch
        for mid, notes in ((kept, "备份前"), (lost, "备份后已同步"), (offline, "恢复时还没同步")):
            assert world.record("meeting", mid) is not None, (notes, r, a.store.db.execute(
                "SELECT seq, entity, op, state FROM outbox").fetchall())
            assert world.record("meeting", mid)["notes"] == notes
            assert world.count("meeting", id=mid) == 1
        assert a.store.get("meeting", lost)["notes"] == "备份后已同步"

        # late: the restored server never saw its device: sign in again, then everything
        # it had acknowledged is offered again (the server skips ops it already has)
        late.engine.http.base_url = world.base_url
        with pytest.raises(AuthError):
            late.sync()
        late.engine.sign_in("wang.wei", "correct horse 1", "late laptop")
        r = late.sync()
        late.sync()
        assert late.store.pending_count() == 0
        assert world.record("partner", q["id"])["name_zh"] == "备份后才有的渠道"
        assert late.store.get("partner", q["id"])["version"] > 0
    finally:
        world.close()


def test_restore_refuses_a_used_database_and_files_that_are_not_backups(tmp_path):
    org = Org(f"sqlite:///{tmp_path}/live.db", fast_settings())
    org.user("r.li")
    org.close()
    backup_file = tmp_path / "b.db"
    server_backup.backup(f"sqlite:///{tmp_path}/live.db", backup_file)
    with pytest.raises(ApiError, match="already has data"):
        server_backup.restore(backup_file, f"sqlite:///{tmp_path}/live.db")
    (tmp_path / "junk.txt").write_text("not a backup\n")
    with pytest.raises(ApiError, match="not a ChannelKeeper server backup"):
        server_backup.restore(tmp_path / "junk.txt", f"sqlite:///{tmp_path}/new.db")
    with pytest.raises(ApiError, match="No backup file"):
        server_backup.restore(tmp_path / "missing.db", f"sqlite:///{tmp_path}/new.db")
    with pytest.raises(ApiError, match="must not be the database itself"):
        server_backup.backup(f"sqlite:///{tmp_path}/live.db", tmp_path / "live.db")
    # the refused restore left the live database as it was
    con = sqlite3.connect(tmp_path / "live.db")
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 1
    con.close()


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with read_tx(engine) as conn:
            return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for name, t in ENTITY_TABLES.items()}
    finally:
        engine.dispose()


def test_commands_move_a_team_from_sqlite_to_postgresql_and_back(tmp_path, pg_url, capsys):
    """`server demo`, `server backup`, `server restore` on both databases through the CLI
    (postgresql:// URLs as an administrator types them)."""
    lite = f"sqlite:///{tmp_path}/team.db"
    plain_pg = pg_url.replace("postgresql+psycopg://", "postgresql://")
    assert cli_main(["server", "demo", "--db", lite]) == 0
    assert cli_main(["server", "backup", "--db", lite, str(tmp_path / "team.backup")]) == 0
    assert cli_main(["server", "restore", "--db", plain_pg, str(tmp_path / "team.backup")]) == 0
    assert _counts(pg_url) == _counts(lite)
    assert cli_main(["server", "backup", "--db", plain_pg, str(tmp_path / "pg.jsonl")]) == 0
    assert (tmp_path / "pg.jsonl").read_text(encoding="utf-8").startswith('{"format": "channelkeeper-server-dump"')
    back = f"sqlite:///{tmp_path}/back.db"
    assert cli_main(["server", "restore", "--db", back, str(tmp_path / "pg.jsonl")]) == 0
    assert _counts(back) == _counts(lite)
    # a restore into a used database needs --force
    capsys.readouterr()
    assert cli_main(["server", "restore", "--db", back, str(tmp_path / "pg.jsonl")]) == 2
    assert "--force" in capsys.readouterr().err
    assert cli_main(["server", "restore", "--db", back, "--force", str(tmp_path / "pg.jsonl")]) == 0
