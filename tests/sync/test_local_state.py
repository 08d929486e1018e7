"""The client's local bookkeeping without a server: answers and pages as the
protocol shapes them, applied to a real store."""
from __future__ import annotations

import json

from models.store import Store
from sync import protocol
from sync.client import local_state as ls
from sync.client import pull_apply

NOW = "2026-11-27 10:00:00"


#: a partner id as the field contract wants it (a UUID)
P1 = "6f1c2a3e-0b4d-4c5e-8f90-1a2b3c4d5e6f"

def _partner_row(pid: str, version: int, **fields) -> dict:
    row = {"id": pid, "version": version, "deleted": 0, "deleted_at": None,
           "created_at": NOW, "updated_at": NOW, "name_zh": "华南渠道", "tier": "core",
           "stage": "mature", "status": "active", "updated_by": "admin"}
    row.update(fields)
    return {"entity": "partner", "id": pid, "version": version, "deleted": row["deleted"],
            "row": row}


def test_push_answers_mark_only_the_batch_and_keep_rejections(store: Store, partner):
    store.update("partner", partner["id"], {"region": "华北"})
    batch = ls.push_batch(store, 10, ls.last_seq(store))
    assert [o["op"] for o in batch] == ["create", "update"]
    late = store.update("partner", partner["id"], {"goals": "联合目标"})  # during the push
    results = [
        {"op_id": batch[0]["op_id"], "outcome": "applied", "version": 5, "conflicts": []},
        {"op_id": batch[1]["op_id"], "outcome": "rejected", "version": None,
         "reason": "invalid", "message": "region not allowed", "conflicts": []},
    ]
    counts = ls.record_push_results(store, batch, results, {}, NOW)
    assert counts["applied"] == 1 and counts["rejected"] == 1
    pending = store.outbox("pending")
    assert [o["changes"] for o in pending] == [{"goals": [None, late["goals"]]}]
    assert store.get("partner", partner["id"])["version"] == 5
    rejected = ls.rejected_ops(store)
    assert rejected[0]["outcome"]["reason"] == "invalid"
    assert store.get_setting(ls.K_ACKED_SEQ) == str(batch[1]["seq"])


def test_conflicts_are_recorded_with_both_values(store: Store, partner):
    store.update("partner", partner["id"], {"notes": "我的版本"})
    batch = ls.push_batch(store, 10, None)
    results = [{"op_id": o["op_id"], "outcome": "applied", "version": 3} for o in batch[:1]]
    results.append({"op_id": batch[1]["op_id"], "outcome": "conflict", "version": 9,
                    "conflicts": [77]})
    details = {77: {"id": 77, "field": "notes", "kind": "field", "server_value": "总部版本",
                    "incoming_value": "我的版本"}}
    ls.record_push_results(store, batch, results, details, NOW)
    (c,) = ls.conflicts(store)
    assert (c["field"], c["local_value"], c["server_value"], c["server_id"]) == \
        ("notes", "我的版本", "总部版本", 77)
    assert store.pending_count() == 0
    # the same answer again (a resent op) does not duplicate the record
    ls.record_push_results(store, batch, results, details, NOW)
    assert len(ls.conflicts(store)) == 1


def test_export_rejected_writes_what_was_tried_and_why(store: Store, partner, tmp_path):
    batch = ls.push_batch(store, 10, None)
    ls.record_push_results(store, batch, [{"op_id": batch[0]["op_id"], "outcome": "rejected",
                                           "reason": "out_of_scope"}], {}, NOW)
    n = ls.export_rejected(store, tmp_path / "rejected.json")
    data = json.loads((tmp_path / "rejected.json").read_text(encoding="utf-8"))
    assert n == 1 and data[0]["reason"] == "out_of_scope"
    assert data[0]["changes"]["name_zh"] == [None, "华东渠道分销商"]


def test_pulled_row_keeps_fields_with_pending_local_changes(store: Store):
    store.apply_remote("partner", _partner_row("p1", 4)["row"], version=4)
    store.update("partner", "p1", {"region": "西南"})
    page = {"changes": [_partner_row("p1", 8, region="华北", goals="总部目标")],
            "cursor": "c1", "has_more": False}
    pull_apply.apply_page(store, page, requeue_after=None, now=NOW)
    row = store.get("partner", "p1")
    assert row["region"] == "西南"  # ours, still unsent
    assert row["goals"] == "总部目标"  # theirs
    assert row["version"] == 8
    assert store.get_setting(ls.K_CURSOR) == "c1"


def test_a_pending_local_delete_is_not_undone_by_a_pull(store: Store):
    store.apply_remote("partner", _partner_row("p1", 4)["row"], version=4)
    store.delete("partner", "p1")
    pull_apply.apply_page(store, {"changes": [_partner_row("p1", 6, notes="x")], "cursor": "c"},
                          requeue_after=None, now=NOW)
    assert store.find("partner", "p1") is None
    assert store.get("partner", "p1", include_deleted=True)["notes"] == "x"


def test_scope_removal_waits_for_pending_ops(store: Store):
    store.apply_remote("partner", _partner_row(P1, 4)["row"], version=4)
    store.create("meeting", {"partner_id": P1, "type": "visit", "starts_at": "2026-11-20 10:00",
                             "notes": "离线记录"})
    res = pull_apply.apply_page(store, {"changes": [], "cursor": "c", "scope_removed": [P1]},
                                requeue_after=None, now=NOW)
    assert res.deferred_partners == [P1] and store.count("meeting") == 1
    # the note is acknowledged: now the partner goes
    batch = ls.push_batch(store, 10, None)
    ls.record_push_results(store, batch, [{"op_id": batch[0]["op_id"], "outcome": "applied",
                                           "version": 10}], {}, NOW)
    assert pull_apply.retry_deferred_removals(store, NOW) == [P1]
    assert store.count("meeting") == 0 and store.find("partner", P1) is None
    assert store.search("离线") == []


def test_reassigned_partner_cancels_a_deferred_removal(store: Store):
    store.apply_remote("partner", _partner_row("p1", 4)["row"], version=4)
    store.update("partner", "p1", {"notes": "未发送"})
    pull_apply.apply_page(store, {"changes": [], "cursor": "c", "scope_removed": ["p1"]},
                          requeue_after=None, now=NOW)
    pull_apply.apply_page(store, {"changes": [_partner_row("p1", 12)], "cursor": "d"},
                          requeue_after=None, now=NOW)
    assert ls.deferred_scope_removals(store) == []


def test_reset_page_requeues_acknowledged_ops_and_asks_for_repair(store: Store, partner):
    batch = ls.push_batch(store, 10, None)
    ls.record_push_results(store, batch, [{"op_id": batch[0]["op_id"], "outcome": "applied",
                                           "version": 3}], {}, NOW)
    assert store.pending_count() == 0
    pull_apply.apply_page(store, {"changes": [], "cursor": "c", "reset": True,
                                  "server_epoch": "e2"}, requeue_after=0, now=NOW)
    assert store.pending_count() == 1
    assert store.get_setting(pull_apply.K_REPAIR)
    assert store.get_setting(ls.K_EPOCH) == "e2"


def test_local_digest_matches_the_protocol_digest(store: Store):
    for i, v in ((f"p{i}", i + 1) for i in range(3)):
        store.apply_remote("partner", _partner_row(i, v)["row"], version=v)
    store.create_partner(name_zh="未同步", tier="core", stage="intro")  # version 0: left out
    d = pull_apply.local_digests(store, ["partner"])["partner"]
    assert (d["count"], d["hash"]) == protocol.verify_digest([("p0", 1), ("p1", 2), ("p2", 3)])
    assert pull_apply.mismatched({"partner": d}, {"partner": {"count": 3, "hash": "x"}}) == ["partner"]


def test_snapshot_repair_drops_strays_but_not_unsent_ones(store: Store):
    for pid in ("a", "b", "c"):
        store.apply_remote("partner", _partner_row(pid, 2)["row"], version=2)
    store.update("partner", "c", {"notes": "未发送"})
    pull_apply.begin_snapshot(store)
    pull_apply.apply_snapshot_page(store, [_partner_row("a", 5)])
    assert pull_apply.finish_snapshot(store, "partner") == 1  # b; c has a pending op
    assert {r["id"] for r in store.rows("partner")} == {"a", "c"}
    assert store.get("partner", "a")["version"] == 5


def test_the_sync_history_is_bounded(store: Store):
    for _ in range(ls.KEEP_RUNS + 20):
        ls.finish_run(store, ls.start_run(store, NOW), NOW, "ok", {"pushed": 0})
    (n,) = store.db.execute("SELECT count(*) FROM sync_runs").fetchone()
    assert n == ls.KEEP_RUNS


def test_bulk_apply_indexes_like_one_by_one(store: Store):
    """apply_remote_many and apply_remote leave the same rows and search index."""
    from models.database import open_memory_database

    single = Store(open_memory_database())
    rows = [(_partner_row(f"p{i}", i + 1, notes=f"渠道复盘 第{i}次", name_en=f"Dist {i}")["row"],
             i + 1) for i in range(30)]
    rows.append(({**rows[3][0], "deleted": 1}, 40))  # the same record again, now deleted
    rows.append(({**rows[5][0], "notes": "改过的备注"}, 41))  # and another one changed
    assert store.apply_remote_many("partner", rows) == 32
    for row, version in rows:
        single.apply_remote("partner", row, version=version)
    for s in (store, single):
        assert s.count("partner") == 29
    for query in ("复盘", "第3次", "改过", "dist", "第5次"):
        assert sorted(h.entity_id for h in store.search(query)) == \
            sorted(h.entity_id for h in single.search(query)), query
    assert store.search("改过")[0].entity_id == "p5"
    # applying the page again changes nothing
    store.apply_remote_many("partner", rows)
    assert store.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 29


def test_a_not_yet_answer_holds_the_op_until_both_bounds_are_passed(store: Store, partner):
    """The wait is counted in syncs (a sync that pushes twice counts once) and in time
    since the first "not yet"; only when both are over is the op refused, and kept."""
    from sync.client.held_ops import HoldPolicy, held_ops

    store.set_version("partner", partner["id"], 7)
    policy = HoldPolicy(syncs=2, seconds=3600)
    answer = [{"op_id": None, "outcome": "rejected", "version": None, "retry": True,
               "reason": "unknown_record", "message": "The server has no partner."}]

    def push(now: str, attempt: str) -> dict[str, int]:
        batch = ls.push_batch(store, 10, None)
        answer[0]["op_id"] = batch[0]["op_id"]
        return ls.record_push_results(store, batch, answer, {}, now, attempt=attempt,
                                      hold=policy)

    assert push("2026-11-27 10:00:00", "1")["held"] == 1
    assert push("2026-11-27 10:05:00", "1")["held"] == 1  # the same sync again
    assert push("2026-11-27 10:10:00", "2")["held"] == 1  # 2 syncs, but 10 minutes
    (held,) = held_ops(store)
    assert held["outcome"]["held"] == {"since": "2026-11-27 10:00:00", "syncs": 2, "attempt": "2"}
    assert store.get("partner", partner["id"])["version"] == 0  # not on the server now
    assert store.get_setting(ls.K_ACKED_SEQ) in (None, "0")
    assert push("2026-11-27 11:00:00", "3")["rejected"] == 1
    (refused,) = ls.rejected_ops(store)
    assert refused["outcome"]["reason"] == "unknown_record" and refused["acked_at"]
    assert store.pending_count() == 0 and held_ops(store) == []
