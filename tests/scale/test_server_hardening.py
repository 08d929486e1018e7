"""The server's files and answers: the database and its backups are private to the
server's user (they hold password hashes), the API description is served only when a
setting asks for it and never as a page that loads script from elsewhere, and every
answer carries the usual security headers."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import httpx
import pytest

from sync import protocol
from sync.server import backup as server_backup
from tests.scale.conftest import Org, fast_settings
from tests.sync_fixtures import start_server

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The usual umask (022) under which files used to come out world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@posix_only
def test_database_and_backups_are_private_files_in_private_folders(tmp_path, open_umask):
    url = f"sqlite:///{tmp_path}/srv/data/server.db"
    org = Org(url)  # creates and migrates the database (WAL mode)
    org.user("perm.li")
    db = tmp_path / "srv" / "data" / "server.db"
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if extra.exists():  # SQLite gives them the database file's mode
            assert _mode(extra) == 0o600, extra
    out = tmp_path / "backups" / "nightly" / "server.backup"
    server_backup.backup(url, out)
    assert _mode(out) == 0o600
    assert _mode(out.parent) == 0o700 and _mode(out.parent.parent) == 0o700
    restored = tmp_path / "restored" / "server.db"
    server_backup.restore(out, f"sqlite:///{restored}")
    assert _mode(restored) == 0o600 and _mode(restored.parent) == 0o700
    org.close()


@posix_only
def test_a_postgresql_dump_is_private_too(tmp_path, pg_url, open_umask):
    org = Org(pg_url)
    org.user("perm.pg")
    org.close()
    out = tmp_path / "dumps" / "pg.jsonl"
    info = server_backup.backup(pg_url, out)
    assert info["format"] == "json"
    assert _mode(out) == 0o600 and _mode(out.parent) == 0o700


def _sign_in(base: str, org: Org, user: str) -> dict[str, str]:
    org.user(user)
    r = httpx.post(f"{base}/api/auth/login", headers=protocol.request_headers(),
                   json={"username": user, "password": "correct horse 9", "device_name": "t"})
    assert r.status_code == 200, r.text
    return {**protocol.request_headers(), "Authorization": f"Bearer {r.json()['access_token']}"}


def test_api_description_only_when_asked_and_never_a_cdn_page(tmp_path):
    url = f"sqlite:///{tmp_path}/server.db"
    base, stop = start_server(url, fast_settings())
    try:
        for path in ("/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
            assert httpx.get(base + path).status_code == 404, path
    finally:
        stop()
    base, stop = start_server(url, fast_settings(api_docs=True))
    try:
        # the first description is built on request: a while on a loaded machine
        r = httpx.get(base + "/openapi.json", timeout=60)
        assert r.status_code == 200 and "/api/sync/push" in r.json()["paths"]
        for path in ("/docs", "/redoc"):  # no page that would load Swagger UI from a CDN
            r = httpx.get(base + path)
            assert r.status_code == 404 and "cdn" not in r.text.lower(), path
    finally:
        stop()


def test_every_answer_carries_the_security_headers(tmp_path):
    url = f"sqlite:///{tmp_path}/server.db"
    base, stop = start_server(url, fast_settings())
    org = Org(url)
    try:
        auth = _sign_in(base, org, "hdr.li")
        answers = [
            httpx.get(f"{base}/api/me", headers=auth),
            httpx.get(f"{base}/api/sync/pull", headers=auth),
            httpx.get(f"{base}/api/me", headers=protocol.request_headers()),  # 401
            httpx.get(f"{base}/no/such/path"),  # 404
            httpx.get(f"{base}/health"),
        ]
        assert [r.status_code for r in answers] == [200, 200, 401, 404, 200]
        for r in answers:
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
            assert r.headers["referrer-policy"] == "no-referrer"
            assert r.headers["cache-control"] == "no-store"
            assert "strict-transport-security" not in r.headers  # plain http: no HSTS
        # behind a TLS proxy (trusted: loopback) the answer pins https
        r = httpx.get(f"{base}/api/me", headers={**auth, "X-Forwarded-Proto": "https"})
        assert r.status_code == 200
        assert r.headers["strict-transport-security"] == "max-age=31536000"
    finally:
        org.close()
        stop()
    base, stop = start_server(url, fast_settings(hsts_seconds=0))
    try:  # configurable: 0 turns HSTS off even behind TLS
        r = httpx.get(f"{base}/health", headers={"X-Forwarded-Proto": "https"})
        assert "strict-transport-security" not in r.headers
    finally:
        stop()
