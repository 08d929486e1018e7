from __future__ import annotations

import os

# Before any QApplication exists: this machine (and CI) has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.paths import Profile
from models.database import open_memory_database
from models.store import Store
from tests.keys import open_test_database
from tests.sync.memory_keyring import ENV_KEYRING_FILE, InMemoryKeyring, NoKeyring

ROOT = Path(__file__).resolve().parent.parent

#: the bundled app's tests run by `make test-bundle` (which names the bundle), not `make test`
collect_ignore = [] if os.environ.get("CHANNELKEEPER_BUNDLE") else ["bundle"]


def pytest_sessionstart(session: pytest.Session) -> None:
    """A venv made before the app moved to PySide6 6.11 still has 6.12.0, which aborts
    Python 3.11 mid-run (see tests/test_workspace_refcount_guard.py): say so at once."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        qt = version("PySide6-Essentials")
    except PackageNotFoundError:
        return
    import sys

    if tuple(int(x) for x in qt.split(".")[:2]) >= (6, 12) and sys.version_info < (3, 12):
        pytest.exit(f"This venv has PySide6 {qt}, which aborts Python 3.11 after a while; "
                    "run `make venv` to install the tested set (requirements.lock).", returncode=3)


@pytest.fixture(autouse=True)
def _isolated_profile(tmp_path, monkeypatch):
    """Tests never touch the real user folders."""
    monkeypatch.setenv("CHANNELKEEPER_PROFILE", str(tmp_path / "profile"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path, monkeypatch) -> Iterator[InMemoryKeyring]:
    """No test touches the OS keyring: each gets a fresh in-memory one (``.data``),
    kept in a file beside the test's folder too, which commands the test starts as
    subprocesses find through PYTHON_KEYRING_BACKEND (a profile's database key lives
    in the keyring). A test of a machine without a keyring installs ``NoKeyring``."""
    path = tmp_path.parent / f"{tmp_path.name}-keyring.json"
    monkeypatch.setenv(ENV_KEYRING_FILE, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.sync.memory_keyring.InMemoryKeyring")
    previous = keyring.get_keyring()
    backend = InMemoryKeyring(path)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(memory_keyring) -> Iterator[NoKeyring]:
    """A machine without a keyring (a headless server, a CI runner): every call fails
    as keyring's own ``fail.Keyring`` does. The test's in-memory one comes back after."""
    backend = NoKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(memory_keyring)


@pytest.fixture(scope="session")
def pg_template():
    """One migrated PostgreSQL database per session (per worker process under
    pytest-xdist); a test whose server migrates its database anyway gets a copy (CREATE
    DATABASE ... TEMPLATE is much faster than migrating afresh)."""
    # imported here: a test run that needs no server database loads no server code
    from sync.server.db import make_engine
    from sync.server.migrate import upgrade
    from tests.pg_required import require_postgres
    from tests.sync_fixtures import postgres_database

    require_postgres()  # skips, or fails when CI=true
    with postgres_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()  # a template must have no open connections
        yield url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite server database per session: a test whose server migrates its
    database anyway gets a copy (``server_sqlite_copy``), as PostgreSQL tests get one of
    ``pg_template``."""
    # imported here: a test run that needs no server database loads no server code
    from sync.server.db import make_engine
    from sync.server.migrate import upgrade

    path = tmp_path_factory.mktemp("sqlite-template") / "server.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def server_sqlite_copy(sqlite_template, tmp_path) -> str:
    """The URL of a fresh copy of the migrated template (private, as the server makes
    its own database file) in the test's folder."""
    from tests.sync_fixtures import sqlite_url

    url = sqlite_url(tmp_path)
    shutil.copy2(sqlite_template, url.removeprefix("sqlite:///"))
    return url


@pytest.fixture
def profile(tmp_path) -> Profile:
    """An empty profile folder (the one CHANNELKEEPER_PROFILE names in every test)."""
    return Profile(tmp_path / "profile").ensure()


@pytest.fixture
def store() -> Store:
    return Store(open_memory_database())


@pytest.fixture
def file_store(tmp_path) -> Store:
    s = Store(open_test_database(tmp_path / "store.db"))
    yield s
    s.db.conn.close()


@pytest.fixture
def partner(store: Store) -> dict:
    return store.create_partner(
        name_zh="华东渠道分销商", name_en="East China Distribution", tier="core",
        stage="mature", region="华东",
    )


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 27)
