"""A pending op that breaks the field contract (written by an older version, before
the contract existed) is marked rejected on the laptop, stays visible among the
refused changes, and never holds up the ops behind it (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
import uuid

from tests.sync.sync_world import SyncWorld


def test_a_poisoned_outbox_op_is_refused_alone_and_the_rest_arrive(world: SyncWorld):
    head = world.laptop("head", "head")
    p = head.store.create_partner(name_zh="契约渠道", tier="core", stage="mature")
    head.sync()
    world.assign(p["id"], "li.na")
    a = world.laptop("a", "li.na")
    a.sync()
    # what an older version could leave in the outbox: an id the server refuses and a
    # number JSON cannot carry (these bypass the store's checks on purpose)
    poisons = [
        ("contact", "x" * 40, "create", {"partner_id": [None, p["id"]], "name": [None, "长id"]}),
        ("partner", p["id"], "update", {"revenue_share": [None, float("inf")]}),
        ("partner", p["id"], "update", {"notes": [None, "坏\ud800字"]}),
    ]
    for entity, rid, op, changes in poisons:
        a.store.db.execute(
            "INSERT INTO outbox (op_id, entity, entity_id, op, changes, base_version, created_at)"
            " VALUES (?, ?, ?, ?, ?, 0, '2026-11-20 10:00:00')",
            [str(uuid.uuid4()), entity, rid, op,
             json.dumps(changes, ensure_ascii=True)])
    good = a.store.create("contact", {"partner_id": p["id"], "name": "照常送达"})
    r = a.sync()
    assert (r.rejected, r.applied) == (3, 1)
    assert world.record("contact", good["id"])["name"] == "照常送达"
    refused = a.engine.rejected_ops()
    assert {op["outcome"]["reason"] for op in refused} == {"invalid"}
    assert all(op["outcome"]["message"] for op in refused)
    assert a.engine.status().pending == 0
    assert world.record("partner", p["id"])["revenue_share"] is None
    assert a.sync().verified is not False  # and syncing goes on
