"""The .ics export of planned visits, parsed back with icalendar: location, agenda,
times in China's zone, and UIDs stable across exports (a re-export updates the
imported visits rather than adding them again); from main.py calendar and the store."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from desktop.cli import main
from models import planning
from models.export.ics_export import export_ics, uid_of
from models.store import Store
from tests.keys import open_test_database


@pytest.fixture
def seeded(tmp_path):
    root = tmp_path / "profile"
    store = Store(open_test_database(root / "channelkeeper.db"))
    east = store.create_partner(name_zh="华东渠道分销商", name_en="East China Distribution",
                                tier="core", stage="mature", address="上海市浦东新区张江路 88 号")
    south = store.create_partner(name_zh="华南新兴渠道", tier="emerging", stage="intro")
    first = planning.plan_visit(store, east["id"], dt.datetime(2026, 12, 2, 14, 30))
    second = planning.plan_visit(store, south["id"], dt.datetime(2026, 12, 4, 9, 0),
                                 "training", "en")
    store.update("meeting", second["id"], {"location": "深圳南山门店"})
    # a held meeting and one outside the period are not exported
    store.create("meeting", {"partner_id": east["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-12-03 10:00"})
    planning.plan_visit(store, east["id"], dt.datetime(2027, 1, 20, 10, 0))
    store.db.conn.close()
    return {"root": root, "first": first, "second": second}


def _events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_cli_writes_planned_visits_that_parse_back(seeded, tmp_path, capsys):
    out = tmp_path / "visits.ics"
    assert main(["calendar", "--profile", str(seeded["root"]), "--from", "2026-12-01",
                 "--to", "2026-12-31", "--out", str(out)]) == 0
    assert "2 planned visits written" in capsys.readouterr().out
    events = _events(out)
    first, second = seeded["first"], seeded["second"]
    assert set(events) == {uid_of(first["id"]), uid_of(second["id"])}
    e1 = events[uid_of(first["id"])]
    assert str(e1["summary"]) == "拜访: 华东渠道分销商"
    assert str(e1["location"]) == "上海市浦东新区张江路 88 号"  # the partner's address
    assert str(e1["description"]) == first["agenda"] and first["agenda"]
    start = e1.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert start.replace(tzinfo=None) == dt.datetime(2026, 12, 2, 14, 30)
    assert e1.decoded("dtend") - start == dt.timedelta(minutes=90)
    e2 = events[uid_of(second["id"])]
    assert str(e2["location"]) == "深圳南山门店"  # the meeting's own place wins
    assert str(e2["summary"]) == "培训赋能: 华南新兴渠道"


def test_a_re_export_keeps_the_uids_and_carries_the_move(seeded, tmp_path):
    out1, out2 = tmp_path / "a.ics", tmp_path / "b.ics"
    store = Store(open_test_database(seeded["root"] / "channelkeeper.db"))
    try:
        assert export_ics(store, out1, dt.date(2026, 12, 1), dt.date(2026, 12, 31)) == 2
        # the same data again: the very same file (nothing in it depends on when)
        export_ics(store, out2, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
        assert out1.read_bytes() == out2.read_bytes()
        planning.move_visit(store, seeded["first"]["id"], dt.date(2026, 12, 9))
        export_ics(store, out2, dt.date(2026, 12, 1), dt.date(2026, 12, 31), lang="en")
    finally:
        store.db.conn.close()
    before, after = _events(out1), _events(out2)
    assert set(before) == set(after)
    uid = uid_of(seeded["first"]["id"])
    assert after[uid].decoded("dtstart").date() == dt.date(2026, 12, 9)
    assert str(after[uid]["summary"]) == "Visit: 华东渠道分销商"


def test_one_visit_and_bad_input(seeded, tmp_path, capsys):
    store = Store(open_test_database(seeded["root"] / "channelkeeper.db"))
    try:
        out = tmp_path / "one.ics"
        assert export_ics(store, out, meeting_ids=[seeded["second"]["id"]]) == 1
        assert set(_events(out)) == {uid_of(seeded["second"]["id"])}
    finally:
        store.db.conn.close()
    args = ["calendar", "--profile", str(seeded["root"]), "--out", str(tmp_path / "x.ics")]
    assert main([*args, "--from", "2026-12-31", "--to", "2026-12-01"]) == 2
    assert "--to is before --from" in capsys.readouterr().err
    assert main(["calendar", "--profile", str(seeded["root"]), "--from", "2026-12-01",
                 "--to", "2026-12-31", "--out", str(tmp_path / "nowhere" / "x.ics")]) == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--from", "12/01/2026", "--to", "2026-12-31"])
    assert "is not a date" in capsys.readouterr().err
