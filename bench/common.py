"""Timing helpers the benchmark scripts share: medians, percentiles, peak RSS, and
writing a script's own section of docs/benchmarks.md.

Benchmarks are not timed tests: they run by hand (``make bench``) and each script
rewrites only its section of the document, between its two markers.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"  # git-ignored: cached profiles, raw results
DOC = ROOT / "docs" / "benchmarks.md"
#: the local PostgreSQL (trust auth) where server benchmarks create their databases
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

if str(ROOT) not in sys.path:  # run as `python bench/x.py` from anywhere
    sys.path.insert(0, str(ROOT))


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100) by the nearest-rank method: an observed value."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def time_ms(fn: Callable[[], Any], repeat: int = 7, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls of ``fn`` after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident set size (VmHWM on Linux) of a process, in MB."""
    pid = pid or os.getpid()
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import psutil  # not Linux: the current RSS is the best available

    return psutil.Process(pid).memory_info().rss / 2**20


def fmt_ms(v: float) -> str:
    return f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms"


def verdict(value: float, target: float) -> str:
    return "meets target" if value <= target else "**misses target**"


def write_section(key: str, markdown: str) -> None:
    """Replace this script's section of docs/benchmarks.md (between its markers),
    appending it if the document does not have it yet."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def machine_line() -> str:
    import platform

    load = (
        f", load average {os.getloadavg()[0]:.1f} at the end" if hasattr(os, "getloadavg") else ""
    )
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs (shared{load}), "
        f"Python {platform.python_version()}"
    )


#: where the benchmarks' profiles keep their database keys: a keyring file of their
#: own under bench/out (the tests' InMemoryKeyring, kept in a file), never the
#: user's OS keyring
BENCH_KEYRING = OUT_DIR / "bench-keyring.json"


def use_bench_keyring() -> None:
    """Install the benchmarks' keyring in this process and, through the environment,
    in every probe it starts. A profile's key is then read raw from the keyring, as
    the app does on a laptop with one (no key derivation at open)."""
    import keyring

    from tests.sync.memory_keyring import ENV_KEYRING_FILE, InMemoryKeyring

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(ENV_KEYRING_FILE, str(BENCH_KEYRING))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.memory_keyring.InMemoryKeyring"
    keyring.set_keyring(InMemoryKeyring(os.environ[ENV_KEYRING_FILE]))


def encryption_off() -> bool:
    """The benchmark's "encryption off" run (CHANNELKEEPER_BENCH_UNENCRYPTED=1)."""
    from models.database import ENV_BENCH_PLAIN

    return os.environ.get(ENV_BENCH_PLAIN) == "1"


def open_bench_database(path: Path, **options: Any) -> Any:
    """A benchmark's database, opened as the app opens a profile's (the same one
    function): ``.../channelkeeper.db`` is that profile's; any other file name
    stands for a profile folder of that name (``laptop.db`` -> ``laptop/``)."""
    from desktop.paths import Profile
    from desktop.profile_keys import CommandPrompts, open_profile_database

    use_bench_keyring()
    path = Path(path)
    root = path.parent if path.name == "channelkeeper.db" else path.with_suffix("")
    return open_profile_database(Profile(root), CommandPrompts(stdin=lambda: ""), **options)


@contextmanager
def bench_database(backend: str, prefix: str) -> Iterator[str]:
    """A fresh, empty server database for one benchmark run, removed afterwards: a new
    PostgreSQL database on 127.0.0.1 (``backend`` "postgres") or a SQLite file in
    bench/out. Yields its URL as an administrator types it."""
    tag = f"{prefix}_{uuid.uuid4().hex[:8]}"
    OUT_DIR.mkdir(parents=True, exist_ok=True)  # the runs' logs and seeds go there too
    if backend != "postgres":
        path = OUT_DIR / f"{tag}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for f in OUT_DIR.glob(f"{path.name}*"):
                f.unlink()
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{tag}"'))
        try:
            yield f"postgresql://postgres@127.0.0.1:5432/{tag}"
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{tag}" WITH (FORCE)'))
    finally:
        admin.dispose()
