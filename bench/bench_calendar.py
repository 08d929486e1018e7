"""Calendar benchmark (issue 15) on the shared 5,000-partner / 100,000-meeting profile:
the month view painted after a navigation (PgUp/PgDn, p95 ≤ 50 ms), the reminder
scan at start (≤ 20 ms) and "suggest a week" (≤ 200 ms).

    .venv/bin/python bench/bench_calendar.py            # writes docs/benchmarks.md
    .venv/bin/python bench/bench_calendar.py --no-write

The profile is bench_workspace.py's (built there when missing). The scan and the
suggestion are timed as the app runs them: on the partners' overviews the window
has already loaded for Today and Partners (they are on screen before either runs);
the same operations with the overviews computed afresh are reported beside them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_workspace import ACTIONS, MEETINGS, PARTNERS, SEED, build_profile
from common import (
    fmt_ms,
    machine_line,
    median,
    open_bench_database,
    percentile,
    time_ms,
    verdict,
    write_section,
)

TARGETS = {"month_p95_ms": 50.0, "scan_ms": 20.0, "suggest_ms": 200.0}
#: the shared profile plans ~100 visits a day already (5% of 100,000 meetings within
#: 45 days): a limit above that, so that the suggestion has room to propose
SUGGEST_PER_DAY = 150


class _Settings:
    language = "en"

    def cadence(self) -> dict[str, int]:
        return {}


def measure_navigation(store, today: dt.date, steps: int) -> dict:
    """Milliseconds from a PgUp/PgDn key press in the month view to the grid painted
    with the new month's meetings and due partners (the db lane's query included)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.jobs import JobRunner
    from ui.app_context import AppContext
    from ui.calendar_view import CalendarView

    app = QApplication.instance() or QApplication([])
    jobs = JobRunner()
    ctx = AppContext(store, jobs, _Settings(), today=lambda: today)
    view = CalendarView(ctx)
    view.resize(1280, 800)
    view.show()
    loaded, painted, painted_at_load = [0], [0], [0]

    def on_loaded() -> None:
        loaded[0] += 1
        painted_at_load[0] = painted[0]  # the data is set: the next paint shows it

    view.loaded.connect(on_loaded)
    view.grid.painted.connect(lambda: painted.__setitem__(0, painted[0] + 1))

    def wait(cond, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError("the calendar did not load")
            app.processEvents()
            time.sleep(0.0005)

    wait(lambda: loaded[0] >= 1)  # the first load (every partner's overview) is not timed
    view.grid.setFocus()
    times: list[float] = []
    cells: list[int] = []
    for i in range(steps):
        # back through the past year's months (full of meetings) and forward again
        key = Qt.Key.Key_PageUp if (i // 12) % 2 == 0 else Qt.Key.Key_PageDown
        want_loaded = loaded[0] + 1
        t0 = time.perf_counter()
        QTest.keyClick(view.grid, key)
        wait(lambda n=want_loaded: loaded[0] >= n and painted[0] > painted_at_load[0])
        times.append((time.perf_counter() - t0) * 1000)
        cells.append(sum(view.data_.meeting_counts.values()))
        QCoreApplication.processEvents()
    view.close()
    jobs.db.wait_idle(10)
    jobs.shutdown()
    return {"times": times, "meetings_per_month": median([float(c) for c in cells])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--steps", type=int, default=36, help="month navigations timed")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    from models import insights, planning, reminders
    from models.store import Store

    root, _ = build_profile(PARTNERS, MEETINGS, ACTIONS, SEED)
    info = json.loads((root / "complete.json").read_text(encoding="utf-8"))
    today = dt.date.fromisoformat(info.get("built") or dt.date.today().isoformat())
    store = Store(open_bench_database(root / "channelkeeper.db"))
    counts = {k: store.count(k) for k in ("partner", "meeting", "action_item", "contact")}
    overviews = insights.partner_overviews(store, today)
    # what Today loaded at start: the key dates of the next 30 days (all of them)
    key_dates, _n = insights.nearest_key_dates(store, today, 30)
    scan = time_ms(lambda: reminders.scan(store, today, 7, overviews=overviews,
                                          key_dates=key_dates), repeat=args.repeat)
    scan_fresh = time_ms(lambda: reminders.scan(store, today, 7), repeat=max(3, args.repeat // 3))
    found = reminders.scan(store, today, 7, overviews=overviews)
    suggest = time_ms(lambda: planning.suggest_week(
        store, overviews, today, per_day=SUGGEST_PER_DAY), repeat=args.repeat)
    suggest_fresh = time_ms(lambda: planning.suggest_week(
        store, insights.partner_overviews(store, today), today, per_day=SUGGEST_PER_DAY),
        repeat=max(3, args.repeat // 3))
    proposed = planning.suggest_week(store, overviews, today, per_day=SUGGEST_PER_DAY)
    nav = measure_navigation(store, today, args.steps)
    store.db.conn.close()

    month = nav["times"]
    month_note = (f"median {fmt_ms(median(month))}, {len(month)} navigations, "
                  f"~{nav['meetings_per_month']:.0f} meetings a month")
    scan_note = (f"p95 {fmt_ms(percentile(scan, 95))}; {found.total} reminders: "
                 + ", ".join(f"{k} {v}" for k, v in found.counts.items()))
    suggest_note = (f"p95 {fmt_ms(percentile(suggest, 95))}; {len(proposed)} visits "
                    f"proposed ({SUGGEST_PER_DAY} a day: the profile's days already hold "
                    "about a hundred planned visits each)")
    rows = [
        ("Month view painted after PgUp/PgDn (db-lane query + paint), p95",
         percentile(month, 95), TARGETS["month_p95_ms"], month_note),
        (("Reminder scan at start (on the overviews and key dates Today already loaded), "
          "median"), median(scan), TARGETS["scan_ms"], scan_note),
        ("Suggest a week (on the loaded overviews), median", median(suggest),
         TARGETS["suggest_ms"], suggest_note),
    ]
    profile_line = (f"Profile: {counts['partner']:,} partners, {counts['meeting']:,} meetings, "
                    f"{counts['action_item']:,} action items, {counts['contact']:,} contacts "
                    f"(`{root.name}`), day {today}. {machine_line()}.")
    lines = ["## Calendar: month view, reminders, suggest a week (issue 15)", "", profile_line, "",
             "| measurement | result | target | verdict | notes |", "|---|---|---|---|---|"]
    for name, value, target, note in rows:
        lines.append(f"| {name} | {fmt_ms(value)} | ≤ {fmt_ms(target)} | "
                     f"{verdict(value, target)} | {note} |")
    fresh_scan = ("| … the scan with every partner's overview computed afresh (the command "
                  f"line's case), median | {fmt_ms(median(scan_fresh))} | — | — | "
                  "not on the app's start path |")
    fresh_suggest = ("| … suggest a week with the overviews computed afresh, median | "
                     f"{fmt_ms(median(suggest_fresh))} | — | — | "
                     "the calendar reuses the overviews it shows |")
    rerun = ("Re-run: `.venv/bin/python bench/bench_calendar.py` (offscreen Qt; "
             f"{args.repeat} repetitions of the scan and the suggestion, {args.steps} month "
             "navigations). The machine is shared: medians are quoted, and p95 where the "
             "target is a p95. At load 10-12 on 2 cores, runs minutes apart differed by up "
             "to 2x, p95 most (stalls of a few hundred ms); the month view's median was "
             "48-110 ms in three runs of this version (90-280 ms for earlier ones), the "
             "scan's 18-83 ms; a month's parts measured apart in one run: the database lane's "
             "load 20-40 ms (a count over the covering index of migration 0012 and each "
             "day's first eight by a range read; numbering the month's ~11,000 meetings "
             "with a window function took 40-85 ms, and in one A/B 70 ms without the "
             "index against 32 ms with it), the "
             "paint 11-23 ms (~200 Chinese names laid out once; 35-45 ms before). "
             "The figures to trust are a quiet machine's.")
    lines += [fresh_scan, fresh_suggest, "", rerun]
    md = "\n".join(lines)
    print(md)
    if not args.no_write:
        write_section("calendar", md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
