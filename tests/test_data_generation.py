"""The data generation: a counter in the database that every committed write moves
(the start-up snapshot is trusted only while it holds), and an up-to-date file opened
without sqlite-utils on the start path."""
from __future__ import annotations

import pytest

from models import demo_data
from models.store import Store
from tests.keys import open_test_database


@pytest.fixture
def disk_store(tmp_path):
    s = Store(open_test_database(tmp_path / "channelkeeper.db"))
    yield s
    s.db.conn.close()


def _moves(store: Store, write) -> int:
    before = store.data_generation()
    write(store)
    after = store.data_generation()
    assert after > before
    return after


def test_every_write_path_moves_the_generation(disk_store, tmp_path):
    s = disk_store
    partner = s.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    assert s.data_generation() > 0
    pid = partner["id"]
    meeting = s.create("meeting", {"partner_id": pid, "type": "visit",
                                   "starts_at": "2026-11-20 10:00", "status": "held"})
    _moves(s, lambda st: st.update("partner", pid, {"region": "华南"}))
    _moves(s, lambda st: st.delete("meeting", meeting["id"]))
    _moves(s, lambda st: st.restore("meeting", meeting["id"]))
    _moves(s, lambda st: st.create_many("contact", [{"partner_id": pid, "name": "王经理"}]))
    _moves(s, lambda st: st.set_version("partner", pid, 7))
    remote = {"id": "kpi-1", "partner_id": pid, "period": "2026-10", "sales": 90.0,
              "target": 100.0}
    _moves(s, lambda st: st.apply_remote("kpi_snapshot", remote, version=3))
    _moves(s, lambda st: st.apply_remote_many(
        "kpi_snapshot", [({**remote, "id": "kpi-2", "period": "2026-11"}, 4)]))
    _moves(s, lambda st: st.forget_records("kpi_snapshot", ["kpi-2"]))
    _moves(s, lambda st: st.set_action_status(
        st.create_action_item(partner_id=pid, title="补货")["id"], "done"))
    _moves(s, lambda st: st.forget_partner(pid))
    _moves(s, lambda st: demo_data.generate(st, partners=2, meetings=3, actions=3, seed=1))
    # and it is kept in the file, with the writes
    gen = s.data_generation()
    s.db.conn.close()
    reopened = Store(open_test_database(tmp_path / "channelkeeper.db"))
    assert reopened.data_generation() == gen
    s.db = reopened.db  # the fixture closes it


def test_one_bump_per_transaction_and_none_without_a_change(disk_store):
    s = disk_store
    pid = s.create_partner(name_zh="甲", tier="core", stage="mature")["id"]
    before = s.data_generation()
    with s.transaction():
        for region in ("华东", "华南", "华北"):
            s.update("partner", pid, {"region": region})
    assert s.data_generation() == before + 1
    s.update("partner", pid, {"region": "华北"})  # no difference: nothing written
    s.rows("partner")
    assert s.data_generation() == before + 1


def test_a_rolled_back_write_leaves_the_generation(disk_store):
    s = disk_store
    pid = s.create_partner(name_zh="甲", tier="core", stage="mature")["id"]
    before = s.data_generation()
    with pytest.raises(RuntimeError), s.transaction():
        s.update("partner", pid, {"region": "华东"})
        raise RuntimeError("abandoned")
    assert s.data_generation() == before
    assert s.get("partner", pid)["region"] is None
