"""/health tells a load balancer the truth: 200 with the epoch while the database
answers, 503 (not a bare 500) once it does not."""
from __future__ import annotations

import httpx
from sqlalchemy import create_engine, text

from tests.pg_required import fresh_postgres_database
from tests.scale.conftest import fast_settings
from tests.sync_fixtures import PG_ADMIN_URL, start_server


def test_health_is_503_when_the_database_is_gone():
    with fresh_postgres_database() as url:  # dropping it again at the end is harmless
        _check_health_follows_the_database(url)


def _check_health_follows_the_database(url: str) -> None:
    base, stop = start_server(url, fast_settings())
    try:
        ok = httpx.get(f"{base}/health", timeout=10)
        assert ok.status_code == 200 and ok.json()["server_epoch"]
        name = url.rsplit("/", 1)[1]
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:  # the database disappears under the running server
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
        gone = httpx.get(f"{base}/health", timeout=30)
        assert gone.status_code == 503
        assert gone.json()["error"] == "unavailable"
    finally:
        stop()
