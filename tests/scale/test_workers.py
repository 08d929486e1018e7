"""Several worker processes behind one address: tokens, the sign-in limit and device
revocation hold whichever worker answers (nothing lives in process memory)."""
from __future__ import annotations

import json
import threading
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


def _on_every_worker(server, path: str, fn, rounds: int = 10) -> tuple[list, set[int]]:
    """Calls of ``fn`` (requests to ``path``) in rounds of 40 until every worker has
    answered one, or ``rounds`` are spent: which worker accepts a connection is the
    kernel's choice, and on a busy machine one worker can take a whole round. Returns
    every call's result and the workers that answered."""
    mark, results = len(server.log_lines()), []
    for _round in range(rounds):
        results += _spread(40, fn)
        workers = _served_by(server, path, mark)
        if len(workers) == WORKERS:
            break
    return results, workers


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
        answers, workers = _on_every_worker(server, "/api/me", lambda: lap.get("/api/me").status_code)
        assert answers == [200] * len(answers)
        assert len(workers) == WORKERS, "requests did not reach every worker"

        # the sign-in limit counts failures from every worker together
        codes = [stranger.login("w.zhao", "wrong password").status_code for _ in range(5)]
        assert codes == [401] * 5
        blocked, workers = _on_every_worker(server, "/api/auth/login",
                                            lambda: stranger.login("w.zhao").status_code)
        assert blocked == [429] * len(blocked), "a worker let a throttled sign-in through"
        # both workers refused: at most one of them saw all five failures itself
        assert len(workers) == WORKERS

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
        refused, workers = _on_every_worker(server, "/api/sync/pull",
                                            lambda: lap.get("/api/sync/pull"))
        assert {x.status_code for x in refused} == {401}
        assert {x.json()["error"] for x in refused} == {p.ERROR_DEVICE_REVOKED}
        assert len(workers) == WORKERS
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


def _hammer(lap, ops: list[dict], copies: int) -> list:
    """``copies`` pushes of the same ops released at once (a barrier), each on its own
    connection, so several transactions apply the same op ids at the same moment."""
    start = threading.Barrier(copies)

    def send(_i):
        start.wait()
        return lap.post("/api/sync/push", json={"ops": ops})

    with ThreadPoolExecutor(copies) as pool:
        return list(pool.map(send, range(copies)))


def test_same_push_hammered_through_several_workers_lands_once(deployment: Deployment):
    """The same batch pushed by eight requests at the same instant, many times over:
    creates of new records and edits of one shared record. No answer is an error: every
    copy answers what the first answered, and each op lands exactly once."""
    deployment.org.user("w.hammer")
    pid = deployment.org.partner("华北渠道", "w.hammer")
    lap = deployment.client("w.hammer")
    try:
        shared = str(uuid.uuid4())
        lap.push(lap.op("contact", shared, {"partner_id": [None, pid], "name": [None, "v0"]},
                        kind="create"))
        names: list[str] = []
        for round_ in range(12):
            ops = [lap.op("contact", str(uuid.uuid4()),
                          {"partner_id": [None, pid], "name": [None, f"新{round_}-{i}"]}, kind="create")
                   for i in range(3)]
            ops.append(lap.op("contact", shared, {"name": [f"v{round_}", f"v{round_ + 1}"]}))
            names += [f"新{round_}-{i}" for i in range(3)]
            answers = _hammer(lap, ops, 8)
            codes = [a.status_code for a in answers]
            assert codes == [200] * 8, [a.text[:300] for a in answers if a.status_code != 200]
            distinct = {json.dumps([{k: r[k] for k in ("op_id", "outcome", "version", "reason")}
                                    for r in a.json()["results"]], sort_keys=True) for a in answers}
            assert len(distinct) == 1, f"round {round_}: copies answered differently: {distinct}"
            # the edit's base version is not tracked here: merged, never a conflict
            assert [r["outcome"] for r in answers[0].json()["results"]] == ["applied"] * 3 + ["merged"]
        changes, _ = lap.pull_all()
        contacts = {c["row"]["id"]: c for c in changes if c["entity"] == "contact"}
        assert sorted(c["row"]["name"] for k, c in contacts.items() if k != shared) == sorted(names)
        assert contacts[shared]["row"]["name"] == "v12"
        conflicts = lap.get("/api/conflicts").json()["conflicts"]
        assert conflicts == [], "an op applied twice filed a conflict against itself"
    finally:
        lap.close()


def test_two_devices_creating_one_record_at_once_merge(deployment: Deployment):
    """Head office and a manager create the same record at the same instant (a laptop
    re-sending its creates to a restored server while head office re-enters it): the
    one that commits second is merged into the first, as it would be had it come later,
    never refused as a broken database rule."""
    org = deployment.org
    org.user("w.head2", "admin")
    org.user("w.sun")
    pid = org.partner("东北渠道", "w.sun")
    lap, head = deployment.client("w.sun"), deployment.client("w.head2")
    try:
        for round_ in range(10):
            rid = str(uuid.uuid4())
            ops = [c.op("contact", rid, {"partner_id": [None, pid], "name": [None, f"同名{round_}"]},
                        kind="create") for c in (lap, head)]
            start = threading.Barrier(2)

            def send(job):
                client, op, barrier = job
                barrier.wait()
                return client.post("/api/sync/push", json={"ops": [op]})

            with ThreadPoolExecutor(2) as pool:
                answers = list(pool.map(send, [(lap, ops[0], start), (head, ops[1], start)]))
            assert [a.status_code for a in answers] == [200, 200], [a.text[:300] for a in answers]
            outcomes = sorted(a.json()["results"][0]["outcome"] for a in answers)
            assert outcomes == ["applied", "applied"] or outcomes == ["applied", "merged"], \
                f"round {round_}: {[a.json()['results'][0] for a in answers]}"
    finally:
        lap.close()
        head.close()


def test_head_office_writes_raced_through_several_workers(deployment: Deployment):
    """The admin writes that check before they insert, sent eight times at once: one
    user is added and the others are told it exists, one assignment is made, a new
    template is published once per request. No answer is an error."""
    org = deployment.org
    org.user("w.head3", "admin")
    org.user("w.zhou")
    pid = org.partner("西北渠道")
    head = deployment.client("w.head3")
    try:
        def at_once(path: str, body: dict) -> list:
            start = threading.Barrier(8)

            def send(_i):
                start.wait()
                return head.post(path, json=body)

            with ThreadPoolExecutor(8) as pool:
                return list(pool.map(send, range(8)))

        added = at_once("/api/admin/users", {"username": "w.new", "role": "manager",
                                             "password": "quiet river 7 lanterns"})
        assert sorted(a.status_code for a in added) == [201] + [409] * 7, [a.text[:200] for a in added]
        assigned = at_once("/api/admin/assignments", {"partner": pid, "username": "w.zhou"})
        assert [a.status_code for a in assigned] == [200] * 8, [a.text[:200] for a in assigned]
        assert sorted(a.json()["assigned"] for a in assigned) == [False] * 7 + [True]
        template = {"key": "raced", "name": "同时发布", "sections": [
            {"title": "一", "items": [{"key": "a", "text": "检查库存"}]}]}
        published = at_once("/api/admin/templates", template)
        assert [a.status_code for a in published] == [200] * 8, [a.text[:200] for a in published]
        assert len({a.json()["templates"][0]["version"] for a in published}) == 8
    finally:
        head.close()
