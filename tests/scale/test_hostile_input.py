"""Hostile input gets a 4xx with a clear JSON message, never a 5xx, and changes nothing:
malformed JSON, oversized bodies (announced or streamed), wrong types, unknown fields,
bad headers, cursors and parameters."""
from __future__ import annotations

import uuid

import httpx
import pytest

from sync import protocol as p
from sync.server.request_limits import MAX_BODY_BYTES
from tests.scale.conftest import Client, Org, fast_settings
from tests.sync_fixtures import start_server


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile')}/server.db"
    base, stop = start_server(url, fast_settings())
    org = Org(url)
    org.user("h.li")
    org.user("h.admin", "admin")
    pid = org.partner("华东渠道", "h.li")
    lap, head = Client(base), Client(base)
    assert lap.login("h.li").status_code == 200
    assert head.login("h.admin").status_code == 200
    yield {"base": base, "lap": lap, "head": head, "partner": pid, "org": org}
    lap.close()
    head.close()
    org.close()
    stop()


def _clear_4xx(r: httpx.Response, *codes: int) -> dict:
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    if codes:
        assert r.status_code in codes, (r.status_code, r.text[:300])
    body = r.json()
    assert isinstance(body.get("error"), str) and body["error"]
    assert isinstance(body.get("message"), str) and len(body["message"]) > 5
    return body


JSON_ENDPOINTS = ["/api/auth/login", "/api/auth/refresh", "/api/sync/push", "/api/sync/verify",
                  "/api/admin/users", "/api/admin/assignments", "/api/admin/unassign", "/api/admin/templates"]


@pytest.mark.parametrize("path", JSON_ENDPOINTS)
@pytest.mark.parametrize("raw", [b"{not json", b'{"ops": [', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"text"',
                                 b"null", b"1e999999", b'{"a": ' * 2000])
def test_malformed_json_is_a_clear_400(hostile, path, raw):
    client = hostile["head"] if "/admin/" in path else hostile["lap"]
    r = client.post(path, content=raw, headers={"content-type": "application/json"})
    if path == "/api/sync/verify" and raw == b"null":
        assert r.status_code == 200  # an absent body is allowed there
        return
    body = _clear_4xx(r, 400)
    assert body["error"] == p.ERROR_BAD_REQUEST


@pytest.mark.parametrize("body,where", [
    ({"ops": "all of them"}, "ops"),
    ({"ops": [], "sneaky": True}, "sneaky"),
])
def test_a_malformed_request_is_a_400_naming_the_field(hostile, body, where):
    r = hostile["lap"].post("/api/sync/push", json=body)
    assert where in _clear_4xx(r, 400)["message"]


@pytest.mark.parametrize("op,where", [
    ({"op_id": 5}, "op_id"),
    ({"op_id": "x", "seq": "first", "entity": "partner", "entity_id": "y", "op": "update", "changes": {}}, "op_id"),
    ({"seq": "first", "entity": "partner", "entity_id": "y", "op": "update", "changes": {}}, "seq"),
    ({"seq": 1, "entity": "partner", "entity_id": "y", "op": "explode", "changes": {}}, "operation"),
    ({"seq": 1, "entity": "partner", "entity_id": "y", "op": "update", "changes": {"notes": "not a pair"}},
     "entity_id"),
    ({"seq": 1, "entity": "partner", "op": "update", "changes": {"notes": "not a pair"}}, "[old, new]"),
    ({"op_id": "x" * 500, "seq": 1, "entity": "partner", "entity_id": "y", "op": "update", "changes": {}}, "op_id"),
    ({"seq": 1, "entity": "partner", "op": "update", "changes": {}, "server_version": 999}, "server_version"),
])
def test_a_malformed_op_is_rejected_alone_naming_the_field(hostile, op, where):
    """One op's values never fail the request: the op is answered rejected, the good
    op behind it is applied."""
    lap, pid = hostile["lap"], hostile["partner"]
    bad = {"op_id": str(uuid.uuid4()), "entity_id": pid, **op}
    good = lap.op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, "照常"]},
                  kind="create")
    good["seq"] = 10**6 + lap.seq
    results = lap.push(bad, good)
    assert results[0]["outcome"] == "rejected" and where in results[0]["message"], results[0]
    assert results[1]["outcome"] == "applied"


def test_unknown_login_field_is_refused(hostile):
    r = Client(hostile["base"]).post("/api/auth/login", json={"username": "h.li", "password": "x" * 9,
                                                             "device_name": "d", "role": "admin"})
    assert "role" in _clear_4xx(r, 400)["message"]


def test_invalid_op_values_are_rejected_per_op_and_the_rest_applies(hostile):
    lap, pid = hostile["lap"], hostile["partner"]
    bad = [
        lap.op("partner", pid, {"tier": ["core", "platinum-plus"]}),
        lap.op("partner", pid, {"no_such_field": [None, 1]}),
        lap.op("meeting", str(uuid.uuid4()), {"partner_id": [None, pid], "type": [None, "visit"],
                                               "starts_at": [None, "next tuesday"]}, kind="create"),
        lap.op("no_such_entity", str(uuid.uuid4()), {"x": [None, 1]}, kind="create"),
        lap.op("kpi_snapshot", str(uuid.uuid4()), {"partner_id": [None, pid]}, kind="create"),
    ]
    good = lap.op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, "好联系人"]},
                  kind="create")
    results = lap.push(*bad, good)
    assert [r["outcome"] for r in results] == ["rejected"] * 5 + ["applied"]
    assert all(r["message"] for r in results[:5])


def test_oversized_bodies_get_413_announced_or_streamed(hostile):
    lap = hostile["lap"]
    big = b'{"ops": [' + b" " * (MAX_BODY_BYTES + 10) + b"]}"
    r = lap.post("/api/sync/push", content=big, headers={"content-type": "application/json"})
    assert _clear_4xx(r, 413)["error"] == "too_large"

    def chunks():
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 2):
            yield b" " * (1 << 20)

    r = lap.post("/api/sync/push", content=chunks(), headers={"content-type": "application/json"})
    assert _clear_4xx(r, 413)["error"] == "too_large"
    # too many ops in one push
    ops = [lap.op("partner", hostile["partner"], {"notes": [None, "x"]}) for _ in range(p.MAX_PUSH_OPS + 1)]
    assert "500" in _clear_4xx(lap.post("/api/sync/push", json={"ops": ops}), 400)["message"]
    # and the server still answers normally
    assert lap.get("/api/me").status_code == 200


def test_bad_headers_cursors_and_parameters(hostile):
    lap = hostile["lap"]
    bare = httpx.Client(base_url=hostile["base"])
    _clear_4xx(bare.get("/api/me"), 426)
    _clear_4xx(bare.get("/api/me", headers={p.HEADER_PROTOCOL: "one", p.HEADER_SCHEMA: "1"}), 426)
    _clear_4xx(bare.get("/api/me", headers={**p.request_headers(), "Authorization": "Bearer"}), 401)
    _clear_4xx(bare.get("/api/me", headers={**p.request_headers(), "Authorization": "Basic eDp5"}), 401)
    _clear_4xx(bare.get("/api/me", headers={**p.request_headers(), "Authorization": "Bearer " + "x" * 5000}), 401)
    bare.close()
    for cursor in ("garbage", "eyJzZXEiOiAieCJ9", "e30=", "\u4e2d\u6587", "A" * 4000):
        _clear_4xx(lap.get("/api/sync/pull", params={"cursor": cursor}), 400)
    for limit in ("0", "-1", "99999", "ten", "1.5"):
        _clear_4xx(lap.get("/api/sync/pull", params={"limit": limit}), 400)
    _clear_4xx(lap.get("/api/sync/snapshot", params={"entity": "users"}), 400)
    _clear_4xx(lap.get("/api/sync/snapshot"), 400)
    _clear_4xx(lap.post("/api/sync/verify", json={"entities": ["tokens"]}), 400)
    _clear_4xx(lap.get("/api/records/users/" + str(uuid.uuid4())), 404)
    _clear_4xx(lap.get("/api/conflicts", params={"state": "whatever"}), 400)
    _clear_4xx(lap.post(f"/api/conflicts/{uuid.uuid4()}/resolve", json={"choice": "mine"}), 400)
    _clear_4xx(hostile["head"].post("/api/admin/import/partners", content=b"\x00\x01\x02 not csv",
                                    headers={"content-type": "text/csv"}), 400)
