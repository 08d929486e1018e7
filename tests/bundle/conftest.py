"""The bundled app (``make test-bundle``): these tests drive dist/channelkeeper, the
one-folder build of packaging/channelkeeper.spec, as a manager's laptop would run it.
They are not part of ``make test`` (building takes minutes); ``.ci/run`` runs both."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundle() -> Path:
    folder = Path(os.environ.get("CHANNELKEEPER_BUNDLE", ROOT / "dist" / "channelkeeper"))
    if not (folder / "channelkeeper").exists() and not (folder / "channelkeeper.exe").exists():
        pytest.fail(f"no bundle in {folder}: run `make bundle` first", pytrace=False)
    return folder.resolve()
