"""The change sequence is gap-safe: no pull ever skips a change that commits later with
a lower number, with writers in several processes (docs/sync-protocol.md, section 5,
"Change numbering")."""
from __future__ import annotations

import contextlib
import multiprocessing
import random
import threading
import time
import uuid

import pytest
from sqlalchemy import text

from sync.protocol import Cursor
from sync.server import change_numbers, records
from sync.server import pull as pull_module
from sync.server.auth import Principal
from sync.server.db import allocate_seq, committed_seq, make_engine, read_tx, write_tx
from sync.server.migrate import upgrade
from tests.scale.conftest import Deployment, horizon_reaches
from tests.sync_fixtures import sqlite_url

WRITERS = 4
WRITES_EACH = 40


def _insert_partner(conn, name: str) -> tuple[str, int]:
    seq = allocate_seq(conn)  # first write of the transaction
    pid = str(uuid.uuid4())
    records.insert_record(conn, "partner", pid,
                          records.clean_values("partner", {"name_zh": name, "tier": "core", "stage": "mature"}),
                          seq=seq, user="gap-test", now="2026-11-27 10:00:00")
    return pid, seq


class _Rollback(Exception):
    pass


def _writer(db_url: str, index: int, out) -> None:
    """One writer process: transactions that take a number, then linger (on PostgreSQL
    others take later numbers and commit meanwhile), some rolled back (numbers lost:
    gaps)."""
    rnd = random.Random(index)
    engine = make_engine(db_url)
    committed = []
    for i in range(WRITES_EACH):
        try:
            with write_tx(engine) as conn:
                pid, seq = _insert_partner(conn, f"并发写入{index}-{i}")
                time.sleep(rnd.uniform(0, 0.012))
                if rnd.random() < 0.1:
                    raise _Rollback
            committed.append((pid, seq))
        except _Rollback:
            pass
    engine.dispose()
    out.put(committed)


def test_concurrent_writer_processes_never_make_a_pull_skip(deployment: Deployment):
    deployment.org.user("gap.head", "admin")
    reader = deployment.client("gap.head", fresh_connections=False)
    ctx = multiprocessing.get_context("fork")  # the engine is created in the child
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(deployment.db_url, i, queue)) for i in range(WRITERS)]
    delivered: dict[str, int] = {}
    cursor = None
    pulls = 0

    def pull_once() -> dict:
        nonlocal cursor, pulls
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        r = reader.get("/api/sync/pull", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert not body["reset"]
        versions = [c["version"] for c in body["changes"]]
        assert versions == sorted(versions)
        if cursor is not None and versions:
            assert versions[0] > Cursor.decode(cursor).seq  # nothing below the cursor comes back
        for c in body["changes"]:
            if c["entity"] == "partner":
                delivered[c["id"]] = c["version"]
        cursor = body["cursor"]
        pulls += 1
        return body

    try:
        for proc in procs:
            proc.start()
        while any(proc.is_alive() for proc in procs):
            pull_once()
        results = [queue.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join(30)
        committed = dict(pair for res in results for pair in res)
        top = max(committed.values())
        deadline = time.monotonic() + 60
        while True:  # drain until the cursor passed every committed change
            body = pull_once()
            if not body["has_more"] and Cursor.decode(cursor).seq >= top:
                break
            assert time.monotonic() < deadline, "the pulls never reached the last commit"
            if not body["changes"]:
                time.sleep(0.05)  # PostgreSQL: an older transaction elsewhere still holds the horizon
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        reader.close()

    assert len(committed) >= WRITERS * WRITES_EACH * 0.7
    skipped = {pid: v for pid, v in committed.items() if delivered.get(pid) != v}
    assert not skipped, f"{len(skipped)} committed changes never reached the reader"
    assert pulls > 10  # the reader really pulled while the writers wrote
    print(f"gap safety: {len(committed)} commits by {WRITERS} processes, {pulls} pulls, none skipped")


def test_sqlite_a_later_number_waits_for_the_earlier_commit(tmp_path):
    """SQLite's mechanism: while transaction 1 holds number k uncommitted, transaction
    2 cannot get k+1 (one writer at a time), and the horizon a pull trusts stays below k."""
    engine = make_engine(sqlite_url(tmp_path))
    upgrade(engine)
    got: dict[str, int] = {}
    try:
        with write_tx(engine) as first:
            _pid, k = _insert_partner(first, "先拿号后提交")

            trying = threading.Event()

            def second() -> None:
                trying.set()
                with write_tx(engine) as conn:
                    got["second"] = _insert_partner(conn, "后拿号")[1]

            t = threading.Thread(target=second)
            t.start()
            # the second writer is asking for its transaction now (on a loaded machine
            # its thread may take longer to get there than any fixed pause); then it
            # gets a moment to do what it must not
            assert trying.wait(30)
            time.sleep(0.6)
            assert "second" not in got, "a second writer got a number while the first was open"
            with read_tx(engine) as reader:
                assert committed_seq(reader) < k  # a pull now stops below k
        t.join(10)
        assert got["second"] == k + 1
        with read_tx(engine) as reader:
            assert committed_seq(reader) == k + 1
    finally:
        engine.dispose()


def test_postgres_writers_do_not_wait_and_the_horizon_stays_below_open_numbers(pg_url):
    """PostgreSQL's mechanism: a second writer takes its numbers and commits while the
    first is still open (no queue behind a counter), and the horizon a pull trusts stays
    below the open transaction's numbers until it ends, whichever commits first."""
    engine = make_engine(pg_url)
    upgrade(engine)
    try:
        with engine.connect() as c1, engine.connect() as c2:
            t1 = c1.begin()
            _pid, k1 = _insert_partner(c1, "先开后交")
            t2 = c2.begin()
            c2.execute(text("SET LOCAL lock_timeout = '5s'"))  # a counter row lock would fail here
            _pid, k2 = _insert_partner(c2, "后开先交")
            assert k2 > k1  # the later transaction id numbers higher
            t2.commit()
            with read_tx(engine) as reader:
                assert committed_seq(reader) < k1  # k2 is committed but not readable yet
            t1.commit()
            horizon_reaches(engine, k2)

            t2 = c2.begin()  # the other way round: the younger one stays open
            _pid, k4 = _insert_partner(c2, "后开后交")
            t1 = c1.begin()
            c1.execute(text("SELECT pg_current_xact_id()"))  # an id, but no number yet
            t1.commit()
            with read_tx(engine) as reader:
                assert committed_seq(reader) < k4
            t2.commit()
            horizon_reaches(engine, k4)
    finally:
        engine.dispose()


def test_the_horizon_sees_a_writer_that_began_after_the_readers_transaction(pg_url):
    """PostgreSQL keeps one copy of pg_stat_activity for the rest of a transaction: a
    reader that looked at it once would not see a writer that started later, and its
    horizon would pass that writer's open numbers. The horizon reads it afresh."""
    engine = make_engine(pg_url)
    upgrade(engine)
    try:
        with read_tx(engine) as reader, engine.connect() as c1:
            reader.execute(text("SELECT count(*) FROM pg_stat_activity"))  # the copy is taken
            with c1.begin():
                _pid, k = _insert_partner(c1, "读者之后开始")
                c1.execute(text("SELECT 1"))
                with engine.connect() as other, other.begin():  # a later id ends first
                    _insert_partner(other, "更晚先交")
                assert committed_seq(reader) < k
    finally:
        engine.dispose()


def test_a_transaction_numbers_its_changes_in_one_block(pg_url):
    """Numbers within a transaction are consecutive across calls, a savepoint rolled
    back leaves a gap, and the next transaction on the same connection starts a new
    block above them."""
    engine = make_engine(pg_url)
    upgrade(engine)
    try:
        with engine.connect() as conn:
            with conn.begin():
                a = allocate_seq(conn, 3)
                with contextlib.suppress(_Rollback), conn.begin_nested():
                    b = allocate_seq(conn)
                    raise _Rollback
                c = allocate_seq(conn, 2)
            assert (b, c) == (a + 3, a + 4)
            with conn.begin():
                d = allocate_seq(conn)
            assert d >= a + change_numbers.PER_TRANSACTION
            with conn.begin(), pytest.raises(change_numbers.TooManyChanges):
                allocate_seq(conn, change_numbers.PER_TRANSACTION + 1)
    finally:
        engine.dispose()


def _highest_committed_version(conn) -> int:
    """What a naive server would trust: the highest number it can see committed."""
    return change_numbers.highest_number(conn)


@pytest.mark.parametrize("horizon", ["transaction ids", "highest committed number"])
def test_a_pull_never_skips_a_change_that_commits_late(pg_url, monkeypatch, horizon):
    """The hazard itself, step by step with the real pull: writer 1 takes its number,
    writer 2 takes a higher one and commits first, a pull runs, then writer 1 commits.
    With the transaction-id horizon the next pull delivers writer 1's change; with a
    horizon that trusts the highest committed number (the control) it is skipped, which
    shows this test catches a skip."""
    if horizon != "transaction ids":
        monkeypatch.setattr(pull_module, "committed_seq", _highest_committed_version)
    engine = make_engine(pg_url)
    upgrade(engine)
    admin = Principal(str(uuid.uuid4()), "gap.admin", "admin", "device")
    try:
        with engine.connect() as c1, engine.connect() as c2:
            t1 = c1.begin()
            late, k1 = _insert_partner(c1, "晚提交")
            with c2.begin():
                early, _k2 = _insert_partner(c2, "早提交")
            first = pull_module.pull(engine, admin, None, 500)
            t1.commit()
        delivered = {c["id"] for c in first["changes"]}
        cursor = first["cursor"]
        if horizon == "transaction ids":
            horizon_reaches(engine, k1)
        second = pull_module.pull(engine, admin, cursor, 500)
        delivered |= {c["id"] for c in second["changes"]}
        if horizon == "transaction ids":
            assert {late, early} <= delivered
        else:
            assert early in delivered and late not in delivered  # the skip the test exists for
    finally:
        engine.dispose()


def test_a_plain_sequence_would_skip(pg_url):
    """Why the counter row: with a PostgreSQL SEQUENCE (numbers not in commit order) a
    reader trusting the highest committed number skips a change committed later."""
    engine = make_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE SEQUENCE naive_seq"))
            conn.execute(text("CREATE TABLE naive (version bigint primary key)"))
        c1, c2 = engine.connect(), engine.connect()
        t1, t2 = c1.begin(), c2.begin()
        v1 = c1.execute(text("SELECT nextval('naive_seq')")).scalar()
        v2 = c2.execute(text("SELECT nextval('naive_seq')")).scalar()  # does not wait
        c2.execute(text("INSERT INTO naive VALUES (:v)"), {"v": v2})
        t2.commit()
        with engine.connect() as r:
            cursor = r.execute(text("SELECT max(version) FROM naive")).scalar()
        c1.execute(text("INSERT INTO naive VALUES (:v)"), {"v": v1})
        t1.commit()
        with engine.connect() as r:
            later = r.execute(text("SELECT version FROM naive WHERE version > :c"), {"c": cursor}).all()
        assert v1 < v2 and cursor == v2 and later == []  # change v1 is never delivered
        c1.close()
        c2.close()
    finally:
        engine.dispose()
