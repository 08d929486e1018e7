"""Pull: paging and cursors, back-fill of newly assigned partners, unassignment
announcements, epoch resets, verify and snapshot."""
from __future__ import annotations

import uuid

from sqlalchemy import update

from sync import protocol
from sync.server.db import server_meta
from tests.server.conftest import op, pull_all, push


def _contacts(client, pid, n, start_seq=1):
    ops = [op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, f"联系人{i}"]},
              seq=start_seq + i, kind="create") for i in range(n)]
    return push(client, *ops)


def test_pull_pages_with_cursor_and_resumes(server):
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    c = server.client("li.na")
    _contacts(c, pid, 23)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 5, **({"cursor": cursor} if cursor else {})}
        body = c.get("/api/sync/pull", params=params).json()
        assert len(body["changes"]) <= 5
        versions = [ch["version"] for ch in body["changes"]]
        assert versions == sorted(versions)
        seen += body["changes"]
        cursor, pages = body["cursor"], pages + 1
        decoded = protocol.Cursor.decode(cursor)
        assert decoded.seq > 0 and "T" not in str(decoded.seq)  # a change number, never a time
        if pages == 2:
            resume_from = cursor  # a sync interrupted here resumes from the saved cursor
        if not body["has_more"]:
            break
    templates = [ch for ch in seen if ch["entity"] == "checklist_template"]
    assert len([ch for ch in seen if ch["entity"] == "contact"]) == 23 and templates
    assert len({(ch["entity"], ch["id"]) for ch in seen}) == len(seen) == 23 + 1 + len(templates)
    assert pages >= 6
    resumed, _c, _r = pull_all(c, resume_from, limit=5)
    assert [ch["id"] for ch in resumed] == [ch["id"] for ch in seen[10:]]
    # nothing new: an empty page, same position
    body = c.get("/api/sync/pull", params={"cursor": cursor}).json()
    assert body["changes"] == [] and not body["has_more"]
    # one edit: exactly that record comes next
    contact = seen[-1]
    push(c, op("contact", contact["id"], {"role": [None, "采购"]}, seq=100, base=contact["version"]))
    body = c.get("/api/sync/pull", params={"cursor": cursor}).json()
    assert [(ch["id"], ch["row"]["role"]) for ch in body["changes"]] == [(contact["id"], "采购")]


def test_bad_cursor_is_400(server):
    server.add_user("li.na")
    c = server.client("li.na")
    r = c.get("/api/sync/pull", params={"cursor": "not-a-cursor!"})
    assert r.status_code == 400 and r.json()["error"] == "bad_cursor"


def test_newly_assigned_partner_arrives_with_its_history(server):
    li, wang = server.add_user("li.na"), server.add_user("wang.lei")
    pid = server.partner("老渠道", wang)
    w = server.client("wang.lei")
    history = _contacts(w, pid, 7)
    c = server.client("li.na")
    own = server.partner("自己的渠道", li)
    first, cursor, _ = pull_all(c)
    assert pid not in {ch["id"] for ch in first}
    # more changes of her own push li.na's cursor well past the old partner's history
    _contacts(c, own, 3)
    _chs, cursor, _ = pull_all(c, cursor)
    server.add_user("boss", "admin")
    boss = server.client("boss")
    assert boss.post("/api/admin/assignments", json={"partner": "老渠道", "username": "li.na"}).status_code == 200
    body = c.get("/api/sync/pull", params={"cursor": cursor, "limit": 3}).json()
    assert body["phase"] == "backfill" and body["has_more"]
    got, _cursor, _ = pull_all(c, cursor, limit=3)
    ids = {ch["id"] for ch in got}
    assert pid in ids and {h["entity_id"] for h in history} <= ids


def test_unassigned_partner_is_announced_and_reassignment_is_consistent(server):
    li, wang = server.add_user("li.na"), server.add_user("wang.lei")
    pid = server.partner("来回分配的渠道", li)
    server.add_user("boss", "admin")
    boss = server.client("boss")
    c = server.client("li.na")
    _first, cursor, _ = pull_all(c)
    boss.post("/api/admin/unassign", json={"partner": pid, "username": "li.na"})
    boss.post("/api/admin/assignments", json={"partner": pid, "username": "wang.lei"})
    changes, _cursor2, removed = pull_all(c, cursor)
    assert removed == [pid] and changes == []
    # wang.lei edits it while li.na is offline; then it comes back to li.na (A -> B -> A)
    w = server.client("wang.lei")
    _chs, cursor_w, _ = pull_all(w)
    base = w.get(f"/api/records/partner/{pid}").json()["version"]
    push(w, op("partner", pid, {"notes": [None, "王磊接手后的记录"]}, seq=1, base=base))
    mid = str(uuid.uuid4())
    push(w, op("meeting", mid, {"partner_id": [None, pid], "type": [None, "visit"],
                                "starts_at": [None, "2026-11-26 09:00"]}, seq=2, kind="create"))
    boss.post("/api/admin/unassign", json={"partner": pid})
    boss.post("/api/admin/assignments", json={"partner": pid, "username": "li.na"})
    # li.na, still on the cursor from before everything, ends up with the full, current partner
    changes, _c, removed = pull_all(c, cursor)
    assert pid not in removed
    latest = {}
    for ch in changes:
        latest[ch["id"]] = ch
    assert latest[pid]["row"]["notes"] == "王磊接手后的记录" and mid in latest
    # and wang.lei is told it left him
    _chs, _cw, removed_w = pull_all(w, cursor_w)
    assert removed_w == [pid] and wang


def test_unassignment_announced_to_the_old_owner(server):
    li = server.add_user("li.na")
    pid = server.partner("渠道乙", li)
    server.add_user("boss", "admin")
    boss = server.client("boss")
    c = server.client("li.na")
    _chs, cursor, _ = pull_all(c)
    boss.post("/api/admin/unassign", json={"partner": "渠道乙"})
    body = c.get("/api/sync/pull", params={"cursor": cursor}).json()
    assert body["scope_removed"] == [pid]
    # once the client has moved past it, it is not repeated
    body = c.get("/api/sync/pull", params={"cursor": body["cursor"]}).json()
    assert body["scope_removed"] == []


def test_replaced_server_resets_the_cursor(server):
    uid = server.add_user("li.na")
    server.partner("渠道丙", uid)
    c = server.client("li.na")
    all_changes, cursor, _ = pull_all(c)
    with server.app_engine.begin() as conn:
        conn.execute(update(server_meta).where(server_meta.c.key == "epoch").values(value="restored-backup"))
    body = c.get("/api/sync/pull", params={"cursor": cursor}).json()
    assert body["reset"] is True and body["server_epoch"] == "restored-backup"
    assert len(body["changes"]) == len(all_changes)  # everything again, from zero


def test_verify_matches_what_was_pulled_and_snapshot_pages(server):
    uid = server.add_user("li.na")
    pid = server.partner("渠道丁", uid)
    other = server.partner("别人的渠道", server.add_user("wang.lei"))
    c = server.client("li.na")
    results = _contacts(c, pid, 12)
    push(c, op("contact", results[0]["entity_id"], {"deleted": [0, 1]}, seq=50,
               base=results[0]["version"], kind="delete"))
    changes, _cursor, _ = pull_all(c)
    local = {}
    for ch in changes:
        local.setdefault(ch["entity"], {})[ch["id"]] = ch["version"]
    v = c.post("/api/sync/verify", json={}).json()
    for entity, digest in v["entities"].items():
        count, h = protocol.verify_digest(local.get(entity, {}).items())
        assert (digest["count"], digest["hash"]) == (count, h), entity
    assert v["entities"]["contact"]["count"] == 12  # the tombstone counts
    # a local copy that missed a change no longer matches
    local["contact"][results[1]["entity_id"]] -= 1
    assert protocol.verify_digest(local["contact"].items())[1] != v["entities"]["contact"]["hash"]
    # the repair read: every contact in scope, paged by id
    rows, after = [], None
    while True:
        params = {"entity": "contact", "limit": 5, **({"after": after} if after else {})}
        page = c.get("/api/sync/snapshot", params=params).json()
        rows += page["rows"]
        after = page["next_after"]
        if after is None:
            break
    assert sorted(r["id"] for r in rows) == sorted(local["contact"]) and other


def test_pull_and_snapshot_answers_match_their_published_models(server):
    """These two answers are written as JSON directly (no response validation at run
    time, see app._records_json): every shape they take still fits the models the
    OpenAPI document publishes, with the content type clients expect."""
    from sync.server import api_models as m

    uid = server.add_user("li.na")
    pid = server.partner("渠道戊", uid)
    c = server.client("li.na")
    results = _contacts(c, pid, 4)
    push(c, op("contact", results[0]["entity_id"], {"deleted": [0, 1]}, seq=50,
               base=results[0]["version"], kind="delete"))
    cursor, answers = None, []
    while True:
        r = c.get("/api/sync/pull", params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert r.headers["content-type"] == "application/json"
        answers.append(r.json())
        m.PullResponse.model_validate(r.json(), strict=False)
        cursor = r.json()["cursor"]
        if not r.json()["has_more"]:
            break
    assert any(ch["deleted"] for a in answers for ch in a["changes"])  # tombstones too
    assert "渠道戊" in c.get("/api/sync/pull").text  # Chinese as UTF-8, not \\u escapes
    r = c.get("/api/sync/snapshot", params={"entity": "contact", "limit": 2})
    assert r.headers["content-type"] == "application/json"
    m.SnapshotResponse.model_validate(r.json())
    schema = c.get("/openapi.json").json()["paths"]["/api/sync/pull"]["get"]["responses"]["200"]
    assert schema["content"]["application/json"]["schema"]["$ref"].endswith("/PullResponse")


def test_verify_work_is_bounded_by_the_record_types_not_the_request(server):
    """20,000 repeated names once took 19 s (a scope scan each): repeats are answered
    once, and a list longer than any honest one is refused before any work."""
    import time

    uid = server.add_user("li.na")
    server.partner("校验渠道", uid)
    c = server.client("li.na")
    started = time.perf_counter()
    r = c.post("/api/sync/verify", json={"entities": ["partner", "meeting"] * 40})
    assert r.status_code == 200, r.text
    assert set(r.json()["entities"]) == {"partner", "meeting"}
    assert r.json()["entities"]["partner"]["count"] == 1
    r = c.post("/api/sync/verify", json={"entities": ["partner"] * 20_000})
    assert r.status_code == 400 and "entities" in r.json()["message"]
    assert time.perf_counter() - started < 5


def test_verify_scans_each_record_type_once_however_often_it_is_named(server):
    """A name repeated in the request costs nothing more: the statements the server runs
    for 100 copies of "partner" (the most the request may hold) are those for one."""
    from sqlalchemy import event

    from sync.server import api_models as m

    uid = server.add_user("li.na")
    server.partner("校验渠道", uid)
    c = server.client("li.na")
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(server.app_engine, "before_cursor_execute", count)
    try:
        runs = []
        for names in (["partner"], ["partner"] * m.MAX_VERIFY_NAMES):
            seen.clear()
            r = c.post("/api/sync/verify", json={"entities": names})
            assert r.status_code == 200, r.text
            assert r.json()["entities"]["partner"]["count"] == 1
            runs.append([s for s in seen if "partners" in s])
    finally:
        event.remove(server.app_engine, "before_cursor_execute", count)
    assert runs[0] and len(runs[1]) == len(runs[0]), (len(runs[0]), len(runs[1]))
