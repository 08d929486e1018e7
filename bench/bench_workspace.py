"""Offline workspace benchmark: a 5,000-partner / 100,000-meeting / 100,000-action
profile, measured for cold start, filtering, Chinese search, autosave and memory.

Not a timed test: run it by hand (``python bench/bench_workspace.py``); it rewrites
the "Offline workspace" section of docs/benchmarks.md. The profile is built once with
models.demo_data and cached under bench/out/ (git-ignored); ``--rebuild`` forces it.
Start-up and RSS are measured in fresh subprocesses (``--probe``), each against a
bare PySide6 window started the same way in the same run (interleaved).
"""

from __future__ import annotations

import time

#: when this interpreter got going (the probes measure their phases from here)
STARTED = time.time()

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    OUT_DIR,
    ROOT,
    fmt_ms,
    machine_line,
    median,
    open_bench_database,
    peak_rss_mb,
    percentile,
    time_ms,
    verdict,
    write_section,
)

PARTNERS, MEETINGS, ACTIONS, SEED = 5000, 100_000, 100_000, 1
SEARCH_WORDS = (
    "渠道",
    "返点",
    "激励",
    "合作",
    "培训",
    "分成",
    "目标",
    "库存",
    "回款",
    "市场",
    "沟通",
    "反馈",
    "复盘",
    "政策",
    "共创",
    "试点",
    "数据",
    "客户",
    "资源",
    "利益",
)
TARGETS = {"start_ratio": 2.5, "filter_ms": 30.0, "search_p95_ms": 50.0, "rss_mb": 300.0}


def profile_dir(partners: int, meetings: int, actions: int, seed: int) -> Path:
    return OUT_DIR / f"workspace-p{partners}-m{meetings}-a{actions}-s{seed}"


def build_profile(
    partners: int, meetings: int, actions: int, seed: int, rebuild: bool = False
) -> tuple[Path, float | None]:
    """The cached demo profile (built if missing); returns (dir, build seconds or None)."""
    from models import demo_data
    from models.store import Store

    root = profile_dir(partners, meetings, actions, seed)
    marker = root / "complete.json"
    if marker.exists() and not rebuild:
        return root, None
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    store = Store(open_bench_database(root / "channelkeeper.db"))
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            print(f"  building: {done:,}/{total:,}", flush=True)

    t0 = time.perf_counter()
    counts = demo_data.generate(
        store, partners=partners, meetings=meetings, actions=actions, seed=seed, progress=progress
    )
    seconds = time.perf_counter() - t0
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.close()
    marker.write_text(
        json.dumps({"counts": counts, "seconds": seconds, "built": dt.date.today().isoformat()}),
        encoding="utf-8",
    )
    return root, seconds


# --- probes: run in a fresh subprocess, print one JSON line --------------------------


def cpu_seconds() -> float:
    """CPU time of this process so far, all threads: less at the mercy of the other
    jobs on a shared machine than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def watch_first_paint(app, marks: dict[str, float]):
    """Puts the time of the first paint event after now into ``marks["painted_s"]``;
    keep the returned filter alive until then. (Not in the bare window's probe: its
    `ready` comes after its first paint, and the filter would add to its cost.)"""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "painted_s" not in marks:
                marks["painted_s"] = time.time()
                app.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    return watcher


def probe_bare() -> dict:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    imported = time.time()
    app = QApplication(sys.argv)
    win = QMainWindow()
    win.setCentralWidget(QLabel("ChannelKeeper"))
    win.resize(1200, 800)
    win.show()
    app.processEvents()  # paints it: its `ready` is its first paint
    return {"ready_s": time.time(), "cpu_s": cpu_seconds(), "gui_cpu_s": time.thread_time(),
            "started_s": STARTED, "imported_s": imported, "rss_mb": peak_rss_mb()}


def probe_app(profile_root: str) -> dict:
    from desktop.app import start_app
    from desktop.paths import Profile

    imported = time.time()
    marks: dict[str, float] = {}
    # as main.py starts it: the profile opened (and its first load started) before the
    # interface (QtWidgets included) is imported and built
    app, session = start_app(Profile(Path(profile_root)), [sys.argv[0]], offer_demo=False,
                             marks=marks)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    win = session.window
    shown = time.time()
    watcher = watch_first_paint(app, marks)
    loop = QEventLoop()
    win.ready.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    if not getattr(win, "is_ready", False):
        loop.exec()
    app.processEvents()
    ready = time.time()
    del watcher
    cpu = cpu_seconds()
    # this (the GUI) thread's share; the rest is the other threads', the database
    # lane's first load above all
    gui_cpu = time.thread_time()
    result: dict = {"ready_s": ready, "cpu_s": cpu, "gui_cpu_s": gui_cpu,
                    "started_s": STARTED, "imported_s": imported,
                    "shown_s": shown, **marks, **getattr(win, "load_timings", {})}
    views = [w for w in win.findChildren(QWidget) if hasattr(w, "set_filter_text")]
    if views:
        view = getattr(win, "partners", None) or views[0]
        try:  # type where the user types: on the visible partners page
            from ui.main_window import PAGE_PARTNERS

            win.show_page(PAGE_PARTNERS)
            app.processEvents()
        except (ImportError, AttributeError):
            pass
        keys: list[float] = []
        cpu_keys: list[float] = []
        for text in ("华", "华东", "华东鼎", "", "Sum", "Summit", "", "杭州", "杭州恒通", ""):
            t0, c0 = time.perf_counter(), time.process_time()
            view.set_filter_text(text)
            app.processEvents()
            keys.append((time.perf_counter() - t0) * 1000)
            cpu_keys.append((time.process_time() - c0) * 1000)
        result["filter_ms"] = keys
        result["filter_cpu_ms"] = cpu_keys
        if hasattr(view, "visible_partner_ids"):
            view.set_filter_text("华东")
            result["rows_for_华东"] = len(view.visible_partner_ids())
    # a query submitted now waits for whatever holds the database lane (the views'
    # loads and autosaves would wait the same)
    t0 = time.perf_counter()
    session.ctx.call_db(lambda store: store.count("partner"), timeout=300)
    result["lane_wait_ms"] = (time.perf_counter() - t0) * 1000
    result["rss_mb"] = peak_rss_mb()
    win.close()
    app.processEvents()
    return result


#: the first load's arguments and result, saved by the untimed app run and read by the
#: "first load done" runs; synthetic data, removed at the end of the run
FIRST_LOAD_FILE = OUT_DIR / "first-load.pickle"


def probe_app_first_load(mode: str, profile_root: str) -> dict:
    """The app's probe with its first load saved to a file ("record") or, instead of
    being computed, read from that file in the database lane ("replay"): an emulation
    of the most any start-up snapshot could give (the data ready at once, the cost of
    reading it only). The replayed load must be the recorded one's, argument for
    argument."""
    import pickle

    import desktop.session

    compute = desktop.session.first_load

    def record(store, *args):
        result = compute(store, *args)
        FIRST_LOAD_FILE.write_bytes(pickle.dumps((args, result)))
        return result

    def replay(store, *args):
        saved_args, result = pickle.loads(FIRST_LOAD_FILE.read_bytes())
        if saved_args != args:
            raise RuntimeError(f"the saved first load is for {saved_args}, not {args}")
        return result

    desktop.session.first_load = {"record": record, "replay": replay}[mode]
    return probe_app(profile_root)


def probe_store(profile_root: str) -> dict:
    """RSS of a plain process holding every partner's overview (what the app's partner
    table needs), without Qt."""
    from models import insights
    from models.store import Store

    t0 = time.perf_counter()
    store = Store(open_bench_database(Path(profile_root) / "channelkeeper.db"))
    overviews = insights.partner_overviews(store, dt.date.today())
    return {
        "overviews": len(overviews),
        "load_ms": (time.perf_counter() - t0) * 1000,
        "rss_mb": peak_rss_mb(),
    }


#: compiled bytecode of the probes' imports, kept between runs as an installed app's
#: would be (the environment may say PYTHONDONTWRITEBYTECODE, which would make every
#: start compile the app's ~100 modules from source: ~0.3 s that no user pays)
PYCACHE = OUT_DIR / "pycache"


def probe_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_probe(kind: str, profile_root: Path | None = None) -> dict:
    env = probe_env()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--probe", kind]
    if profile_root:
        cmd += [str(profile_root)]
    t0 = time.time()
    out = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if out.returncode != 0:
        raise RuntimeError(f"probe {kind} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if "ready_s" in result:
        result["start_s"] = result["ready_s"] - t0
    for phase in ("started", "imported", "shown", "painted"):
        if f"{phase}_s" in result:
            result[f"{phase}_after_s"] = result[f"{phase}_s"] - t0
    return result


# --- in-process store measurements ---------------------------------------------------


def measure_store(root: Path, repeat: int) -> dict:
    from models import insights
    from models.store import Store

    t0 = time.perf_counter()
    store = Store(open_bench_database(root / "channelkeeper.db"))
    open_ms = (time.perf_counter() - t0) * 1000
    search = []
    for _ in range(repeat):
        for word in SEARCH_WORDS:
            t0 = time.perf_counter()
            store.search(word)
            search.append((time.perf_counter() - t0) * 1000)
    hits = {w: len(store.search(w, limit=10_000)) for w in SEARCH_WORDS[:3]}
    meeting = store.rows("meeting", "status = 'held'", order_by="starts_at DESC", limit=1)[0]
    long_a = "本次会议纪要：" + "渠道方反馈近期回款周期变长，希望总部在返点结算上提速。" * 150
    long_b = long_a.replace("提速", "加快")
    texts = [long_a, long_b]
    i = [0]

    def save() -> None:
        i[0] += 1
        store.update("meeting", meeting["id"], {"notes": texts[i[0] % 2]})

    autosave = time_ms(save, repeat=15, warmup=2)
    store.update("meeting", meeting["id"], {"notes": meeting["notes"]})  # leave it as built
    loads = {}
    for name, fn in (
        ("partner_overviews", insights.partner_overviews),
        ("actions_due", insights.actions_due),
        ("upcoming_key_dates", insights.upcoming_key_dates),
    ):
        rows = fn(store, dt.date.today())
        loads[name] = (
            median(time_ms(lambda fn=fn: fn(store, dt.date.today()), repeat=3)),
            len(rows),
        )
    # what Today runs since its lists are capped: the most urgent 200, and the counts
    loads["actions_due(limit=200)"] = (
        median(time_ms(lambda: insights.actions_due(store, dt.date.today(), limit=200),
                       repeat=3)), 200)
    loads["actions_due_counts"] = (
        median(time_ms(lambda: insights.actions_due_counts(store, dt.date.today()), repeat=3)),
        insights.actions_due_counts(store, dt.date.today())[0])
    counts = {e: store.count(e) for e in ("partner", "contact", "meeting", "action_item")}
    size_mb = (root / "channelkeeper.db").stat().st_size / 2**20
    store.db.conn.close()
    return {
        "open_ms": open_ms,
        "loads": loads,
        "search": search,
        "hits": hits,
        "autosave": autosave,
        "autosave_chars": len(long_a),
        "counts": counts,
        "db_mb": size_mb,
    }


def app_available() -> bool:
    return (ROOT / "desktop" / "app.py").exists() and (ROOT / "ui" / "main_window.py").exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=PARTNERS)
    parser.add_argument("--meetings", type=int, default=MEETINGS)
    parser.add_argument("--actions", type=int, default=ACTIONS)
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each measurement")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached profile")
    parser.add_argument("--no-write", action="store_true", help="print, do not update the doc")
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        kind, *rest = args.probe
        fn = {"bare": probe_bare, "app": probe_app, "store": probe_store,
              "app-record": lambda root: probe_app_first_load("record", root),
              "app-replay": lambda root: probe_app_first_load("replay", root)}[kind]
        print(json.dumps(fn(*rest)))
        return 0

    root, _ = build_profile(args.partners, args.meetings, args.actions, SEED, args.rebuild)
    info = json.loads((root / "complete.json").read_text(encoding="utf-8"))
    print(f"profile {root} (built in {info['seconds']:.0f} s)", flush=True)
    st = measure_store(root, args.repeat)
    print("store:", {k: v for k, v in st.items() if k not in ("search", "autosave")}, flush=True)
    holder = [run_probe("store", root) for _ in range(3)]
    # one untimed run each first: fills the bytecode cache and the disk cache, so
    # every timed run starts the same way
    run_probe("bare")
    bare: list[dict] = []
    app: dict[str, list[dict]] = {"cold": [], "replayed": []}
    if app_available():
        run_probe("app-record", root)  # untimed, as the bare window's first run
    for _ in range(args.repeat):  # interleaved: all see the same spells of load
        bare.append(run_probe("bare"))
        if app_available():
            app["cold"].append(run_probe("app", root))
            app["replayed"].append(run_probe("app-replay", root))
    FIRST_LOAD_FILE.unlink(missing_ok=True)
    md = report(args, info, st, holder, bare, app)
    print(md)
    if not args.no_write:
        write_section("workspace", md)
    return 0


START_KINDS = {
    "cold": "on the 5,000-partner profile, a fresh process each time",
}


def start_row(kind: str, runs: list[dict], bare: list[dict]) -> str:
    bare_s = median([b["start_s"] for b in bare])
    app_s = median([a["start_s"] for a in runs])
    ratio = app_s / bare_s
    paired = median([a["start_s"] / b["start_s"] for a, b in zip(runs, bare, strict=False)])
    app_cpu, bare_cpu = median([a["cpu_s"] for a in runs]), median([b["cpu_s"] for b in bare])
    return (
        f"| cold start to usable window, {START_KINDS[kind]} (subprocess, `ready` emitted) | "
        f"{app_s:.2f} s vs. bare PySide6 window {bare_s:.2f} s = **{ratio:.2f}×** (median of "
        f"the runs' own ratios {paired:.2f}×; CPU time to `ready` {app_cpu:.2f} s vs. "
        f"{bare_cpu:.2f} s = {app_cpu / bare_cpu:.2f}×; phases below) | ≤ 2.5× | "
        f"{verdict(ratio, TARGETS['start_ratio'])} |"
    )


def painted_row(runs: list[dict], bare: list[dict]) -> str | None:
    """The window on screen: its first paint, whether the first load is in or its pages
    still say "Loading…" (they are usable either way: navigation, search, settings)."""
    pairs = [(a, b) for a, b in zip(runs, bare, strict=False) if "painted_after_s" in a]
    if not pairs:
        return None
    app_s = median([a["painted_after_s"] for a, _ in pairs])
    bare_s = median([b["start_s"] for _, b in pairs])  # painted before its `ready`
    return (
        f"| window on screen: launch to its first paint (the pages say \"Loading…\" until the "
        f"first load is in) | {app_s:.2f} s vs. bare PySide6 window {bare_s:.2f} s = "
        f"**{app_s / bare_s:.2f}×** | — | — |"
    )


def replayed_row(runs: list[dict], bare: list[dict]) -> str:
    """The emulation: the start with the first load's result read from a file."""
    bare_s = median([b["start_s"] for b in bare])
    ready_s = median([a["start_s"] for a in runs])
    painted_s = median([a["painted_after_s"] for a in runs if "painted_after_s" in a])
    gui_cpu = median([a["gui_cpu_s"] for a in runs])
    return (
        f"| emulation, not the app: the same start with the first load's result read from a "
        f"file in the database lane instead of computed (the most any start-up snapshot "
        f"could give) | `ready` {ready_s:.2f} s = **{ready_s / bare_s:.2f}×** a bare window; "
        f"first paint {painted_s:.2f} s = {painted_s / bare_s:.2f}×; GUI thread's CPU to "
        f"`ready` {gui_cpu:.2f} s | — | — |"
    )


def report(
    args, info: dict, st: dict, holder: list[dict], bare: list[dict],
    apps: dict[str, list[dict]],
) -> str:
    p50, p95 = percentile(st["search"], 50), percentile(st["search"], 95)
    save = median(st["autosave"])
    holder_rss = max(h["rss_mb"] for h in holder)
    bare_s = median([b["start_s"] for b in bare])
    c = info["counts"]
    lines = [
        "## Offline workspace",
        "",
        f"Written by `bench/bench_workspace.py` on {dt.date.today().isoformat()} ({machine_line()}).",
        (
            f"Profile: {c['partners']:,} partners, {c['contacts']:,} contacts, {c['meetings']:,} meetings, "
            f"{c['action_items']:,} action items, {c['checklist_runs']:,} checklist runs, "
            f"{c['kpi_snapshots']:,} KPI snapshots, made by `models.demo_data` in {info['seconds']:.0f} s "
            f"(every record through the store, outbox included); database file {st['db_mb']:.0f} MB."
        ),
        f"Medians of {args.repeat} runs unless noted.",
        "",
        "| measurement | result | target | verdict |",
        "|---|---|---|---|",
    ]
    app = apps["cold"]
    if app:
        lines.append(start_row("cold", app, bare))
        painted = painted_row(app, bare)
        if painted:
            lines.append(painted)
        if apps.get("replayed"):
            lines.append(replayed_row(apps["replayed"], bare))
        keys = [k for a in app for k in a.get("filter_ms", [])]
        cpu_keys = [k for a in app for k in a.get("filter_cpu_ms", [])]
        if keys:
            cpu = (f"; CPU time median {fmt_ms(median(cpu_keys))}, p95 "
                   f"{fmt_ms(percentile(cpu_keys, 95))}" if cpu_keys else "")
            lines.append(
                f"| partner-filter keystroke (`set_filter_text` + event processing) | median "
                f"{fmt_ms(median(keys))}, p95 {fmt_ms(percentile(keys, 95))}, max "
                f"{fmt_ms(max(keys))} ({len(keys)} keystrokes){cpu} | p95 ≤ 30 ms | "
                f"{verdict(percentile(keys, 95), TARGETS['filter_ms'])} |"
            )
        else:
            lines.append(
                "| partner-filter keystroke | not measured: no widget with `set_filter_text` "
                "found in the main window | ≤ 30 ms | — |"
            )
        waits = [a["lane_wait_ms"] for a in app if "lane_wait_ms" in a]
        if waits:
            lines.append(
                f"| a database query submitted just after the filter keystrokes (~1 s after "
                f"`ready`; the background integrity check reads the whole file then) | median "
                f"{fmt_ms(median(waits))}, max {fmt_ms(max(waits))} | — | — |"
            )
        app_rss = max(a["rss_mb"] for a in app)
        lines.append(
            f"| peak RSS of the app process | {app_rss:.0f} MB (bare PySide6 window: "
            f"{max(b['rss_mb'] for b in bare):.0f} MB) | ≤ 300 MB | "
            f"{verdict(app_rss, TARGETS['rss_mb'])} |"
        )
    else:
        lines.append(
            f"| cold start to usable window | not measured: desktop/app.py or ui/main_window.py "
            f"missing (bare PySide6 window: {bare_s:.2f} s) | ≤ 2× | — |"
        )
    lines += [
        (
            f"| 2-character Chinese search, `store.search` ({len(SEARCH_WORDS)} words × {args.repeat}) | "
            f"p50 {fmt_ms(p50)}, p95 {fmt_ms(p95)} | p95 ≤ 50 ms | {verdict(p95, TARGETS['search_p95_ms'])} |"
        ),
        (
            f"| autosave: one `store.update` of a meeting's notes ({st['autosave_chars']:,} characters) | "
            f"median {fmt_ms(save)} | — | — |"
        ),
        (
            f"| peak RSS of a Qt-free process holding all {holder[0]['overviews']:,} partner overviews | "
            f"{holder_rss:.0f} MB (load {fmt_ms(median([h['load_ms'] for h in holder]))}) | ≤ 300 MB | "
            f"{verdict(holder_rss, TARGETS['rss_mb'])} |"
        ),
        f"| opening the database (`open_database`, no migration due) | {fmt_ms(st['open_ms'])} | — | — |",
    ]
    lines += [
        f"| store load `insights.{name}` (feeds Today / Partners) | {fmt_ms(ms)} for {n:,} "
        f"{'rows counted' if name.endswith('counts') else 'rows'} | — | — |"
        for name, (ms, n) in st["loads"].items()
    ]
    if app:
        lines += ["", *start_phases(bare, apps["cold"])]
    return "\n".join(lines)


def start_phases(bare: list[dict], cold: list[dict]) -> list[str]:
    """Where the start-up time goes: medians of each phase, bare window beside the app."""

    def med(runs: list[dict], end: str, begin: str | None = None) -> str:
        if not runs or not all(end in r and (begin is None or begin in r) for r in runs):
            return "—"
        return f"{median([r[end] - (r[begin] if begin else 0.0) for r in runs]):.2f} s"

    def med_ms(runs: list[dict], key: str) -> str:
        if not runs or not all(key in r for r in runs):
            return "—"
        return fmt_ms(median([r[key] for r in runs]))

    rows = [
        ("Python interpreter up (launch → first line of the probe)",
         *(med(r, "started_after_s") for r in (bare, cold))),
        (("imports: bare `PySide6.QtWidgets`; app `desktop.app` (PySide6's QtCore, the "
          "store, the code that opens a profile; no widget code)"),
         *(med(r, "imported_s", "started_s") for r in (bare, cold))),
        (("app: open the profile (lock, settings, database; start the first load in the "
          "database lane)"), "—", med(cold, "opened_s", "imported_s")),
        (("bare: `QApplication` + window shown; app: `QApplication` and font, import "
          "the interface, build the sync service and the window, show"),
         med(bare, "ready_s", "imported_s"), med(cold, "shown_s", "opened_s")),
        (("app: event loop until the window's first paint (its pages say \"Loading…\" until "
          "the first load is in)"), "—", med(cold, "painted_s", "shown_s")),
        ("app: event loop until `ready` (the first load arrives and is put on screen)", "—",
         med(cold, "ready_s", "shown_s")),
        (("… first load in the database lane (`partner_overviews` + Today's queries; "
          "runs while the interface is imported and built)"), "—", med_ms(cold, "query_ms")),
        ("… putting 5,000 partners and Today's lists on screen (GUI thread)", "—",
         med_ms(cold, "show_ms")),
        ("CPU time to `ready`: the GUI thread", *(med(r, "gui_cpu_s") for r in (bare, cold))),
        ("… the other threads (the database lane's first load above all)",
         *(f"{max(0.0, median([r['cpu_s'] - r['gui_cpu_s'] for r in runs])):.2f} s"
           if runs and all("gui_cpu_s" in r for r in runs) else "—" for runs in (bare, cold))),
        ("**launch to usable window**", *(f"**{med(r, 'start_s')}**" for r in (bare, cold))),
    ]
    return [
        ("Start-up phases (medians of the same runs; each phase's median, so they need not "
         "add up exactly):"),
        "",
        "| phase | bare PySide6 window | app |",
        "|---|---|---|",
        *[f"| {' | '.join(row)} |" for row in rows],
    ]


if __name__ == "__main__":
    sys.exit(main())
