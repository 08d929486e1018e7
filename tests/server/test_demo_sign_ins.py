"""The local demo server's sign-ins: user names are kept beside its database, never
passwords; each sign-in sets a fresh password in that database."""
from __future__ import annotations

import json
import stat
import threading

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop.demo_server import DemoServer, DemoServerError
from sync.server import admin
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.db import users

SETTINGS = ServerSettings(argon2_time_cost=1, argon2_memory_kib=8192)


def password_hash(server: DemoServer, name: str) -> str:
    engine = create_app(server.db_url, SETTINGS).state.engine
    try:
        with engine.connect() as conn:
            return conn.execute(select(users.c.password_hash)
                                .where(users.c.username == name)).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def server(tmp_path) -> DemoServer:
    s = DemoServer(tmp_path / "demo-server")
    s.folder.mkdir(parents=True)
    app = create_app(s.db_url, SETTINGS)  # the schema, as `server demo` makes it
    admin.add_user(app.state.engine, SETTINGS, "li.na", "manager", "printed once 123")
    admin.add_user(app.state.engine, SETTINGS, "head", "admin", "printed once 456")
    app.state.engine.dispose()
    return s


def test_an_old_sign_ins_file_loses_its_passwords_and_each_sign_in_gets_a_new_one(server):
    # written by an earlier version: passwords in plain text
    server.sign_ins_file.write_text(json.dumps({"users": [
        {"username": "li.na", "role": "manager", "password": "printed once 123"},
        {"username": "head", "role": "admin", "password": "printed once 456"}]}))
    first = server.manager()
    assert first["username"] == "li.na" and len(first["password"]) >= 16
    text = server.sign_ins_file.read_text()
    assert "password" not in text and "printed once" not in text
    assert json.loads(text)["users"] == [{"username": "li.na", "role": "manager"},
                                         {"username": "head", "role": "admin"}]
    assert stat.S_IMODE(server.sign_ins_file.stat().st_mode) == 0o600
    hasher = PasswordHasher()
    assert hasher.verify(password_hash(server, "li.na"), first["password"])
    second = server.manager()
    assert second["password"] != first["password"]
    assert hasher.verify(password_hash(server, "li.na"), second["password"])
    for f in server.folder.iterdir():
        assert second["password"].encode() not in f.read_bytes(), f


def test_no_demo_manager_is_a_clear_error(server):
    server.sign_ins_file.write_text(json.dumps({"users": [{"username": "head", "role": "admin"}]}))
    with pytest.raises(DemoServerError, match="no manager"):
        server.manager()
    server.sign_ins_file.write_text("{not json")
    with pytest.raises(DemoServerError, match="no manager"):
        server.manager()


def test_the_demo_server_runs_in_a_thread_of_the_app_and_stops_with_it(tmp_path):
    server = DemoServer(tmp_path / "demo-server")
    users = server.seed()
    assert {u["role"] for u in users} >= {"manager", "admin"}
    assert all("password" not in u for u in users)
    url = server.start()
    try:
        assert server.running and server.healthy()
        threads = [t for t in threading.enumerate() if t.name == "demo-server"]
        assert len(threads) == 1  # no child process: the bundled app has no interpreter to start
        port = server.port
    finally:
        server.stop()
    assert not server.running and not threads[0].is_alive()
    # the port is free again, and the same server comes back on it
    assert server.start(port) == url
    server.stop()
