"""Every list answer is paged (sync/server/paging.py): at most ``limit`` rows, a cursor
for the next page, every row exactly once however the pages are cut, rows written
between pages never make another be skipped; bad cursors and limits are a clear 400.
Through the real server on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import pytest

from sync import protocol as p
from tests.server.conftest import op, push


def _walk(client, path: str, key: str, limit: int, between=None, **params) -> list[dict]:
    """Every page of a list, ``limit`` rows at a time; ``between(i)`` runs after page i."""
    rows, after, pages = [], None, 0
    while True:
        r = client.get(path, params={**params, "limit": limit, **({"after": after} if after else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body[key]) <= limit
        rows += body[key]
        pages += 1
        after = body["next_after"]
        if after is None:
            return rows
        assert len(body[key]) == limit  # only the last page is short
        if between:
            between(pages)


def test_partners_are_paged_and_each_comes_once(server):
    li = server.add_user("li.na")
    mine = {server.partner(f"渠道{i:03d}", li) for i in range(23)}
    server.partner("别人的渠道")  # not li.na's: never listed
    c = server.client("li.na")
    added: set[str] = set()

    def write_between(page: int) -> None:  # new partners land before and after the cursor
        for name in (f"新{page}a", f"新{page}b"):
            added.add(server.partner(name, li))

    rows = _walk(c, "/api/partners", "partners", 5, between=write_between)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "a partner came twice"
    assert mine <= set(ids) <= mine | added, "a partner was skipped or a foreign one listed"


def test_a_list_is_bounded_without_being_asked(server):
    li = server.add_user("li.na")
    for i in range(p.DEFAULT_LIST_LIMIT + 5):
        server.partner(f"大客户{i}", li)
    body = server.client("li.na").get("/api/partners").json()
    assert len(body["partners"]) == p.DEFAULT_LIST_LIMIT and body["next_after"]


def test_users_devices_and_conflicts_are_paged(server):
    server.add_user("boss", "admin")
    li = server.add_user("li.na")
    for i in range(6):
        server.add_user(f"manager.{i}")
    boss = server.client("boss")
    for i in range(4):
        server.client("li.na", device=f"laptop {i}")
    users = _walk(boss, "/api/admin/users", "users", 3)
    assert [u["username"] for u in users] == sorted(["boss", "li.na"] + [f"manager.{i}" for i in range(6)])
    devices = _walk(boss, "/api/admin/devices", "devices", 2)
    assert len(devices) == 5 and len({d["id"] for d in devices}) == 5

    pid = server.partner("华东渠道分销商", li)
    lap = server.client("li.na")
    contacts = [str(uuid.uuid4()) for _ in range(7)]
    push(lap, *[op("contact", cid, {"partner_id": [None, pid], "name": [None, "原名"]}, seq=i + 1,
                   kind="create") for i, cid in enumerate(contacts)])
    push(boss, *[op("contact", cid, {"name": ["原名", "总部"]}, seq=10 + i) for i, cid in enumerate(contacts)])
    push(lap, *[op("contact", cid, {"name": ["原名", "经理"]}, seq=20 + i) for i, cid in enumerate(contacts)])
    conflicts = _walk(lap, "/api/conflicts", "conflicts", 3, state="open")
    assert sorted(c["entity_id"] for c in conflicts) == sorted(contacts)


@pytest.mark.parametrize("params", [{"limit": p.MAX_LIST_LIMIT + 1}, {"limit": 0},
                                    {"after": "not a cursor"}, {"after": "WyJhIiwiYiIsImMiXQ"}])
def test_bad_limits_and_cursors_are_a_clear_400(server, params):
    server.add_user("boss", "admin")
    boss = server.client("boss")
    for path in ("/api/partners", "/api/conflicts", "/api/admin/users", "/api/admin/devices"):
        r = boss.get(path, params=params)
        assert r.status_code == 400, (path, r.text)
        assert r.json()["error"] == p.ERROR_BAD_REQUEST
