"""Which records of a profile are demo data, which the user typed, and removing the demo.

A profile holds demo data when ``models.demo_data.generate`` wrote into it (its
outbox entries, a range of ``seq``, are noted in the settings) or when it received
records from a demo server ("Try the demo"). Such a profile may sync only with a demo
server (sync/client/engine.py refuses any other), so demo partners never reach head
office. What the user typed stays theirs: a record is the user's own when it was
created here outside the demo's outbox ranges, and a demo record the user changed
counts as edited by them. The outbox keeps every local write (acknowledged ones too),
so both are exact.

``remove_demo`` takes the demo records out without a trace in the outbox; the user's
own records that do not hang on a demo partner stay, as new records that have never
been synced (so they go to the next server with a fresh ``create``). Records of
theirs that would go with the demo (their notes on a demo partner, their edits of
demo records) are counted first (``DemoContents.own_lost``) and can be written to a
JSON file with ``export_own``, so nothing typed is lost without the user being asked.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.schema import ENTITIES
from models.store import Store

#: JSON list of [first_seq, last_seq]: outbox entries demo_data.generate wrote
K_DEMO_RANGES = "demo.outbox_ranges"
#: "1": records were received from a demo server (Try the demo)
K_DEMO_SERVER = "demo.from_server"
#: the app's older mark of a profile signed in to its local demo server
K_LEGACY_DEMO = "sync.demo_server"
#: templates are head office's (or built in): never demo data
DEMO_ENTITIES = tuple(n for n in ENTITIES if n != "checklist_template")


def max_outbox_seq(store: Store) -> int:
    return int(store.db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])


def mark_generated(store: Store, first_seq: int, last_seq: int) -> None:
    """Note that outbox entries ``first_seq..last_seq`` are demo data."""
    if last_seq < first_seq:
        return
    ranges = _ranges(store) + [[first_seq, last_seq]]
    with store.transaction():
        store.set_setting(K_DEMO_RANGES, json.dumps(ranges))


def mark_from_server(store: Store) -> None:
    """Note that what this profile receives comes from a demo server."""
    with store.transaction():
        store.set_setting(K_DEMO_SERVER, "1")


def has_demo(store: Store) -> bool:
    return bool(_ranges(store)) or _from_server(store)


def _ranges(store: Store) -> list[list[int]]:
    try:
        value = json.loads(store.get_setting(K_DEMO_RANGES) or "[]")
        return [[int(a), int(b)] for a, b in value]
    except (ValueError, TypeError):
        return []


def _from_server(store: Store) -> bool:
    return store.get_setting(K_DEMO_SERVER) == "1" or store.get_setting(K_LEGACY_DEMO) == "1"


@dataclass
class DemoContents:
    """Counts per entity (live records; tombstones are not counted)."""

    #: demo records (what removing the demo takes out)
    demo: dict[str, int] = field(default_factory=dict)
    #: records the user created in this profile
    own_created: dict[str, int] = field(default_factory=dict)
    #: demo records the user changed
    own_edited: dict[str, int] = field(default_factory=dict)
    #: the user's records that removing the demo would take too (created on a demo
    #: partner, or demo records they edited)
    own_lost: dict[str, int] = field(default_factory=dict)

    @property
    def demo_total(self) -> int:
        return sum(self.demo.values())

    @property
    def own_total(self) -> int:
        return sum(self.own_created.values()) + sum(self.own_edited.values())

    @property
    def lost_total(self) -> int:
        return sum(self.own_lost.values())


@dataclass
class _Split:
    """Ids per entity: demo, user-created, user-edited demo, and what removal drops."""

    demo: dict[str, set[str]]
    created: dict[str, set[str]]
    edited: dict[str, set[str]]
    drop: dict[str, set[str]]
    live: dict[str, set[str]]


def _split(store: Store) -> _Split:
    ranges = _ranges(store)
    in_demo = " OR ".join("seq BETWEEN ? AND ?" for _ in ranges) or "0"
    params = [v for r in ranges for v in r]
    demo_created: dict[str, set[str]] = {n: set() for n in ENTITIES}
    created: dict[str, set[str]] = {n: set() for n in ENTITIES}
    touched: dict[str, set[str]] = {n: set() for n in ENTITIES}
    for name, eid, op, demo in store.db.execute(
            f"SELECT entity, entity_id, op, ({in_demo}) FROM outbox", params).fetchall():
        if name not in ENTITIES:
            continue
        if op == "create":
            (demo_created if demo else created)[name].add(eid)
        elif not demo:
            touched[name].add(eid)
    from_server = _from_server(store)
    demo_partners = demo_created["partner"] - created["partner"]
    if from_server:
        demo_partners |= {r[0] for r in store.db.execute(
            "SELECT id FROM partners WHERE version > 0").fetchall()} - created["partner"]
    out = _Split({}, {}, {}, {}, {})
    for name in DEMO_ENTITIES:
        ent = ENTITIES[name]
        col = "id" if name == "partner" else ent.partner_field
        rows = store.db.execute(f"SELECT id, {col}, version, deleted FROM {ent.table}").fetchall()
        demo, drop, live = set(), set(), set()
        for rid, pid, version, deleted in rows:
            if not deleted:
                live.add(rid)
            mine = rid in created[name]
            if not mine and (rid in demo_created[name] or pid in demo_partners
                             or (from_server and version > 0)):
                demo.add(rid)
                drop.add(rid)
            elif mine and pid in demo_partners:
                drop.add(rid)  # typed on a demo partner: goes with it
        out.demo[name] = demo
        out.created[name] = created[name] & {r[0] for r in rows}
        out.edited[name] = touched[name] & demo
        out.drop[name] = drop
        out.live[name] = live
    return out


def demo_contents(store: Store) -> DemoContents:
    """What the profile holds of the demo and of the user's own (live records)."""
    s = _split(store)
    c = DemoContents()
    for name in DEMO_ENTITIES:
        live = s.live[name]
        c.demo[name] = len(s.demo[name] & live)
        c.own_created[name] = len(s.created[name] & live)
        c.own_edited[name] = len(s.edited[name] & live)
        c.own_lost[name] = len(((s.created[name] & s.drop[name]) | s.edited[name]) & live)
    return c


def export_own(store: Store, path: str | Path) -> int:
    """Write every record the user created or changed (current values, and their
    local changes) to a JSON file; returns how many records."""
    s = _split(store)
    records: list[dict[str, Any]] = []
    for name in DEMO_ENTITIES:
        for rid in sorted(s.created[name] | s.edited[name]):
            row = store.find(name, rid)
            if row is not None:
                records.append({"entity": name, "id": rid,
                                "typed_here": rid in s.created[name], "row": row})
    ids = [r["id"] for r in records]
    changes = [op for op in store.outbox(None) if op["entity_id"] in set(ids)]
    payload = {"records": records, "changes": changes}
    Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str),
                          encoding="utf-8")
    return len(records)


def remove_demo(store: Store, *, renew_own: bool = True) -> DemoContents:
    """Take the demo records out of the profile (and their outbox entries), keep the
    user's own records that do not hang on a demo partner (with ``renew_own``, as
    never-synced new records: what reached the demo server must reach the next server
    too), and forget the demo marks. One transaction. Returns what was there before."""
    before = demo_contents(store)
    s = _split(store)
    with store.transaction():
        for name in DEMO_ENTITIES:
            drop = s.drop[name]
            if drop:
                store.forget_records(name, drop)
                _delete_ops(store, name, drop)
            for rid in (s.created[name] - drop) if renew_own else ():
                store.renew_as_unsynced(name, rid)
        store.set_setting(K_DEMO_RANGES, None)
        store.set_setting(K_DEMO_SERVER, None)
        store.set_setting(K_LEGACY_DEMO, None)
    return before


def _delete_ops(store: Store, name: str, ids: set[str]) -> None:
    store.db.conn.executemany("DELETE FROM outbox WHERE entity = ? AND entity_id = ?",
                              [(name, i) for i in ids])
