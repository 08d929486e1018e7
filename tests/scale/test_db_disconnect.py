"""A dropped PostgreSQL connection costs a retry, never a failed sync: the server
answers 503 with Retry-After (not 500) and the sync client asks again. Backends are
terminated with pg_terminate_backend between requests of a real server process, and
in the middle of a push waiting for the change counter."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine, text

from sync import protocol
from sync.client.http import HttpClient
from tests.scale.conftest import PASSWORD, Client, Org
from tests.sync_fixtures import PG_ADMIN_URL

pytestmark = pytest.mark.postgres


def _terminate_backends(db_url: str, where: str = "true") -> int:
    """End the server's database sessions (as a failover or an idle timeout would)."""
    name = db_url.rsplit("/", 1)[1]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(conn.execute(text(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = :db AND pid <> pg_backend_pid() AND {where}"), {"db": name}).all())
    finally:
        admin.dispose()


def test_dropped_connections_answer_503_and_the_client_retries(pg_url, start_server_process):
    org = Org(pg_url)
    org.user("li.na")
    pid = org.partner("华东渠道", manager="li.na")
    org.close()
    server = start_server_process(pg_url, workers=1)
    raw = Client(server.base_url)
    assert raw.login("li.na").status_code == 200
    assert raw.get("/api/me").status_code == 200  # the worker's pool holds a connection
    assert _terminate_backends(pg_url) >= 1
    r = raw.get("/api/me")
    assert r.status_code == 503, r.text
    assert r.json()["error"] == protocol.ERROR_UNAVAILABLE and r.headers["Retry-After"] == "1"
    assert raw.get("/api/me").status_code == 200  # the stale pool was replaced

    # the sync client's own HTTP layer turns the same event into one retry
    client = HttpClient(server.base_url, backoff=0.05)
    assert _terminate_backends(pg_url) >= 1
    me = client.request("GET", protocol.API_PREFIX + "/me", token=raw.access_token)
    assert me["user"]["username"] == "li.na"
    assert client.stats.requests == 2
    # the request log line is written just after the answer is sent: wait for it
    deadline = time.monotonic() + 20
    while (codes := [line.get("status") for line in server.log_lines()
                     if line.get("path") == "/api/me"])[-2:] != [503, 200]:
        assert time.monotonic() < deadline, codes
        time.sleep(0.05)
    ops = [raw.op("partner", pid, {"notes": [None, "after the failover"]}, base=0)]
    assert raw.push(*ops)[0]["outcome"] in ("applied", "merged")
    client.close()
    raw.close()


def test_a_push_whose_connection_dies_mid_request_is_503_then_applied(pg_url, start_server_process):
    org = Org(pg_url)
    org.user("li.na")
    pid = org.partner("华东渠道", manager="li.na")
    server = start_server_process(pg_url, workers=1)
    raw = Client(server.base_url)
    assert raw.login("li.na", PASSWORD).status_code == 200
    op = raw.op("partner", pid, {"notes": [None, "written while the partner was locked"]})
    blocker = create_engine(pg_url)
    answers: list = []
    with blocker.connect() as conn:
        # hold the record the push writes (writers wait for nothing else on PostgreSQL)
        conn.execute(text("SELECT id FROM partners WHERE id = :id FOR UPDATE"), {"id": pid})
        t = threading.Thread(target=lambda: answers.append(
            raw.post("/api/sync/push", json={"ops": [op]})))
        t.start()
        deadline = time.monotonic() + 30
        while _terminate_backends(pg_url, "wait_event_type = 'Lock'") == 0:
            assert time.monotonic() < deadline, "the push never waited for the record"
            time.sleep(0.05)
        t.join(30)
        conn.rollback()
    blocker.dispose()
    assert answers[0].status_code == 503, answers[0].text
    # the client sends the same op again: applied once
    assert raw.push(op)[0]["outcome"] in ("applied", "merged")
    assert raw.push(op)[0]["outcome"] in ("applied", "merged")
    org.close()
    raw.close()
