"""Property-based fuzzing of the live API from its own /openapi.json (schemathesis):
no 5xx, and every answer matches the schema it documents. Bounded: a few examples per
operation, well under a minute in all."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from sync import protocol as p
from tests.scale.conftest import Client, Org, fast_settings
from tests.sync_fixtures import start_server

MAX_EXAMPLES = 6


@pytest.fixture(scope="module")
def live_api(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz')}/server.db"
    base, stop = start_server(url, fast_settings(api_docs=True))
    org = Org(url)
    org.user("fz.admin", "admin")
    org.user("fz.li")
    org.partner("模糊测试渠道", "fz.li")
    org.partner("总部的渠道")
    head = Client(base)
    assert head.login("fz.admin").status_code == 200
    yield {"base": base, "head": head}
    head.close()
    org.close()
    stop()


def test_api_never_fails_and_keeps_its_schema(live_api):
    """Every operation of /openapi.json, ``MAX_EXAMPLES`` generated requests each
    (valid and invalid data): collect every failure, then report them all."""
    base = live_api["base"]
    api = schemathesis.openapi.from_url(f"{base}/openapi.json")
    failures: list[str] = []
    operations = 0
    statuses: list[int] = []

    for result in api.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case):
            token = live_api["head"].access_token
            if case.operation.path in ("/api/auth/logout", "/api/device/wiped"):
                # signing out (or confirming a wipe) would revoke the token every other
                # case uses: sign in afresh
                fresh = Client(base)
                assert fresh.login("fz.admin").status_code == 200
                token = fresh.access_token
                fresh.close()
            headers = {**p.request_headers(), "Authorization": f"Bearer {token}"}
            response = case.call_and_validate(base_url=base, headers=headers, timeout=30,
                                              checks=[not_a_server_error, response_schema_conformance,
                                                      content_type_conformance])
            statuses.append(response.status_code)

        try:
            fuzz()
        except Exception as exc:  # noqa: BLE001  (collect every operation's failure)
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert operations >= 20
    assert len(statuses) >= 2 * operations  # the fuzzer really called the server
    assert any(400 <= code < 500 for code in statuses)  # and sent it data it refused
    print(f"schemathesis: {operations} operations, {len(statuses)} requests,",
          {c: statuses.count(c) for c in sorted(set(statuses))})
    assert not failures, "\n\n".join(failures)
