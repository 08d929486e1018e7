"""Outbox completeness: every local write changes its row and appends its outbox entry
in one transaction, so the outbox replayed from empty always rebuilds the tables, even
after the writing process is killed at a random moment."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from models.database import open_database
from models.errors import NotFoundError, ReadOnlyEntityError, StoreError, ValidationError
from models.schema import ENTITIES
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
LOCAL = [e for e in ENTITIES.values() if not e.read_only]
Snapshot = dict[tuple[str, str], dict[str, Any]]


def snapshot(store: Store) -> Snapshot:
    """Every row of every locally written table: field values plus the tombstone."""
    out: Snapshot = {}
    for ent in LOCAL:
        for row in store.rows(ent.name, include_deleted=True):
            out[(ent.name, row["id"])] = {f: row[f] for f in (*ent.field_names, "deleted")}
    return out


def changes_between(before: Snapshot, after: Snapshot) -> set[tuple]:
    """(entity, id, field, old, new) for every value that differs."""
    out = set()
    for key, row in after.items():
        old = before.get(key, {})
        for f, v in row.items():
            if f == "deleted" and key not in before:
                continue  # a new row is not "undeleted"
            if old.get(f) != v:
                out.add((*key, f, old.get(f), v))
    return out


def outbox_changes(ops: list[dict]) -> set[tuple]:
    return {
        (o["entity"], o["entity_id"], f, _plain(old), _plain(new))
        for o in ops
        for f, (old, new) in o["changes"].items()
    }


def _plain(v: Any) -> Any:
    return json.dumps(v, sort_keys=True, ensure_ascii=False) if isinstance(v, (dict, list)) else v


def replay_outbox(store: Store) -> Snapshot:
    """The tables as the outbox alone describes them."""
    state: Snapshot = {}
    for op in store.outbox(state=None):
        key = (op["entity"], op["entity_id"])
        if op["op"] == "create":
            assert key not in state, f"second create of {key}"
            ent = ENTITIES[op["entity"]]
            state[key] = {f: None for f in ent.field_names} | {"deleted": 0}
        assert key in state, f"outbox {op['op']} of {key} without its create"
        for f, (old, new) in op["changes"].items():
            assert state[key][f] == old, (
                f"{key}.{f}: outbox says old {old!r}, replay has {state[key][f]!r}"
            )
            state[key][f] = new
    return state


def assert_outbox_explains_tables(store: Store) -> int:
    tables, replayed = snapshot(store), replay_outbox(store)
    missing = set(tables) - set(replayed)
    orphans = set(replayed) - set(tables)
    assert not missing, f"rows without outbox entries: {sorted(missing)[:5]}"
    assert not orphans, f"outbox entries without rows: {sorted(orphans)[:5]}"
    for key, row in tables.items():
        assert replayed[key] == row, f"{key}: table {row} != outbox replay {replayed[key]}"
    # the search index follows the same transactions
    searchable = sum(
        1 for (e, _), r in tables.items() if ENTITIES[e].search_title and not r["deleted"]
    )
    assert store.query("SELECT count(*) AS n FROM search_docs")[0]["n"] == searchable
    return len(tables)


# --- (a) every write path, in process ------------------------------------------------


@pytest.fixture
def world(store: Store) -> dict[str, Any]:
    p = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature", region="华东")
    m = store.create(
        "meeting",
        {
            "partner_id": p["id"],
            "type": "regular_review",
            "starts_at": "2026-11-02 10:00",
            "notes": "初稿",
        },
    )
    a = store.create_action_item(
        partner_id=p["id"], title="确认返点结算时间", severity="high", opened_on="2026-11-02"
    )
    gone = store.create("contact", {"partner_id": p["id"], "name": "李娜"})
    store.delete("contact", gone["id"])
    return {"p": p["id"], "m": m["id"], "a": a["id"], "gone": gone["id"]}


WRITES: dict[str, Callable[[Store, dict], Any]] = {
    "create": lambda s, w: s.create(
        "contact",
        {"partner_id": w["p"], "name": "王磊", "role": "总经理", "birthday": "1980-12-01"},
    ),
    "create_many": lambda s, w: s.create_many(
        "meeting",
        [
            {
                "partner_id": w["p"],
                "type": "visit",
                "starts_at": f"2026-10-{d:02d} 09:30",
                "notes": f"拜访{d}",
            }
            for d in range(1, 6)
        ],
    ),
    "update": lambda s, w: s.update(
        "meeting",
        w["m"],
        {"notes": "渠道方反馈回款慢。" * 50, "decisions": "月度复盘", "location": None},
    ),
    "update_json": lambda s, w: s.create(
        "checklist_run",
        {
            "partner_id": w["p"],
            "template_id": s.rows("checklist_template", limit=1)[0]["id"],
            "performed_on": "2026-11-02",
            "answers": {"growth": {"value": "no", "comment": "只谈返点"}},
        },
    ),
    "delete": lambda s, w: s.delete("meeting", w["m"]),
    "restore": lambda s, w: s.restore("contact", w["gone"]),
    "create_partner": lambda s, w: s.create_partner(
        name_en="Harbor Trading", tier="strategic", stage="intro"
    ),
    "create_action_item": lambda s, w: s.create_action_item(
        partner_id=w["p"], title="提供样机", owner_side="partner", severity="critical"
    ),
    "set_action_status": lambda s, w: s.set_action_status(
        w["a"], "feedback_given", feedback="已电话告知"
    ),
    "set_action_status_step": lambda s, w: s.set_action_status(w["a"], "in_progress"),
    "transaction": lambda s, w: _grouped(s, w),
}


def _grouped(s: Store, w: dict) -> None:
    with s.transaction():
        s.update("partner", w["p"], {"stage": "advanced"})
        s.create(
            "meeting", {"partner_id": w["p"], "type": "training", "starts_at": "2026-11-20 14:00"}
        )


@pytest.mark.parametrize("path", list(WRITES))
def test_write_path_records_exactly_its_changes(store, world, path):
    before, seq = snapshot(store), len(store.outbox(state=None))
    WRITES[path](store, world)
    after = snapshot(store)
    new_ops = store.outbox(state=None)[seq:]
    assert new_ops, "a write without an outbox entry"
    assert outbox_changes(new_ops) == changes_between(before, after)
    assert all(o["state"] == "pending" and o["base_version"] == 0 for o in new_ops)
    assert_outbox_explains_tables(store)


BAD_WRITES: dict[str, Callable[[Store, dict], Any]] = {
    "create": lambda s, w: s.create("contact", {"partner_id": w["p"], "name": "  "}),
    "create_many": lambda s, w: s.create_many(
        "meeting",
        [
            {"partner_id": w["p"], "type": "visit", "starts_at": "2026-10-01 09:00"},
            {"partner_id": w["p"], "type": "visit", "starts_at": "2026-10-32 09:00"},
        ],
    ),
    "update": lambda s, w: s.update("meeting", w["m"], {"notes": "新内容", "starts_at": "明天"}),
    "update_unknown_field": lambda s, w: s.update(
        "partner", w["p"], {"tier": "core", "owner": "x"}
    ),
    "delete_missing": lambda s, w: s.delete("meeting", "no-such-id"),
    "restore_missing": lambda s, w: s.restore("contact", "no-such-id"),
    "create_partner": lambda s, w: s.create_partner(name_zh="新渠道", tier="gold", stage="intro"),
    "create_action_item": lambda s, w: s.create_action_item(
        partner_id=w["p"], title="x", severity="urgent"
    ),
    "create_action_item_no_partner": lambda s, w: s.create_action_item(
        partner_id="nope", title="x"
    ),
    "set_action_status": lambda s, w: s.set_action_status(w["a"], "finished"),
    "read_only": lambda s, w: s.create("kpi_snapshot", {"partner_id": w["p"], "period": "2026-10"}),
    "transaction": lambda s, w: _grouped_failing(s, w),
}


def _grouped_failing(s: Store, w: dict) -> None:
    with s.transaction():
        s.update("partner", w["p"], {"stage": "advanced"})
        s.create(
            "meeting", {"partner_id": w["p"], "type": "party", "starts_at": "2026-11-20 14:00"}
        )


@pytest.mark.parametrize("path", list(BAD_WRITES))
def test_refused_write_leaves_neither_row_nor_outbox(store, world, path):
    before, ops_before = snapshot(store), store.outbox(state=None)
    docs = store.query("SELECT count(*) AS n FROM search_docs")[0]["n"]
    with pytest.raises((ValidationError, NotFoundError, ReadOnlyEntityError)):
        BAD_WRITES[path](store, world)
    assert snapshot(store) == before
    assert store.outbox(state=None) == ops_before
    assert store.query("SELECT count(*) AS n FROM search_docs")[0]["n"] == docs


def test_replay_detects_a_row_changed_behind_the_stores_back(store, world):
    # the checker itself must be able to fail
    store.db.execute(
        "UPDATE meetings SET notes = 'edited without outbox' WHERE id = ?", [world["m"]]
    )
    with pytest.raises(AssertionError, match="outbox replay"):
        assert_outbox_explains_tables(store)


# --- (b) a writer killed at random moments ---------------------------------------------

WRITER = textwrap.dedent(
    """
    import random, sys
    from models.database import open_database
    from models.store import Store

    store = Store(open_database(sys.argv[1]))
    rng = random.Random(int(sys.argv[2]))
    partners = [r["id"] for r in store.rows("partner")]
    meetings = [r["id"] for r in store.rows("meeting", include_deleted=True)]
    actions = [r["id"] for r in store.rows("action_item")]
    long = "渠道方反馈近期回款周期变长，希望总部在返点结算上提速。" * 30
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.1 or not partners:
            partners.append(store.create_partner(name_zh=f"渠道商{n}", tier=rng.choice(
                ["core", "ordinary", "emerging", "strategic"]), stage="intro")["id"])
        elif roll < 0.3:
            meetings.append(store.create("meeting", {"partner_id": rng.choice(partners),
                "type": "visit", "starts_at": "2026-11-01 10:00", "notes": long[: rng.randint(10, 900)]})["id"])
        elif roll < 0.4:
            rows = [{"partner_id": rng.choice(partners), "type": "training",
                     "starts_at": f"2026-10-{rng.randint(1, 28):02d} 09:00", "agenda": f"批量{n}"}
                    for _ in range(rng.randint(5, 40))]
            store.create_many("meeting", rows)
            meetings += [r["id"] for r in store.rows("meeting", "agenda = ?", [f"批量{n}"])]
        elif roll < 0.65 and meetings:
            mid = rng.choice(meetings)
            try:
                store.update("meeting", mid, {"notes": f"{n} " + long[: rng.randint(10, 1500)],
                                              "decisions": f"决定{n}"})
            except Exception:
                store.restore("meeting", mid)
        elif roll < 0.75 and meetings:
            mid = rng.choice(meetings)
            try:
                store.delete("meeting", mid)
            except Exception:
                store.restore("meeting", mid)
        elif roll < 0.85:
            actions.append(store.create_action_item(partner_id=rng.choice(partners),
                                                    title=f"跟进{n}", severity="high")["id"])
        elif actions:
            store.set_action_status(rng.choice(actions), rng.choice(
                ["open", "in_progress", "done", "feedback_given"]), feedback=f"反馈{n}")
        else:
            store.update("partner", rng.choice(partners), {"notes": f"备注{n}"})
    """
)


def test_killed_writer_never_leaves_rows_and_outbox_apart(tmp_path):
    path = tmp_path / "channelkeeper.db"
    Store(open_database(path)).db.conn.close()
    rng = random.Random(int(time.time()))  # random moments; the seed is in the failure message
    seed = rng.randrange(10**6)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ops_seen = 0
    for round_ in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(seed + round_)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.15, 0.8))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        store = Store(open_database(path))  # a log was left behind: the full check runs
        try:
            rows = assert_outbox_explains_tables(store)
        except (AssertionError, StoreError) as exc:
            raise AssertionError(f"round {round_}, seed {seed}: {exc}") from exc
        ops = len(store.outbox(state=None))
        store.db.conn.close()
        assert ops > ops_seen, f"round {round_}: the writer made no progress"
        ops_seen = ops
    assert rows > 20
