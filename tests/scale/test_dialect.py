"""The one place SQLite and PostgreSQL differ (sync/server/dialect.py): URLs, engines,
the same schema from the same migrations, identity realignment, and every `server`
command working with a plain postgresql:// URL."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import insert, inspect, select

from desktop.cli import build_parser
from desktop.cli import main as cli_main
from sync.server import dialect
from sync.server.db import assignments, make_engine, read_tx, users, write_tx
from sync.server.errors import ApiError
from sync.server.migrate import upgrade
from tests import pg_required


@pytest.mark.parametrize("url,expected", [
    ("postgresql://postgres@127.0.0.1:5432/ck", "postgresql+psycopg://postgres@127.0.0.1:5432/ck"),
    ("postgres://ck:pw@db/ck", "postgresql+psycopg://ck:pw@db/ck"),
    ("postgresql+psycopg2://ck@db/ck", "postgresql+psycopg://ck@db/ck"),
    ("postgresql+psycopg://ck@db/ck", "postgresql+psycopg://ck@db/ck"),
    ("sqlite:///server.db", "sqlite:///server.db"),
    ("  sqlite:////srv/ck/server.db ", "sqlite:////srv/ck/server.db"),
])
def test_urls_name_the_driver_we_ship(url, expected):
    assert dialect.normalize_url(url) == expected


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url", "oracle+cx://a/b", ""])
def test_other_databases_are_refused_clearly(url):
    with pytest.raises(ApiError, match="sqlite:///"):
        dialect.normalize_url(url)


def test_helpers_know_the_backend_and_hide_passwords():
    assert dialect.backend_of("postgres://u:pw@h/db") == "postgresql"
    assert dialect.backend_of("sqlite:///a.db") == "sqlite"
    assert str(dialect.sqlite_file("sqlite:///data/a.db")) == "data/a.db"
    assert dialect.sqlite_file("sqlite://") is None
    assert dialect.sqlite_file("postgresql://h/db") is None
    assert "pw" not in dialect.redacted("postgresql://u:pw@h/db")
    assert dialect.redacted("mysql://x") == "<invalid database URL>"


def _schema(url: str) -> dict:
    engine = make_engine(url)
    try:
        upgrade(engine)
        upgrade(engine)  # idempotent
        insp = inspect(engine)
        out = {}
        for table in sorted(insp.get_table_names()):
            cols = {c["name"]: (c["nullable"], type(c["type"]).__name__.upper()) for c in insp.get_columns(table)}
            # PostgreSQL lists a UNIQUE constraint's index among the indexes, SQLite does
            # not: compare (columns, unique) of indexes and unique constraints together
            idx = {(tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)}
            idx |= {(tuple(u["column_names"]), True) for u in insp.get_unique_constraints(table)}
            pk = tuple(insp.get_pk_constraint(table)["constrained_columns"])
            out[table] = (cols, idx, pk)
        return out
    finally:
        engine.dispose()


_SAME_TYPE = {"VARCHAR": "TEXT", "STRING": "TEXT", "BIGINT": "INTEGER", "DOUBLE_PRECISION": "FLOAT",
              "DOUBLE": "FLOAT", "REAL": "FLOAT"}


def test_the_same_migrations_make_the_same_schema_on_both(tmp_path, pg_url):
    lite, pg = _schema(f"sqlite:///{tmp_path}/s.db"), _schema(pg_url)
    assert set(lite) == set(pg)
    assert {"partners", "sync_counter", "server_meta", "alembic_version", "applied_ops"} <= set(pg)
    for table in lite:
        lcols, lidx, lpk = lite[table]
        pcols, pidx, ppk = pg[table]
        assert set(lcols) == set(pcols), table
        assert lpk == ppk, table
        assert {n: c[0] for n, c in lcols.items()} == {n: c[0] for n, c in pcols.items()}, table
        # type names differ by dialect (VARCHAR/TEXT...), their families do not
        norm = lambda cols: {n: _SAME_TYPE.get(t, t) for n, (_null, t) in cols.items()}
        lt, pt = norm(lcols), norm(pcols)
        assert {n for n in lt if lt[n] == "TEXT"} == {n for n in pt if pt[n] == "TEXT"}, table
        assert lidx == pidx, table


def test_identity_realignment_after_explicit_ids(db_url):
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with write_tx(engine) as conn:
            conn.execute(insert(assignments).values(id=500, partner_id="p", user_id="u", granted_seq=1,
                                                    granted_at="2026-01-01 00:00:00"))
            dialect.realign_identity(conn, assignments)
            dialect.realign_identity(conn, users)  # no integer identity: nothing to do
        with write_tx(engine) as conn:
            conn.execute(insert(assignments).values(partner_id="q", user_id="u", granted_seq=2,
                                                    granted_at="2026-01-01 00:00:00"))
        with read_tx(engine) as conn:
            ids = sorted(r[0] for r in conn.execute(select(assignments.c.id)))
        assert ids == [500, 501]
    finally:
        engine.dispose()


def _server_commands() -> set[str]:
    parser = build_parser()
    top = next(a for a in parser._actions if a.dest == "command")
    server = top.choices["server"]
    sub = next(a for a in server._actions if a.dest == "server_command")
    return set(sub.choices)


def _check_ok(url: str, capsys) -> str:
    capsys.readouterr()
    assert cli_main(["server", "check", "--db", url]) == 0
    return capsys.readouterr().err


def test_every_server_command_takes_a_postgresql_url(tmp_path, pg_url, monkeypatch, capsys):
    url = pg_url.replace("postgresql+psycopg://", "postgresql://")  # as an administrator types it
    csv_file = tmp_path / "partners.csv"
    csv_file.write_text("name_zh,tier,stage,region\n华北渠道,核心,成熟,华北\n", encoding="utf-8")
    kpi_file = tmp_path / "kpis.csv"
    kpi_file.write_text("partner,period,sales,target\n华北渠道,2026-10,120,100\n", encoding="utf-8")
    tpl_file = tmp_path / "tpl.json"
    tpl_file.write_text(json.dumps({"key": "quick", "name": "快速复盘", "sections": [
        {"title": "要点", "items": [{"key": "a", "text": "按期复盘？"}]}]}), encoding="utf-8")

    def run(*argv: str, stdin: str = "") -> str:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        assert cli_main(["server", *argv, "--db", url]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    done = set()
    run("add-user", "pg.li", "--role", "manager", "--password-stdin", stdin="long password 1\n")
    done.add("add-user")
    run("import-partners", str(csv_file))
    run("import-kpis", str(kpi_file))
    done |= {"import-partners", "import-kpis"}
    run("assign", "华北渠道", "pg.li")
    run("unassign", "华北渠道", "pg.li")
    done |= {"assign", "unassign"}
    run("publish-template", str(tpl_file))
    done.add("publish-template")
    run("demo")
    done.add("demo")
    devices = json.loads(run("list-devices"))
    done.add("list-devices")
    from sync.server.auth import login
    from sync.server.config import ServerSettings

    engine = make_engine(url)
    device = login(engine, ServerSettings(), "pg.li", "long password 1", "127.0.0.1", "pc")["device_id"]
    lost = login(engine, ServerSettings(), "pg.li", "long password 1", "127.0.0.1", "lost")["device_id"]
    engine.dispose()
    assert isinstance(devices, list | dict)
    run("revoke-device", device)
    done.add("revoke-device")
    run("wipe-device", lost)
    done.add("wipe-device")
    assert "All stored records keep the field contract" in _check_ok(url, capsys)
    done.add("check")
    run("purge", "--days", "180")
    done.add("purge")
    run("backup", str(tmp_path / "pg.jsonl"))
    done.add("backup")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli_main(["server", "restore", "--db", url, "--force", str(tmp_path / "pg.jsonl")]) == 0
    done.add("restore")
    done.add("run")  # the deployment fixture runs `server run --workers 2 --db postgresql://...`
    assert _server_commands() == done, "a server command is not exercised with a PostgreSQL URL"


def test_ci_turns_a_missing_postgresql_into_a_failure(monkeypatch):
    monkeypatch.setattr(pg_required, "postgres_available", lambda: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI requires"):
        pg_required.require_postgres()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        pg_required.require_postgres()
