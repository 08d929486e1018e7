"""Property: however two offline writers' edits interleave, the last text each of
them wrote for a field is never lost: it is the record's value, kept in a conflict
record (server or incoming side), or the text the other writer's later edit was based
on (both made the same change; the later edit then replaces it knowingly)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import op, push

FIELDS = ("goals", "notes", "region")
TEXTS = st.sampled_from(["增长10%", "增长15%", "joint campaign in Q3", "新增两个城市", "", "回款提速"])
EDITS = st.lists(st.tuples(st.sampled_from(FIELDS), TEXTS), min_size=1, max_size=4)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(manager_edits=EDITS, admin_edits=EDITS, order=st.lists(st.booleans(), min_size=8, max_size=8))
def test_no_writer_loses_its_last_text(server, manager_edits, admin_edits, order):
    if not getattr(server, "_property_users", False):
        server.add_user("li.na")
        server.add_user("boss", "admin")
        server.li, server.boss = server.client("li.na"), server.client("boss")
        server._property_users = True
        server.seq = 0
    li_id = server.li.get("/api/me").json()["user"]["id"]
    pid = server.partner("属性测试渠道", li_id, goals="原始目标", notes="原始记录", region="华东")
    base = server.li.get(f"/api/records/partner/{pid}").json()
    queues = {}
    last: dict[str, dict[str, str | None]] = {}
    for who, edits in (("li", manager_edits), ("boss", admin_edits)):
        local = {f: base["row"][f] for f in FIELDS}
        ops = []
        for field, text in edits:
            new = text or None
            if local[field] == new:
                continue
            server.seq += 1
            ops.append(op("partner", pid, {field: [local[field], new]}, seq=server.seq,
                          base=base["version"]))
            local[field] = new
            last.setdefault(who, {})[field] = new
        queues[who] = ops
    clients = {"li": server.li, "boss": server.boss}
    log = []
    turn = iter(order + [True] * 8 + [False] * 8)
    while queues["li"] or queues["boss"]:
        who = "li" if (next(turn) and queues["li"]) or not queues["boss"] else "boss"
        sent = queues[who].pop(0)
        result = push(clients[who], sent)[0]
        assert result["outcome"] in ("applied", "merged", "conflict"), result
        log.append((who, sent["changes"], result["outcome"]))
    final = server.boss.get(f"/api/records/partner/{pid}").json()["row"]
    conflicts = [c for c in server.boss.get("/api/conflicts", params={"state": "all"}).json()["conflicts"]
                 if c["entity_id"] == pid]
    for who, fields in last.items():
        for field, value in fields.items():
            kept = {final[field]} | {c["incoming_value"] for c in conflicts if c["field"] == field} \
                | {c["server_value"] for c in conflicts if c["field"] == field}
            # an edit the other writer made on top of this very text (both had made the
            # same change) replaces it knowingly: that is a merge, not a loss
            kept |= {changes[field][0] for other, changes, _o in log if other != who and field in changes}
            assert value in kept, f"{who}'s last {field} {value!r} was lost: {log}"
