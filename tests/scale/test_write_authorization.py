"""Every write goes through one authorization check (issue 10, section 3), on the
deployed server on SQLite and PostgreSQL: references are scope-checked and answered
alike whether foreign or missing, conflicts resolved with a custom value get the
push's checks, a resent op id is matched only among the user's own devices and for
the same record, and the grace after an unassignment
never covers a partner since given to someone else, nor a delete."""
from __future__ import annotations

import uuid

import pytest

from sync.server import scope
from sync.server.db import allocate_seq, write_tx
from tests.scale.conftest import Client


def _name(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


@pytest.fixture
def two(deployment):
    a, b, head = _name("wa"), _name("wb"), _name("wh")
    deployment.org.user(a)
    deployment.org.user(b)
    deployment.org.user(head, "admin")
    pa = deployment.org.partner(f"甲{a}", a)
    pa2 = deployment.org.partner(f"甲二{a}", a)
    pa3 = deployment.org.partner(f"甲三{a}", a)
    pb = deployment.org.partner(f"乙{b}", b)
    ca, cb, ch = deployment.client(a), deployment.client(b), deployment.client(head)
    yield {"a": ca, "b": cb, "head": ch, "pa": pa, "pa2": pa2, "pa3": pa3, "pb": pb, "names": (a, b)}
    for c in (ca, cb, ch):
        c.close()


def _meeting(c: Client, pid: str) -> str:
    mid = str(uuid.uuid4())
    res = c.push(c.op("meeting", mid, {"partner_id": [None, pid], "type": [None, "visit"],
                                       "starts_at": [None, "2026-11-20 10:00"]}, kind="create"))
    assert res[0]["outcome"] == "applied", res
    return mid


def _answer(r: dict) -> tuple:
    return r["outcome"], r["reason"], r["message"]


def test_a_link_to_a_foreign_record_is_answered_like_a_missing_one(two):
    a, b = two["a"], two["b"]
    b_meeting = _meeting(b, two["pb"])

    def item(meeting_id: str) -> dict:
        return a.op("action_item", str(uuid.uuid4()), {
            "partner_id": [None, two["pa"]], "meeting_id": [None, meeting_id], "title": [None, "跟进"],
            "owner_side": [None, "ours"], "severity": [None, "medium"], "status": [None, "open"],
            "opened_on": [None, "2026-11-20"]}, kind="create")

    own_meeting = _meeting(a, two["pa"])
    foreign, missing, own = a.push(item(b_meeting), item(str(uuid.uuid4())), item(own_meeting))
    assert foreign["outcome"] == "rejected"
    assert _answer(foreign) == _answer(missing)
    assert own["outcome"] == "applied"
    # a contact created under, or moved into, a foreign or missing partner: alike too
    cid = str(uuid.uuid4())
    assert a.push(a.op("contact", cid, {"partner_id": [None, two["pa"]], "name": [None, "甲"]},
                       kind="create"))[0]["outcome"] == "applied"
    into_b, into_nowhere = a.push(a.op("contact", cid, {"partner_id": [two["pa"], two["pb"]]}),
                                  a.op("contact", cid, {"partner_id": [two["pa"], str(uuid.uuid4())]}))
    assert into_b["outcome"] == "rejected" and _answer(into_b) == _answer(into_nowhere)
    # and an edit of B's record is answered like an edit of a record that does not exist
    on_b, on_nothing = a.push(a.op("meeting", b_meeting, {"notes": [None, "甲写的"]}),
                              a.op("meeting", str(uuid.uuid4()), {"notes": [None, "甲写的"]}))
    assert on_b["outcome"] == "rejected" and _answer(on_b) == _answer(on_nothing)


def _conflict_on(a: Client, head: Client, entity: str, rid: str, field: str, base_value,
                 head_value, a_value) -> str:
    version = a.get(f"/api/records/{entity}/{rid}").json()["version"]
    assert head.push(head.op(entity, rid, {field: [base_value, head_value]}, base=version))[0][
        "outcome"] in ("applied", "merged")
    res = a.push(a.op(entity, rid, {field: [base_value, a_value]}, base=version))
    assert res[0]["outcome"] == "conflict", res
    return res[0]["conflicts"][0]


def test_resolving_with_a_custom_value_gets_the_same_checks_as_a_push(two):
    a, b, head = two["a"], two["b"], two["head"]
    mid = _meeting(a, two["pa"])
    cid = _conflict_on(a, head, "meeting", mid, "partner_id", two["pa"], two["pa2"], two["pa3"])

    def resolve(value) -> tuple[int, str]:
        r = a.post(f"/api/conflicts/{cid}/resolve", json={"choice": "custom", "value": value})
        return r.status_code, r.json().get("message", "")

    foreign, missing = resolve(two["pb"]), resolve(str(uuid.uuid4()))
    assert foreign[0] in (403, 404) and foreign == missing
    assert resolve("../../etc")[0] == 400  # the contract: not an id
    assert a.get(f"/api/records/meeting/{mid}").json()["row"]["partner_id"] == two["pa2"]
    assert b.get(f"/api/records/meeting/{mid}").status_code == 404
    assert resolve(two["pa"])[0] == 200  # a partner of A's own: allowed
    assert a.get(f"/api/records/meeting/{mid}").json()["row"]["partner_id"] == two["pa"]

    # a link to B's meeting through a resolved conflict
    b_meeting = _meeting(b, two["pb"])
    own_meeting = _meeting(a, two["pa"])
    item = str(uuid.uuid4())
    assert a.push(a.op("action_item", item, {
        "partner_id": [None, two["pa"]], "title": [None, "事项"], "owner_side": [None, "ours"],
        "severity": [None, "low"], "status": [None, "open"], "opened_on": [None, "2026-11-20"]},
        kind="create"))[0]["outcome"] == "applied"
    cid = _conflict_on(a, head, "action_item", item, "title", "事项", "总部的", "甲的")
    r = a.post(f"/api/conflicts/{cid}/resolve", json={"choice": "custom", "value": "第三种"})
    assert r.status_code == 200
    cid = _conflict_on(a, head, "action_item", item, "meeting_id", None, own_meeting, mid)
    foreign, missing = resolve(b_meeting), resolve(str(uuid.uuid4()))
    assert foreign[0] in (403, 404) and foreign == missing


def test_op_ids_are_matched_per_user_and_record(deployment, two):
    """Another user's op id, or this user's for another record, is a different op; the
    same op from this user's other device (the laptop signed in again) is a resend."""
    a = two["a"]
    other_device = deployment.client(two["names"][0])
    other_user = two["b"]
    try:
        op = a.op("contact", str(uuid.uuid4()), {"partner_id": [None, two["pa"]], "name": [None, "一"]},
                  kind="create")
        assert a.push(op)[0]["outcome"] == "applied"
        for c, pid in ((other_device, two["pa"]), (other_user, two["pb"])):
            c.seq = 100
            mine = c.op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, "二"]},
                        kind="create")
            mine["op_id"] = op["op_id"]  # the same op id, another device's own op
            res = c.push(mine)[0]
            assert (res["outcome"], res["duplicate"], res["entity_id"]) == ("applied", False, mine["entity_id"])
            assert c.get(f"/api/records/contact/{mine['entity_id']}").status_code == 200
        again = a.push(op)[0]  # the first device's resend still gets its own answer
        assert (again["duplicate"], again["entity_id"]) == (True, op["entity_id"])
        signed_in_again = deployment.client(two["names"][0])
        try:
            resent = signed_in_again.push(op)[0]  # the same op, from a new sign-in
        finally:
            signed_in_again.close()
        assert (resent["duplicate"], resent["version"]) == (True, again["version"])
    finally:
        other_device.close()


def _unassign(deployment, pid: str, user: str, reassign_to: str | None = None) -> None:
    with write_tx(deployment.org.engine) as conn:
        seq = allocate_seq(conn, 2)
        now = deployment.org.settings.stamp()
        scope.revoke(conn, pid, deployment.org.user_ids[user], seq, now)
        if reassign_to:
            scope.grant(conn, pid, deployment.org.user_ids[reassign_to], seq + 1, now)


def test_the_grace_allows_edits_but_not_deletes_nor_a_partner_given_to_someone_else(deployment, two):
    a = two["a"]
    a_name, b_name = two["names"]
    kept, given = two["pa"], two["pa2"]
    m_kept, m_given = _meeting(a, kept), _meeting(a, given)
    _unassign(deployment, kept, a_name)
    _unassign(deployment, given, a_name, reassign_to=b_name)
    edit_kept, delete_kept, create_kept, edit_given, delete_given, create_given = a.push(
        a.op("meeting", m_kept, {"notes": [None, "离线写的"]}),
        a.op("meeting", m_kept, {"deleted": [0, 1]}, kind="delete"),
        a.op("contact", str(uuid.uuid4()), {"partner_id": [None, kept], "name": [None, "新"]}, kind="create"),
        a.op("meeting", m_given, {"notes": [None, "离线写的"]}),
        a.op("meeting", m_given, {"deleted": [0, 1]}, kind="delete"),
        a.op("contact", str(uuid.uuid4()), {"partner_id": [None, given], "name": [None, "新"]}, kind="create"),
    )
    assert edit_kept["outcome"] == "merged" or edit_kept["outcome"] == "applied"
    assert create_kept["outcome"] == "applied"
    for refused in (delete_kept, edit_given, delete_given, create_given):
        assert (refused["outcome"], refused["reason"]) == ("rejected", "out_of_scope"), refused
    head_view = two["head"].get(f"/api/records/meeting/{m_given}").json()
    assert head_view["deleted"] == 0 and head_view["row"]["notes"] is None


def test_the_grace_does_not_revive_a_record_deleted_on_the_server(deployment, two):
    a, head = two["a"], two["head"]
    meeting = _meeting(a, two["pa"])
    version = head.get(f"/api/records/meeting/{meeting}").json()["version"]
    assert head.push(head.op("meeting", meeting, {"deleted": [0, 1]}, kind="delete",
                             base=version))[0]["outcome"] == "applied"
    _unassign(deployment, two["pa"], two["names"][0])
    # an edit of a record deleted on the server would revive it: an undelete, not covered
    res = a.push(a.op("meeting", meeting, {"notes": [None, "离线写的"]}, base=version))[0]
    assert (res["outcome"], res["reason"]) == ("rejected", "out_of_scope")
    assert head.get(f"/api/records/meeting/{meeting}").json()["deleted"] == 1
