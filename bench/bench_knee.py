"""The knee of the server under a rising sync rate: this code against an older revision
in the same run (loopback only, bounded in time).

The laptops of bench_load.py (default 200, each with its own 50-partner scope) sign in
and make their first sync once; then the rate steps up, one phase per ``--think`` value
(mean pause between a laptop's syncs, ±50 %), each ``--duration`` seconds of
push + pull + verify. The knee is the highest measured rate whose incremental-sync p95
stays <= 250 ms. With ``--baseline REV`` the same is run against the server of git
revision REV, checked out in a temporary worktree (seeded and served by that
revision's own code; the laptops are the same), alternating with this code
``--repeat`` times, so the two are compared under the same machine load.

    python bench/bench_knee.py [--baseline REV] [--repeat 3] [--backend postgres|sqlite]
        [--think 10 7.5 5 4 3] [--duration 30] [--laptops 200] [--workers 2] [--no-doc]

Writes the "Change numbering under load" section of docs/benchmarks.md
(bench:change-numbering).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_load import (
    TARGET_P95_MS,
    Laptop,
    Manager,
    Stats,
    check_exactly_once,
    start_server,
    stop_server,
)
from bench.common import OUT_DIR, ROOT, bench_database, machine_line, percentile, write_section

# seeds with the code of the tree given first: its migrations, its way of numbering
_SEED = """
import dataclasses, json, sys
sys.path.insert(0, sys.argv[1])
from bench.bench_load import seed
managers = seed(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
with open(sys.argv[5], "w", encoding="utf-8") as fh:
    json.dump([dataclasses.asdict(m) for m in managers], fh, ensure_ascii=False)
"""


def seed_with(tree: Path, db_url: str, laptops: int, partners: int) -> list[Manager]:
    out = OUT_DIR / f"knee-seed-{uuid.uuid4().hex[:8]}.json"
    try:
        subprocess.run([sys.executable, "-c", _SEED, str(tree), db_url, str(laptops), str(partners), str(out)],
                       cwd=tree, check=True)
        return [Manager(**m) for m in json.loads(out.read_text(encoding="utf-8"))]
    finally:
        out.unlink(missing_ok=True)


def protocol_headers(tree: Path) -> dict[str, str]:
    """The version headers a client of ``tree``'s server sends: a baseline from before
    a protocol or schema bump answers today's headers 426 (update required)."""
    code = "import json; from sync import protocol; print(json.dumps(protocol.request_headers()))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


async def _laptop_phase(lap: Laptop, deadline: float, think: float) -> None:
    """Syncs of one laptop until the deadline; no sync starts after it, no pause runs past it."""
    await asyncio.sleep(lap.rnd.uniform(0, think))
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        try:
            await lap.push(lap.small_changes())
            await lap.pull("pull")
            await lap.call("verify", "POST", "/api/sync/verify", json={})
            lap.stats.latency["incremental sync (push + pull + verify)"].append((time.perf_counter() - t0) * 1000)
        except Exception:  # noqa: BLE001  (the request error is in stats.errors)
            lap.stats.failed_syncs += 1
        await asyncio.sleep(max(0.0, min(think * lap.rnd.uniform(0.5, 1.5), deadline - time.monotonic())))


def connect(base_url: str, managers: list[Manager], stats: Stats,
            headers: dict[str, str]) -> tuple[list, list[Laptop]]:
    """One HTTP client and one Laptop per manager, each sending ``headers`` too."""
    import httpx

    clients = [httpx.AsyncClient(base_url=base_url, timeout=60) for _ in managers]
    laptops = [Laptop(c, m, stats) for c, m in zip(clients, managers, strict=True)]
    for lap in laptops:
        lap.headers = {**lap.headers, **headers}
    return clients, laptops


async def sign_in_and_first_sync(laptops: list[Laptop], return_exceptions: bool = False) -> list:
    """Every laptop signs in (at most 16 at a time, as in bench_load.py), then makes its
    first sync; one result (or, with ``return_exceptions``, exception) per laptop."""
    gate = asyncio.Semaphore(16)

    async def start(lap: Laptop) -> None:
        async with gate:
            await lap.sign_in()
        await lap.first_sync()

    return await asyncio.gather(*(start(lap) for lap in laptops), return_exceptions=return_exceptions)


async def sweep(base_url: str, managers: list[Manager], args: argparse.Namespace,
                headers: dict[str, str]) -> tuple[list[dict], Stats]:
    """Sign in and first-sync every laptop once, then one phase per pause; per phase the
    measured rate and latencies. The returned Stats hold every pushed op (for the
    exactly-once check)."""
    everything = Stats()
    clients, laptops = connect(base_url, managers, everything, headers)
    phases = []
    try:
        results = await sign_in_and_first_sync(laptops, return_exceptions=True)
        ready = [lap for lap, res in zip(laptops, results, strict=True) if not isinstance(res, BaseException)]
        if not ready:  # a sweep of no laptops would report a knee of 0 as if measured
            raise RuntimeError(f"no laptop could sign in and sync: {results[0]!r}")
        for think in args.think:
            stats = Stats(pushed=everything.pushed)
            for lap in ready:
                lap.stats = stats
            began = time.monotonic()
            deadline = began + args.duration
            await asyncio.gather(*(_laptop_phase(lap, deadline, think) for lap in ready))
            span = time.monotonic() - began
            for lap in ready:  # unanswered ops go out again, as the next sync would send them
                for _attempt in range(5):
                    if not lap.unanswered:
                        break
                    try:
                        await lap.push([])
                    except Exception:  # noqa: BLE001  (counted in stats.errors)
                        await asyncio.sleep(1)
            inc = stats.latency["incremental sync (push + pull + verify)"]
            push = stats.latency["push"]
            phases.append({
                "think": think, "syncs": len(inc), "rate": len(inc) / span,
                "p50": percentile(inc, 50) if inc else float("nan"),
                "p95": percentile(inc, 95) if inc else float("nan"),
                "push_p95": percentile(push, 95) if push else float("nan"),
                "errors": len(stats.errors), "failed_syncs": stats.failed_syncs,
            })
            print(f"    pause {think:g} s: {phases[-1]['rate']:.1f} syncs/s, p50 {phases[-1]['p50']:.0f} ms, "
                  f"p95 {phases[-1]['p95']:.0f} ms, push p95 {phases[-1]['push_p95']:.0f} ms, "
                  f"{len(stats.errors)} errors", flush=True)
        everything.unanswered_at_end = [lap.unanswered for lap in ready]
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return phases, everything


def knee(phases: list[dict]) -> float:
    """The highest measured rate whose p95 met the target (0 if none did)."""
    return max((p["rate"] for p in phases if p["p95"] <= TARGET_P95_MS and not p["errors"]), default=0.0)


def run_design(label: str, tree: Path, backend: str, args: argparse.Namespace) -> dict:
    with bench_database(backend, "ck_knee") as db_url:
        return _run_design(label, tree, backend, db_url, args)


def _run_design(label: str, tree: Path, backend: str, db_url: str, args: argparse.Namespace) -> dict:
    proc = None
    try:
        managers = seed_with(tree, db_url, args.laptops, args.partners)
        proc, base = start_server(db_url, args.workers, OUT_DIR / f"knee-{label}-{backend}.log", root=tree)
        print(f"  [{label}, {backend}] {os.getloadavg()[0]:.1f} load; server from {tree}", flush=True)
        phases, stats = asyncio.run(sweep(base, managers, args, protocol_headers(tree)))
        stop_server(proc)
        proc = None
        check = check_exactly_once(db_url, stats, managers)
        return {"design": label, "backend": backend, "phases": phases, "knee": knee(phases), "check": check}
    finally:
        if proc is not None:
            stop_server(proc)


def baseline_tree(rev: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ck-baseline-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), rev], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return folder


def remove_tree(folder: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)


def _ms(v: float) -> str:
    return f"{v:.0f}"


def markdown(runs: list[dict], args: argparse.Namespace, rev_line: str, loads: list[float]) -> str:
    designs = list(dict.fromkeys(r["design"] for r in runs))
    lines = [
        "## Change numbering under load",
        "",
        (f"Written by `bench/bench_knee.py` on {time.strftime('%Y-%m-%d')} ({machine_line()}); "
        f"load average {min(loads):.1f}–{max(loads):.1f} during the run. The load includes the "
        "benchmark's own 200 laptops and server on the same 2 cores; absolute figures move "
        "with it, so compare the designs within one run (they alternate, same load)."),
        "",
        (f"{args.laptops} laptops as in bench_load.py (50-partner scopes, push 1–3 ops + pull + verify per "
         f"sync) against `server run --workers {args.workers}` on {args.backend}; the rate steps up with "
         f"the pause between a laptop's syncs ({', '.join(f'{t:g}' for t in args.think)} s ± 50 %), "
         f"{args.duration:.0f} s each. Knee: the highest measured rate whose incremental-sync p95 is "
         f"≤ {TARGET_P95_MS:.0f} ms. {rev_line}"),
        "",
        "| design | knee per run (syncs/s) | median knee |",
        "|---|---|---|",
    ]
    for d in designs:
        ks = [r["knee"] for r in runs if r["design"] == d]
        lines.append(f"| {d} | {', '.join(f'{k:.1f}' for k in ks)} | **{statistics.median(ks):.1f}** |")
    lines += ["", "Each phase (run by run; rate in syncs/s, latencies in ms, nearest-rank percentiles):", "",
              "| design | run | pause | rate | sync p50 | sync p95 | push p95 | errors |",
              "|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(runs):
        n = sum(1 for x in runs[:i + 1] if x["design"] == r["design"])
        for p in r["phases"]:
            lines.append(f"| {r['design']} | {n} | {p['think']:g} s | {p['rate']:.1f} | {_ms(p['p50'])} | "
                         f"{_ms(p['p95'])} | {_ms(p['push_p95'])} | {p['errors']} |")
    lines.append("")
    for r in runs:
        c = r["check"]
        lines.append(f"- {r['design']}: {c['pushed']:,} ops pushed, {c['missing']} missing, "
                     f"{c['duplicated']} applied twice, {c['unanswered_at_end']} unanswered at the end.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", help="git revision to compare with (run in a temporary worktree)")
    ap.add_argument("--baseline-label", default=None)
    ap.add_argument("--label", default="this code")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--laptops", type=int, default=200)
    ap.add_argument("--partners", type=int, default=50)
    ap.add_argument("--think", type=float, nargs="+", default=[10.0, 7.5, 5.0, 4.0, 3.0])
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backend", choices=("postgres", "sqlite"), default="postgres")
    ap.add_argument("--no-doc", action="store_true")
    args = ap.parse_args(argv)
    designs: list[tuple[str, Path]] = [(args.label, ROOT)]
    tree = None
    rev_line = "This code only."
    if args.baseline:
        full = subprocess.run(["git", "rev-parse", "--short", args.baseline], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        tree = baseline_tree(full)
        label = args.baseline_label or f"baseline {full}"
        designs.insert(0, (label, tree))
        rev_line = f"Baseline: revision `{full}`, served from a temporary worktree."
    runs, loads = [], [os.getloadavg()[0]]
    try:
        for i in range(args.repeat):
            for label, folder in designs:
                print(f"run {i + 1}/{args.repeat}: {label}", flush=True)
                runs.append(run_design(label, folder, args.backend, args))
                loads.append(os.getloadavg()[0])
                print(f"  knee {runs[-1]['knee']:.1f} syncs/s; check {runs[-1]['check']}", flush=True)
                if not args.no_doc:  # after every run: an interrupted run keeps what it measured
                    write_section("change-numbering", markdown(runs, args, rev_line, loads))
    finally:
        if tree is not None:
            remove_tree(tree)
    if args.no_doc:
        print(markdown(runs, args, rev_line, loads))
    bad = any(r["check"]["missing"] or r["check"]["duplicated"] for r in runs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
