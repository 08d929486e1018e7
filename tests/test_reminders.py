"""Reminders from a real store: response deadlines, partner-owned items to chase,
visits due, agreements up for renewal, birthdays and anniversaries, festivals stored
on contacts; preferences per kind and snooze; main.py reminders."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.cli import main
from models import reminders
from models.store import Store
from tests.keys import open_test_database

TODAY = dt.date(2026, 9, 20)  # 中秋 2026 is on 25 September, 重阳 on 18 October


def seed(store: Store) -> dict:
    store.clock = lambda: "2026-01-05 09:00:00"
    east = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature",
                                agreement_end="2026-10-31")
    west = store.create_partner(name_zh="西南新锐渠道", tier="ordinary", stage="mature",
                                agreement_end="2027-06-30")
    store.create("meeting", {"partner_id": west["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-09-01 10:00"})
    ours = store.create_action_item(partner_id=east["id"], title="答复返点结算问题",
                                    opened_on="2026-09-10", due_on="2026-09-19")
    store.create_action_item(partner_id=east["id"], title="下月答复", opened_on="2026-09-10",
                             due_on="2026-10-30")
    chase = store.create_action_item(partner_id=west["id"], title="提交季度库存报表",
                                     owner_side="partner", opened_on="2026-09-01",
                                     due_on="2026-09-15")
    store.create("contact", {"partner_id": east["id"], "name": "陈总", "birthday": "1975-09-23",
                             "festivals": "春节, 中秋节"})
    store.create("contact", {"partner_id": west["id"], "name": "赵经理",
                             "company_anniversary": "2018-09-26", "festivals": "中秋"})
    store.create("contact", {"partner_id": west["id"], "name": "Lee",
                             "festivals": "Christmas, Mid-Autumn Festival"})
    return {"east": east, "west": west, "ours": ours, "chase": chase}


def test_scan_finds_each_kind(store):
    w = seed(store)
    found = reminders.scan(store, TODAY, 7)
    assert found.counts == {"response": 1, "chase": 1, "visit": 1, "renewal": 1,
                            "birthday": 1, "anniversary": 1, "festival": 1}
    assert [(r.subject, r.day) for r in found.of("response")] == [
        ("答复返点结算问题", dt.date(2026, 9, 19))]
    assert found.of("chase")[0].record_id == w["chase"]["id"]
    # never visited since January (core, 30 days): the west partner was met in September
    assert [r.partner_id for r in found.of("visit")] == [w["east"]["id"]]
    assert [(r.subject, r.day) for r in found.of("birthday")] == [("陈总", dt.date(2026, 9, 23))]
    festival = found.of("festival")[0]
    assert (festival.subject, festival.day, festival.count) == (
        "mid_autumn", dt.date(2026, 9, 25), 3)
    # agreements are brought up 60 days ahead: the one ending 31 October is due now
    assert found.of("renewal")[0].day == dt.date(2026, 10, 31)
    earlier = reminders.scan(store, dt.date(2026, 8, 20), 7)
    assert earlier.counts["renewal"] == 0  # 72 days before it ends
    assert earlier.counts["festival"] == 0  # 中秋 is 36 days away: too far for a 7-day look


def test_prefs_turn_kinds_off_and_snooze(store):
    seed(store)
    assert reminders.load_prefs(store) == reminders.ReminderPrefs()
    prefs = reminders.ReminderPrefs(frozenset({"festival", "visit"}), dt.date(2026, 9, 22))
    reminders.save_prefs(store, prefs)
    loaded = reminders.load_prefs(store)
    assert loaded == prefs and loaded.snoozed(TODAY) and not loaded.snoozed(dt.date(2026, 9, 23))
    found = reminders.scan(store, TODAY, 7, loaded.enabled)
    assert set(found.counts) == {"festival", "visit"}


@pytest.fixture
def profile_root(tmp_path):
    root = tmp_path / "profile"
    store = Store(open_test_database(root / "channelkeeper.db"))
    seed(store)
    store.db.conn.close()
    return root


def test_reminders_command(profile_root, capsys):
    assert main(["reminders", "--profile", str(profile_root), "--date", "2026-09-20",
                 "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert "Response deadlines (1)\n  2026-09-19  答复返点结算问题 · 华东渠道分销商" in out
    assert "Partner-owned items to chase (1)" in out
    assert "Festivals (1)\n  2026-09-25  中秋节 Mid-Autumn Festival: 3 contacts" in out
    assert "Birthdays (1)\n  2026-09-23  陈总 · 华东渠道分销商" in out
    assert main(["reminders", "--profile", str(profile_root), "--date", "2026-09-20",
                 "--days", "-1"]) == 2
    assert "--days must be between 0 and 366" in capsys.readouterr().err


def test_a_deleted_partners_items_are_not_reminded(store):
    w = seed(store)
    store.delete("partner", w["west"]["id"])
    found = reminders.scan(store, TODAY, 7)
    assert found.counts["chase"] == 0 and found.counts["response"] == 1
    assert all(r.partner_id != w["west"]["id"] for r in found.items)
