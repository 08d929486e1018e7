"""Run every benchmark in bench/ (each ``bench_*.py`` module's ``main()``), one after
the other, and report which failed. Each benchmark writes its own section of
docs/benchmarks.md. Usage: ``python bench/run_all.py [name ...]`` (e.g. ``workspace``).
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))


def benchmark_modules(names: list[str] | None = None) -> list[Path]:
    found = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        found = [p for p in found if p.stem.removeprefix("bench_") in names or p.stem in names]
    return found


def run(path: Path) -> bool:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "main"):
        print(f"{path.name}: no main(), skipped", file=sys.stderr)
        return True
    started = time.monotonic()
    print(f"=== {path.name}", flush=True)
    saved_argv = sys.argv
    # each benchmark runs with its own defaults, never with run_all's arguments
    sys.argv = [str(path)]
    try:
        takes_argv = bool(inspect.signature(module.main).parameters)
        rc = module.main([]) if takes_argv else module.main()
    except Exception:  # noqa: BLE001 - one broken benchmark must not stop the others
        traceback.print_exc()
        rc = 1
    finally:
        sys.argv = saved_argv
    print(
        f"=== {path.name}: {'ok' if not rc else 'FAILED'} in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return not rc


def main(argv: list[str] | None = None) -> int:
    names = sys.argv[1:] if argv is None else argv
    paths = benchmark_modules(names)
    if not paths:
        print("no benchmarks found", file=sys.stderr)
        return 1
    failed = [p.name for p in paths if not run(p)]
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
