"""The change sequence is gap-safe: no pull ever skips a change that commits later with
a lower number, with writers in several processes (docs/sync-protocol.md, section 5,
"Change numbering")."""
from __future__ import annotations

import multiprocessing
import random
import threading
import time
import uuid

from sqlalchemy import text

from sync.protocol import Cursor
from sync.server import records
from sync.server.db import allocate_seq, committed_seq, make_engine, read_tx, write_tx
from tests.scale.conftest import Deployment

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
    """One writer process: transactions that take a number, then linger (others queue
    behind the counter row), some rolled back (numbers lost: gaps)."""
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
        while True:  # drain: the final pulls see everything committed
            body = pull_once()
            if not body["changes"] and not body["has_more"]:
                break
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        reader.close()

    committed = dict(pair for res in results for pair in res)
    assert len(committed) >= WRITERS * WRITES_EACH * 0.7
    skipped = {pid: v for pid, v in committed.items() if delivered.get(pid) != v}
    assert not skipped, f"{len(skipped)} committed changes never reached the reader"
    assert pulls > 10  # the reader really pulled while the writers wrote
    print(f"gap safety: {len(committed)} commits by {WRITERS} processes, {pulls} pulls, none skipped")


def test_a_later_number_waits_for_the_earlier_commit(db_url):
    """The mechanism itself: while transaction 1 holds number k uncommitted, transaction
    2 cannot get k+1, and the committed counter (what a pull trusts) stays below k."""
    engine = make_engine(db_url)
    from sync.server.migrate import upgrade

    upgrade(engine)
    got: dict[str, int] = {}
    try:
        with write_tx(engine) as first:
            _pid, k = _insert_partner(first, "先拿号后提交")

            def second() -> None:
                with write_tx(engine) as conn:
                    got["second"] = _insert_partner(conn, "后拿号")[1]

            t = threading.Thread(target=second)
            t.start()
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
