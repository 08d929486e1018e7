"""The Today page's figures and trend, computed without Qt from a real store."""
from __future__ import annotations

import datetime as dt

from models.today import load_today
from models.today_figures import cadence_trend

TODAY = dt.date(2026, 11, 27)


def _visit(store, partner, day: str, status: str = "held") -> None:
    store.create("meeting", {"partner_id": partner["id"], "type": "visit", "status": status,
                             "starts_at": f"{day} 10:00"})


def test_figures_count_what_is_late_due_waiting_and_coming(store):
    core = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    due = store.create_partner(name_zh="深圳新兴科技", tier="emerging", stage="intro")
    fine = store.create_partner(name_en="Northern Strategic", tier="strategic", stage="advanced")
    gone = store.create_partner(name_en="Deleted Partner", tier="core", stage="intro")
    _visit(store, core, "2026-09-01")           # 87 days: overdue for a core partner
    _visit(store, due, "2026-11-10")            # 17 of 21 days: due this week
    _visit(store, fine, "2026-11-25")
    late = store.create_action_item(partner_id=core["id"], title="提交联合活动方案",
                                    opened_on="2026-10-01")
    done = store.create_action_item(partner_id=fine["id"], title="补发培训资料",
                                    opened_on="2026-10-01")
    store.set_action_status(done["id"], "done")  # late too, but the work is done
    store.create_action_item(partner_id=gone["id"], title="不计入", opened_on="2026-10-01")
    store.delete("partner", gone["id"])
    store.create("contact", {"partner_id": due["id"], "name": "李丽华", "birthday": "1985-12-02"})
    store.create("contact", {"partner_id": due["id"], "name": "周静", "birthday": "1990-12-20"})

    data = load_today(store, TODAY, {})
    f = data.figures
    assert (f.partners, f.visits_overdue, f.visits_due_week) == (3, 1, 1)
    assert (f.actions_late, f.actions_awaiting_feedback) == (1, 1)
    assert f.key_dates_week == 1  # 2 December is within the week, the 20th is not
    # late work first, the done item after it, marked not late
    assert [a["id"] for a in data.actions] == [late["id"], done["id"]]
    assert [a["late"] for a in data.actions] == [True, False]


def test_key_dates_this_week_counted_past_a_cut_list(store):
    p = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    for n in range(5):
        store.create("contact", {"partner_id": p["id"], "name": f"联系人{n}",
                                 "birthday": "1980-11-29"})
    assert load_today(store, TODAY, {}, key_date_limit=3).figures.key_dates_week == 5


def test_key_dates_this_week_counted_to_the_sixth_day_past_a_cut_list(store):
    """The week's key dates are counted over all of them, today and the six days
    after it, however short the list Today shows is cut."""
    p = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    for n, day in enumerate(["1980-11-27", "1981-11-28", "1982-11-28", "1983-12-03",
                             "1984-12-04", "1985-12-20"]):
        store.create("contact", {"partner_id": p["id"], "name": f"联系人{n}", "birthday": day})
    for limit in (2, 4, None):
        data = load_today(store, TODAY, {}, key_date_limit=limit)
        assert data.figures.key_dates_week == 4, limit  # 4 December is a week away
        assert data.key_dates_total == 6


def test_due_actions_counted_in_all_past_a_cut_list(store):
    """Today's count of due actions covers all of them however short the list is cut,
    without a deleted partner's items or an item whose partner is not in the profile."""
    a = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    b = store.create_partner(name_en="Northern Strategic", tier="strategic", stage="advanced")
    gone = store.create_partner(name_en="Deleted Partner", tier="core", stage="intro")
    due = ["2026-11-20", "2026-11-26", "2026-11-27", "2026-11-28", "2026-12-01", "2026-12-04"]
    for n, day in enumerate(due):
        store.create_action_item(partner_id=(a, b)[n % 2]["id"], title=f"事项{n}", due_on=day)
        store.create_action_item(partner_id=gone["id"], title=f"不计入{n}", due_on=day)
    store.create_action_item(partner_id=a["id"], title="下月", due_on="2026-12-05")
    store.apply_remote("action_item", {"id": "a-orphan", "partner_id": "p-not-here",
                                       "title": "无主", "status": "open",
                                       "due_on": "2026-11-21"}, version=1)
    store.delete("partner", gone["id"])
    for limit in (1, 2, 5, 6, 7, None):
        data = load_today(store, TODAY, {}, action_limit=limit)
        assert (data.actions_total, data.actions_overdue) == (6, 2), limit
        assert [x["due_on"] for x in data.actions] == sorted(due)[:limit]


def test_trend_counts_partners_within_cadence_at_each_week_end(store):
    core = store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    ordinary = store.create_partner(name_zh="成都普通分销", tier="ordinary", stage="intro")
    store.create_partner(name_zh="从未拜访", tier="core", stage="intro")
    _visit(store, core, "2026-10-20")
    _visit(store, core, "2026-11-01", status="cancelled")  # not a visit
    _visit(store, ordinary, "2026-07-01")
    weeks = cadence_trend(store, TODAY, {})
    assert len(weeks) == 12 and weeks[-1].ends == TODAY
    assert weeks[0].ends == TODAY - dt.timedelta(weeks=11)
    assert all(w.partners == 3 for w in weeks)
    by_end = {w.ends: w.kept for w in weeks}
    # the ordinary partner (90 days) is kept until 29 September
    assert by_end[dt.date(2026, 9, 25)] == 1
    assert by_end[dt.date(2026, 10, 2)] == 0
    # the core partner (30 days) from its visit on 20 October to 19 November
    assert by_end[dt.date(2026, 10, 23)] == 1
    assert by_end[dt.date(2026, 11, 13)] == 1
    assert by_end[dt.date(2026, 11, 20)] == 0
    assert weeks[-1].kept == 0 and weeks[-1].share == 0.0
