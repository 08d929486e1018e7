"""One value or one stored row never wedges sync (issue 10, section 2).

Each poison value is pushed to the deployed server (SQLite and PostgreSQL) in front of
a good op: the poison is rejected on its own, the good op is applied, and pulls and
snapshots keep working. A bad row written straight into the database (as an old
server or a hand edit could leave it) is skipped by pulls, quarantined and reported
by ``server check``."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import select

from models import contract
from sync.server import records
from sync.server.db import ENTITY_TABLES, allocate_seq, quarantine, write_tx
from tests.scale.conftest import ROOT

DEEP = "[" * 5000 + "]" * 5000


def _poisons(pid: str, template_id: str) -> dict[str, tuple[str, str, dict, str]]:
    """name -> (entity, entity id, changes, raw JSON text replacing "@POISON@")."""
    run = {"partner_id": [None, pid], "template_id": [None, template_id],
           "performed_on": [None, "2026-11-20"]}
    return {
        "infinity": ("partner", pid, {"revenue_share": [None, "@POISON@"]}, "Infinity"),
        "minus_infinity": ("partner", pid, {"rebate": [None, "@POISON@"]}, "-Infinity"),
        "nan": ("partner", pid, {"rebate": [None, "@POISON@"]}, "NaN"),
        "nan_text": ("partner", pid, {"rebate": [None, "@POISON@"]}, '"NaN"'),
        "overflow": ("partner", pid, {"rebate": [None, "@POISON@"]}, "1e999"),
        "long_id": ("contact", "c" * 40, {"partner_id": [None, pid], "name": [None, "长id"]}, "null"),
        "path_id": ("contact", "../../../../etc/passwd.x", {"partner_id": [None, pid],
                                                           "name": [None, "路径"]}, "null"),
        "lone_surrogate": ("partner", pid, {"notes": [None, "@POISON@"]}, '"before \\ud800 after"'),
        "nul": ("partner", pid, {"notes": [None, "@POISON@"]}, '"a\\u0000b"'),
        "deep_json_text": ("checklist_run", str(uuid.uuid4()), {**run, "answers": [None, "@POISON@"]},
                           json.dumps(DEEP)),
        "deep_json_value": ("checklist_run", str(uuid.uuid4()), {**run, "answers": [None, "@POISON@"]},
                            "[" * 200 + "]" * 200),
        "huge_note": ("partner", pid, {"notes": [None, "@POISON@"]},
                      json.dumps("长" * (15 * 1024 * 1024 // 3), ensure_ascii=False)),
        "huge_number": ("checklist_run", str(uuid.uuid4()), {**run, "score": [None, "@POISON@"]},
                        str(10**400)),
        "year_zero": ("meeting", str(uuid.uuid4()), {"partner_id": [None, pid], "type": [None, "visit"],
                                                     "starts_at": [None, "@POISON@"]}, '"0001-01-01 10:00"'),
    }


def _body(ops: list[dict], raw: str) -> bytes:
    text = json.dumps({"ops": ops}, ensure_ascii=True)
    return text.replace('"@POISON@"', raw).encode("utf-8")


@pytest.fixture
def manager(deployment):
    name = f"pv{uuid.uuid4().hex[:6]}"
    deployment.org.user(name)
    pid = deployment.org.partner(f"毒值渠道{name}", name)
    c = deployment.client(name)
    changes, _ = c.pull_all()
    template_id = next(ch["id"] for ch in changes if ch["entity"] == "checklist_template")
    yield c, pid, template_id
    c.close()


def test_each_poison_is_rejected_alone_and_the_good_op_behind_it_applies(deployment, manager):
    c, pid, template_id = manager
    for name, (entity, entity_id, changes, raw) in _poisons(pid, template_id).items():
        poison = c.op(entity, entity_id, changes, kind="create" if entity != "partner" else "update")
        good_id = str(uuid.uuid4())
        good = c.op("contact", good_id, {"partner_id": [None, pid], "name": [None, f"好的{name}"]},
                    kind="create")
        r = c.post("/api/sync/push", content=_body([poison, good], raw),
                   headers={"content-type": "application/json"})
        assert r.status_code == 200, (name, r.status_code, r.text[:300])
        bad, ok = r.json()["results"]
        assert (bad["outcome"], bad["reason"]) == ("rejected", "invalid"), (name, bad)
        assert bad["message"] and len(bad["message"]) < 500, (name, bad["message"][:600])
        assert ok["outcome"] == "applied", (name, ok)
        assert c.get(f"/api/records/contact/{good_id}").status_code == 200
    changes, _ = c.pull_all()  # from zero: every page of this scope still serves
    partner = next(ch["row"] for ch in changes if ch["id"] == pid)
    assert partner["revenue_share"] is None and partner["notes"] is None
    assert not any(len(str(ch["id"])) != 36 for ch in changes)
    for entity in ("partner", "contact", "checklist_run"):
        assert c.get("/api/sync/snapshot", params={"entity": entity}).status_code == 200


def test_a_huge_seq_is_rejected_alone_and_does_not_become_the_device_position(deployment, manager):
    c, pid, _ = manager
    huge = c.op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, "x"]}, kind="create")
    huge["seq"] = 2**64
    good = c.op("contact", str(uuid.uuid4()), {"partner_id": [None, pid], "name": [None, "y"]}, kind="create")
    results = c.push(huge, good)
    assert [x["outcome"] for x in results] == ["rejected", "applied"]
    assert results[0]["seq"] is None
    assert c.get("/api/me").json()["last_seq"] == good["seq"]


def _insert_bad_partner(deployment, pid: str, manager_name: str, value: float) -> None:
    with write_tx(deployment.org.engine) as conn:
        seq = allocate_seq(conn)
        conn.execute(ENTITY_TABLES["partner"].update().where(ENTITY_TABLES["partner"].c.id == pid)
                     .values(revenue_share=value, version=seq))


def test_a_stored_bad_row_is_skipped_quarantined_and_reported(deployment):
    name = f"pq{uuid.uuid4().hex[:6]}"
    deployment.org.user(name)
    bad = deployment.org.partner(f"坏行{name}", name)
    good = deployment.org.partner(f"好行{name}", name)
    # written around the server, as an old version or a hand edit could have left it
    poison = math.nan if deployment.db_url.startswith("postgresql") else math.inf
    _insert_bad_partner(deployment, bad, name, poison)
    with write_tx(deployment.org.engine) as conn:
        seq = allocate_seq(conn)
        records.insert_record(conn, "contact", "not/a-uuid", {"partner_id": good, "name": "旧数据"},
                              seq=seq, user="admin", now=deployment.org.settings.stamp())
    c = deployment.client(name)
    try:
        changes, _ = c.pull_all()
        ids = {ch["id"] for ch in changes}
        assert good in ids and bad not in ids
        snap = c.get("/api/sync/snapshot", params={"entity": "partner"})
        assert snap.status_code == 200 and bad not in snap.text
        assert c.get(f"/api/records/partner/{bad}").status_code == 404
        assert c.get("/api/partners").status_code == 200
        with deployment.org.engine.connect() as conn:
            listed = {r.record_id: r for r in conn.execute(select(quarantine))}
        assert listed[bad].found_by in ("pull", "snapshot") and listed[bad].field == "revenue_share"

        out = subprocess.run([sys.executable, str(ROOT / "main.py"), "server", "check", "--db",
                              deployment.db_url.replace("postgresql+psycopg://", "postgresql://")], capture_output=True, text=True, encoding="utf-8",
                             timeout=120, cwd=ROOT, check=False)
        assert out.returncode == 1, out.stderr
        report = json.loads(out.stdout)
        found = {(p["entity"], p["id"], p["field"]) for p in report["problems"]}
        assert ("partner", bad, "revenue_share") in found
        assert ("contact", "not/a-uuid", "id") in found
        assert "break the field contract" in out.stderr
        with deployment.org.engine.connect() as conn:
            assert {r.record_id for r in conn.execute(select(quarantine))} >= {bad, "not/a-uuid"}
    finally:
        # leave the shared deployment clean for the other tests of this package
        _insert_bad_partner(deployment, bad, name, 1.0)
        with write_tx(deployment.org.engine) as conn:
            conn.execute(ENTITY_TABLES["contact"].delete().where(ENTITY_TABLES["contact"].c.id == "not/a-uuid"))
        c.close()


def test_the_encoder_never_writes_what_json_cannot_carry():
    for value in (math.inf, -math.inf, math.nan, {"a": [math.nan]}, "x\ud800", ["\udfff"]):
        with pytest.raises(ValueError):
            contract.dumps(value)
    assert json.loads(contract.dumps({"注": "好", "n": 1.5})) == {"注": "好", "n": 1.5}
