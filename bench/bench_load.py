"""Load test of the central server at company scale (loopback only, bounded in time).

N simulated laptops (default 200) each sign in, make a first sync of a 50-partner
scope (pull every page, verify), then sync incrementally for ``--duration`` seconds:
a pause (``--think``, randomised ±50 %), then push 1-3 small ops, pull, verify, as
sync/client/engine.py does when data moved. The server is the real deployment,
``main.py server run --workers 2`` on PostgreSQL and on SQLite. Afterwards every
pushed op is checked to be on the server exactly once (its op-log row, its record,
the last value written).

    python bench/bench_load.py [--laptops 200] [--duration 60] [--think 5]
                               [--backend postgres|sqlite|both] [--workers 2] [--no-doc]

Writes the "Server at scale" section of docs/benchmarks.md (bench:server-scale).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT_DIR, ROOT, bench_database, machine_line, percentile, write_section

PASSWORD = "bench password 2026"
TARGET_P95_MS = 250.0


# --- the organisation ------------------------------------------------------------------


@dataclass
class Manager:
    username: str
    partners: list[str]
    meetings: list[str]
    notes: dict[str, str] = field(default_factory=dict)  # meeting id -> notes on the server
    rebates: dict[str, float | None] = field(default_factory=dict)  # partner id -> rebate on the server


def seed(db_url: str, laptops: int, partners_each: int) -> list[Manager]:
    """Managers with disjoint 50-partner scopes (each partner with 2 contacts and 3
    meetings), written in bulk straight into the database."""
    from argon2 import PasswordHasher
    from sqlalchemy import insert

    from sync.server.db import (
        ENTITY_TABLES,
        allocate_seq,
        assignments,
        make_engine,
        users,
        write_tx,
    )
    from sync.server.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    pw_hash = PasswordHasher().hash(PASSWORD)  # the server's default cost
    now = "2026-11-27 08:00:00"
    per_partner = 1 + 2 + 3
    managers, rows = [], defaultdict(list)
    grants = []
    with write_tx(engine) as conn:
        seq = allocate_seq(conn, laptops * partners_each * (per_partner + 1))
        for i in range(laptops):
            uid = str(uuid.uuid4())
            m = Manager(f"mgr{i:03d}", [], [])
            rows["users"].append({"id": uid, "username": m.username, "role": "manager",
                                  "password_hash": pw_hash, "created_at": now, "disabled": 0})
            for j in range(partners_each):
                pid = str(uuid.uuid4())
                m.partners.append(pid)

                def rec(entity: str, values: dict, rid: str | None = None) -> str:
                    nonlocal seq
                    rid = rid or str(uuid.uuid4())
                    rows[entity].append({"id": rid, "version": seq, "created_at": now, "updated_at": now,
                                         "deleted": 0, "deleted_at": None, "created_by": "admin",
                                         "updated_by": "admin", **values})
                    seq += 1
                    return rid

                rec("partner", {"name_zh": f"渠道{i:03d}-{j:02d}", "tier": "core", "stage": "mature",
                                "region": "华东", "goals": "季度目标"}, pid)
                for k in range(2):
                    rec("contact", {"partner_id": pid, "name": f"联系人{k}", "role": "采购"})
                for k in range(3):
                    mid = rec("meeting", {"partner_id": pid, "type": "visit",
                                          "starts_at": f"2026-11-{10 + k} 10:00", "notes": "初始纪要"})
                    m.meetings.append(mid)
                    m.notes[mid] = "初始纪要"
                grants.append({"partner_id": pid, "user_id": uid, "granted_seq": seq, "granted_at": now})
                seq += 1
            managers.append(m)
        conn.execute(insert(users), rows.pop("users"))
        for entity, batch in rows.items():
            table = ENTITY_TABLES[entity]
            cols = set(table.columns.keys())
            for k in range(0, len(batch), 5000):
                conn.execute(insert(table), [{c: r.get(c) for c in cols} for r in batch[k:k + 5000]])
        conn.execute(insert(assignments), grants)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    return managers


# --- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, workers: int, log_path: Path, root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """``main.py server run`` of the code in ``root`` (another revision's worktree in
    bench_knee.py)."""
    port = free_port()
    log = open(log_path, "wb")  # noqa: SIM115  (the child writes to it until stopped)
    proc = subprocess.Popen(
        [sys.executable, str(root / "main.py"), "server", "run", "--db", db_url, "--port", str(port),
         "--workers", str(workers)],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    return proc, wait_until_serving(proc, port, log_path)


def wait_until_serving(proc: subprocess.Popen, port: int, log_path: Path) -> str:
    """The base URL of the server ``proc`` starts on ``port``, once its /health answers
    (stopped, and an error raised, if it exits or does not answer within 90 s)."""
    import httpx

    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: see {log_path}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("server did not start")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


# --- the laptops ----------------------------------------------------------------------------


@dataclass
class Stats:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # ms by kind
    errors: list[str] = field(default_factory=list)
    pushed: dict[str, dict] = field(default_factory=dict)  # op id -> op
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0
    failed_syncs: int = 0
    retries: list[str] = field(default_factory=list)
    unanswered_at_end: list[list[dict]] = field(default_factory=list)
    incremental_started: float = 0.0
    incremental_ended: float = 0.0


class Laptop:
    def __init__(self, http, manager: Manager, stats: Stats) -> None:
        from sync import protocol

        self.http, self.m, self.stats = http, manager, stats
        self.headers = protocol.request_headers()
        self.cursor: str | None = None
        self.seq = 0
        self.rnd = random.Random(manager.username)
        self.versions: dict[str, int] = {}
        self.unanswered: list[dict] = []  # ops sent without an answer: sent again, as the client does

    async def call(self, kind: str, method: str, path: str, **kw) -> dict:
        import httpx

        t0 = time.perf_counter()
        try:
            try:
                r = await self.http.request(method, path, headers=self.headers, **kw)
            except httpx.TransportError as exc:
                # one immediate retry on a dropped connection, like the client's HTTP layer
                self.stats.retries.append(f"{kind}: {type(exc).__name__}")
                r = await self.http.request(method, path, headers=self.headers, **kw)
        except Exception as exc:  # every failure is counted, none stops the run
            self.stats.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            raise
        finally:
            self.stats.latency[kind].append((time.perf_counter() - t0) * 1000)
            self.stats.requests += 1
        if r.status_code != 200:
            self.stats.errors.append(f"{kind}: HTTP {r.status_code} {r.text[:200]}")
            raise RuntimeError(r.status_code)
        return r.json()

    async def sign_in(self) -> None:
        data = await self.call("sign-in", "POST", "/api/auth/login", json={
            "username": self.m.username, "password": PASSWORD, "device_name": f"{self.m.username} laptop"})
        self.headers = {**self.headers, "Authorization": f"Bearer {data['access_token']}"}

    async def pull(self, kind: str) -> int:
        n = 0
        while True:
            params = {"limit": 500, **({"cursor": self.cursor} if self.cursor else {})}
            page = await self.call(kind, "GET", "/api/sync/pull", params=params)
            for c in page["changes"]:
                self.versions[c["id"]] = c["version"]
            n += len(page["changes"])
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return n

    def _op(self, entity: str, entity_id: str, changes: dict, kind: str = "update") -> dict:
        self.seq += 1
        return {"op_id": str(uuid.uuid4()), "seq": self.seq, "entity": entity, "entity_id": entity_id,
                "op": kind, "changes": changes, "base_version": self.versions.get(entity_id, 0),
                "created_at": "2026-11-27 10:00:00"}

    def small_changes(self) -> list[dict]:
        ops = []
        for _ in range(self.rnd.randint(1, 3)):
            roll = self.rnd.random()
            if roll < 0.6:
                mid = self.rnd.choice(self.m.meetings)
                new = f"纪要 {uuid.uuid4().hex[:8]}：返利政策透明，季度复盘按期。"
                ops.append(self._op("meeting", mid, {"notes": [self.m.notes[mid], new]}))
                self.m.notes[mid] = new
            elif roll < 0.9:
                pid = self.rnd.choice(self.m.partners)
                ops.append(self._op("contact", str(uuid.uuid4()), {
                    "partner_id": [None, pid], "name": [None, f"新联系人{self.seq}"]}, kind="create"))
            else:
                pid = self.rnd.choice(self.m.partners)
                new_rebate = float(self.rnd.randint(1, 9))
                ops.append(self._op("partner", pid, {"rebate": [self.m.rebates.get(pid), new_rebate]}))
                self.m.rebates[pid] = new_rebate
        return ops

    async def push(self, ops: list[dict]) -> None:
        """Send the unanswered ops again first, then the new ones; an op counts as done
        only when the server answered it (the outbox rule)."""
        for op in ops:
            self.stats.pushed[op["op_id"]] = op
        batch = self.unanswered + ops
        self.unanswered = batch
        answer = await self.call("push", "POST", "/api/sync/push", json={"ops": batch})
        self.unanswered = []
        for r in answer["results"]:
            self.stats.outcomes[r["outcome"]] += 1
            if r["version"]:
                self.versions[r["entity_id"]] = r["version"]

    async def first_sync(self) -> None:
        t0 = time.perf_counter()
        await self.pull("first-sync pull")
        await self.call("first-sync verify", "POST", "/api/sync/verify", json={})
        self.stats.latency["first sync (all pages + verify)"].append((time.perf_counter() - t0) * 1000)

    async def incremental(self, deadline: float, think: float) -> None:
        await asyncio.sleep(self.rnd.uniform(0, think))
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                await self.push(self.small_changes())
                await self.pull("pull")
                await self.call("verify", "POST", "/api/sync/verify", json={})
                self.stats.latency["incremental sync (push + pull + verify)"].append(
                    (time.perf_counter() - t0) * 1000)
            except Exception:  # noqa: BLE001  (the request error is in stats.errors)
                self.stats.failed_syncs += 1
            await asyncio.sleep(think * self.rnd.uniform(0.5, 1.5))


async def drive(base_url: str, managers: list[Manager], args: argparse.Namespace) -> Stats:
    import httpx

    stats = Stats()
    clients = [httpx.AsyncClient(base_url=base_url, timeout=60) for _ in managers]
    laptops = [Laptop(c, m, stats) for c, m in zip(clients, managers, strict=True)]
    gate = asyncio.Semaphore(args.login_concurrency)

    async def start(lap: Laptop) -> None:
        async with gate:
            await lap.sign_in()
        await lap.first_sync()

    try:
        t0 = time.perf_counter()
        results = await asyncio.gather(*(start(lap) for lap in laptops), return_exceptions=True)
        stats.latency["phase: all signed in and first-synced (s)"].append(time.perf_counter() - t0)
        ready = [lap for lap, res in zip(laptops, results, strict=True) if not isinstance(res, BaseException)]
        stats.incremental_started = time.monotonic()
        deadline = stats.incremental_started + args.duration
        await asyncio.gather(*(lap.incremental(deadline, args.think) for lap in ready))
        stats.incremental_ended = time.monotonic()
        for lap in ready:  # what failed to send is sent now, as the next sync would
            for _attempt in range(5):
                if not lap.unanswered:
                    break
                try:
                    await lap.push([])
                except Exception:  # noqa: BLE001  (counted in stats.errors; tried again)
                    await asyncio.sleep(1)
            stats.unanswered_at_end.append(lap.unanswered)
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return stats


# --- checking and reporting ------------------------------------------------------------------


def check_exactly_once(db_url: str, stats: Stats, managers: list[Manager]) -> dict[str, int]:
    """Every pushed op: one op-log row; created contacts exist once; meetings hold the
    last notes written."""
    from sqlalchemy import func, select

    from sync.server.db import ENTITY_TABLES, applied_ops, make_engine, read_tx

    engine = make_engine(db_url)
    ids = list(stats.pushed)
    found: dict[str, int] = defaultdict(int)
    with read_tx(engine) as conn:
        for k in range(0, len(ids), 1000):
            for (op_id,) in conn.execute(select(applied_ops.c.op_id).where(applied_ops.c.op_id.in_(ids[k:k + 1000]))):
                found[op_id] += 1
        created = [op["entity_id"] for op in stats.pushed.values() if op["op"] == "create"]
        contacts = ENTITY_TABLES["contact"]
        n_created = 0
        for k in range(0, len(created), 1000):
            n_created += conn.execute(select(func.count()).select_from(contacts)
                                      .where(contacts.c.id.in_(created[k:k + 1000]))).scalar_one()
        meetings = ENTITY_TABLES["meeting"]
        wrong_notes = 0
        for m in managers:
            rows = dict(conn.execute(select(meetings.c.id, meetings.c.notes).where(meetings.c.id.in_(m.meetings))).all())
            wrong_notes += sum(1 for mid, notes in m.notes.items() if rows.get(mid) != notes)
    engine.dispose()
    return {
        "unanswered_at_end": sum(len(lap_ops) for lap_ops in stats.unanswered_at_end),
        "pushed": len(ids),
        "missing": sum(1 for i in ids if found.get(i, 0) == 0),
        "duplicated": sum(1 for v in found.values() if v > 1),
        "contacts_created": len(created),
        "contacts_on_server": n_created,
        "meetings_with_wrong_notes": wrong_notes,
    }


def summarise(backend: str, stats: Stats, check: dict[str, int], args: argparse.Namespace,
              seed_s: float) -> dict:
    span = max(1e-9, stats.incremental_ended - stats.incremental_started)
    inc = stats.latency["incremental sync (push + pull + verify)"]
    kinds = {}
    for kind, values in stats.latency.items():
        if kind.startswith("phase") or not values:
            continue
        kinds[kind] = {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
                       "p99": percentile(values, 99), "max": max(values)}
    inc_requests = sum(len(stats.latency[k]) for k in ("push", "pull", "verify"))
    return {
        "backend": backend, "laptops": args.laptops, "workers": args.workers, "think": args.think,
        "duration": span, "seed_s": seed_s,
        "startup_s": stats.latency["phase: all signed in and first-synced (s)"][0],
        "syncs": len(inc), "syncs_per_s": len(inc) / span, "requests_per_s": inc_requests / span,
        "errors": len(stats.errors), "error_samples": stats.errors[:5], "outcomes": dict(stats.outcomes),
        "kinds": kinds, "check": check,
        "p95_incremental": percentile(inc, 95) if inc else float("nan"),
    }


def run_backend(backend: str, args: argparse.Namespace) -> dict:
    with bench_database(backend, "ck_load") as db_url:
        return _run(backend, db_url, args)


def _run(backend: str, db_url: str, args: argparse.Namespace) -> dict:
    proc = None
    try:
        t0 = time.perf_counter()
        managers = seed(db_url, args.laptops, args.partners)
        seed_s = time.perf_counter() - t0
        proc, base = start_server(db_url, args.workers, OUT_DIR / f"server-load-{backend}.log")
        print(f"[{backend}] seeded {args.laptops} managers x {args.partners} partners in {seed_s:.1f} s; "
              f"server on {base}", flush=True)
        stats = asyncio.run(drive(base, managers, args))
        stop_server(proc)
        proc = None
        check = check_exactly_once(db_url, stats, managers)
        return summarise(backend, stats, check, args, seed_s)
    finally:
        if proc is not None:
            stop_server(proc)


def _ms(v: float) -> str:
    return f"{v:.0f}" if v >= 10 else f"{v:.1f}"


def markdown(results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        "## Server at scale",
        "",
        f"Written by `bench/bench_load.py` on {time.strftime('%Y-%m-%d')} ({machine_line()}).",
        (f"{args.laptops} simulated laptops (asyncio + httpx in one process on the same machine), "
        f"each with its own 50-partner scope ({args.partners} partners, 2 contacts and 3 meetings each), "
        f"against `main.py server run --workers {args.workers}` on 127.0.0.1. Each laptop signs in "
        f"(argon2 at the server's default cost, at most {args.login_concurrency} at a time), makes a first "
        f"sync (every pull page + verify), then for {args.duration:.0f} s syncs incrementally: a pause of "
        f"{' or '.join(f'{t:g}' for t in args.think)} s ± 50 % (one run each), then push 1–3 small ops (meeting notes, a new contact, a partner field), "
        "pull, verify — what the client engine does when data moved. Latencies in ms, nearest-rank "
        "percentiles."),
        "",
        ("| backend | pause | incremental syncs | syncs/s | requests/s | failed requests | exactly once | "
         "sync p50 | sync p95 | sync p99 | target p95 ≤ 250 ms |"),
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        k = r["kinds"].get("incremental sync (push + pull + verify)", {})
        c = r["check"]
        once = (c["missing"] == 0 and c["duplicated"] == 0 and c["unanswered_at_end"] == 0 and c["contacts_on_server"] == c["contacts_created"]
                and c["meetings_with_wrong_notes"] == 0)
        once_text = (f"yes ({c['pushed']:,} ops: 0 missing, 0 twice)" if once else
                     f"**no** (unanswered {c['unanswered_at_end']}, missing {c['missing']}, twice {c['duplicated']}, contacts "
                     f"{c['contacts_on_server']}/{c['contacts_created']}, notes wrong {c['meetings_with_wrong_notes']})")
        verdict = "meets target" if r["p95_incremental"] <= TARGET_P95_MS else "**misses target**"
        lines.append(f"| {r['backend']} | {r['think']:g} s | {r['syncs']:,} | {r['syncs_per_s']:.1f} | {r['requests_per_s']:.0f} | "
                     f"{r['errors']} | {once_text} | {_ms(k.get('p50', 0))} | {_ms(k.get('p95', 0))} | "
                     f"{_ms(k.get('p99', 0))} | {verdict} |")
    lines += ["", "Per request (all phases):", "",
              "| backend | pause | request | n | p50 | p95 | p99 | max |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        for kind, v in r["kinds"].items():
            lines.append(f"| {r['backend']} | {r['think']:g} s | {kind} | {v['n']:,} | {_ms(v['p50'])} | {_ms(v['p95'])} | "
                         f"{_ms(v['p99'])} | {_ms(v['max'])} |")
    lines.append("")
    for r in results:
        lines.append(f"- {r['backend']}, pause {r['think']:g} s: seeding {r['seed_s']:.0f} s; all {r['laptops']} laptops signed in and "
                     f"first-synced after {r['startup_s']:.1f} s; push outcomes {r['outcomes']}"
                     + (f"; error samples: {r['error_samples']}" if r["errors"] else "") + ".")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--laptops", type=int, default=200)
    ap.add_argument("--partners", type=int, default=50, help="partners per laptop's scope")
    ap.add_argument("--duration", type=float, default=60, help="seconds of incremental syncing")
    ap.add_argument("--think", type=float, nargs="+", default=[5.0, 30.0],
                    help="mean pause between a laptop's syncs (s); several values: one run each")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--login-concurrency", type=int, default=16)
    ap.add_argument("--backend", choices=("postgres", "sqlite", "both"), default="both")
    ap.add_argument("--no-doc", action="store_true", help="print, do not write docs/benchmarks.md")
    args = ap.parse_args(argv)
    backends = ["postgres", "sqlite"] if args.backend == "both" else [args.backend]
    results = []
    thinks = list(args.think)
    for think in thinks:
        for backend in backends:
            args.think = think
            r = run_backend(backend, args)
            results.append(r)
            print(json.dumps({k: v for k, v in r.items() if k != "kinds"}, ensure_ascii=False, default=str),
                  flush=True)
            for kind, v in r["kinds"].items():
                print(f"  {kind:<45} n={v['n']:<6} p50={v['p50']:.1f} p95={v['p95']:.1f} p99={v['p99']:.1f}")
    args.think = thinks
    text = markdown(results, args)
    if args.no_doc:
        print(text)
    else:
        write_section("server-scale", text)
    bad = any(r["errors"] or r["check"]["missing"] or r["check"]["duplicated"] for r in results)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
