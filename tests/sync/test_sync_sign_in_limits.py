"""The laptop's side of the sign-in limits: it keeps the device key from its last
sign-in (keyring only) and sends it, so failed guesses by others on the same address
never lock its user out of it."""
from __future__ import annotations

import httpx

from sync import protocol
from sync.client.errors import RateLimitedError
from tests.sync.sync_world import PASSWORD


def _guess(world, user: str, password: str) -> int:
    # from 127.0.0.1, the laptop's own address: the office NAT of the issue
    return httpx.post(world.base_url + "/api/auth/login", headers=protocol.request_headers(),
                      json={"username": user, "password": password}).status_code


def test_a_laptop_that_signed_in_before_is_not_locked_out_by_others(world):
    lap = world.laptop("li", "li.na")
    stored = [v for k, v in lap.credentials._secrets.items() if k.startswith("device-key ")]
    assert len(stored) == 1
    for i in range(world.settings.login_max_failures):
        assert _guess(world, "li.na", f"someone else {i}") == 401
    assert _guess(world, "li.na", PASSWORD) == 429  # an unknown laptop waits
    # e.g. its refresh token expired: signing in again here is not limited by them
    lap.engine.sign_in("li.na", PASSWORD, "li's laptop")
    renewed = [v for k, v in lap.credentials._secrets.items() if k.startswith("device-key ")]
    assert len(renewed) == 1 and renewed != stored


def test_a_new_laptop_meets_the_limit_with_a_clear_error(world):
    for i in range(world.settings.login_max_failures):
        assert _guess(world, "wang.wei", f"guess {i}") == 401
    try:
        world.laptop("new", "wang.wei")
    except RateLimitedError as exc:
        assert exc.retry_after and exc.retry_after > 0
    else:
        raise AssertionError("the sign-in was not limited")
