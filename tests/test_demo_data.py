"""Demo data: realistic, varied, deterministic, written through the store (outbox
included), and the demo-data command's refusals."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter

import pytest

from desktop.commands import demo as demo_command
from desktop.profile_lock import ProfileLock
from models import demo_data, domain, insights
from models.database import open_memory_database
from models.errors import DatabaseLockedError
from models.store import Store
from models.templates import score_run
from tests.keys import open_test_database

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo() -> tuple[Store, dict]:
    store = Store(open_memory_database())
    counts = demo_data.generate(store, seed=7, today=TODAY)
    return store, counts


def test_counts_match_the_tables(demo):
    store, counts = demo
    assert counts["partners"] == store.count("partner") == 60
    assert counts["meetings"] == store.count("meeting") == 600
    assert counts["action_items"] == store.count("action_item") == 600
    assert counts["contacts"] == store.count("contact") >= 60
    assert counts["checklist_runs"] == store.count("checklist_run") > 0
    assert counts["kpi_snapshots"] == store.count("kpi_snapshot") == 60 * demo_data.KPI_MONTHS


def test_every_tier_stage_region_and_language(demo):
    store, _ = demo
    partners = store.rows("partner")
    assert {(p["tier"], p["stage"]) for p in partners} == {
        (str(t), str(s)) for t in domain.Tier for s in domain.Stage
    }
    regions = {p["region"] for p in partners}
    assert {"华东", "华南"} <= regions or len(regions & {"华东", "华南", "华北", "西南"}) >= 2
    assert any(p["name_en"] and not p["name_zh"] for p in partners)  # international resellers
    assert sum(1 for p in partners if p["name_zh"]) > len(partners) // 2
    assert len({p["name_zh"] or p["name_en"] for p in partners}) == len(partners)
    assert {p["status"] for p in partners} >= {"active", "paused"}


def test_contacts_have_roles_channels_and_key_dates_soon(demo):
    store, _ = demo
    contacts = store.rows("contact")
    assert all(c["role"] and c["phone"] and c["email"] for c in contacts)
    assert any(c["wechat"] for c in contacts)
    soon = insights.upcoming_key_dates(store, TODAY, days=30)
    assert soon and {r["kind"] for r in soon} >= {"birthday"}
    assert all(0 <= r["in_days"] <= 30 for r in soon)


def test_meetings_of_every_type_with_chinese_and_english_notes(demo):
    store, _ = demo
    meetings = store.rows("meeting")
    assert {m["type"] for m in meetings} == {str(t) for t in domain.MeetingType}
    assert {m["status"] for m in meetings} == {str(s) for s in domain.MeetingStatus}
    starts = sorted(m["starts_at"] for m in meetings if m["status"] == "held")
    assert starts[0] >= (TODAY - dt.timedelta(days=366)).isoformat()
    assert starts[-1] <= TODAY.isoformat() + " 23:59"
    held = [m for m in meetings if m["status"] == "held"]
    assert all(m["notes"] and m["agenda"] and m["decisions"] for m in held)
    assert any("渠道" in m["notes"] for m in held)
    assert any(m["notes"].isascii() for m in held)
    assert store.search("返点", entities=["meeting"])  # Chinese notes are searchable


def test_actions_cover_the_loop_both_sides_and_deadlines(demo):
    store, _ = demo
    actions = store.rows("action_item")
    assert {a["status"] for a in actions} == {str(s) for s in domain.ActionStatus}
    assert {a["owner_side"] for a in actions} == {"ours", "partner"}
    assert {a["severity"] for a in actions} == {str(s) for s in domain.Severity}
    tiers = {p["id"]: p["tier"] for p in store.rows("partner")}
    for a in actions:
        opened = dt.date.fromisoformat(a["opened_on"])
        assert (
            a["due_on"]
            == domain.response_deadline(tiers[a["partner_id"]], a["severity"], opened).isoformat()
        )
        if a["status"] == "feedback_given":
            assert a["started_on"] and a["done_on"] and a["feedback_on"] and a["feedback"]
            assert a["opened_on"] <= a["started_on"] <= a["done_on"] <= a["feedback_on"]
        if a["status"] == "open":
            assert a["started_on"] is None and a["done_on"] is None
    overdue = [r for r in insights.actions_due(store, TODAY) if r["overdue"]]
    assert overdue
    assert any(a["meeting_id"] for a in actions)


def test_checklist_runs_are_scored_by_their_template(demo):
    store, _ = demo
    templates = {t["id"]: t for t in store.rows("checklist_template")}
    runs = store.rows("checklist_run")
    for run in runs:
        assert (run["score"], run["completion"]) == score_run(
            templates[run["template_id"]]["sections"], run["answers"], run["stage"]
        )
        assert run["stage"]  # each review walks its stage's section
    assert any(r["completion"] < 1 for r in runs) and any(r["completion"] == 1 for r in runs)
    answers = [v["value"] for r in runs for v in json.loads(r["answers"]).values()]
    assert "no" in answers and "yes" in answers


def test_kpis_are_head_office_data(demo):
    store, _ = demo
    kpis = store.rows("kpi_snapshot")
    assert {k["version"] for k in kpis} == {1}
    periods = sorted({k["period"] for k in kpis})
    assert periods[0] == "2025-11" and periods[-1] == "2026-10"
    assert all(k["sales"] > 0 and k["target"] > 0 and 0 < k["repurchase_rate"] < 1 for k in kpis)
    assert all(o["entity"] != "kpi_snapshot" for o in store.outbox())


def test_portfolio_has_healthy_due_overdue_and_lying_flat_partners(demo):
    store, _ = demo
    overviews = insights.partner_overviews(store, TODAY)
    statuses = Counter(o.visit_status for o in overviews)
    assert statuses["ok"] and statuses["due"] and statuses["overdue"]
    flat = [o for o in overviews if o.lying_flat]
    assert 3 <= len(flat) <= len(overviews) // 2
    signs = Counter(s for o in overviews for s in o.signs)
    assert all(
        signs[s]
        for s in (
            insights.Sign.NO_CONTACT,
            insights.Sign.PARTNER_ACTIONS_OVERDUE,
            insights.Sign.MEETINGS_CANCELLED,
            insights.Sign.TARGETS_SLIPPING,
        )
    )


def test_every_local_record_is_in_the_outbox(demo):
    store, counts = demo
    local = sum(
        counts[k] for k in ("partners", "contacts", "meetings", "action_items", "checklist_runs",
                            "stage_changes", "touchpoints", "joint_goals")
    )
    ops = store.outbox()
    assert len(ops) == local and {o["op"] for o in ops} == {"create"}
    assert len({o["entity_id"] for o in ops}) == local


def _content(store: Store) -> dict:
    skip = {"created_at", "updated_at"}
    return {
        e: sorted(
            json.dumps({k: v for k, v in r.items() if k not in skip}, sort_keys=True)
            for r in store.rows(e)
        )
        for e in ("partner", "contact", "meeting", "action_item", "checklist_run", "kpi_snapshot")
    }


def test_deterministic_for_a_seed():
    a, b, c = (Store(open_memory_database()) for _ in range(3))
    for s, seed in ((a, 3), (b, 3), (c, 4)):
        demo_data.generate(s, partners=20, meetings=80, actions=80, seed=seed, today=TODAY)
    assert _content(a) == _content(b)
    assert _content(a)["meeting"] != _content(c)["meeting"]


def test_progress_is_reported_up_to_the_total():
    calls: list[tuple[int, int]] = []
    demo_data.generate(
        Store(open_memory_database()),
        partners=10,
        meetings=30,
        actions=30,
        today=TODAY,
        progress=lambda d, t: calls.append((d, t)),
    )
    done = [d for d, _ in calls]
    assert len(calls) > 3 and done == sorted(done)
    assert calls[-1][0] == calls[-1][1] == calls[0][1]


def test_second_run_adds_beside_the_first():
    store = Store(open_memory_database())
    demo_data.generate(store, partners=5, meetings=10, actions=10, today=TODAY)
    demo_data.generate(store, partners=5, meetings=10, actions=10, today=TODAY)  # same seed
    assert store.count("partner") == 10 and store.count("meeting") == 20


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError):
        demo_data.generate(Store(open_memory_database()), partners=0)


# --- the command ---------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    demo_command.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_command_fills_an_empty_profile(tmp_path, capsys):
    rc = _run(
        [
            "demo-data",
            "--profile",
            str(tmp_path / "p"),
            "--partners",
            "8",
            "--meetings",
            "20",
            "--actions",
            "20",
            "--today",
            "2026-11-27",
            "--quiet",
        ]
    )
    assert rc == 0
    out = capsys.readouterr().out
    assert "8  partners" in out and "20  meetings" in out
    store = Store(open_test_database(tmp_path / "p" / "channelkeeper.db"))
    assert store.count("partner") == 8 and store.pending_count() > 8
    store.db.conn.close()


def test_command_refuses_a_profile_with_partners_unless_forced(tmp_path, capsys):
    argv = [
        "demo-data",
        "--profile",
        str(tmp_path / "p"),
        "--partners",
        "3",
        "--meetings",
        "5",
        "--actions",
        "5",
        "--quiet",
    ]
    assert _run(argv) == 0
    capsys.readouterr()
    assert _run(argv) == 2
    assert "already has 3 partners" in capsys.readouterr().err
    assert _run([*argv, "--force"]) == 0
    store = Store(open_test_database(tmp_path / "p" / "channelkeeper.db"))
    assert store.count("partner") == 6
    store.db.conn.close()


def test_command_does_not_write_into_an_open_profile(tmp_path):
    root = tmp_path / "p"
    with (
        ProfileLock(root / "channelkeeper.lock"),
        pytest.raises(DatabaseLockedError, match="open in another ChannelKeeper"),
    ):
        _run(["demo-data", "--profile", str(root), "--partners", "2", "--quiet"])
    assert not (root / "channelkeeper.db").exists()


def test_a_demo_load_tells_listeners_once_per_entity_and_kind():
    store = Store(open_memory_database())
    heard = []
    store.subscribe(heard.append)
    demo_data.generate(store, partners=30, meetings=100, actions=100, today=TODAY)
    kinds = Counter((c.entity, c.kind) for c in heard)
    # KPIs arrive as head-office data in a few transactions, not one signal per row
    assert kinds[("kpi_snapshot", "remote")] <= 3
    kpi_ids = {i for c in heard if c.entity == "kpi_snapshot" for i in c.ids}
    assert len(kpi_ids) == 30 * demo_data.KPI_MONTHS
    assert {e for e, _ in kinds} >= {
        "partner",
        "contact",
        "meeting",
        "action_item",
        "checklist_run",
    }


def test_main_py_demo_data_end_to_end(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    profile = tmp_path / "p"
    cmd = [
        sys.executable,
        str(root / "main.py"),
        "demo-data",
        "--profile",
        str(profile),
        "--partners",
        "4",
        "--meetings",
        "8",
        "--actions",
        "8",
        "--quiet",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=root, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "4  partners" in done.stdout
    with ProfileLock(profile / "channelkeeper.lock"):  # as if the app had it open
        held = subprocess.run(
            [*cmd, "--force"], capture_output=True, text=True, cwd=root, timeout=120, check=False
        )
    assert held.returncode == 2
    assert "open in another ChannelKeeper window" in held.stderr


def test_the_demo_shows_every_part_of_the_method(demo):
    """Joint goals (annual, staged, at risk), stage histories, touchpoints with training,
    agreements up for renewal, tier terms of their own and slower replies."""
    from models import goals, playbook

    store, counts = demo
    assert counts["joint_goals"] == store.count("joint_goal") > 0
    assert store.count("joint_goal", "parent_id IS NOT NULL") > 0
    assert store.count("joint_goal", "kpi IS NULL AND actual IS NOT NULL") > 0
    assert goals.goals_at_risk(store, TODAY)
    assert store.count("stage_change") > 0 and store.count("touchpoint", "kind = 'training'") > 0
    assert playbook.renewals_due(store, TODAY)
    assert store.count("partner", "service_terms IS NOT NULL") > 0
    overviews = insights.partner_overviews(store, TODAY)
    assert any(insights.Sign.SLOWER_REPLIES in ov.signs for ov in overviews)
    assert any(ov.last_touch for ov in overviews)
