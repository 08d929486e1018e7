"""Bad networks and bad moments: lost replies, killed clients, dead servers, expiring
tokens, an old client. After each, nothing is lost and nothing is applied twice."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync.client import pull_apply
from sync.client.errors import AuthError, OfflineError, ServerError, UpdateRequiredError
from sync.client.http import HttpClient
from tests.sync.fault_proxy import FaultProxy
from tests.sync.sync_world import PASSWORD, Laptop, SyncWorld

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "sync" / "laptop_process.py"


@pytest.fixture
def proxy(world: SyncWorld):
    host, port = world.base_url.removeprefix("http://").split(":")
    p = FaultProxy(host, int(port)).start()
    yield p
    p.stop()


def _partner_for(lap: Laptop, name: str = "华东渠道分销商") -> dict:
    p = lap.store.create_partner(name_zh=name, tier="core", stage="mature")
    lap.sync()
    return p


def _meeting(lap: Laptop, partner_id: str, notes: str) -> dict:
    return lap.store.create("meeting", {"partner_id": partner_id, "type": "visit",
                                        "starts_at": "2026-11-20 10:00", "notes": notes})


def test_lost_reply_after_commit_is_not_applied_twice(world: SyncWorld, proxy: FaultProxy):
    a = world.laptop("a", "li.na", base_url=proxy.url)
    p = _partner_for(a)
    m = _meeting(a, p["id"], "回复丢失")
    proxy.add("/api/sync/push", "drop_after")  # the server commits, the reply is lost
    r = a.sync()
    assert r.pushed == 1 and a.store.pending_count() == 0
    assert [f for _, path, f in proxy.requests_to("/api/sync/push")][-2:] == ["drop_after", None]
    assert world.count("meeting", id=m["id"]) == 1
    version_after = world.record("meeting", m["id"])["version"]
    a.sync()
    assert world.record("meeting", m["id"])["version"] == version_after  # not re-applied


def test_lost_replies_until_offline_then_the_next_sync_settles_it(world, proxy):
    a = world.laptop("a", "li.na", base_url=proxy.url)
    p = _partner_for(a)
    m = _meeting(a, p["id"], "三次丢失")
    proxy.add("/api/sync/push", "drop_after", count=4)  # first try + 3 retries
    with pytest.raises(OfflineError):
        a.sync()
    assert a.store.pending_count() == 1  # no answer, so still pending
    assert world.count("meeting", id=m["id"]) == 1  # but the server has it
    r = a.sync()
    assert r.pushed == 1 and a.store.pending_count() == 0
    (op,) = [o for o in a.store.outbox("acked") if o["entity_id"] == m["id"]]
    assert '"duplicate": true' in op["outcome"]
    assert world.count("meeting", id=m["id"]) == 1


@pytest.mark.parametrize("fault", ["drop_before", "truncate", "garble", "status_500"])
def test_faults_on_pull_pages_lose_nothing(world, proxy, fault):
    head = world.laptop("head", "head")
    p = _partner_for(head)
    for i in range(30):
        _meeting(head, p["id"], f"第{i}次拜访")
    head.sync()
    world.assign(p["id"], "li.na")
    a = world.laptop("a", "li.na", base_url=proxy.url)
    a.engine.pull_limit = 10
    proxy.add("/api/sync/pull", fault, count=2)
    failures = 0
    while True:
        try:
            a.sync()
            break
        except ServerError:  # a 500 is not retried: the sync stops cleanly, resumes later
            assert fault == "status_500"
            failures += 1
    assert failures == (2 if fault == "status_500" else 0)
    assert a.store.count("meeting") == 30
    assert a.engine.sync().verified is not False


def test_server_down_is_offline_and_nothing_is_lost(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    _meeting(a, p["id"], "服务器宕机时写的")
    world.stop()
    a.engine.http.retries = 1
    with pytest.raises(OfflineError, match="cannot be reached"):
        a.sync()
    assert a.store.pending_count() == 1
    assert a.engine.status().last_error
    world.start()
    a.engine.http.base_url = world.base_url  # the restarted server listens elsewhere
    r = a.sync()
    assert r.pushed == 1 and a.store.pending_count() == 0


def test_access_token_expiring_mid_sync_is_refreshed(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    _meeting(a, p["id"], "令牌过期")
    account_tokens = lambda: dict(a.credentials._secrets)
    before = account_tokens()

    def expire_during_pull(progress):
        if progress.phase == "push" and progress.done:  # pushed: now the token dies
            world.clock_shift = dt.timedelta(minutes=20)

    a.engine.progress = expire_during_pull
    r = a.sync()
    assert r.pushed == 1 and r.verified
    assert account_tokens() != before  # the refresh token rotated


def test_expired_sign_in_raises_auth_error_and_keeps_data(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    _meeting(a, p["id"], "需要重新登录")
    a.engine.session.access_token = None
    world.clock_shift = dt.timedelta(days=31)  # the refresh token is dead too
    with pytest.raises(AuthError):
        a.sync()
    assert a.store.pending_count() == 1
    assert not a.engine.status().signed_in
    world.clock_shift = dt.timedelta()
    a.engine.sign_in("li.na", PASSWORD, "again")
    assert a.sync().pushed == 1


def test_an_old_client_is_refused_and_keeps_its_outbox(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    _meeting(a, p["id"], "旧版本")
    a.engine.http = HttpClient(world.base_url, protocol_headers={
        "X-ChannelKeeper-Protocol": "0", "X-ChannelKeeper-Schema": "1"})
    with pytest.raises(UpdateRequiredError):
        a.sync()
    assert a.store.pending_count() == 1
    assert [o["state"] for o in a.store.outbox(None)][-1] == "pending"


def _run(mode: str, world: SyncWorld, db: Path, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), mode, str(db), url, "li.na", PASSWORD, *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _reopened(world: SyncWorld, name: str) -> Laptop:
    return world.laptop(name, "li.na")  # same file, a fresh process' view, signs in again


def test_client_killed_after_a_local_write_pushes_it_once_on_restart(world: SyncWorld):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    a.close()
    world.laptops.remove(a)
    proc = _run("write-and-die", world, a.path, world.base_url, p["id"])
    out, _err = proc.communicate(timeout=60)
    meeting_id = out.split("written ")[1].split()[0]
    a2 = _reopened(world, "a")
    assert a2.store.pending_count() == 1
    r = a2.sync()
    assert r.pushed == 1 and world.count("meeting", id=meeting_id) == 1
    assert a2.sync().pushed == 0


def test_client_killed_while_its_push_awaits_the_reply(world: SyncWorld, proxy: FaultProxy):
    a = world.laptop("a", "li.na")
    p = _partner_for(a)
    a.close()
    world.laptops.remove(a)
    proxy.add("/api/sync/push", "slow", delay=30)  # committed on the server, reply held
    meetings_before = world.count("meeting")
    proc = _run("write-and-sync", world, a.path, proxy.url, p["id"])
    deadline = time.monotonic() + 30
    # wait for the server to commit the push (its reply is what the proxy holds)
    while world.count("meeting") == meetings_before:
        assert time.monotonic() < deadline, proc.stderr.read() if proc.poll() else "no push"
        time.sleep(0.05)
    assert proxy.requests_to("/api/sync/push")
    proc.kill()
    out, _ = proc.communicate(timeout=10)
    meeting_id = out.split("written ")[1].split()[0]
    assert world.count("meeting", id=meeting_id) == 1  # the server committed it
    a2 = _reopened(world, "a")
    assert a2.store.pending_count() == 1  # never heard the answer
    r = a2.sync()
    assert r.pushed == 1 and a2.store.pending_count() == 0
    assert world.count("meeting", id=meeting_id) == 1


def test_client_killed_while_applying_a_page_resumes_and_skips_nothing(world: SyncWorld):
    head = world.laptop("head", "head")
    p = _partner_for(head)
    ids = {_meeting(head, p["id"], f"拜访 {i}")["id"] for i in range(80)}
    head.sync()
    world.assign(p["id"], "li.na")
    db = world.folder / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPT), "pull-and-die", str(db), world.base_url, "li.na", PASSWORD],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.communicate(timeout=60)
    assert proc.returncode == -9
    a = world.laptop("killed", "li.na")
    # the half-applied page left nothing behind; whole pages did
    digests = pull_apply.local_digests(a.store)
    assert sum(d["count"] for d in digests.values()) == 40  # two whole pages of 20
    a.engine.pull_limit = 20
    r = a.sync()
    assert r.verified
    assert {m["id"] for m in a.store.rows("meeting")} == ids


def test_an_op_applied_before_a_new_sign_in_is_not_replayed(world: SyncWorld, proxy: FaultProxy):
    """The server applied an edit but its replies were lost; the manager signs in again
    on the same laptop (a new device id) before the next sync. The edit goes again
    under the new device: the server recognises its op id among this user's devices and
    answers the first result, so head office's later edit neither loses to it nor
    turns into a conflict against the laptop's own earlier edit."""
    a = world.laptop("a", "li.na", base_url=proxy.url)
    p = _partner_for(a)
    m = _meeting(a, p["id"], "第一稿")
    a.sync()
    a.store.update("meeting", m["id"], {"notes": "第二稿"})
    proxy.add("/api/sync/push", "drop_after", count=4)  # applied, every reply lost
    with pytest.raises(OfflineError):
        a.sync()
    assert world.record("meeting", m["id"])["notes"] == "第二稿"
    head = world.laptop("h", "head")
    head.sync()
    head.store.update("meeting", m["id"], {"notes": "总部修改"})
    head.sync()
    old_device = a.store.get_setting("sync.device_id")
    a.engine.sign_in("li.na", PASSWORD, "a's laptop")  # e.g. after the session expired
    assert a.store.get_setting("sync.device_id") != old_device
    r = a.sync()
    assert r.pushed == 1 and a.store.pending_count() == 0
    (op,) = [o for o in a.store.outbox("acked") if o["entity_id"] == m["id"] and o["op"] == "update"]
    assert '"duplicate": true' in op["outcome"]
    assert world.conflicts() == []
    assert world.record("meeting", m["id"])["notes"] == "总部修改"
    assert a.store.get("meeting", m["id"])["notes"] == "总部修改"


def test_another_users_op_id_is_never_taken_for_a_resend(world: SyncWorld):
    """Op ids are matched within one user's devices only: another user's device sending
    the same op id has its own op applied (see issue 10, section 3)."""
    a = world.laptop("a", "li.na")
    b = world.laptop("b", "wang.wei")
    pa = _partner_for(a, "甲渠道")
    pb = _partner_for(b, "乙渠道")
    _meeting(a, pa["id"], "甲")
    a.sync()
    (sent,) = [o for o in a.store.outbox("acked") if o["entity"] == "meeting"]
    mb = _meeting(b, pb["id"], "乙")
    b.store.db.execute("UPDATE outbox SET op_id = ? WHERE entity_id = ?", (sent["op_id"], mb["id"]))
    b.sync()
    assert world.record("meeting", mb["id"])["notes"] == "乙"
