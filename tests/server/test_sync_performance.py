"""The performance work keeps the protocol's guarantees: a push request is one
transaction with a savepoint per op, a pull with nothing new does no scope scan, and
wide scopes page along the version index without losing or repeating a record."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from sync.protocol import Cursor
from sync.server import pull as server_pull
from sync.server import push as server_push
from sync.server import records, scope
from sync.server.auth import Principal
from sync.server.db import ENTITY_TABLES, allocate_seq, applied_ops, devices, write_tx
from tests.server.conftest import op, pull_all, push


def _meetings(server, pid: str, n: int) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(n)]
    with write_tx(server.app_engine) as conn:
        seq = allocate_seq(conn, n)
        for i, mid in enumerate(ids):
            values = records.clean_values("meeting", {
                "partner_id": pid, "notes": f"例会{i}", "starts_at": "2026-11-20 10:00:00",
                "type": "regular_review"})
            records.insert_record(conn, "meeting", mid, values, seq=seq + i, user="admin",
                                  now=server.settings.stamp())
    return ids


def _notes(server, mid: str) -> str:
    with server.app_engine.connect() as conn:
        return records.get(conn, "meeting", mid)["notes"]


def test_a_failing_op_rolls_back_alone(server, monkeypatch):
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    a, bad, b = _meetings(server, pid, 3)
    real_update = records.update_record

    def update_then_fail(conn, entity_name, entity_id, values, **kw):
        real_update(conn, entity_name, entity_id, values, **kw)  # written, then refused
        if entity_id == bad:
            raise IntegrityError("UPDATE meetings", {}, Exception("simulated constraint"))

    monkeypatch.setattr(records, "update_record", update_then_fail)
    c = server.client("li.na")
    ops = [op("meeting", mid, {"notes": [f"例会{i}", f"改{i}"]}, seq=10 + i)
           for i, mid in enumerate((a, bad, b))]
    results = push(c, *ops)  # base_version 0: an edit on a server record comes back merged
    assert [r["outcome"] for r in results] == ["merged", "rejected", "merged"]
    assert [_notes(server, m) for m in (a, bad, b)] == ["改0", "例会1", "改2"]
    # every answer is stored: a resend gets the same answers back, nothing applied twice
    again = push(c, *ops)
    assert all(r["duplicate"] for r in again)
    assert [r["outcome"] for r in again] == ["merged", "rejected", "merged"]
    assert [r["version"] for r in again] == [r["version"] for r in results]


def test_a_crash_mid_request_loses_the_whole_request(server, monkeypatch):
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    first, second = _meetings(server, pid, 2)
    real_apply = server_push._apply

    def crash_on_second(conn, settings, who, o, seq, *rest):
        if o["entity_id"] == second:
            raise RuntimeError("worker died")
        applied.append(o["entity_id"])
        return real_apply(conn, settings, who, o, seq, *rest)

    c = server.client("li.na")
    ops = [op("meeting", first, {"notes": ["例会0", "新0"]}, seq=5),
           op("meeting", second, {"notes": ["例会1", "新1"]}, seq=6)]
    applied: list[str] = []
    monkeypatch.setattr(server_push, "_apply", crash_on_second)
    assert c.post("/api/sync/push", json={"ops": ops}).status_code == 500
    assert applied == [first]  # the first op was applied, then the worker died
    assert _notes(server, first) == "例会0"  # the first op went with the request
    with server.app_engine.connect() as conn:
        assert conn.execute(select(applied_ops.c.op_id)).all() == []
        assert conn.execute(select(devices.c.last_seq)).scalar_one() == 0
    monkeypatch.setattr(server_push, "_apply", real_apply)
    results = push(c, *ops)  # the client resends
    assert [(r["outcome"], r["duplicate"]) for r in results] == [("merged", False)] * 2
    assert [_notes(server, m) for m in (first, second)] == ["新0", "新1"]
    with server.app_engine.connect() as conn:
        assert conn.execute(select(devices.c.last_seq)).scalar_one() == 6
    versions = [r["version"] for r in results]
    assert versions[0] < versions[1]


def test_a_pull_with_nothing_new_reads_no_records(server):
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    _meetings(server, pid, 5)
    c = server.client("li.na")
    _changes, cursor, _removed = pull_all(c)
    # a write that numbers nothing: on PostgreSQL it still moves the horizon (a
    # transaction id), so the pull must find out cheaply that nothing came with it
    server.add_user("zhang.san")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_a):
        statements.append(statement)

    event.listen(server.app_engine, "before_cursor_execute", seen)
    try:
        body = c.get("/api/sync/pull", params={"cursor": cursor}).json()
    finally:
        event.remove(server.app_engine, "before_cursor_execute", seen)
    assert body["changes"] == [] and not body["has_more"]
    assert Cursor.decode(body["cursor"]).seq >= Cursor.decode(cursor).seq
    pull_reads = [s for s in statements if s.lstrip().startswith(("SELECT", "WITH"))
                  and "tokens" not in s and "devices" not in s and "users" not in s]  # authentication's own reads
    entity_tables = {t.name for t in ENTITY_TABLES.values()}
    touched = [s for s in pull_reads if any(f"FROM {t}" in s for t in entity_tables)]
    # at most one statement of EXISTS probes on the version indexes, no record read
    probes = [s for s in touched if s.startswith("SELECT (EXISTS")]
    assert touched == probes and len(probes) <= 1 and len(pull_reads) <= 4, "\n".join(pull_reads)


def test_a_wide_scope_pages_along_the_version_index(server):
    uid = server.add_user("wang.qiang")
    engine = server.app_engine
    n = server_pull.WIDE_SCOPE_PARTNERS + 20
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, 2 * n)
        pids = []
        for i in range(n):
            pid = str(uuid.uuid4())
            values = records.clean_values("partner", {"name_zh": f"渠道{i}", "tier": "core",
                                                      "stage": "mature"})
            records.insert_record(conn, "partner", pid, values, seq=seq + 2 * i, user="admin",
                                  now=server.settings.stamp())
            scope.grant(conn, pid, uid, seq + 2 * i + 1, server.settings.stamp())
            pids.append(pid)
    meetings = _meetings(server, pids[0], 30) + _meetings(server, pids[-1], 30)
    c = server.client("wang.qiang")
    changes, cursor, _removed = pull_all(c, limit=37)
    got = [(ch["entity"], ch["id"]) for ch in changes if ch["entity"] != "checklist_template"]
    assert len(got) == len(set(got)) == n + 60
    assert {i for e, i in got if e == "meeting"} == set(meetings)
    versions = [ch["version"] for ch in changes]
    assert versions == sorted(versions)
    # an edit after the first sync comes alone
    push(c, op("meeting", meetings[3], {"notes": ["例会3", "改过"]}, seq=1))
    later, _cursor, _r = pull_all(c, cursor)
    assert [(ch["id"], ch["row"]["notes"]) for ch in later] == [(meetings[3], "改过")]
    if engine.dialect.name == "sqlite":
        who = Principal(uid, "wang.qiang", "manager", "laptop")
        table = ENTITY_TABLES["meeting"]
        with engine.connect() as conn:
            assert server_pull._is_wide(conn, who)  # SQLite: more partners than the bound
            q = (select(table.c.version).where(server_pull._scoped("sqlite", "meeting", False, True),
                                               table.c.version > 0).order_by(table.c.version).limit(10)
                 .params(scope_user=uid))
            sql = str(q.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        assert "ix_meetings_version" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


@pytest.mark.parametrize("wide", [False, True])
def test_scoped_filter_selects_the_same_rows(server, wide):
    uid = server.add_user("li.na")
    mine = server.partner("渠道甲", uid)
    other = server.partner("渠道乙")
    _meetings(server, mine, 3)
    _meetings(server, other, 2)
    who = Principal(uid, "li.na", "manager", "laptop")
    table = ENTITY_TABLES["meeting"]
    with server.app_engine.connect() as conn:
        rows = conn.execute(select(table.c.partner_id)
                            .where(server_pull._scoped(conn.dialect.name, "meeting", who.is_admin, wide)),
                            {"scope_user": who.user_id}).scalars().all()
    assert rows == [mine] * 3


def test_one_push_reads_its_records_once_and_each_op_sees_the_ones_before(server):
    """The records of a push are read (and locked) up front, one statement per record
    type; an op on a record an earlier op of the same push created or changed sees
    that op's write, not the row read up front."""
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    (mid,) = _meetings(server, pid, 1)
    cid = str(uuid.uuid4())
    c = server.client("li.na")
    results = push(
        c,
        op("contact", cid, {"partner_id": [None, pid], "name": [None, "王经理"]}, seq=1, kind="create"),
        op("contact", cid, {"name": ["王经理", "王总"]}, seq=2),
        op("meeting", mid, {"notes": ["例会0", "第一稿"]}, seq=3),
        op("meeting", mid, {"notes": ["第一稿", "第二稿"]}, seq=4),
        # a stale old value against the second draft: a conflict, the server value stays
        op("meeting", mid, {"notes": ["例会0", "另一稿"]}, seq=5),
    )
    assert [r["outcome"] for r in results] == ["applied", "merged", "merged", "merged", "conflict"]
    versions = [r["version"] for r in results]
    assert versions == sorted(versions) and len(set(versions)) == 5
    assert _notes(server, mid) == "第二稿"
    with server.app_engine.connect() as conn:
        assert records.get(conn, "contact", cid)["name"] == "王总"


def test_a_push_costs_about_one_statement_per_op(server):
    """No savepoint and no read per op when the database refuses nothing: the records
    are read one statement per type, then one write per op."""
    uid = server.add_user("li.na")
    pid = server.partner("渠道甲", uid)
    mids = _meetings(server, pid, 40)
    c = server.client("li.na")
    push(c, op("meeting", mids[0], {"notes": ["例会0", "热身"]}, seq=1))  # warm caches

    def statements_for(start: int, n: int, first_seq: int) -> list[str]:
        seen: list[str] = []

        def record(_conn, _cursor, statement, *_a):
            seen.append(statement)

        ops = [op("meeting", mid, {"notes": [f"例会{i + 1}", f"改{i + 1}"]}, seq=first_seq + i)
               for i, mid in enumerate(mids[start:start + n], start=start - 1)]
        event.listen(server.app_engine, "before_cursor_execute", record)
        try:
            assert {r["outcome"] for r in push(c, *ops)} == {"merged"}
        finally:
            event.remove(server.app_engine, "before_cursor_execute", record)
        return seen

    few, many = statements_for(1, 2, 10), statements_for(3, 30, 100)
    assert not any("SAVEPOINT" in s for s in few + many)
    assert len(many) - len(few) == 28, "\n".join(many)  # one UPDATE per op more, nothing else
