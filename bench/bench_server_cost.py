"""What one incremental sync costs the server: SQL statements per sync (by endpoint)
and CPU per sync of the server workers, of their PostgreSQL backends and of the
benchmark's laptops, for one or more revisions in the same run.

The workload is bench_knee.py's at one pause (default 10 s, about 20 syncs/s with 200
laptops): sign-in and first sync, then ``--duration`` seconds of push + pull + verify.
The server is the real ``server run --workers N`` of each tree, started through a
wrapper that counts the statements (SQLAlchemy cursor events) of the requests of the
measured phase only (they carry a marker header) and writes them out when a worker
exits; CPU comes from /proc over the phase. Latencies are printed but mean little on a
shared machine; counts and CPU per sync are what to compare.

    python bench/bench_server_cost.py [--rev main] [--rev HEAD] [--repeat 1]
        [--think 10] [--duration 40] [--laptops 200] [--workers 2]

Each ``--rev`` is served from a temporary worktree of that revision; ``.`` is this
tree as it is (uncommitted changes included). Prints a table; writes nothing to
docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_knee import (
    _laptop_phase,
    connect,
    protocol_headers,
    seed_with,
    sign_in_and_first_sync,
)
from bench.bench_load import Stats, free_port, stop_server, wait_until_serving
from bench.common import OUT_DIR, ROOT, bench_database, percentile

MARK = "x-bench-measure"

# The wrapper module, put on the served tree's path: ``server run`` with its factory
# swapped for one that counts statements per path on the marked requests.
_WRAPPER = '''
import contextvars, json, os, sys, time
from collections import defaultdict

OUT = os.environ["CK_COST_OUT"]
_current = contextvars.ContextVar("ck_cost", default=None)
_totals = defaultdict(lambda: [0, 0])  # path -> [requests, statements]


def _dump():
    with open(os.path.join(OUT, f"cost-{os.getpid()}.json"), "w") as fh:
        json.dump(dict(_totals), fh)


_profiles = []


def _profile_threads():
    """cProfile in every thread of the worker (the event loop's and the thread pool's),
    merged at exit: CK_COST_PROFILE=1."""
    import cProfile, threading

    def start_here(*_a):
        sys.setprofile(None)
        prof = cProfile.Profile(time.thread_time)
        _profiles.append(prof)
        prof.enable()

    threading.setprofile(start_here)
    start_here()


def _dump_profile():
    import pstats
    live = [p for p in _profiles]
    for p in live:
        p.disable()
    stats = pstats.Stats(live[0])
    for p in live[1:]:
        stats.add(p)
    stats.dump_stats(os.path.join(OUT, f"profile-{os.getpid()}.pstats"))


def factory():
    from sqlalchemy import event
    from sync.server import workers

    if os.environ.get("CK_COST_PROFILE"):
        _profile_threads()

    app = workers.app_from_environment()

    def count(*_a, **_k):
        box = _current.get()
        if box is not None:
            box[0] += 1

    event.listen(app.state.engine, "before_cursor_execute", count)

    async def wrapped(scope, receive, send):
        if scope["type"] == "lifespan":  # a worker process ends without running atexit
            async def dumping_send(message):
                if message["type"] == "lifespan.shutdown.complete":
                    _dump()
                    if _profiles:
                        _dump_profile()
                await send(message)

            await app(scope, receive, dumping_send)
            return
        if scope["type"] != "http" or not any(k == b"%(mark)s" for k, _ in scope.get("headers", ())):
            await app(scope, receive, send)
            return
        box = [0]
        token = _current.set(box)
        try:
            await app(scope, receive, send)
        finally:
            _current.reset(token)
            t = _totals[scope["path"]]
            t[0] += 1
            t[1] += box[0]

    wrapped.state = app.state
    return wrapped


if __name__ == "__main__":
    from sync.server import workers
    from sync.server.config import ServerSettings

    workers.FACTORY = "ck_cost_wrap:factory"
    overrides = json.loads(os.environ.get("CK_COST_SETTINGS") or "{}")
    workers.serve(sys.argv[1], host="127.0.0.1", port=int(sys.argv[2]), workers=int(sys.argv[3]),
                  settings=ServerSettings(**overrides), log_level="info")
'''


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _pg_backends(db_url: str) -> list[int]:
    from sqlalchemy import create_engine, text

    name = db_url.rsplit("/", 1)[1]
    eng = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    try:
        with eng.connect() as conn:
            return [int(r[0]) for r in conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": name})]
    finally:
        eng.dispose()


def start_wrapped(tree: Path, db_url: str, workers: int, out: Path, log: Path,
                  settings: str = "") -> tuple[subprocess.Popen, str]:
    wrap_dir = out / "wrap"
    wrap_dir.mkdir(parents=True, exist_ok=True)
    (wrap_dir / "ck_cost_wrap.py").write_text(_WRAPPER % {"mark": MARK}, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{wrap_dir}{os.pathsep}{tree}", "CK_COST_OUT": str(out),
           "CK_COST_SETTINGS": settings}
    proc = subprocess.Popen([sys.executable, str(wrap_dir / "ck_cost_wrap.py"), db_url, str(port), str(workers)],
                            cwd=tree, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,  # noqa: SIM115
                            start_new_session=True)
    return proc, wait_until_serving(proc, port, log)


async def _drive(base: str, managers, headers: dict, args, measure) -> tuple[Stats, dict]:
    stats = Stats()
    clients, laptops = connect(base, managers, stats, headers)
    try:
        await sign_in_and_first_sync(laptops)
        stats.latency.clear()
        for lap in laptops:
            lap.headers = {**lap.headers, MARK: "1"}
        before = measure()
        began = time.monotonic()
        await asyncio.gather(*(_laptop_phase(lap, began + args.duration, args.think) for lap in laptops))
        span = time.monotonic() - began
        after = measure()
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return stats, {"span": span, "before": before, "after": after}


def run_tree(label: str, tree: Path, args, settings: str = "") -> dict:
    with bench_database("postgres", "ck_cost") as db_url:
        out = Path(tempfile.mkdtemp(prefix="ck-cost-", dir=OUT_DIR))
        managers = seed_with(tree, db_url, args.laptops, 50)
        proc, base = start_wrapped(tree, db_url, args.workers, out, OUT_DIR / f"cost-{label}.log", settings)
        try:
            workers = _children(proc.pid)
            load0 = os.getloadavg()[0]

            def measure() -> dict:
                pg = _pg_backends(db_url)
                return {"workers": sum(_cpu_ticks(w) for w in workers),
                        "pg": {b: _cpu_ticks(b) for b in pg}, "client": time.process_time()}

            stats, m = asyncio.run(_drive(base, managers, protocol_headers(tree), args, measure))
        finally:
            stop_server(proc)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for f in out.glob("cost-*.json"):
            for path, (n, s) in json.loads(f.read_text()).items():
                counts[path][0] += n
                counts[path][1] += s
    hz = os.sysconf("SC_CLK_TCK")
    inc = stats.latency["incremental sync (push + pull + verify)"]
    syncs = max(1, len(inc))
    pg_ms = sum(t - m["before"]["pg"].get(b, 0) for b, t in m["after"]["pg"].items()) / hz * 1000
    return {
        "label": label, "syncs": len(inc), "rate": len(inc) / m["span"],
        "statements": {p.rsplit("/", 1)[-1]: s / syncs for p, (_n, s) in counts.items()},
        "requests": {p.rsplit("/", 1)[-1]: n / syncs for p, (n, _s) in counts.items()},
        "server_ms": (m["after"]["workers"] - m["before"]["workers"]) / hz * 1000 / syncs,
        "pg_ms": pg_ms / syncs,
        "client_ms": (m["after"]["client"] - m["before"]["client"]) * 1000 / syncs,
        "p50": percentile(inc, 50) if inc else float("nan"),
        "p95": percentile(inc, 95) if inc else float("nan"),
        "push_p95": percentile(stats.latency["push"], 95) if stats.latency["push"] else float("nan"),
        "errors": len(stats.errors), "load": (load0, os.getloadavg()[0]), "out": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rev", action="append", help="revision to serve ('.' = this tree); repeatable")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--settings", action="append",
                    help="JSON of ServerSettings overrides; repeatable: every revision runs with each")
    ap.add_argument("--laptops", type=int, default=200)
    ap.add_argument("--think", type=float, default=10.0)
    ap.add_argument("--duration", type=float, default=40)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    revs = args.rev or ["."]
    trees: list[tuple[str, Path]] = []
    made: list[Path] = []
    try:
        for rev in revs:
            if rev == ".":
                trees.append(("this tree", ROOT))
                continue
            full = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
            folder = Path(tempfile.mkdtemp(prefix="ck-cost-tree-"))
            subprocess.run(["git", "worktree", "add", "--detach", str(folder), full], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            made.append(folder)
            trees.append((f"{rev} ({full})", folder))
        results = []
        for i in range(args.repeat):
            for (label, tree), overrides in ((t, o) for t in trees for o in args.settings or [""]):
                label = f"{label} {overrides}".strip()
                r = run_tree(label, tree, args, overrides)
                results.append(r)
                st = r["statements"]
                print(f"[{i + 1}] {label}: {r['rate']:.1f} syncs/s, statements/sync "
                      f"{sum(st.values()):.1f} (push {st.get('push', 0):.1f}, pull {st.get('pull', 0):.1f}, "
                      f"verify {st.get('verify', 0):.1f}); CPU/sync server {r['server_ms']:.1f} ms, "
                      f"postgres {r['pg_ms']:.1f} ms, client {r['client_ms']:.1f} ms; sync p50/p95 "
                      f"{r['p50']:.0f}/{r['p95']:.0f} ms, push p95 {r['push_p95']:.0f} ms; errors {r['errors']}; "
                      f"load {r['load'][0]:.1f}->{r['load'][1]:.1f}; files in {r['out']}", flush=True)
    finally:
        for folder in made:
            subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
