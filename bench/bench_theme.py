"""What the theme (ui/theme.py) costs: the start to a usable window with the theme
applied against the same start with Qt's defaults (the benchmark's switch: the
probe replaces ``desktop.app.apply_appearance`` with a no-op), fresh processes, the
two alternating in each round; ``theme.apply`` itself; and a live switch from
light to dark with every page built. On a 60-partner demo profile (the start's
fixed costs are what a style sheet adds to; the 5,000-partner start is
bench_workspace.py's). Rewrites the "Theme" section of docs/benchmarks.md.

    .venv/bin/python bench/bench_theme.py [--repeat 7] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT_DIR, ROOT, machine_line, median, use_bench_keyring, write_section

PROFILE = OUT_DIR / "theme-p60"
PARTNERS = 60


def build_profile() -> Path:
    if (PROFILE / "complete").exists():
        return PROFILE
    import shutil

    shutil.rmtree(PROFILE, ignore_errors=True)
    subprocess.run([sys.executable, "main.py", "--profile", str(PROFILE), "demo-data",
                    "--partners", str(PARTNERS), "--meetings", "600", "--actions", "600",
                    "--today", "2026-12-03"], cwd=ROOT, check=True, env=os.environ.copy(),
                   capture_output=True)
    (PROFILE / "complete").write_text("ok", encoding="utf-8")
    return PROFILE


def probe(themed: bool) -> dict:
    """One start, as main.py starts the app; with or without the theme."""
    started = time.perf_counter()
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop import app as desktop_app
    from desktop.paths import Profile

    applied: list[float] = []
    original = desktop_app.apply_appearance

    def timed_apply(settings):  # the theme as the app applies it, timed
        t0 = time.perf_counter()
        original(settings)
        applied.append((time.perf_counter() - t0) * 1000)

    desktop_app.apply_appearance = timed_apply if themed else (lambda settings: None)
    app, session = desktop_app.start_app(Profile(PROFILE), [sys.argv[0]], offer_demo=False)
    window = session.window
    loop = QEventLoop()
    window.ready.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    if not window.is_ready:
        loop.exec()
    app.processEvents()
    ready_ms = (time.perf_counter() - started) * 1000
    result = {"ready_ms": ready_ms, "apply_ms": applied[0] if applied else 0.0}
    if themed:  # a live switch with every page built and shown once
        from ui import theme

        for index in range(len(window.page_stack.pages)):
            window.page_stack.show(index)
            app.processEvents()
        window.page_stack.show(0)
        app.processEvents()
        t0 = time.perf_counter()
        theme.apply("dark")
        window.repaint()
        app.processEvents()
        result["switch_ms"] = (time.perf_counter() - t0) * 1000
    window.close()
    app.processEvents()
    return result


def run_probe(themed: bool) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, __file__, "--probe", "themed" if themed else "plain"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--probe", choices=("themed", "plain"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    use_bench_keyring()
    if args.probe:
        print(json.dumps(probe(args.probe == "themed")))
        return 0
    build_profile()
    run_probe(True)  # untimed: bytecode and disk caches warm for both
    run_probe(False)
    themed, plain = [], []
    for _ in range(args.repeat):
        themed.append(run_probe(True))
        plain.append(run_probe(False))
    ratios = [t["ready_ms"] / p["ready_ms"] for t, p in zip(themed, plain, strict=True)]
    t_ready, p_ready = median([r["ready_ms"] for r in themed]), median([r["ready_ms"] for r in plain])
    md = f"""## Theme

Written by `bench/bench_theme.py` on {time.strftime('%Y-%m-%d')} ({machine_line()}).
Profile: {PARTNERS} demo partners (`main.py demo-data`). Medians of {args.repeat} rounds, the
themed and the plain start alternating, each a fresh process to `ready`.

| measurement | result |
|---|---|
| start to a usable window, theme applied (Fusion, palette, marks, focus ring) | {t_ready:.0f} ms |
| the same start with Qt's defaults (`apply_appearance` a no-op) | {p_ready:.0f} ms |
| themed ÷ plain | {t_ready / p_ready:.2f}× (median of the rounds' own ratios {median(ratios):.2f}×) |
| `theme.apply` at start (Fusion, palette, font, focus ring) | {median([r['apply_ms'] for r in themed]):.1f} ms |
| live switch light → dark with every page built (apply + repaint) | {median([r['switch_ms'] for r in themed]):.0f} ms |

Re-run: `.venv/bin/python bench/bench_theme.py` (a quiet machine gives the figures
that count; this one shares 2 cores with other work).
"""
    print(md)
    if not args.no_write:
        write_section("theme", md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
