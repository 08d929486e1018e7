"""Sign-in, token expiry and rotation, device revocation, throttling, version headers."""
from __future__ import annotations

import httpx

from sync import protocol
from tests.server.conftest import PASSWORD
from tests.sync_fixtures import start_server


def test_login_and_me(server):
    uid = server.add_user("li.na")
    c = server.client()
    data = c.login("li.na", PASSWORD)
    assert data["user"] == {"id": uid, "username": "li.na", "role": "manager"}
    assert data["expires_in"] == 15 * 60
    me = c.get("/api/me").json()
    assert me["device_id"] == data["device_id"] and me["server_epoch"] == data["server_epoch"]


def test_wrong_password_is_401_without_tokens(server):
    server.add_user("li.na")
    c = server.client()
    r = c.http.post("/api/auth/login", json={"username": "li.na", "password": "nope-nope"})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert "access_token" not in r.json()
    r = c.http.post("/api/auth/login", json={"username": "nobody", "password": "nope-nope"})
    assert r.status_code == 401


def test_failed_logins_are_rate_limited_in_the_database(server, db_url):
    server.add_user("li.na")
    c = server.client()
    for _ in range(server.settings.login_max_failures):
        assert c.http.post("/api/auth/login", json={"username": "li.na", "password": "bad-pass"}).status_code == 401
    r = c.http.post("/api/auth/login", json={"username": "li.na", "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"] == "rate_limited"
    assert int(r.headers["Retry-After"]) > 0
    # another user from the same address is not affected
    server.add_user("wang")
    assert c.http.post("/api/auth/login", json={"username": "wang", "password": PASSWORD}).status_code == 200
    # the count lives in the database, not in this process: a second app on the same
    # server (another worker) on the same database refuses too
    base2, stop2 = start_server(db_url, server.settings)
    try:
        r = httpx.post(base2 + "/api/auth/login", headers=protocol.request_headers(),
                       json={"username": "li.na", "password": PASSWORD})
        assert r.status_code == 429
    finally:
        stop2()
    # after the window the right password works again
    server.clock.advance(seconds=server.settings.login_window + 1)
    assert c.http.post("/api/auth/login", json={"username": "li.na", "password": PASSWORD}).status_code == 200


def test_expired_access_token_is_401_and_refresh_rotates(server):
    server.add_user("li.na")
    c = server.client("li.na")
    old_refresh = c.refresh_token
    server.clock.advance(seconds=server.settings.access_ttl + 1)
    r = c.get("/api/me")
    assert r.status_code == 401 and r.json()["error"] == "token_expired"
    r = c.http.post("/api/auth/refresh", json={"refresh_token": old_refresh})
    assert r.status_code == 200
    fresh = r.json()
    assert fresh["refresh_token"] != old_refresh and fresh["device_id"] == c.device_id
    c.token = fresh["access_token"]
    assert c.get("/api/me").status_code == 200
    # the old refresh token died in the exchange: at once it is only refused (a
    # concurrent refresh of the same laptop), later a replay ends the device's sessions
    r = c.http.post("/api/auth/refresh", json={"refresh_token": old_refresh})
    assert r.status_code == 401 and c.get("/api/me").status_code == 200
    server.clock.advance(seconds=server.settings.refresh_reuse_grace + 1)
    r = c.http.post("/api/auth/refresh", json={"refresh_token": old_refresh})
    assert r.status_code == 401
    assert c.get("/api/me").status_code == 401
    assert c.http.post("/api/auth/refresh", json={"refresh_token": fresh["refresh_token"]}).status_code == 401


def test_revoked_device_is_401_at_once(server):
    server.add_user("boss", "admin")
    server.add_user("li.na")
    laptop = server.client("li.na", device="ThinkPad")
    refresh = laptop.refresh_token
    boss = server.client("boss")
    devices = boss.get("/api/admin/devices").json()["devices"]
    assert any(d["id"] == laptop.device_id and d["name"] == "ThinkPad" for d in devices)
    assert boss.post(f"/api/admin/devices/{laptop.device_id}/revoke").status_code == 200
    r = laptop.get("/api/me")
    assert r.status_code == 401 and r.json()["error"] == "device_revoked"
    assert laptop.http.post("/api/auth/refresh", json={"refresh_token": refresh}).status_code == 401
    # signing in again registers a new device that works
    laptop.login("li.na", PASSWORD)
    assert laptop.get("/api/me").status_code == 200


def test_tokens_are_stored_hashed(server):
    from sqlalchemy import select

    from sync.server.db import tokens

    server.add_user("li.na")
    c = server.client("li.na")
    with server.app_engine.connect() as conn:
        stored = {r.token_hash for r in conn.execute(select(tokens.c.token_hash))}
    assert c.token not in stored and c.refresh_token not in stored
    import hashlib

    assert hashlib.sha256(c.token.encode()).hexdigest() in stored


def test_old_client_gets_426_and_health_needs_no_headers(server):
    r = httpx.get(server.base_url + "/api/me", headers={protocol.HEADER_PROTOCOL: "0",
                                                        protocol.HEADER_SCHEMA: "1"})
    assert r.status_code == 426
    body = r.json()
    assert body["error"] == "update_required" and "update" in body["message"]
    r = httpx.post(server.base_url + "/api/auth/login", json={"username": "a", "password": "b"})
    assert r.status_code == 426  # no headers at all
    h = httpx.get(server.base_url + "/health")
    assert h.status_code == 200 and h.json()["status"] == "ok"


def test_manager_cannot_use_admin_api(server):
    server.add_user("li.na")
    c = server.client("li.na")
    r = c.post("/api/admin/users", json={"username": "x", "role": "admin", "password": "12345678"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"


def test_openapi_document_loads(server):
    r = httpx.get(server.base_url + "/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    for path in ("/api/auth/login", "/api/sync/push", "/api/sync/pull", "/api/sync/verify",
                 "/api/conflicts", "/health"):
        assert path in spec["paths"]
    outcome = spec["components"]["schemas"]["OpResult"]["properties"]["outcome"]
    assert set(outcome["enum"]) == set(protocol.OUTCOMES)


def test_every_endpoint_in_the_protocol_document_is_served(server):
    """docs/sync-protocol.md and /openapi.json name the same calls."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md").read_text(encoding="utf-8")
    spec = httpx.get(server.base_url + "/openapi.json").json()["paths"]
    def norm(path: str) -> str:
        return re.sub(r"\{[a-z_]+\}", "{}", path)

    documented = {(m, norm(path)) for m, path in re.findall(r"`(GET|POST) (/[a-z/{}_]+)", doc)}
    assert len(documented) >= 20
    served = {(m.upper(), norm(path)) for path, ops in spec.items() for m in ops}
    assert documented <= served, f"documented but not served: {documented - served}"
    served = {(m, path) for m, path in served if path.startswith("/api/")}
    assert served <= documented, f"served but undocumented: {served - documented}"


def test_admin_creates_users_over_the_api_and_logout_ends_the_device(server):
    server.add_user("boss", "admin")
    boss = server.client("boss")
    r = boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager", "password": "short"})
    assert r.status_code == 400 and "8 characters" in r.json()["message"]
    r = boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager", "password": PASSWORD})
    assert r.status_code == 201
    assert boss.post("/api/admin/users", json={"username": "zhao.min", "role": "manager",
                                               "password": PASSWORD}).status_code == 409
    names = {u["username"]: u["role"] for u in boss.get("/api/admin/users").json()["users"]}
    assert names == {"boss": "admin", "zhao.min": "manager"}
    assert all("password" not in u and "password_hash" not in u for u in boss.get("/api/admin/users").json()["users"])
    zhao = server.client("zhao.min")
    refresh = zhao.refresh_token
    assert zhao.post("/api/auth/logout").status_code == 200
    assert zhao.get("/api/me").status_code == 401
    assert zhao.http.post("/api/auth/refresh", json={"refresh_token": refresh}).status_code == 401


def test_the_sync_calls_check_the_token_in_their_own_transaction(server):
    """Push, pull and verify check the token inside the transaction that serves them
    (no look-up of their own before): a wipe request lets only push through, a
    revocation or an expired token refuses all three at once, and nothing is
    written for a refused push."""
    server.add_user("boss", "admin")
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    laptop = server.client("li.na")
    boss = server.client("boss")
    op = {"op_id": "8b0f1c9e-3a52-4a43-9a3b-3c1c2f7e0001", "seq": 1, "entity": "partner",
          "entity_id": pid, "op": "update", "changes": {"goals": [None, "季度目标"]},
          "base_version": 0, "created_at": "2026-11-27 09:00:00"}

    def calls() -> list[httpx.Response]:
        return [laptop.post("/api/sync/push", json={"ops": [op]}), laptop.get("/api/sync/pull"),
                laptop.post("/api/sync/verify", json={})]

    assert [r.status_code for r in calls()] == [200, 200, 200]
    assert boss.post(f"/api/admin/devices/{laptop.device_id}/wipe").status_code == 200
    pushed, pulled, verified = calls()
    assert pushed.status_code == 200  # a lost laptop may still hand over what it holds
    assert [(r.status_code, r.json()["error"]) for r in (pulled, verified)] == [
        (410, protocol.ERROR_DEVICE_WIPE)] * 2
    assert boss.post(f"/api/admin/devices/{laptop.device_id}/revoke").status_code == 200
    op = {**op, "op_id": "8b0f1c9e-3a52-4a43-9a3b-3c1c2f7e0002", "seq": 2,
          "changes": {"goals": ["季度目标", "不该写入"]}}
    refused = calls()
    assert [(r.status_code, r.json()["error"]) for r in refused] == [
        (401, protocol.ERROR_DEVICE_REVOKED)] * 3
    partner = boss.get(f"/api/records/partner/{pid}").json()
    assert partner["row"]["goals"] == "季度目标"
    # no token at all: refused before anything is read
    r = laptop.http.post("/api/sync/push", json={"ops": [op]}, headers={"Authorization": ""})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_an_expired_token_is_refused_by_every_sync_call(server):
    uid = server.add_user("li.na")
    server.partner("渠道甲", uid)
    laptop = server.client("li.na")
    server.clock.advance(seconds=server.settings.access_ttl + 1)
    for r in (laptop.post("/api/sync/push", json={"ops": []}), laptop.get("/api/sync/pull"),
              laptop.post("/api/sync/verify", json={})):
        assert r.status_code == 401 and r.json()["error"] == protocol.ERROR_TOKEN_EXPIRED
