"""Password policy: common passwords and the user name are refused, with the reason in
words, over the admin API and the command line; the shipped list names its source."""
from __future__ import annotations

import io
import sys

import pytest

from desktop.cli import main
from sync.server import passwords
from tests.server.conftest import PASSWORD


@pytest.mark.parametrize(("password", "username", "words"), [
    ("password1", "li.na", "most commonly used"),
    ("PassWord123", "li.na", "most commonly used"),
    ("iloveyou2", "li.na", "most commonly used"),
    ("li.na-2026!", "li.na", "user name"),
    ("LINA20261234", "li.na", "user name"),
    ("zhao.min", "Zhao.Min", "user name"),
    ("short", "li.na", "at least 8"),
    ("x" * 300, "li.na", "at most 256"),
])
def test_refused_passwords_say_why(password, username, words):
    assert words in (passwords.problem(password, username) or "")


@pytest.mark.parametrize(("password", "username"), [
    (PASSWORD, "li.na"),
    ("tea kettle mountain", "li.na"),
    ("quiet 4 river lamp", "li"),  # a two-letter name inside a passphrase is no weakness
])
def test_good_passwords_pass(password, username):
    assert passwords.problem(password, username) is None


def test_the_list_is_large_and_credited():
    assert len(passwords.common_passwords()) > 8000
    head = passwords.COMMON_FILE.read_text(encoding="utf-8")[:3000]
    assert "Royce Williams" in head and "BSD 3-Clause" in head


def test_admin_api_refuses_common_and_name_passwords(server):
    server.add_user("boss", "admin")
    boss = server.client("boss")
    r = boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager",
                                            "password": "qwertyuiop"})
    assert r.status_code == 400 and "most commonly used" in r.json()["message"]
    r = boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager",
                                            "password": "zhao.min.2026"})
    assert r.status_code == 400 and "user name" in r.json()["message"]
    r = boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager",
                                            "password": PASSWORD})
    assert r.status_code == 201


def test_add_user_command_says_why(db_url, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("12345678910\n"))
    assert main(["server", "add-user", "li.na", "--role", "manager", "--password-stdin",
                 "--db", db_url]) == 2
    assert "most commonly used" in capsys.readouterr().err
