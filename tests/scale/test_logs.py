"""The server's log: JSON lines, one per request, and never a password or a token."""
from __future__ import annotations

import json

from models.store import Store
from sync.client.credentials import MemoryCredentials
from sync.client.engine import SyncEngine
from sync.server.logging_setup import JsonLineFormatter, scrub
from tests.keys import open_test_database
from tests.scale.conftest import PASSWORD, Deployment


def test_sign_in_and_sync_leave_no_secret_in_the_log(deployment: Deployment, tmp_path):
    org, server = deployment.org, deployment.server
    org.user("log.li")
    pid = org.partner("华南渠道", "log.li")
    before = len(server.log_text())

    # a real laptop: sign in, write, sync (push, pull, verify)
    store = Store(open_test_database(tmp_path / "laptop.db"))
    creds = MemoryCredentials()
    engine = SyncEngine(store, server.base_url, creds)
    try:
        engine.sign_in("log.li", PASSWORD, "李娜的笔记本")
        engine.sync()  # the partner arrives
        store.create("meeting", {"partner_id": pid, "type": "visit", "starts_at": "2026-11-20 10:00",
                                 "notes": "季度复盘"})
        report = engine.sync()
        assert report.pushed == 1 and report.verified
        access = engine.session.access_token
        refresh_tokens = list(creds._secrets.values())
    finally:
        engine.close()
        store.db.conn.close()

    # a raw client too: a refresh (new pair), a wrong password, a bearer on a bad call
    c = deployment.client("log.li")
    first_access, first_refresh = c.access_token, c.refresh_token
    r = c.post("/api/auth/refresh", json={"refresh_token": c.refresh_token})
    assert r.status_code == 200
    second = r.json()
    wrong = "wrong-password-Xq7!"
    assert deployment.client().login("log.li", wrong).status_code == 401
    c.access_token = second["access_token"]
    assert c.get("/api/records/partner/nope").status_code == 404
    c.close()

    text = server.log_text()[before:]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    parsed = [json.loads(ln) for ln in lines]  # every line is JSON
    requests = [e for e in parsed if e.get("logger") == "channelkeeper.server.request"]
    paths = {e["path"] for e in requests}
    assert {"/api/auth/login", "/api/sync/push", "/api/sync/pull", "/api/sync/verify",
            "/api/auth/refresh"} <= paths
    for e in requests:
        assert {"ts", "level", "method", "path", "status", "duration_ms", "worker"} <= set(e)
    assert any(e.get("user") == "log.li" for e in requests)  # who, without how

    secrets = [PASSWORD, wrong, access, first_access, first_refresh, second["access_token"],
               second["refresh_token"], *refresh_tokens]
    secrets = [s for s in secrets if isinstance(s, str) and s]
    assert len(secrets) >= 7
    for secret in secrets:
        assert secret not in text, "a secret reached the server log"


def test_scrubber_catches_secrets_that_reach_a_message():
    assert scrub("Authorization: Bearer abc.DEF-123") == "Authorization: Bearer ***"
    assert "hunter2" not in scrub('{"username": "li", "password": "hunter2"}')
    assert "tok123" not in scrub("refresh_token=tok123&x=1")
    assert "s3cret" not in scrub("postgresql+psycopg://ck:s3cret@db.internal/ck")
    assert scrub("GET /api/sync/pull 200") == "GET /api/sync/pull 200"

    import logging

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "login %s", ("password=pw1",), None)
    record.detail = {"access_token": "abc"}
    line = JsonLineFormatter().format(record)
    entry = json.loads(line)
    assert entry["msg"] == "login password=***"
    assert "abc" not in line
