"""A manager's token never reads or changes another manager's partners.

The walk covers every route of the app: ``WALK`` must name each one (the first test
fails when an endpoint is added without a foreign-id check here). Each step calls the
route as manager A with manager B's ids and checks the answer refuses or leaves B's
data out; at the end B's records are exactly as before.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi.routing import APIRoute

from sync.server import records
from sync.server.db import allocate_seq, write_tx
from tests.scale.conftest import Client, Org, fast_settings
from tests.sync_fixtures import start_server

CHILDREN = ("contact", "meeting", "action_item", "checklist_run", "kpi_snapshot")


@dataclass
class World:
    a: Client
    b: Client
    head: Client
    b_ids: dict[str, str]  # entity -> B's record id
    a_partner: str
    a_contact: str
    b_conflict: str
    template_id: str
    a_move_conflict: str = ""  # A's conflict on a contact's partner
    a_link_conflict: str = ""  # A's conflict on an action item's meeting
    secrets_of_b: list[str] = field(default_factory=list)  # must never appear in A's answers


def _setup(base_url: str, org: Org) -> World:
    for name, role in (("fa", "manager"), ("fb", "manager"), ("fhead", "admin")):
        org.user(name, role)
    pb = org.partner("乙方的华北渠道", "fb", notes="乙方的机密备注")
    pa = org.partner("甲方的华东渠道", "fa")
    clients = {}
    for name in ("fa", "fb", "fhead"):
        c = Client(base_url)
        assert c.login(name).status_code == 200
        clients[name] = c
    a, b, head = clients["fa"], clients["fb"], clients["fhead"]
    changes, _ = b.pull_all()
    template_id = next(c["id"] for c in changes if c["entity"] == "checklist_template")
    ids = {"partner": pb, **{e: str(uuid.uuid4()) for e in CHILDREN}}
    rows = {
        "contact": {"partner_id": pb, "name": "乙方联系人"},
        "meeting": {"partner_id": pb, "type": "visit", "starts_at": "2026-11-20 10:00", "notes": "乙方纪要"},
        "action_item": {"partner_id": pb, "title": "乙方待办", "owner_side": "ours", "severity": "medium",
                        "status": "open", "opened_on": "2026-11-20"},
        "checklist_run": {"partner_id": pb, "template_id": template_id, "performed_on": "2026-11-20"},
    }
    results = b.push(*[b.op(e, ids[e], {k: [None, v] for k, v in row.items()}, kind="create")
                       for e, row in rows.items()])
    assert [r["outcome"] for r in results] == ["applied"] * 4, results
    with write_tx(org.engine) as conn:  # head-office KPI row for B's partner
        seq = allocate_seq(conn)
        records.insert_record(conn, "kpi_snapshot", ids["kpi_snapshot"],
                              records.clean_values("kpi_snapshot", {"partner_id": pb, "period": "2026-10"}),
                              seq=seq, user="admin", now=org.settings.stamp())
    # a conflict on B's partner: head office and B change its notes differently
    version = b.get(f"/api/records/partner/{pb}").json()["version"]
    head.push(head.op("partner", pb, {"notes": ["乙方的机密备注", "总部改的"]}, base=version))
    res = b.push(b.op("partner", pb, {"notes": ["乙方的机密备注", "乙方改的"]}, base=version))
    assert res[0]["outcome"] == "conflict"
    a_contact = str(uuid.uuid4())
    assert a.push(a.op("contact", a_contact, {"partner_id": [None, pa], "name": [None, "甲方联系人"]},
                       kind="create"))[0]["outcome"] == "applied"
    a_move, a_link = _a_conflicts(a, head, pa, org.partner("甲方的第二个渠道", "fa"),
                                  org.partner("甲方的第三个渠道", "fa"), a_contact)
    secrets = [*ids.values(), "乙方的华北渠道", "乙方联系人", "乙方纪要", "乙方待办", "乙方改的", "总部改的",
               res[0]["conflicts"][0]]
    return World(a, b, head, ids, pa, a_contact, res[0]["conflicts"][0], template_id, a_move, a_link,
                 secrets)


def _a_conflicts(a: Client, head: Client, pa: str, pa2: str, pa3: str, contact: str) -> tuple[str, str]:
    """Two open conflicts of A's: a contact's partner, an action item's meeting."""
    meetings = [str(uuid.uuid4()) for _ in range(2)]
    item = str(uuid.uuid4())
    a.push(*[a.op("meeting", m, {"partner_id": [None, pa], "type": [None, "visit"],
                                 "starts_at": [None, "2026-11-20 10:00"]}, kind="create") for m in meetings],
           a.op("action_item", item, {"partner_id": [None, pa], "title": [None, "甲方事项"],
                                      "owner_side": [None, "ours"], "severity": [None, "low"],
                                      "status": [None, "open"], "opened_on": [None, "2026-11-20"]},
                kind="create"))
    out = []
    for entity, rid, field_name, old, theirs, ours in (
            ("contact", contact, "partner_id", pa, pa2, pa3),
            ("action_item", item, "meeting_id", None, meetings[0], meetings[1])):
        version = a.get(f"/api/records/{entity}/{rid}").json()["version"]
        assert head.push(head.op(entity, rid, {field_name: [old, theirs]}, base=version))[0]["outcome"] != "rejected"
        res = a.push(a.op(entity, rid, {field_name: [old, ours]}, base=version))
        assert res[0]["outcome"] == "conflict", res
        out.append(res[0]["conflicts"][0])
    return out[0], out[1]


def _b_state(w: World) -> dict[str, tuple]:
    changes, _ = w.b.pull_all()
    conflicts = w.b.get("/api/conflicts", params={"state": "all"}).json()["conflicts"]
    return {**{(c["entity"], c["id"]): (c["version"], c["deleted"]) for c in changes},
            **{("conflict", c["id"]): (c["resolved_at"],) for c in conflicts}}


# --- the walk: one step per route ---------------------------------------------------------

Step = Callable[[World], list[httpx.Response]]


def _refused(r: httpx.Response, *codes: int) -> httpx.Response:
    assert r.status_code in codes, (r.request.url, r.status_code, r.text)
    return r


def _push_rejected(w: World) -> list[httpx.Response]:
    a, b_ids = w.a, w.b_ids
    ops = []
    for entity, rid in b_ids.items():
        field_name, value = {"partner": ("notes", "甲方篡改"), "contact": ("name", "甲方篡改"),
                             "meeting": ("notes", "甲方篡改"), "action_item": ("title", "甲方篡改"),
                             "checklist_run": ("performed_on", "2026-12-01"),
                             "kpi_snapshot": ("sales", 1.0)}[entity]
        ops.append(a.op(entity, rid, {field_name: [None, value]}))
        ops.append(a.op(entity, rid, {"deleted": [0, 1]}, kind="delete"))
        ops.append(a.op(entity, rid, {field_name: [None, value]}, kind="create"))  # id collision
    ops.append(a.op("contact", str(uuid.uuid4()), {"partner_id": [None, b_ids["partner"]],
                                                     "name": [None, "塞进乙方的联系人"]}, kind="create"))
    ops.append(a.op("contact", w.a_contact, {"partner_id": [None, b_ids["partner"]]}))  # move into B's
    r = a.post("/api/sync/push", json={"ops": ops})
    assert r.status_code == 200, r.text
    outcomes = [(x["outcome"], x["reason"]) for x in r.json()["results"]]
    assert all(o == "rejected" for o, _ in outcomes), outcomes
    # valid ops, refused for scope alone (head-office KPI rows: read-only to everyone);
    # A never had B's partner, so B's records are answered as if they did not exist
    assert {reason for _, reason in outcomes} == {"unknown_record", "read_only_entity"}
    # links: an action item of A's pointing at B's meeting, a checklist run of A's at
    # B's partner; answered exactly like links to records that do not exist
    link = {"partner_id": [None, w.a_partner], "title": [None, "甲方事项"], "owner_side": [None, "ours"],
            "severity": [None, "low"], "status": [None, "open"], "opened_on": [None, "2026-11-20"]}
    foreign, missing = a.push(
        a.op("action_item", str(uuid.uuid4()), {**link, "meeting_id": [None, b_ids["meeting"]]}, kind="create"),
        a.op("action_item", str(uuid.uuid4()), {**link, "meeting_id": [None, str(uuid.uuid4())]}, kind="create"))
    assert foreign["outcome"] == "rejected"
    assert (foreign["reason"], foreign["message"]) == (missing["reason"], missing["message"])
    return [r]


def _records(w: World) -> list[httpx.Response]:
    return [_refused(w.a.get(f"/api/records/{e}/{rid}"), 404) for e, rid in w.b_ids.items()]


def _snapshots(w: World) -> list[httpx.Response]:
    out = []
    for entity in ("partner", *CHILDREN, "checklist_template"):
        r = _refused(w.a.get("/api/sync/snapshot", params={"entity": entity}), 200)
        out.append(r)
    return out


def _verify(w: World) -> list[httpx.Response]:
    r = _refused(w.a.post("/api/sync/verify", json={}), 200)
    counts = {k: v["count"] for k, v in r.json()["entities"].items()}
    # A's own: three partners, one contact, the meetings and item of A's conflicts
    assert counts["partner"] == 3 and counts["contact"] == 1
    assert counts["meeting"] == 2 and counts["action_item"] == 1 and counts["kpi_snapshot"] == 0
    return [r]


def _resolve(w: World) -> list[httpx.Response]:
    out = [_refused(w.a.post(f"/api/conflicts/{w.b_conflict}/resolve", json={"choice": choice,
                                                                               "value": "甲方的"}), 404)
           for choice in ("incoming", "custom", "server")]
    # A's own conflicts resolved with B's ids as custom values: refused, and answered
    # exactly like ids that do not exist
    for conflict_id, foreign in ((w.a_move_conflict, w.b_ids["partner"]),
                                 (w.a_link_conflict, w.b_ids["meeting"])):
        answers = [w.a.post(f"/api/conflicts/{conflict_id}/resolve", json={"choice": "custom", "value": v})
                   for v in (foreign, str(uuid.uuid4()))]
        assert answers[0].status_code in (403, 404), answers[0].text
        assert (answers[0].status_code, answers[0].json()) == (answers[1].status_code, answers[1].json())
        out += answers
    return out


def _admin(method: str, path: str, **kw) -> Step:
    def step(w: World) -> list[httpx.Response]:
        target = path.format(device=w.b.device_id, partner=w.b_ids["partner"])
        body = {k: (v.format(partner=w.b_ids["partner"]) if isinstance(v, str) else v)
                for k, v in kw.get("json", {}).items()} if "json" in kw else None
        extra = {"json": body} if body is not None else {k: v for k, v in kw.items() if k != "json"}
        return [_refused(w.a.request(method, target, **extra), 403)]
    return step


def _logout(w: World) -> list[httpx.Response]:
    # A signs out a second device of A's own; B stays signed in
    other = Client(w.a.http.base_url)
    assert other.login("fa", device="another").status_code == 200
    r = _refused(other.post("/api/auth/logout"), 200)
    other.close()
    assert w.b.get("/api/me").status_code == 200
    return [r]


def _wiped(w: World) -> list[httpx.Response]:
    # a second device of A's own confirms a wipe: it can only end that device; B stays
    other = Client(w.a.http.base_url)
    assert other.login("fa", device="another").status_code == 200
    r = _refused(other.post("/api/device/wiped"), 200)
    other.close()
    assert w.b.get("/api/me").status_code == 200 and w.a.get("/api/me").status_code == 200
    return [r]


WALK: dict[tuple[str, str], Step] = {
    ("GET", "/health"): lambda w: [_refused(w.a.get("/health"), 200)],
    ("GET", "/openapi.json"): lambda w: [_refused(w.a.get("/openapi.json"), 200)],
    ("POST", "/api/auth/login"): lambda w: [_refused(Client(w.a.http.base_url).login("fb", "correct horse 8"), 401)],
    ("POST", "/api/auth/refresh"): lambda w: [_refused(w.a.post("/api/auth/refresh", json={
        "refresh_token": w.b_ids["partner"]}), 401)],
    ("POST", "/api/auth/logout"): _logout,
    ("GET", "/api/me"): lambda w: [_refused(w.a.get("/api/me"), 200)],
    ("POST", "/api/sync/push"): _push_rejected,
    ("GET", "/api/sync/pull"): lambda w: [_refused(w.a.get("/api/sync/pull", params={"limit": 2000}), 200)],
    ("POST", "/api/sync/verify"): _verify,
    ("GET", "/api/sync/snapshot"): _snapshots,
    ("GET", "/api/records/{entity}/{entity_id}"): _records,
    ("GET", "/api/partners"): lambda w: [_refused(w.a.get("/api/partners"), 200)],
    ("GET", "/api/conflicts"): lambda w: [_refused(w.a.get("/api/conflicts", params={"state": s}), 200)
                                          for s in ("open", "resolved", "all")],
    ("POST", "/api/conflicts/{conflict_id}/resolve"): _resolve,
    ("POST", "/api/admin/users"): _admin("POST", "/api/admin/users", json={
        "username": "fa-admin", "role": "admin", "password": "long enough pw"}),
    ("GET", "/api/admin/users"): _admin("GET", "/api/admin/users"),
    ("POST", "/api/admin/import/partners"): _admin("POST", "/api/admin/import/partners", content=(
        "id,name_zh,tier,stage\n{partner},甲方改名,core,mature\n").encode(), headers={"content-type": "text/csv"}),
    ("POST", "/api/admin/import/kpis"): _admin("POST", "/api/admin/import/kpis", content=(
        b"partner,period,sales\nx,2026-10,1\n"), headers={"content-type": "text/csv"}),
    ("POST", "/api/admin/assignments"): _admin("POST", "/api/admin/assignments", json={
        "partner": "{partner}", "username": "fa"}),
    ("POST", "/api/admin/unassign"): _admin("POST", "/api/admin/unassign", json={
        "partner": "{partner}", "username": "fb"}),
    ("POST", "/api/admin/templates"): _admin("POST", "/api/admin/templates", json={
        "key": "x", "name": "x", "sections": []}),
    ("GET", "/api/admin/devices"): _admin("GET", "/api/admin/devices"),
    ("POST", "/api/admin/devices/{device_id}/revoke"): _admin("POST", "/api/admin/devices/{device}/revoke"),
    ("POST", "/api/admin/devices/{device_id}/wipe"): _admin("POST", "/api/admin/devices/{device}/wipe"),
    ("POST", "/api/device/wiped"): _wiped,
    ("POST", "/api/admin/demo"): _admin("POST", "/api/admin/demo"),
}


def _flat_routes(routes, prefix: str = ""):
    """Every endpoint route, looking inside included routers (FastAPI wraps them)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flat_routes(inner.routes, prefix + route.include_context.prefix)
        else:
            yield prefix, route


def _app_routes(app) -> set[tuple[str, str]]:
    out = set()
    for prefix, route in _flat_routes(app.routes):
        assert isinstance(route, APIRoute) or route.path == "/openapi.json", route
        for m in (route.methods or {"GET"}) - {"HEAD", "OPTIONS"}:
            out.add((m, prefix + route.path))
    return out


@pytest.fixture
def server_app(db_url):
    base, stop = start_server(db_url, fast_settings(api_docs=True))  # its route is walked too
    yield base, stop.app
    stop()


def test_the_walk_names_every_route(server_app):
    _base, app = server_app
    routes = _app_routes(app)
    assert routes - set(WALK) == set(), "new endpoints need a foreign-id step in WALK"
    assert set(WALK) - routes == set(), "WALK names routes the app no longer has"


def test_manager_a_never_reads_or_changes_manager_b_partners(server_app, db_url):
    base, app = server_app
    org = Org(db_url)
    w = _setup(base, org)
    before = _b_state(w)
    try:
        for key in sorted(_app_routes(app)):
            for r in WALK[key](w):
                # what A sent may come back (a push echoes its op ids); nothing else of B's
                sent = str(r.request.url) + r.request.content.decode("utf-8", "replace")
                leaked = [s for s in w.secrets_of_b if s in r.text and s not in sent]
                assert not leaked, f"{key} revealed {leaked}"
        assert _b_state(w) == before, "B's records or conflicts changed"
        # the conflict is still open for B, and B's own reads still work
        assert w.b.get(f"/api/records/partner/{w.b_ids['partner']}").status_code == 200
    finally:
        for c in (w.a, w.b, w.head):
            c.close()
        org.close()
