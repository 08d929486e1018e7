"""Sign-in limits and refresh rotation under real parallel requests (threads against
the real server on 127.0.0.1, SQLite and PostgreSQL). Different client addresses are
real source addresses in the loopback range (127.0.0.2, 127.0.0.3, ...)."""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import httpx
import pytest

from sync import protocol
from sync.server.config import ServerSettings
from tests.server.conftest import PASSWORD, FakeClock, Harness
from tests.sync_fixtures import start_server


def _client(base_url: str, address: str = "127.0.0.1") -> httpx.Client:
    return httpx.Client(base_url=base_url, headers=protocol.request_headers(), timeout=60,
                        transport=httpx.HTTPTransport(local_address=address))


def in_parallel(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run every call in its own thread, released together; their responses in order."""
    barrier = threading.Barrier(len(calls))
    out: list[httpx.Response | Exception] = [None] * len(calls)  # type: ignore[list-item]

    def run(i: int) -> None:
        try:
            barrier.wait(30)
            out[i] = calls[i]()
        except Exception as exc:  # noqa: BLE001  # reported below, in the test's thread
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    errors = [r for r in out if isinstance(r, Exception)]
    assert not errors, errors
    return out  # type: ignore[return-value]


def login(base_url: str, user: str, password: str, address: str = "127.0.0.1",
          device_key: str | None = None) -> Callable[[], httpx.Response]:
    def call() -> httpx.Response:
        body = {"username": user, "password": password, "device_name": "laptop"}
        if device_key:
            body["device_key"] = device_key
        with _client(base_url, address) as c:
            return c.post("/api/auth/login", json=body)
    return call


def statuses(responses: list[httpx.Response]) -> Counter:
    return Counter(r.status_code for r in responses)


def test_thirty_parallel_wrong_passwords_are_counted_before_checking(server):
    server.add_user("li.na")
    limit = server.settings.login_max_failures
    out = in_parallel([login(server.base_url, "li.na", f"wrong guess {i}") for i in range(30)])
    # only the attempts within the limit had their password checked
    assert statuses(out) == {401: limit, 429: 30 - limit}
    refused = next(r for r in out if r.status_code == 429)
    assert refused.json()["error"] == "rate_limited" and int(refused.headers["Retry-After"]) > 0
    # the right password from the same address waits for the window, like the guesses
    assert login(server.base_url, "li.na", PASSWORD)().status_code == 429
    server.clock.advance(seconds=server.settings.login_window + 1)
    assert login(server.base_url, "li.na", PASSWORD)().status_code == 200


def test_one_address_locks_out_neither_other_addresses_nor_known_laptops(server):
    """An office NAT is one address: five failures there must not lock the real user
    out of the laptop they already use, nor out of other addresses."""
    server.add_user("li.na")
    known = login(server.base_url, "li.na", PASSWORD, "127.0.0.2")()
    assert known.status_code == 200
    device_key = known.json()["device_key"]
    out = in_parallel([login(server.base_url, "li.na", f"colleague typo {i}", "127.0.0.2")
                       for i in range(8)])
    assert statuses(out) == {401: 5, 429: 3}
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.2")().status_code == 429
    # the laptop that signed in here before is limited on its own
    again = login(server.base_url, "li.na", PASSWORD, "127.0.0.2", device_key)()
    assert again.status_code == 200, again.text
    # its key was replaced: the old one is an unknown device now, the new one works
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.2", device_key)().status_code == 429
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.2",
                 again.json()["device_key"])().status_code == 200
    # another address is not affected
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.3")().status_code == 200


def test_account_cap_across_addresses_spares_known_laptops(server):
    server.add_user("li.na")
    key = login(server.base_url, "li.na", PASSWORD, "127.0.0.2")().json()["device_key"]
    cap = server.settings.login_account_max_failures
    per_address = server.settings.login_max_failures
    addresses = [f"127.0.1.{i}" for i in range(1, cap // per_address + 1)]
    out = in_parallel([login(server.base_url, "li.na", f"guess {a} {i}", a)
                       for a in addresses for i in range(per_address)])
    assert statuses(out) == {401: cap}
    # the account is capped for unknown laptops from any address...
    r = login(server.base_url, "li.na", PASSWORD, "127.0.0.9")()
    assert r.status_code == 429
    # ...but not for the laptop that holds a device key, from whatever address
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.9", key)().status_code == 200
    # a device key of another user counts for nothing
    server.add_user("wang.lei")
    other_key = login(server.base_url, "wang.lei", PASSWORD, "127.0.0.4")().json()["device_key"]
    assert login(server.base_url, "li.na", PASSWORD, "127.0.0.9", other_key)().status_code == 429


def test_a_revoked_laptop_loses_its_own_limit(server):
    server.add_user("boss", "admin")
    server.add_user("li.na")
    first = login(server.base_url, "li.na", PASSWORD, "127.0.0.2")().json()
    for i in range(server.settings.login_max_failures):
        assert login(server.base_url, "li.na", f"wrong {i}", "127.0.0.2")().status_code == 401
    boss = server.client("boss")
    assert boss.post(f"/api/admin/devices/{first['device_id']}/revoke").status_code == 200
    r = login(server.base_url, "li.na", PASSWORD, "127.0.0.2", first["device_key"])()
    assert r.status_code == 429


@pytest.fixture
def strict_server(db_url):
    """A server whose address-wide limit is small enough to reach in a test."""
    clock = FakeClock()
    settings = ServerSettings(clock=clock, argon2_time_cost=1, argon2_memory_kib=8192,
                              login_address_max_failures=6)
    base, stop = start_server(db_url, settings)
    h = Harness(base, stop.app.state.engine, settings, clock)
    yield h
    stop()


def test_one_address_spraying_many_accounts_is_capped(strict_server):
    names = [f"user{i}" for i in range(4)]
    for name in names:
        strict_server.add_user(name)
    out = in_parallel([login(strict_server.base_url, name, f"spray {i}", "127.0.0.5")
                       for name in names for i in range(3)])
    assert statuses(out) == {401: 6, 429: 6}
    assert login(strict_server.base_url, "user0", PASSWORD, "127.0.0.5")().status_code == 429
    assert login(strict_server.base_url, "user0", PASSWORD, "127.0.0.6")().status_code == 200


def test_success_takes_its_attempt_back(server):
    """Signing in many times (many laptops, one address) never trips a limit: only
    attempts in flight at once count until their password is checked."""
    server.add_user("li.na")
    for _ in range(3):
        out = in_parallel([login(server.base_url, "li.na", PASSWORD)
                           for _ in range(server.settings.login_max_failures)])
        assert statuses(out) == {200: server.settings.login_max_failures}


def test_eight_concurrent_refreshes_give_exactly_one_pair(server):
    server.add_user("li.na")
    c = server.client("li.na")
    token = c.refresh_token

    def refresh() -> httpx.Response:
        with _client(server.base_url) as h:
            return h.post("/api/auth/refresh", json={"refresh_token": token})

    out = in_parallel([refresh] * 8)
    assert statuses(out) == {200: 1, 401: 7}
    pair = next(r for r in out if r.status_code == 200).json()
    me = c.http.get("/api/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.status_code == 200
    # the losers were a race, not theft: the winner's pair stays valid...
    assert c.http.get("/api/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
                      ).status_code == 200
    # ...until the rotated token turns up again later: then the whole family dies
    server.clock.advance(seconds=server.settings.refresh_reuse_grace + 1)
    assert c.http.post("/api/auth/refresh", json={"refresh_token": token}).status_code == 401
    assert c.http.get("/api/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
                      ).status_code == 401
    assert c.http.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]}
                       ).status_code == 401
