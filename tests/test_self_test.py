"""``main.py self-test``: what IT (and ``make test-bundle``) run to check an install,
run here from the checkout so that changes to the app keep it working."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


@pytest.mark.timeout(600)
def test_self_test_runs_the_window_try_the_demo_and_a_pack(tmp_path):
    out = tmp_path / "out"
    done = run("self-test", "--profile", str(tmp_path / "new profile"), "--out", str(out))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "synced: 30 partners" in done.stdout and "self-test passed" in done.stdout
    assert (out / "pack.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "window.png").stat().st_size > 10_000
    # a second run on the same (no longer new) profile is refused, and changes nothing
    again = run("self-test", "--profile", str(tmp_path / "new profile"), timeout=60)
    assert again.returncode == 2 and "new, empty profile" in again.stderr


def test_the_start_can_be_timed_from_outside(tmp_path):
    """bench/bench_bundle.py times the bundle, which runs no code but its own."""
    assert run("demo-data", "--profile", str(tmp_path / "p"), "--partners", "5", "--meetings",
               "10", "--actions", "10", "--quiet", timeout=120).returncode == 0
    done = run("app", "--profile", str(tmp_path / "p"), "--no-demo-offer",
               env={"CHANNELKEEPER_EXIT_WHEN_READY": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("ready ")]
