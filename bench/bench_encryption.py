"""What encryption at rest costs: the same build with the profile's database encrypted
(SQLCipher, raw key from the keyring) and with encryption off
(CHANNELKEEPER_BENCH_UNENCRYPTED=1, the benchmark's switch: plain SQLite through the
same sqlcipher3 module), on the 5,000-partner / 100,000-meeting profile.

Measured in one run, the two alternating in each round, medians of the rounds:
the first sync (a real server in its own process, `main.py server run`), the
2-character search p95 and the partner filter p95, and the cold start to a usable
window (a fresh process, as bench_workspace measures it). Rewrites the "Encryption at
rest" section of docs/benchmarks.md.

The profile is the workspace benchmark's (bench/out/workspace-p5000-...; built by
bench_workspace.py, encrypted, or given with --source, plain or a profile's encrypted
database), copied once into a plain and an encrypted profile under
bench/out/encryption/ (delete that folder to copy again).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import bench_sync
import bench_workspace
from common import (
    OUT_DIR,
    ROOT,
    machine_line,
    median,
    open_bench_database,
    percentile,
    use_bench_keyring,
    write_section,
)

from models.database import ENV_BENCH_PLAIN, Database, backup_database, connect, is_plain_file
from models.store import Store

WORK = OUT_DIR / "encryption"
SOURCE = bench_workspace.profile_dir(5000, 100_000, 100_000, 1) / "channelkeeper.db"
TWO_CHARS = [w for w in bench_workspace.SEARCH_WORDS if len(w) == 2]
LIMIT = 1.2


@contextlib.contextmanager
def encryption(on: bool) -> Iterator[None]:
    before = os.environ.pop(ENV_BENCH_PLAIN, None)
    if not on:
        os.environ[ENV_BENCH_PLAIN] = "1"
    try:
        yield
    finally:
        os.environ.pop(ENV_BENCH_PLAIN, None)
        if before is not None:
            os.environ[ENV_BENCH_PLAIN] = before


def profile_root(on: bool) -> Path:
    return WORK / ("encrypted" if on else "plain")


def prepare(source: Path) -> None:
    """The plain and the encrypted copy of the source profile (made once)."""
    for on in (False, True):
        root = profile_root(on)
        if (root / "complete.json").exists():
            continue
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        copy_plain(source, root / "channelkeeper.db")
        t0 = time.perf_counter()
        with encryption(on):
            open_bench_database(root / "channelkeeper.db").close()  # converts when on
        assert is_plain_file(root / "channelkeeper.db") is not on
        (root / "complete.json").write_text(json.dumps({"prepared_s": time.perf_counter() - t0}),
                                            encoding="utf-8")
        print(f"{root.name}: ready ({time.perf_counter() - t0:.1f} s)", flush=True)


def copy_plain(source: Path, target: Path) -> None:
    """A plain copy of ``source``: a plain file copied as it is; an encrypted profile's
    database (the workspace benchmark builds them encrypted) decrypted with its key
    from the benchmarks' keyring."""
    if is_plain_file(source):
        src = connect(source, None, read_only=True)
        try:
            backup_database(Database(src), target, None)
        finally:
            src.close()
        return
    db = open_bench_database(source, migrate=False)
    try:
        db.execute("ATTACH DATABASE ? AS plain KEY ''", [str(target)])
        db.execute("SELECT sqlcipher_export('plain')")
        db.execute("DETACH DATABASE plain")
    finally:
        db.close()


def search_p95(on: bool, repeat: int = 50) -> float:
    """p95 of ``Store.search`` for every 2-character word, ``repeat`` times each, after
    one warm-up pass: what a manager typing two characters waits for. Each call takes
    well under a millisecond, so 50 passes (1,000 calls) keep the p95 above timer and
    scheduling noise."""
    with encryption(on):
        store = Store(open_bench_database(profile_root(on) / "channelkeeper.db", migrate=False))
    try:
        for w in TWO_CHARS:
            store.search(w)
        times = []
        for _ in range(repeat):
            for w in TWO_CHARS:
                t0 = time.perf_counter()
                store.search(w)
                times.append((time.perf_counter() - t0) * 1000)
    finally:
        store.db.close()
    return percentile(times, 95)


def cold_start(on: bool) -> dict[str, float]:
    """A fresh process to the window's ready signal, then the partner filter typed."""
    with encryption(on):
        result = bench_workspace.run_probe("app", profile_root(on))
    return {"start_s": result["start_s"], "filter_p95_ms": percentile(result["filter_ms"], 95)}


def first_sync(on: bool, base_url: str, n: int) -> float:
    path = WORK / f"laptop-{'encrypted' if on else 'plain'}-{n}.db"
    shutil.rmtree(path.with_suffix(""), ignore_errors=True)
    with encryption(on):
        engine = bench_sync.new_engine(path, base_url, defer_search_index=True)
    t0 = time.perf_counter()
    report = engine.sync()
    seconds = time.perf_counter() - t0
    assert report.verified and report.pulled >= 105_000
    assert is_plain_file(path.with_suffix("") / "channelkeeper.db") is not on
    engine.close()
    engine.store.db.close()
    shutil.rmtree(path.with_suffix(""), ignore_errors=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the 5,000-partner profile's database (plain or this build's)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-sync", action="store_true", help="skip the first-sync rounds")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    use_bench_keyring()
    WORK.mkdir(parents=True, exist_ok=True)
    prepare(args.source)
    rounds: dict[str, dict[bool, list[float]]] = {
        k: {False: [], True: []} for k in ("sync_s", "search_p95_ms", "filter_p95_ms", "start_s")}
    stop = None
    try:
        if not args.no_sync:
            bench_sync.CACHED = profile_root(False) / "channelkeeper.db"
            with encryption(False):
                rows = bench_sync.source_rows(5000, 100_000)
            db_url = f"sqlite:///{WORK}/server.db"
            for old in WORK.glob("server.db*"):
                old.unlink()
            base_url, (stop, settings) = bench_sync.start_server_process(db_url, WORK / "server.log")
            bench_sync.seed_server(db_url, settings, rows)
            del rows
        for n in range(args.rounds):
            # each round: plain then encrypted, or the other way round, alternating
            for on in ((False, True) if n % 2 == 0 else (True, False)):
                if not args.no_sync:
                    rounds["sync_s"][on].append(first_sync(on, base_url, n))
                rounds["search_p95_ms"][on].append(search_p95(on))
                start = cold_start(on)
                rounds["start_s"][on].append(start["start_s"])
                rounds["filter_p95_ms"][on].append(start["filter_p95_ms"])
                print(f"round {n + 1} {'encrypted' if on else 'plain'}: "
                      + ", ".join(f"{k} {v[on][-1]:.3f}" for k, v in rounds.items() if v[on]),
                      flush=True)
    finally:
        if stop is not None:
            stop()
    section = render(rounds, args.rounds)
    print(section)
    if not args.no_write:
        write_section("encryption", section)
    return 0


def render(rounds: dict[str, dict[bool, list[float]]], n: int) -> str:
    labels = {"sync_s": ("first sync (s)", 2), "search_p95_ms": ("2-character search p95 (ms)", 2),
              "filter_p95_ms": ("partner filter p95 (ms)", 1),
              "start_s": ("cold start to a usable window (s)", 2)}
    lines = [
        "## Encryption at rest", "",
        (f"`python bench/bench_encryption.py` — {machine_line()}. The same build with the "
        "profile's database encrypted (SQLCipher 4 through sqlcipher3-wheels, raw 32-byte "
        "key from the keyring, `cipher_memory_security = OFF`, a 32 MiB page cache per "
        "connection) and with encryption off (`CHANNELKEEPER_BENCH_UNENCRYPTED=1`: plain "
        "SQLite through the same module, same page cache), 5,000 partners / 100,000 "
        f"meetings. {n} rounds in one run, plain and encrypted alternating within each "
        "round; medians of the rounds. Absolute figures move with the "
        "machine's load from run to run; the same-run ratios are what to read."), "",
        "| measure | plain | encrypted | ratio | limit |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, (label, digits) in labels.items():
        plain, enc = rounds[key][False], rounds[key][True]
        if not plain:
            continue
        ratio = median(enc) / median(plain)
        lines.append(f"| {label} | {median(plain):.{digits}f} | {median(enc):.{digits}f} | "
                     f"{ratio:.2f}× | {'≤' if ratio <= LIMIT else '>'} {LIMIT}× |")
    lines += ["", "Every round's figures (plain / encrypted):", ""]
    for key, (label, digits) in labels.items():
        if rounds[key][False]:
            pairs = ", ".join(f"{p:.{digits}f} / {e:.{digits}f}"
                              for p, e in zip(rounds[key][False], rounds[key][True], strict=True))
            lines.append(f"- {label}: {pairs}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
