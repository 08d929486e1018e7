"""PostgreSQL for tests: a skip on a developer machine without it, a FAILURE in CI.

CI must prove the server works on PostgreSQL, so there an unreachable PostgreSQL may
not turn the PostgreSQL half of the suite into quiet skips (scripts/ensure_postgres.sh
refuses to start the run, and this refuses each test if it got that far anyway).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

from tests.sync_fixtures import postgres_available, postgres_database

PG_MISSING = "PostgreSQL is not running on 127.0.0.1:5432"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_postgres() -> None:
    """Skip (or, when CI=true, fail) the calling test unless PostgreSQL answers."""
    if postgres_available():
        return
    if in_ci():
        pytest.fail(f"{PG_MISSING}; CI requires the PostgreSQL tests to run.", pytrace=False)
    pytest.skip(PG_MISSING)


@contextlib.contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (dropped after); skip/fail as
    ``require_postgres``."""
    require_postgres()
    with postgres_database() as url:
        yield url
