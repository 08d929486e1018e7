"""Guards for the start-up and filter performance work (issue 2 benchmark).

Timings on a shared machine are flaky, so these check the *shape* of the work instead:
the faster queries give the same answers as straightforward reference versions, a
filter keystroke costs one pass over the rows and one layout signal, Today shows a
capped list with a way to see everything, and the workspace is built on first use.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableView

from desktop import app as desktop_app
from desktop.jobs import JobRunner, Pending
from desktop.paths import Profile
from desktop.settings import Settings
from models import demo_data, domain, insights
from models.database import open_memory_database
from models.search_index import name_order
from models.store import Store
from tests.keys import open_test_database
from tests.test_app_shell import open_window
from ui import today_view
from ui.app_context import AppContext
from ui.main_window import PAGE_PARTNERS, PAGE_TODAY, PAGE_WORKSPACE
from ui.partner_table_model import PartnerFilterProxy, PartnerTableModel
from ui.partners_view import PartnersView

ROOT = Path(__file__).resolve().parent.parent

TODAY = dt.date(2026, 11, 27)


# --- the queries: same answers as the plain versions --------------------------------------


def reference_overviews(store: Store, today: dt.date) -> list[dict]:
    """Every partner's overview the slow, obvious way: per partner, in Python."""
    out = []
    for p in store.rows("partner", order_by=name_order("partner")):  # by pinyin
        meetings = store.rows("meeting", "partner_id = ?", [p["id"]])
        held = [m["starts_at"] for m in meetings if (m["status"] or "held") == "held"
                and m["starts_at"] <= today.isoformat() + " 23:59"]
        since = (today - dt.timedelta(days=insights.CANCELLED_WINDOW_DAYS)).isoformat()
        cancelled = sum(1 for m in meetings if m["status"] == "cancelled"
                        and m["starts_at"] >= since)
        actions = [a for a in store.rows("action_item", "partner_id = ?", [p["id"]])
                   if a["status"] in ("open", "in_progress")]
        overdue = sum(1 for a in actions if a["owner_side"] == "partner" and a["due_on"]
                      and a["due_on"] < today.isoformat())
        kpis = store.rows("kpi_snapshot", "partner_id = ?", [p["id"]], order_by="period DESC")
        history = [(k["sales"], k["target"]) for k in kpis[:3]]
        met = dt.date.fromisoformat(max(held)[:10]) if held else None
        planned = [m["starts_at"] for m in meetings if m["status"] == "planned"
                   and m["starts_at"] >= today.isoformat()]
        planned_on = dt.date.fromisoformat(min(planned)[:10]) if planned else None
        created_on = dt.date.fromisoformat(p["created_at"][:10])
        status = str(domain.visit_status(met, p["tier"], today, created_on=created_on,
                                         planned_on=planned_on))
        touches = [t["happened_on"] for t in store.rows("touchpoint", "partner_id = ?", [p["id"]])
                   if t["happened_on"] <= today.isoformat()]
        last_touch = dt.date.fromisoformat(max(touches)) if touches else None
        cadence = domain.cadence_days()[p["tier"]]
        # replies: partner-owned items from the day we asked to the day they were done
        window = (today - dt.timedelta(days=insights.REPLY_WINDOW_DAYS)).isoformat()
        replies = [(a["done_on"], (dt.date.fromisoformat(a["done_on"])
                                   - dt.date.fromisoformat(a["opened_on"])).days)
                   for a in store.rows("action_item", "partner_id = ?", [p["id"]])
                   if a["owner_side"] == "partner" and a["done_on"] and a["opened_on"]
                   and a["done_on"] <= today.isoformat()]
        recent = [d for on, d in replies if on >= window]
        usual = [d for on, d in replies if on < window]
        recent_avg = (sum(recent) / len(recent)
                      if len(recent) >= insights.REPLY_MIN_RECENT else None)
        usual_avg = sum(usual) / len(usual) if len(usual) >= insights.REPLY_MIN_HISTORY else None
        signs = []
        if status == "overdue" and (last_touch is None or (today - last_touch).days > cadence):
            signs.append("no_contact")
        if overdue:
            signs.append("partner_actions_overdue")
        if cancelled:
            signs.append("meetings_cancelled")
        # latest sales under 90% of target, or falling three periods running
        sales = [k for k, _ in history]
        if history and sales[0] is not None and (
                (history[0][1] and sales[0] < insights.SLIPPING_RATIO * history[0][1])
                or (len(sales) == 3 and None not in sales and sales[0] < sales[1] < sales[2])):
            signs.append("targets_slipping")
        if (recent_avg is not None and usual_avg is not None
                and recent_avg >= usual_avg * insights.REPLY_SLOWER_RATIO
                and recent_avg - usual_avg >= insights.REPLY_SLOWER_DAYS):
            signs.append("slower_replies")
        ratio = (history[0][0] / history[0][1]
                 if history and history[0][0] is not None and history[0][1] else None)
        out.append({"id": p["id"], "last_met": met, "visit_status": status,
                    "next_planned": planned_on,
                    "due_on": domain.visit_due_on(met, p["tier"], created_on=created_on,
                                                  planned_on=planned_on),
                    "days_since": (today - met).days if met else None,
                    "open_actions": len(actions), "overdue_partner_actions": overdue,
                    "cancelled_recent": cancelled, "target_ratio": ratio, "signs": signs,
                    "last_touch": last_touch,
                    "reply_days_recent": recent_avg, "reply_days_usual": usual_avg})
    return out


@pytest.fixture(scope="module")
def demo_store():
    store = Store(open_memory_database())
    demo_data.generate(store, partners=30, meetings=400, actions=400, seed=5)
    partners = store.rows("partner")
    # the corners the grouped SQL must get right: a meeting without a status, a
    # deleted meeting, KPI rows without sales, an action without a due date
    store.apply_remote("meeting", {"id": "m-null", "partner_id": partners[0]["id"],
                                   "type": "visit", "status": None,
                                   "starts_at": "2026-11-26 09:00"}, version=1)
    gone = store.create("meeting", {"partner_id": partners[1]["id"], "type": "visit",
                                    "status": "held", "starts_at": "2026-11-27 08:00"})
    store.delete("meeting", gone["id"])
    store.apply_remote("kpi_snapshot", {"id": "k-null", "partner_id": partners[2]["id"],
                                        "period": "2099-01", "sales": None, "target": 10.0},
                       version=1)
    return store


@pytest.mark.parametrize("day", [TODAY, dt.date(2026, 3, 1), dt.date(2027, 12, 20)])
def test_partner_overviews_match_the_plain_per_partner_answer(demo_store, day):
    got = insights.partner_overviews(demo_store, day)
    want = reference_overviews(demo_store, day)
    assert [o.id for o in got] == [w["id"] for w in want]
    for o, w in zip(got, want, strict=True):
        assert {k: getattr(o, k) for k in w} == w, o.id


@pytest.mark.parametrize("sales, target, before, earlier, slipping", [
    (89, 100, None, None, True),     # under 90% of the target
    (90, 100, None, None, False),    # at 90%
    (50, 0, None, None, False),      # no target set
    (80, None, 90, 100, True),       # falling three periods running
    (80, None, 90, None, False),     # only two periods known
    (80, None, 100, 90, False),      # fell once, rose before
    (95, 100, 96, 97, True),         # falling, though within 90% of the target
    (None, 100, 120, 130, False),    # no sales figure for the latest period
])
def test_targets_slip_under_nine_tenths_or_three_periods_falling(sales, target, before, earlier,
                                                                 slipping):
    assert insights.targets_slipping(sales, target, before, earlier) is slipping


def test_limited_due_actions_are_the_most_urgent_and_counts_cover_all(demo_store):
    full = insights.actions_due(demo_store, TODAY)
    assert len(full) > 20
    key = [(r["due_on"], r["severity"]) for r in full]
    for limit in (1, 7, 20, len(full), len(full) + 5):
        part = insights.actions_due(demo_store, TODAY, limit=limit)
        assert [(r["due_on"], r["severity"]) for r in part] == key[:limit]
        assert {r["id"] for r in part} <= {r["id"] for r in full}
    total, overdue = insights.actions_due_counts(demo_store, TODAY)
    assert (total, overdue) == (len(full), sum(1 for r in full if r["overdue"]))


def test_key_dates_prefilter_drops_nothing(store):
    p = store.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    days = ["1980-01-01", "1985-02-28", "1988-02-29", "1990-03-01", "1979-12-31",
            "1992-12-15", "1970-06-30", "2001-11-27", "1999-11-26"]
    for i, d in enumerate(days):
        store.create("contact", {"partner_id": p["id"], "name": f"联系人{i}", "birthday": d,
                                 "company_anniversary": days[-1 - i]})
    for today in (TODAY, dt.date(2026, 12, 20), dt.date(2027, 2, 20), dt.date(2028, 2, 15),
                  dt.date(2027, 12, 31), dt.date(2026, 1, 1), dt.date(2027, 3, 1)):
        for window in (0, 1, 5, 30, 90, 364, 400):
            want = _key_dates_by_hand(store, today, window)
            assert insights.upcoming_key_dates(store, today, window) == want, (today, window)
            # the first few and the count, as Today asks for them
            first, total = insights.nearest_key_dates(store, today, window, limit=3)
            assert (first, total) == (want[:3], len(want)), (today, window)


def next_occurrence(d: dt.date, today: dt.date) -> dt.date:
    """The next anniversary of ``d`` on or after ``today`` (29 Feb → 1 Mar), by hand."""
    for year in (today.year, today.year + 1):
        try:
            cand = d.replace(year=year)
        except ValueError:
            cand = dt.date(year, 3, 1)
        if cand >= today:
            return cand
    return cand


def _key_dates_by_hand(store, today: dt.date, days: int) -> list[dict]:
    """The rule written out row by row in Python (as insights computed it before the
    statement did): the next occurrence
    on or after today, 29 February on 1 March in a common year; nearest first, then
    in the contacts' order, birthday first."""
    out = []
    for c in store.query(
            "SELECT c.id, c.name, c.role, c.partner_id, c.birthday, c.company_anniversary,"
            " coalesce(p.name_zh, p.name_en) AS partner_name FROM contacts c"
            " JOIN partners p ON p.id = c.partner_id AND p.deleted = 0"
            " WHERE c.deleted = 0 ORDER BY c.rowid"):
        for kind in ("birthday", "company_anniversary"):
            if not c[kind]:
                continue
            when = next_occurrence(dt.date.fromisoformat(c[kind]), today)
            if (when - today).days <= days:
                out.append({**c, "kind": kind, "date": when, "in_days": (when - today).days})
    out.sort(key=lambda r: r["date"])
    return out


# --- the partner filter: one pass, one signal per keystroke ---------------------------------


def _rows(n: int) -> list[insights.PartnerOverview]:
    rng = random.Random(3)
    cities = ["上海", "北京", "深圳", "成都"]
    return [insights.PartnerOverview(
        id=str(i), name_zh=f"{rng.choice(cities)}{rng.choice(['贸易', '科技', '分销'])}{i}",
        name_en=f"Trading {i}", tier=rng.choice(["core", "ordinary"]), stage="mature",
        region=rng.choice(cities), status="active", last_met=None, days_since=None,
        visit_status=rng.choice(["ok", "due", "overdue"])) for i in range(n)]


def test_a_keystroke_is_one_pass_and_one_layout_change(qapp, monkeypatch):
    model = PartnerTableModel()
    model.set_rows(_rows(2000))
    proxy = PartnerFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(800, 600)
    view.show()
    QCoreApplication.processEvents()
    calls = []
    original = PartnerFilterProxy.filterAcceptsRow
    monkeypatch.setattr(PartnerFilterProxy, "filterAcceptsRow",
                        lambda self, row, parent: calls.append(row) or original(self, row, parent))
    signals: list[str] = []
    for name in ("rowsRemoved", "rowsInserted", "layoutChanged", "modelReset"):
        getattr(proxy, name).connect(lambda *a, name=name: signals.append(name))
    changes = 0
    for text in ("上", "上海", "上海贸", "上海", "深圳 9", ""):
        before = proxy.rowCount()
        calls.clear()
        signals.clear()
        proxy.set_text(text)
        QCoreApplication.processEvents()
        if proxy.rowCount() == before:  # the same rows ("上" only occurs in "上海")
            assert signals == [], (text, signals)
            continue
        changes += 1
        # however many rows come and go: one signal, and Qt asks about each row once
        assert signals == ["layoutChanged"], (text, signals)
        assert len(calls) <= model.rowCount(), (text, len(calls))
    assert changes == 5
    assert proxy.rowCount() == 2000
    view.close()


# --- Today: the most urgent rows first, all on request ---------------------------------------


@pytest.fixture
def ctx(store, tmp_path, qapp):
    jobs = JobRunner()
    context = AppContext(store, jobs, Settings(tmp_path / "settings.ini"), today=lambda: TODAY)
    yield context
    jobs.shutdown()


def test_today_lists_are_capped_with_a_show_all_link(qtbot, ctx, store, monkeypatch):
    monkeypatch.setattr(today_view, "LIST_LIMIT", 3)
    p = store.create_partner(name_zh="成都渠道", tier="ordinary", stage="mature")
    for i in range(5):  # ordinary + medium: due a week or more after opening
        store.create_action_item(partner_id=p["id"], title=f"跟进事项{i}",
                                 opened_on=f"2026-10-0{i + 1}")
    view = today_view.TodayView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    section = view.actions
    assert section.model.rowCount() == 3
    assert section.title.text() == "Action items due (5)"
    assert not section.more.isHidden()
    assert "first 3 of 5" in section.more.text()
    # the card counts every overdue action, not only the three shown
    assert view.card("actions_late").figure.text() == "5"
    section.more.linkActivated.emit("all")
    qtbot.waitUntil(lambda: section.model.rowCount() == 5, timeout=5000)
    assert section.more.isHidden()
    # a later reload keeps showing them all
    store.create_action_item(partner_id=p["id"], title="新增事项", opened_on="2026-10-09")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert section.model.rowCount() == 6
    assert section.title.text() == "Action items due (6)"


def test_key_dates_are_capped_and_the_rest_load_on_request(qtbot, ctx, store, monkeypatch):
    monkeypatch.setattr(today_view, "LIST_LIMIT", 2)
    p = store.create_partner(name_zh="杭州渠道", tier="core", stage="mature")
    for i, day in enumerate(("1980-12-01", "1985-11-29", "1990-12-20", "1975-12-05")):
        store.create("contact", {"partner_id": p["id"], "name": f"联系人{i}", "birthday": day})
    view = today_view.TodayView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    section = view.key_dates
    assert view.data_.key_dates_total == 4 and len(view.data_.key_dates) == 2
    # the nearest two, the count of all four
    assert [section.model.display_text(r, 3) for r in range(2)] == ["联系人1", "联系人0"]
    assert section.title.text() == "Key dates in the next 30 days (4)"
    assert "first 2 of 4" in section.more.text()
    section.more.linkActivated.emit("all")
    qtbot.waitUntil(lambda: section.model.rowCount() == 4, timeout=5000)
    assert section.more.isHidden()
    # a later reload keeps all of them
    store.create("contact", {"partner_id": p["id"], "name": "联系人4", "birthday": "1970-12-10"})
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert section.model.rowCount() == 5


# --- the window: the workspace is built when first needed --------------------------------------


def test_workspace_is_built_on_first_use(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    store = Store(open_test_database(profile.database))
    partner = store.create_partner(name_zh="华南渠道", tier="core", stage="mature")
    store.db.conn.close()
    window = open_window(qtbot, profile)
    assert window._workspace is None
    window.show_page(PAGE_WORKSPACE)  # no partner open: stays put, nothing built
    assert window.current_page() == PAGE_TODAY
    assert window._workspace is None
    window.open_partner(partner["id"])
    assert window._workspace is not None
    assert window.pages.widget(PAGE_WORKSPACE) is window.workspace
    assert window.current_page() == PAGE_WORKSPACE
    assert window.workspace.current_partner_id() == partner["id"]
    window.close()


# --- a fresh interpreter ------------------------------------------------------------------------


def _fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter started in the project folder."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_partners_page_is_built_when_first_shown(qtbot, tmp_path):
    """The app starts on Today; the Partners page's widgets are built when it is first
    shown, with the rows, regions and count the load brought meanwhile."""
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh="华东渠道", tier="core", stage="mature", region="华东")
    store.create_partner(name_zh="华南渠道", tier="ordinary", stage="mature", region="华南")
    store.create_partner(name_en="Summit Trading", tier="emerging", stage="intro", region="华南")
    # on the books since January: never visited, so overdue
    store.db.execute("UPDATE partners SET created_at = '2026-01-05 09:00:00'")
    store.db.conn.commit()
    store.db.conn.close()
    window = open_window(qtbot, profile)
    assert not window.partners.built
    assert window.partners.model.rowCount() == 3  # the rows are there, the table is not
    assert window.partners.selected_partner_id() is None and not window.partners.built
    window.show_page(PAGE_PARTNERS)
    assert window.partners.built
    table = window.partners.table
    assert table.isVisible() and table.model().rowCount() == 3
    assert window.partners.count_label.text() == "Partners: 3"
    regions = window.partners.region_combo
    assert [regions.itemText(i) for i in range(regions.count())] == ["All regions", "华东", "华南"]
    # the table's order (visit status first, then by name as loaded) is the model's
    # from the start; these three were never visited: all overdue, so by name
    statuses = [table.model().index(r, 7).data() for r in range(3)]
    assert statuses == sorted(statuses, key=["Overdue", "Due", "OK"].index)
    names = [table.model().index(r, 0).data() or table.model().index(r, 1).data()
             for r in range(3)]
    # by pinyin, Latin names among them by their letters: hua dong, hua nan, summit
    assert names == ["华东渠道", "华南渠道", "Summit Trading"]
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        7, Qt.SortOrder.AscendingOrder)
    window.partners.set_filter_text("华南")
    assert window.partners.count_label.text() == "Partners shown: 2 of 3"
    window.close()


def test_reaching_for_a_partners_widget_builds_the_page(qtbot, ctx):
    view = PartnersView(ctx)
    qtbot.addWidget(view)
    assert not view.built
    assert view.search.objectName() == "partner_filter_text"
    assert view.built and view.table.model() is view.proxy
    with pytest.raises(AttributeError):
        view.no_such_widget  # noqa: B018


# --- the first load starts before the interface is imported -----------------------------------


def test_the_first_load_starts_before_the_interface_is_imported(tmp_path):
    """``start_app`` opens the profile and starts the first
    load in the database lane before any widget code is imported, so the queries run
    while the interface is imported and built. Checked in a fresh interpreter."""
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    store.db.conn.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.session import prepare_profile\n"
        "from desktop.paths import Profile\n"
        f"opened = prepare_profile(Profile(Path({str(profile.root)!r})))\n"
        "widgets = [m for m in ('PySide6.QtWidgets', 'ui.main_window', 'ui.today_view')"
        " if m in sys.modules]\n"
        "started = opened.first_load is not None\n"
        "opened.jobs.db.wait_idle(30)\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "answers = []\n"
        "opened.first_load.attach(answers.append, answers.append)\n"
        "app.processEvents()\n"
        "generation, overviews, data, ms = answers[0]\n"
        "print(widgets, started, [o.name_zh for o in overviews])\n"
        "opened.close()\n"
    )
    assert _fresh_python(code).strip() == "[] True ['华东渠道']"


def test_a_pending_answer_reaches_whoever_attaches_whenever_it_comes():
    first = Pending("a", 1)
    assert first.args == ("a", 1)
    got: list = []
    first.attach(got.append, lambda exc: got.append(("error", exc)))
    first.done(42)
    assert got == [42]
    early = Pending()
    early.done("came first")
    early.attach(got.append, got.append)
    assert got == [42, "came first"]
    failing = Pending()
    boom = RuntimeError("disk on fire")
    failing.failed(boom)
    failing.attach(got.append, lambda exc: got.append(("error", exc)))
    assert got[-1] == ("error", boom)


def test_a_locked_profile_is_reported_after_the_app_exists(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.profile_lock import ProfileLock

    profile = Profile(tmp_path / "profile")
    profile.ensure()
    held = ProfileLock(profile.lock_file)
    held.acquire()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text, *a: shown.append(title)))
    _app, session = desktop_app.start_app(profile, [], offer_demo=False)
    assert session is None and shown == ["ChannelKeeper is already open"]
    held.release()
