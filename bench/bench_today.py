"""Start-up before and after a change, in one run: the workspace benchmark's start
probe (a fresh process each time: the app opens the 5,000-partner profile, the
window is `ready`, then a query waits for the database lane) run alternately at
two or more git revisions, beside a bare PySide6 window, rounds interleaved so that
the shared machine's load falls on all of them alike.

    .venv/bin/python bench/bench_today.py                       # before/after Today (issue 17)
    .venv/bin/python bench/bench_today.py --revs A B HEAD --rounds 7

Each revision runs from a temporary `git worktree` with its own copy of the cached
profile (bench/out/workspace-p5000-m100000-a100000-s1, built by
bench/bench_workspace.py; a copy, because a newer revision may migrate it). Writes
its section of docs/benchmarks.md unless --no-write.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT_DIR, ROOT, machine_line, median, write_section

PROFILE = OUT_DIR / "workspace-p5000-m100000-a100000-s1"
KEYRING = OUT_DIR / "bench-keyring.json"
#: the parent of "Today at a glance" on main, and that commit (issue 17)
DEFAULT_REVS = ("83f8e33", "ed6e61f")
FIELDS = ("start_s", "query_ms", "show_ms", "lane_wait_ms", "cpu_s")


def checkout(rev: str, where: Path) -> Path:
    tree = where / rev
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                   check=True, capture_output=True)
    shutil.copytree(PROFILE, tree / "bench" / "out" / PROFILE.name, symlinks=True)
    (tree / "bench" / "out" / PROFILE.name / "channelkeeper.lock").unlink(missing_ok=True)
    return tree


def probe(tree: Path, kind: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree),
           "PYTHONPYCACHEPREFIX": str(tree / "bench" / "out" / "pycache"),
           "CHANNELKEEPER_TEST_KEYRING_FILE": str(KEYRING),
           "PYTHON_KEYRING_BACKEND": "tests.sync.memory_keyring.InMemoryKeyring"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, str(tree / "bench" / "bench_workspace.py"), "--probe", kind]
    if kind == "app":
        cmd.append(str(tree / "bench" / "out" / PROFILE.name))
    import time

    t0 = time.time()
    out = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True,
                         timeout=600, check=False)
    if out.returncode:
        raise RuntimeError(f"{tree.name} {kind}:\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["start_s"] = result["ready_s"] - t0
    result["cpu_s"] = result.get("cpu_s", 0.0)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--revs", nargs="+", default=list(DEFAULT_REVS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not (PROFILE / "complete.json").exists():
        print(f"no profile at {PROFILE}: run bench/bench_workspace.py first", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-today-"))
    trees = {rev: checkout(rev, work) for rev in args.revs}
    try:
        # untimed first runs: migrations (if any), bytecode and disk caches
        bare_tree = trees[args.revs[-1]]
        probe(bare_tree, "bare")
        for tree in trees.values():
            probe(tree, "app")
        runs: dict[str, list[dict]] = {"bare": [], **{rev: [] for rev in args.revs}}
        for n in range(args.rounds):
            runs["bare"].append(probe(bare_tree, "bare"))
            order = args.revs if n % 2 == 0 else list(reversed(args.revs))
            for rev in order:
                runs[rev].append(probe(trees[rev], "app"))
            print(f"round {n + 1}: " + ", ".join(
                f"{k} {v[-1]['start_s']:.2f}s" for k, v in runs.items()), flush=True)
    finally:
        for tree in trees.values():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)
    bare = median([r["start_s"] for r in runs["bare"]])
    lines = [
        "### Start-up before and after a change (`bench/bench_today.py`)", "",
        (f"{machine_line()}; {args.rounds} interleaved rounds, medians; the 5,000-partner "
        "encrypted profile; a fresh process each run."), "",
        ("| revision | start to `ready` (s) | ÷ bare window | first load, db lane (ms) "
        "| on screen, GUI (ms) | lane wait after ready (ms) | CPU to ready (s) |"),
        "|---|---|---|---|---|---|---|",
        (f"| bare PySide6 window | {bare:.2f} | 1.00× | — | — | — | "
        f"{median([r['cpu_s'] for r in runs['bare']]):.2f} |"),
    ]
    for rev in args.revs:
        m = {f: median([r.get(f, 0.0) for r in runs[rev]]) for f in FIELDS}
        ratios = [a["start_s"] / b["start_s"] for a, b in zip(runs[rev], runs["bare"],
                                                                  strict=True)]
        lines.append(f"| `{rev}` | {m['start_s']:.2f} | {m['start_s'] / bare:.2f}× "
                     f"(runs' own: {median(ratios):.2f}×) | {m['query_ms']:.0f} | "
                     f"{m['show_ms']:.0f} | {m['lane_wait_ms']:.0f} | {m['cpu_s']:.2f} |")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("today-before-after", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
