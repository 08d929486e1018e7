"""Outbox completeness: every local write changes its row and appends its outbox entry
in one transaction, so the outbox replayed from empty always rebuilds the tables, even
after the writing process is killed at any statement of its work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from models.errors import NotFoundError, ReadOnlyEntityError, StoreError, ValidationError
from models.schema import ENTITIES
from models.store import Store
from tests.keys import open_test_database

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


# --- (b) a writer killed at every point of its work -----------------------------------
# The writer counts the writing SQL statements SQLite starts (a trace callback: INSERT,
# UPDATE, DELETE, COMMIT, RELEASE) and SIGKILLs itself as statement N starts. The sweep
# runs N = 1, 2, ... over the whole workload, so every gap (between a row's write and
# its outbox entry, before a COMMIT, inside a bulk create) is a kill point once:
# deterministic, nothing left to chance. One helper process makes a killed copy of the
# database per point, each by a forked writer (a new interpreter per point where there
# is no fork); the test then checks every copy.

SWEEPER = textwrap.dedent(
    """
    import contextlib, os, shutil, signal, subprocess, sys
    from tests.keys import open_test_database
    from models.store import Store

    WRITES = ("INSERT", "UPDATE", "DELETE", "COMMIT", "RELEASE", "REPLACE")


    def workload(path, kill_at, without_transactions):
        db = open_test_database(path)
        if without_transactions:  # the writer the sweep must catch: every statement alone
            db.atomic = lambda: contextlib.nullcontext(db)
        seen = 0

        def count(statement):
            nonlocal seen
            if statement.lstrip().split(None, 1)[0].upper() not in WRITES:
                return
            seen += 1
            if seen == kill_at:
                # SIGKILL (TerminateProcess where there is none): no clean-up at all
                os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

        db.conn.set_trace_callback(count)
        s = Store(db)
        p = s.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")["id"]
        m = s.create("meeting", {"partner_id": p, "type": "visit",
                                 "starts_at": "2026-11-01 10:00", "notes": "初稿"})["id"]
        s.create_many("meeting", [{"partner_id": p, "type": "training", "agenda": f"批量{d}",
                                   "starts_at": f"2026-10-{d:02d} 09:00"} for d in (1, 2)])
        s.update("meeting", m, {"notes": "渠道方反馈回款慢。" * 40, "decisions": "月度复盘"})
        a = s.create_action_item(partner_id=p, title="确认返点结算时间", severity="high")["id"]
        s.set_action_status(a, "feedback_given", feedback="已电话告知")
        c = s.create("contact", {"partner_id": p, "name": "李娜"})["id"]
        s.delete("contact", c)
        s.restore("contact", c)
        with s.transaction():
            s.update("partner", p, {"stage": "advanced"})
            s.delete("meeting", m)
        db.conn.close()
        return seen


    if sys.argv[1] == "one":  # a single writer (where there is no fork)
        workload(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1")
        sys.exit(0)
    fresh, out, without = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    dry = os.path.join(out, "dry.db")
    shutil.copy(fresh, dry)
    total = workload(dry, 0, without)
    for kill_at in range(1, total + 1):
        path = os.path.join(out, f"killed-at-{kill_at:04d}.db")
        shutil.copy(fresh, path)
        if hasattr(os, "fork"):
            pid = os.fork()
            if pid == 0:
                workload(path, kill_at, without)
                os._exit(0)  # not killed: the parent reports it
            killed = os.waitpid(pid, 0)[1] != 0
        else:
            killed = subprocess.run([sys.executable, __file__, "one", path, str(kill_at),
                                     "1" if without else "0"]).returncode != 0
        if not killed:
            print(f"not killed at {kill_at}", flush=True)
            sys.exit(1)
    print(total, flush=True)
    """
)


def _sweep(tmp_path: Path, *, without_transactions: bool = False) -> list[str]:
    """Kill the writer at each writing statement in turn; the problems found."""
    fresh = tmp_path / "fresh.db"
    Store(open_test_database(fresh)).db.conn.close()
    out = tmp_path / "killed"
    out.mkdir()
    script = tmp_path / "sweeper.py"
    script.write_text(SWEEPER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(fresh), str(out), "1" if without_transactions else "0"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    total = int(result.stdout.split()[-1])
    assert total > 40  # every write path of the workload, each several statements
    problems = []
    for kill_at in range(1, total + 1):
        store = Store(open_test_database(out / f"killed-at-{kill_at:04d}.db"))  # full check: a log was left
        try:
            assert_outbox_explains_tables(store)
        except (AssertionError, StoreError) as exc:
            problems.append(f"killed at writing statement {kill_at} of {total}: {exc}")
        finally:
            store.db.conn.close()
    return problems


def test_killed_writer_never_leaves_rows_and_outbox_apart(tmp_path):
    problems = _sweep(tmp_path)
    assert not problems, "\n".join(problems[:5])


def test_the_sweep_catches_a_writer_without_transactions(tmp_path):
    """The sweep itself can fail: a writer whose every statement commits alone leaves
    a row without its outbox entry at some kill point, and the sweep finds it."""
    problems = _sweep(tmp_path, without_transactions=True)
    assert any("rows without outbox entries" in p or "outbox replay" in p for p in problems), problems
