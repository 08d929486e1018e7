"""Property: whatever two laptops and head office do offline, after each syncs twice
all three agree with the server, and every value anyone wrote last is either the
current one, or kept in a conflict record, or was knowingly replaced: someone's later
edit started from that very value (a and b both typed 乙, then b changed 乙 to 甲).

Runs on a SQLite server only: the merge rules are the server's Python, the same on
PostgreSQL, and the end-to-end suite covers PostgreSQL already."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.errors import NotFoundError
from tests.sync.sync_world import SyncWorld


@pytest.fixture(scope="module")
def sqlite_world(tmp_path_factory):
    w = SyncWorld(tmp_path_factory.mktemp("property"))
    for user, role in (("head", "admin"), ("li.na", "manager"), ("wang.wei", "manager")):
        w.add_user(user, role)
    yield w
    w.close()


ACTORS = ("a", "b", "head")
VALUES = ("甲", "乙", "丙", "返利透明", "joint goals")
PARTNER_FIELDS = ("region", "goals", "notes", "incentive_scheme")
MEETING_FIELDS = ("notes", "decisions", "location")

edit = st.one_of(
    st.tuples(st.just("partner"), st.sampled_from(PARTNER_FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("meeting"), st.sampled_from(MEETING_FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("delete_meeting"), st.none(), st.none()),
    st.tuples(st.just("restore_meeting"), st.none(), st.none()),
    st.tuples(st.just("new_meeting"), st.none(), st.sampled_from(VALUES)),
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), edit), max_size=14),
       order=st.permutations(ACTORS))
def test_offline_edits_converge_and_no_written_value_is_lost(sqlite_world: SyncWorld, steps,
                                                             order):
    world = sqlite_world
    laps = {name: world.laptops_by_name.get(name) for name in ACTORS}
    if laps["head"] is None:
        for name, user in zip(ACTORS, ("li.na", "wang.wei", "head"), strict=True):
            laps[name] = world.laptops_by_name[name] = world.laptop(name, user)
    head = laps["head"]
    p = head.store.create_partner(name_zh="属性测试渠道", tier="emerging", stage="intro",
                                  region="起点")
    m = head.store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                      "starts_at": "2026-11-01 10:00", "notes": "起点"})
    head.sync()
    world.assign(p["id"], "li.na")
    world.assign(p["id"], "wang.wei")
    for name in ACTORS:
        laps[name].sync()

    written: dict[tuple[str, str, str], dict[str, object]] = {}
    replaced: dict[tuple[str, str, str], set[object]] = {}  # old values of every edit
    created: list[str] = []
    for actor, (kind, field, value) in steps:  # everyone offline
        store = laps[actor].store
        try:
            if kind in ("partner", "meeting"):
                entity_id = p["id"] if kind == "partner" else m["id"]
                old = store.get(kind, entity_id)[field]
                store.update(kind, entity_id, {field: value})
                written.setdefault((kind, entity_id, field), {})[actor] = value
                if old != value:  # an edit that changed nothing replaced nothing
                    replaced.setdefault((kind, entity_id, field), set()).add(old)
            elif kind == "delete_meeting":
                store.delete("meeting", m["id"])
            elif kind == "restore_meeting":
                store.restore("meeting", m["id"])
            else:
                created.append(store.create("meeting", {
                    "partner_id": p["id"], "type": "ad_hoc", "starts_at": "2026-11-02 10:00",
                    "notes": value})["id"])
        except NotFoundError:
            pass  # editing a meeting this laptop deleted: the UI would not offer it
    for _ in range(2):
        for name in order:
            assert laps[name].sync().rejected == 0

    for entity, ids in (("partner", [p["id"]]), ("meeting", [m["id"], *created])):
        for entity_id in ids:
            server = world.record(entity, entity_id)
            fields = [*PARTNER_FIELDS, "deleted"] if entity == "partner" else \
                [*MEETING_FIELDS, "deleted"]
            for name in ACTORS:
                local = laps[name].store.get(entity, entity_id, include_deleted=True)
                assert {f: local[f] for f in fields} == {f: server[f] for f in fields}, name
                assert local["version"] == server["version"]
    kept = world.conflicts()
    for (entity, entity_id, field), by_actor in written.items():
        current = world.record(entity, entity_id)[field]
        in_conflicts = {c["incoming_value"] for c in kept
                        if c["entity_id"] == entity_id and c["field"] == field}
        knowingly_replaced = replaced.get((entity, entity_id, field), set())
        for actor, value in by_actor.items():
            assert value == current or value in in_conflicts or value in knowingly_replaced, \
                (actor, field, value, steps, order)
