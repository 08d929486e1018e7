"""The bundled app against the venv: cold start to a usable window on the same
profile, interleaved in one run, and the bundle's size.

Each start is a new process timed from just before it is spawned to the moment the
app says its window is usable (``CHANNELKEEPER_EXIT_WHEN_READY``: it prints the time
and quits). Target: the bundle's start ≤ 1.3× the venv's; size ≤ 200 MB.

    .venv/bin/python bench/bench_bundle.py [--repeat 9] [--partners 60]

The profile is the demo's size by default: what differs between the two is the start
(imports, libraries), not the data, which both read the same way.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine_line, median, verdict, write_section

BUNDLE = ROOT / "dist" / "channelkeeper"


def passphrase_env() -> dict[str, str]:
    """The profile is encrypted; where no keyring exists its passphrase is read from the
    file this variable names (the same for the venv and the bundle)."""
    secret = ROOT / "bench" / "out" / "bundle-passphrase"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("bench bundle passphrase 7\n", encoding="utf-8")
    return {"CHANNELKEEPER_PASSPHRASE_FILE": str(secret)}


def start_seconds(command: list[str], profile: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", CHANNELKEEPER_EXIT_WHEN_READY="1", **passphrase_env())
    began = time.time()
    done = subprocess.run([*command, "app", "--profile", str(profile), "--no-demo-offer"],
                          capture_output=True, text=True, env=env, timeout=300, check=False,
                          stdin=subprocess.DEVNULL)
    line = next((x for x in done.stdout.splitlines() if x.startswith("ready ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"{command[0]} did not start: {done.stderr[-1500:]}")
    return float(line.split()[1]) - began


def bundle_mb() -> float:
    return sum(p.stat().st_size for p in BUNDLE.rglob("*")
               if p.is_file() and not p.is_symlink()) / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--partners", type=int, default=60)
    ap.add_argument("--meetings", type=int, default=600)
    args = ap.parse_args(argv)
    if not (BUNDLE / "channelkeeper").exists():
        raise SystemExit("no bundle: run `make bundle` first")
    profile = ROOT / "bench" / "out" / f"bundle-{args.partners}"
    if not (profile / "channelkeeper.db").exists():
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo-data", "--profile",
                        str(profile), "--partners", str(args.partners), "--meetings",
                        str(args.meetings), "--actions", str(args.meetings), "--quiet"],
                       check=True, env={**os.environ, **passphrase_env()}, stdin=subprocess.DEVNULL)
    venv = [sys.executable, str(ROOT / "main.py")]
    bundle = [str(BUNDLE / "channelkeeper")]
    for command in (venv, bundle):  # warm the disk cache for both
        start_seconds(command, profile)
    runs: dict[str, list[float]] = {"venv": [], "bundle": []}
    for _ in range(args.repeat):
        runs["venv"].append(start_seconds(venv, profile))
        runs["bundle"].append(start_seconds(bundle, profile))
    ratio = median(runs["bundle"]) / median(runs["venv"])
    ratios = sorted(b / v for b, v in zip(runs["bundle"], runs["venv"], strict=True))
    size = bundle_mb()
    text = f"""## Bundled app (PyInstaller one-folder) against the venv

`bench/bench_bundle.py --repeat {args.repeat}`, {args.partners:,}-partner profile, each
start a new process timed to a usable window, venv and bundle interleaved in one run.
{machine_line()}.

| measurement | venv | bundle | ratio | target |
|---|---|---|---|---|
| cold start to a usable window (median) | {median(runs['venv']):.2f} s | {median(runs['bundle']):.2f} s | {ratio:.2f}× (pairs {ratios[0]:.2f}–{ratios[-1]:.2f}×) | ≤ 1.3× {verdict(ratio, 1.3)} |
| size of dist/channelkeeper | | {size:.0f} MB | | ≤ 200 MB {verdict(size, 200)} |
"""
    write_section("bundle", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
