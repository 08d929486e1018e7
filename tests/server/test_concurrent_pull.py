"""Concurrent writers never make a pull skip a change: writers push over HTTP from
threads while a reader pulls over and over; afterwards, everything the reader saw
must match what the server committed."""
from __future__ import annotations

import threading
import time
import uuid

from sync import protocol
from tests.server.conftest import op, push

WRITERS = 4
OPS_PER_WRITER = 20


def test_concurrent_writers_never_make_a_pull_skip_a_change(server):
    server.add_user("boss", "admin")
    managers = [server.add_user(f"m{i}") for i in range(WRITERS)]
    partners = [server.partner(f"并发渠道{i}", uid) for i, uid in enumerate(managers)]
    writers = [server.client(f"m{i}", device=f"laptop {i}") for i in range(WRITERS)]
    reader = server.client("boss")
    committed: dict[str, int] = {}
    lock = threading.Lock()
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            ids: list[tuple[str, int]] = []
            for n in range(OPS_PER_WRITER):
                if n % 3 == 2 and ids:  # some updates of earlier records, some creates
                    rid, version = ids[-1]
                    res = push(writers[i], op("contact", rid, {"role": [None, f"r{n}"]}, seq=n + 1,
                                              base=version))[0]
                else:
                    rid = str(uuid.uuid4())
                    res = push(writers[i], op("contact", rid, {"partner_id": [None, partners[i]],
                                                               "name": [None, f"w{i}-{n}"]},
                                              seq=n + 1, kind="create"))[0]
                assert res["outcome"] in ("applied", "merged"), res
                ids.append((rid, res["version"]))
                with lock:
                    committed[rid] = max(committed.get(rid, 0), res["version"])
        except BaseException as exc:  # noqa: BLE001  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    seen: dict[str, int] = {}
    cursor = None
    last_seq = 0
    pulls = 0

    def pull_once() -> bool:
        nonlocal cursor, last_seq, pulls
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        r = reader.get("/api/sync/pull", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        for ch in body["changes"]:
            assert ch["version"] > last_seq, "a change below the cursor was delivered late"
            seen[ch["id"]] = max(seen.get(ch["id"], 0), ch["version"])
        cursor = body["cursor"]
        new_seq = protocol.Cursor.decode(cursor).seq
        assert new_seq >= last_seq
        last_seq = new_seq
        pulls += 1
        return body["has_more"]

    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        pull_once()
    for t in threads:
        t.join()
    assert not errors, errors
    top = max(committed.values())
    deadline = time.monotonic() + 60
    # drain until the cursor passed the last commit (on PostgreSQL a pull waits for
    # every transaction of the database that ran before it, autovacuum's included)
    while pull_once() or last_seq < top:
        assert time.monotonic() < deadline, "the pulls never reached the last commit"
    assert pulls > 5
    contacts = {rid: v for rid, v in seen.items() if rid in committed}
    assert set(contacts) == set(committed)
    # the newest version of every record reached the reader: no change was skipped
    assert contacts == committed
