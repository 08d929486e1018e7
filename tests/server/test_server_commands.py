"""The `server` command family, the demo organisation and the migrations."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from desktop.cli import main
from sync.server.config import ServerSettings
from sync.server.db import make_engine, metadata, users
from sync.server.demo_org import seed_demo
from sync.server.migrate import upgrade
from tests.server.conftest import PASSWORD
from tests.sync_fixtures import ApiClient, start_server

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_match_the_tables_and_rerun_safely(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # a second start changes nothing
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == [], "sync/server/db.py and the Alembic migrations disagree: add a migration"


def test_admin_commands_end_to_end(db_url, tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["server", "add-user", "li.na", "--role", "manager", "--password-stdin", "--db", db_url]) == 0
    csv_file = tmp_path / "partners.csv"
    csv_file.write_bytes("name_zh,tier,stage\n华东渠道分销商,core,mature\n西南新兴,emerging,intro\n".encode("gbk"))
    assert main(["server", "import-partners", str(csv_file), "--db", db_url]) == 0
    assert "GBK" in capsys.readouterr().err
    assert main(["server", "assign", "华东渠道分销商", "li.na", "--db", db_url]) == 0
    tpl = tmp_path / "tpl.json"
    tpl.write_text(json.dumps({"key": "quarterly", "name": "季度复盘", "tier": None, "sections": [
        {"title": "Q", "items": [{"key": "q1", "text": "Targets met?", "answer_type": "yes_no"}]}]},
        ensure_ascii=False), encoding="utf-8")
    assert main(["server", "publish-template", str(tpl), "--db", db_url]) == 0
    capsys.readouterr()
    # bad input: a clear message and exit code 2
    assert main(["server", "assign", "无此渠道", "li.na", "--db", db_url]) == 2
    assert "无此渠道" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("name_zh,tier,stage\nx,gold,intro\n", encoding="utf-8")
    assert main(["server", "import-partners", str(bad), "--db", db_url]) == 2
    assert "line 2" in capsys.readouterr().err

    base, stop = start_server(db_url, ServerSettings(argon2_time_cost=1, argon2_memory_kib=8192))
    try:
        c = ApiClient(base)
        c.login("li.na", PASSWORD)
        partners = c.get("/api/partners").json()["partners"]
        assert [p["name_zh"] for p in partners] == ["华东渠道分销商"]
        pulled = c.get("/api/sync/pull").json()["changes"]
        assert any(ch["entity"] == "checklist_template" and ch["row"]["name"] == "季度复盘" for ch in pulled)
        device = c.device_id
        c.close()
    finally:
        stop()
    assert main(["server", "revoke-device", device, "--db", db_url]) == 0


def test_demo_organisation(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    settings = ServerSettings(argon2_time_cost=1, argon2_memory_kib=8192)
    result = seed_demo(engine, settings)
    assert {u["role"] for u in result["users"]} == {"manager", "admin"} and len(result["users"]) == 3
    assert result["counts"]["partner"] == 60 and result["counts"]["kpi_snapshot"] == 60 * 12
    base, stop = start_server(db_url, settings)
    try:
        seen = {}
        for u in result["users"]:
            c = ApiClient(base)
            c.login(u["username"], u["password"])
            seen[u["username"]] = c.get("/api/partners").json()["partners"]
            c.close()
    finally:
        stop()
    managers = [u["username"] for u in result["users"] if u["role"] == "manager"]
    a, b = ({p["id"] for p in seen[m]} for m in managers)
    assert a and b and not a & b and len(a | b) == 60
    everyone = seen["admin"]
    assert len(everyone) == 60
    assert {p["tier"] for p in everyone} == {"core", "ordinary", "emerging", "strategic"}
    assert {p["stage"] for p in everyone} == {"intro", "running_in", "mature", "advanced"}
    assert any(p["name_zh"] for p in everyone) and any(p["name_en"] for p in everyone)
    with engine.connect() as conn:
        assert len(conn.execute(select(users.c.id)).all()) == 3
    engine.dispose()


def test_server_run_serves_health(tmp_path):
    import queue
    import socket
    import threading

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{tmp_path}/run.db"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "server", "run", "--db", db,
                             "--port", str(port), "--api-docs"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)  # the server exited

    threading.Thread(target=read, daemon=True).start()
    try:
        seen: list[str] = []
        while not seen or "Uvicorn running on" not in seen[-1]:  # the socket listens
            line = lines.get(timeout=30)
            assert line is not None, "the server exited:\n" + "".join(seen)
            seen.append(line)
        r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
        assert r.json()["status"] == "ok"
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200  # --api-docs
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 404  # never a CDN page
        assert (tmp_path / "run.db").stat().st_mode & 0o777 == 0o600 or sys.platform == "win32"
    finally:
        proc.terminate()
        proc.wait(10)


def test_demo_command_prints_sign_ins_the_desktop_can_read(tmp_path, capsys):
    """desktop/demo_server.py parses these lines: keep their shape."""
    import re

    db = f"sqlite:///{tmp_path}/demo.db"
    assert main(["server", "demo", "--db", db]) == 0
    out = capsys.readouterr().out
    line = re.compile(r"^\s*(\S+)\s+(manager|admin)\s+password:\s+(\S+)\s*$")
    found = [m.groups() for m in map(line.match, out.splitlines()) if m]
    assert sorted((u, r) for u, r, _p in found) == [("admin", "admin"), ("li.na", "manager"),
                                                   ("wang.lei", "manager")]
    assert main(["server", "demo", "--db", db]) == 2  # a second run refuses, nothing doubled
    assert "already" in capsys.readouterr().err
