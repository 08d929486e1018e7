from __future__ import annotations

import pytest

from tests.sync.sync_world import SyncWorld
from tests.sync_fixtures import postgres_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_db_url(request, tmp_path):
    """The server database of a world: every end-to-end test runs on SQLite and on a
    fresh PostgreSQL database (skipped without PostgreSQL, a failure when CI=true), each a
    copy of the session's migrated template (the world's server would migrate it on start)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("server_sqlite_copy")
        return
    with postgres_database(template=request.getfixturevalue("pg_template")) as url:
        yield url


@pytest.fixture
def world(tmp_path, server_db_url):
    w = SyncWorld(tmp_path, db_url=server_db_url)
    w.add_user("head", "admin")
    w.add_user("li.na")
    w.add_user("wang.wei")
    yield w
    w.close()
