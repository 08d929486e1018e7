from __future__ import annotations

import pytest

from tests.sync.sync_world import SyncWorld


@pytest.fixture
def world(tmp_path):
    w = SyncWorld(tmp_path)
    w.add_user("head", "admin")
    w.add_user("li.na")
    w.add_user("wang.wei")
    yield w
    w.close()
