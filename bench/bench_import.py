"""A big partner import while managers push (loopback only, bounded in time).

The real deployment (``main.py server run --workers 2``) on a fresh database; a few
simulated laptops sign in and push a small change to one of their partners every
~0.2 s, first for a few seconds alone (the baseline), then while head office runs
``main.py server import-partners`` with a generated file of ``--rows`` partners (each
assigned to one of the managers). Measured in the same run: the import's wall time
(the command from start to exit) and every push's latency before and during it.

    python bench/bench_import.py [--rows 100000] [--laptops 4] [--backend postgres|sqlite|both]
                                 [--workers 2] [--no-doc]

Targets (issue 10): import of 100,000 partners <= 60 s on PostgreSQL, and no push
waits more than 1 s meanwhile. Writes docs/benchmarks.md (bench:import).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_load import start_server, stop_server
from bench.common import (
    OUT_DIR,
    ROOT,
    bench_database,
    machine_line,
    median,
    percentile,
    write_section,
)

PASSWORD = "bench password 2026"
TARGET_IMPORT_S = 60.0
TARGET_PUSH_MAX_MS = 1000.0
BASELINE_S = 4.0
THINK_S = 0.2


@dataclass
class Laptop:
    username: str
    partner_id: str
    before: list[float] = field(default_factory=list)  # push ms, before the import
    during: list[float] = field(default_factory=list)  # push ms, while it runs
    errors: list[str] = field(default_factory=list)


def seed(db_url: str, laptops: int) -> list[Laptop]:
    from sync.server import admin, records, scope
    from sync.server.config import ServerSettings
    from sync.server.db import allocate_seq, make_engine, write_tx
    from sync.server.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    settings = ServerSettings()
    out = []
    for i in range(laptops):
        name = f"mgr{i:02d}"
        uid = admin.add_user(engine, settings, name, "manager", PASSWORD)["id"]
        pid = str(uuid.uuid4())
        with write_tx(engine) as conn:
            seq = allocate_seq(conn, 2)
            values = records.clean_values("partner", {"name_zh": f"基准渠道{i}", "tier": "core",
                                                      "stage": "mature"})
            records.insert_record(conn, "partner", pid, values, seq=seq, user="admin", now=settings.stamp())
            scope.grant(conn, pid, uid, seq + 1, settings.stamp())
        out.append(Laptop(name, pid))
    engine.dispose()
    return out


def partner_file(path: Path, rows: int, managers: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("name_zh,name_en,tier,stage,region,revenue_share,manager\n")
        for i in range(rows):
            f.write(f"导入渠道{i:06d},Imported Partner {i:06d},ordinary,running_in,华东,"
                    f"{i % 20}.5,{managers[i % len(managers)]}\n")


def drive(base: str, lap: Laptop, phase: dict, stop: threading.Event, ready: threading.Barrier) -> None:
    import httpx

    from sync import protocol

    with httpx.Client(base_url=base, headers=protocol.request_headers(), timeout=60) as http:
        r = http.post("/api/auth/login", json={"username": lap.username, "password": PASSWORD,
                                                "device_name": "bench"})
        r.raise_for_status()
        auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
        ready.wait(300)  # every laptop signed in (argon2 at full cost takes seconds here)
        seq = 0
        while not stop.is_set():
            seq += 1
            op = {"op_id": str(uuid.uuid4()), "seq": seq, "entity": "partner",
                  "entity_id": lap.partner_id, "op": "update",
                  "changes": {"notes": [None, f"push {seq}"]}, "base_version": 0,
                  "created_at": "2026-11-27 09:00:00"}
            during = phase["importing"]
            t0 = time.perf_counter()
            r = http.post("/api/sync/push", json={"ops": [op]}, headers=auth)
            ms = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                lap.errors.append(f"{r.status_code} {r.text[:200]}")
            # a push that started before the import and ended during it counts as during
            (lap.during if during or phase["importing"] else lap.before).append(ms)
            stop.wait(THINK_S)


def run_backend(backend: str, args: argparse.Namespace) -> dict:
    with bench_database(backend, "ck_import") as db_url:
        return _run(backend, db_url, args)


def _run(backend: str, db_url: str, args: argparse.Namespace) -> dict:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    csv_path = OUT_DIR / f"partners-{args.rows}.csv"
    proc = None
    try:
        laptops = seed(db_url, args.laptops)
        partner_file(csv_path, args.rows, [lap.username for lap in laptops])
        proc, base = start_server(db_url, args.workers, OUT_DIR / f"server-import-{backend}.log")
        phase, stop = {"importing": False}, threading.Event()
        ready = threading.Barrier(len(laptops) + 1)
        threads = [threading.Thread(target=drive, args=(base, lap, phase, stop, ready)) for lap in laptops]
        for t in threads:
            t.start()
        ready.wait(300)
        time.sleep(BASELINE_S)  # the baseline: pushes alone, for a fixed time by design
        phase["importing"] = True
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "server", "import-partners",
                               str(csv_path), "--db", db_url], check=False, cwd=ROOT, capture_output=True,
                              text=True, timeout=args.timeout)
        import_s = time.perf_counter() - t0
        phase["importing"] = False
        stop.set()
        for t in threads:
            t.join(60)
        if done.returncode != 0:
            raise RuntimeError(f"import failed: {done.stderr[-2000:]}")
        before = [ms for lap in laptops for ms in lap.before]
        during = [ms for lap in laptops for ms in lap.during]
        errors = [e for lap in laptops for e in lap.errors]
        result = {
            "backend": backend, "rows": args.rows, "import_s": import_s, "laptops": args.laptops,
            "workers": args.workers, "pushes_before": len(before), "pushes_during": len(during),
            "before_p50": median(before), "before_p95": percentile(before, 95),
            "during_p50": median(during), "during_p95": percentile(during, 95),
            "during_max": max(during), "errors": len(errors), "first_error": errors[0] if errors else "",
        }
        print(result, flush=True)
        return result
    finally:
        if proc is not None:
            stop_server(proc)
        csv_path.unlink(missing_ok=True)


def markdown(results: list[dict]) -> str:
    lines = [
        "## Partner import under load",
        "",
        ("`python bench/bench_import.py` (bench/bench_import.py): the deployed server "
        f"(`server run --workers {results[0]['workers']}`) while {results[0]['laptops']} laptops "
        f"push a one-op change every {THINK_S} s; after {BASELINE_S:.0f} s alone, head office runs "
        f"`server import-partners` with {results[0]['rows']:,} new partners (each assigned to a "
        "manager). Import time is the command's wall time (start-up and migration check "
        "included). Push latencies before and during the import come from the same run. "
        "Targets: import <= 60 s on PostgreSQL, no push over 1 s meanwhile."),
        "",
        "| database | import | pushes before: p50 / p95 | pushes during: n, p50 / p95 / **max** | errors | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        ok_import = r["import_s"] <= TARGET_IMPORT_S
        ok_push = r["during_max"] <= TARGET_PUSH_MAX_MS
        verdict = "meets both targets" if ok_import and ok_push and not r["errors"] else \
            "**misses** " + ", ".join(x for x, ok in (("import time", ok_import), ("push max", ok_push),
                                                      ("no errors", not r["errors"])) if not ok)
        lines.append(
            f"| {r['backend']} | {r['import_s']:.1f} s ({r['rows'] / r['import_s']:,.0f} rows/s) | "
            f"{r['before_p50']:.0f} / {r['before_p95']:.0f} ms | {r['pushes_during']}, "
            f"{r['during_p50']:.0f} / {r['during_p95']:.0f} / **{r['during_max']:.0f} ms** | "
            f"{r['errors']} | {verdict} |")
    lines += ["", (f"Measured on {machine_line()}. Absolute times vary with the machine's load (a "
                   "shared machine), so compare the before/during "
                   "figures of one run rather than runs of different days.")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--laptops", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backend", choices=("postgres", "sqlite", "both"), default="postgres")
    ap.add_argument("--timeout", type=float, default=900, help="seconds the import may take at most")
    ap.add_argument("--no-doc", action="store_true", help="print, do not write docs/benchmarks.md")
    args = ap.parse_args(argv)
    backends = ("postgres", "sqlite") if args.backend == "both" else (args.backend,)
    results = [run_backend(b, args) for b in backends]
    text = markdown(results)
    print(text)
    if not args.no_doc:
        write_section("import", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
