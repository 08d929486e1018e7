"""A manager reads and writes only their own partners; grace after unassignment."""
from __future__ import annotations

import uuid

from tests.server.conftest import op, pull_all, push


def _two_managers(server):
    li, wang = server.add_user("li.na"), server.add_user("wang.lei")
    mine, theirs = server.partner("李娜的渠道", li), server.partner("王磊的渠道", wang)
    return mine, theirs, server.client("li.na"), server.client("wang.lei")


def test_manager_cannot_read_another_managers_partner(server):
    mine, theirs, li, wang = _two_managers(server)
    cid = str(uuid.uuid4())
    push(wang, op("contact", cid, {"partner_id": [None, theirs], "name": [None, "赵总"]}, seq=1, kind="create"))
    assert li.get(f"/api/records/partner/{mine}").status_code == 200
    for path in (f"/api/records/partner/{theirs}", f"/api/records/contact/{cid}"):
        r = li.get(path)
        assert r.status_code == 404 and "赵总" not in r.text and "王磊" not in r.text
    assert [p["id"] for p in li.get("/api/partners").json()["partners"]] == [mine]
    changes, _cursor, _removed = pull_all(li)
    ids = {ch["id"] for ch in changes}
    assert mine in ids and theirs not in ids and cid not in ids
    snap = li.get("/api/sync/snapshot", params={"entity": "contact"}).json()
    assert snap["rows"] == []


def test_manager_cannot_write_another_managers_partner(server):
    mine, theirs, li, wang = _two_managers(server)
    base = wang.get(f"/api/records/partner/{theirs}").json()["version"]
    results = push(
        li,
        op("partner", theirs, {"notes": [None, "我来改一下"]}, seq=1, base=base),
        op("contact", str(uuid.uuid4()), {"partner_id": [None, theirs], "name": [None, "x"]}, seq=2, kind="create"),
    )
    # a partner li never had is answered as if it did not exist (sync/server/authorize.py)
    assert [(r["outcome"], r["reason"]) for r in results] == [("rejected", "unknown_record")] * 2
    assert wang.get(f"/api/records/partner/{theirs}").json()["row"]["notes"] is None
    # nor move their own contact onto someone else's partner
    cid = str(uuid.uuid4())
    v = push(li, op("contact", cid, {"partner_id": [None, mine], "name": [None, "钱"]}, seq=3, kind="create"))[0]["version"]
    r = push(li, op("contact", cid, {"partner_id": [mine, theirs]}, seq=4, base=v))[0]
    assert r["reason"] == "unknown_record"


def test_admin_sees_everything(server):
    mine, theirs, _li, _wang = _two_managers(server)
    server.add_user("boss", "admin")
    boss = server.client("boss")
    ids = {p["id"] for p in boss.get("/api/partners").json()["partners"]}
    assert {mine, theirs} <= ids


def test_notes_written_before_unassignment_are_accepted_within_grace(server):
    li_id = server.add_user("li.na")
    pid = server.partner("渠道甲", li_id)
    server.add_user("boss", "admin")
    li = server.client("li.na")
    boss = server.client("boss")
    assert boss.post("/api/admin/unassign", json={"partner": pid, "username": "li.na"}).status_code == 200
    mid = str(uuid.uuid4())
    r = push(li, op("meeting", mid, {"partner_id": [None, pid], "type": [None, "visit"],
                                     "starts_at": [None, "2026-11-25 15:00"], "notes": [None, "离线写的纪要"]},
                    seq=1, kind="create"))[0]
    assert r["outcome"] == "applied"
    rec = boss.get(f"/api/records/meeting/{mid}").json()["row"]
    assert rec["notes"] == "离线写的纪要" and rec["created_by"] == "li.na"
    # but li.na can no longer read it
    assert li.get(f"/api/records/meeting/{mid}").status_code == 404
    # after the grace window, writes are refused
    server.clock.advance(days=server.settings.scope_grace_days + 1)
    li.refresh()
    r = push(li, op("meeting", mid, {"decisions": [None, "迟到的决定"]}, seq=2, base=rec["version"]))[0]
    assert r["reason"] == "out_of_scope"
