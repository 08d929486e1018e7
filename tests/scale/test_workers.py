"""Several worker processes behind one address: tokens, the sign-in limit and device
revocation hold whichever worker answers (nothing lives in process memory)."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from sync import protocol as p
from tests.scale.conftest import Deployment

WORKERS = 2


def _served_by(server, path: str, since: int) -> set[int]:
    """Worker pids that logged requests to ``path`` after log line ``since``."""
    return {line["worker"] for line in server.log_lines()[since:]
            if line.get("logger") == "channelkeeper.server.request" and line.get("path") == path}


def _spread(n: int, fn):
    """``n`` calls of ``fn`` from 8 threads, each on fresh connections."""
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _i: fn(), range(n)))


def test_tokens_limits_and_revocation_hold_across_workers(deployment: Deployment):
    org, server = deployment.org, deployment.server
    org.user("w.head", "admin")
    org.user("w.li")
    org.user("w.zhao")  # locked out below (the limit is per user name and address)
    org.partner("华东渠道分销商", "w.li")
    lap = deployment.client("w.li")
    head = deployment.client("w.head")
    stranger = deployment.client()
    try:

        # one token, answered by every worker
        mark = len(server.log_lines())
        answers = _spread(40, lambda: lap.get("/api/me").status_code)
        assert answers == [200] * 40
        assert len(_served_by(server, "/api/me", mark)) == WORKERS, "requests did not reach every worker"

        # the sign-in limit counts failures from every worker together
        codes = [stranger.login("w.zhao", "wrong password").status_code for _ in range(5)]
        assert codes == [401] * 5
        mark = len(server.log_lines())
        blocked = _spread(40, lambda: stranger.login("w.zhao").status_code)
        assert blocked == [429] * 40, "a worker let a throttled sign-in through"
        # both workers refused: at most one of them saw all five failures itself
        assert len(_served_by(server, "/api/auth/login", mark)) == WORKERS

        # a rotated refresh token is dead on every worker
        old_refresh = lap.refresh_token
        r = lap.post("/api/auth/refresh", json={"refresh_token": old_refresh})
        assert r.status_code == 200
        lap.access_token = r.json()["access_token"]
        replay = _spread(4, lambda: lap.post("/api/auth/refresh", json={"refresh_token": old_refresh}).status_code)
        assert replay == [401] * 4
        # ... within the reuse grace a replay is the same laptop racing itself: refused on
        # every worker, and the new pair keeps working everywhere (past the grace a replay
        # ends the sign-in: tests/server/test_refresh_rotation.py)
        assert set(_spread(8, lambda: lap.get("/api/me").status_code)) == {200}

        # an admin revokes a device: every worker refuses it at once
        assert lap.login("w.li", device="second laptop").status_code == 200
        assert set(_spread(8, lambda: lap.get("/api/me").status_code)) == {200}
        r = head.post(f"/api/admin/devices/{lap.device_id}/revoke")
        assert r.status_code == 200, r.text
        mark = len(server.log_lines())
        refused = _spread(40, lambda: lap.get("/api/sync/pull"))
        assert {x.status_code for x in refused} == {401}
        assert {x.json()["error"] for x in refused} == {p.ERROR_DEVICE_REVOKED}
        assert len(_served_by(server, "/api/sync/pull", mark)) == WORKERS
        refresh = lap.post("/api/auth/refresh", json={"refresh_token": lap.refresh_token})
        assert refresh.status_code == 401
    finally:
        for c in (lap, head, stranger):
            c.close()


def test_pushes_through_several_workers_land_once(deployment: Deployment):
    """Concurrent pushes of the same ops (resends after timeouts) through both workers:
    each op is applied exactly once and answered identically."""
    deployment.org.user("w.wang")
    pid = deployment.org.partner("西南渠道", "w.wang")
    lap = deployment.client("w.wang")
    try:
        ops = [lap.op("contact", str(uuid.uuid4()),
                      {"partner_id": [None, pid], "name": [None, f"联系人{i}"]}, kind="create")
               for i in range(30)]
        batches = [ops[i:i + 5] for i in range(0, 30, 5)]
        # every batch sent three times at once, as a client retrying after timeouts might
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda b: lap.push(*b), batches * 3))
        by_op: dict[str, set[tuple]] = {}
        for results in answers:
            for r in results:
                by_op.setdefault(r["op_id"], set()).add((r["outcome"], r["version"]))
        assert len(by_op) == 30
        assert all(len(v) == 1 for v in by_op.values()), "a resent op got a different answer"
        assert {next(iter(v))[0] for v in by_op.values()} == {"applied"}
        changes, _ = lap.pull_all()
        contacts = [c for c in changes if c["entity"] == "contact"]
        assert sorted(c["row"]["name"] for c in contacts) == sorted(f"联系人{i}" for i in range(30))
        versions = [c["version"] for c in contacts]
        assert len(set(versions)) == 30
    finally:
        lap.close()
