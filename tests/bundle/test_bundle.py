"""The bundle on a fresh profile: its commands, a pack with the bundled font, and the
real window (Xvfb) running "Try the demo" to a finished sync before quitting."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

#: the size the issue asks for: a one-folder app IT can copy around
MAX_MB = 200


def run(bundle: Path, *args: str, timeout: float = 300, env: dict | None = None
        ) -> subprocess.CompletedProcess:
    exe = bundle / ("channelkeeper-cli.exe" if os.name == "nt" else "channelkeeper")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout,
                          env={**clean, **(env or {})}, check=False, cwd=bundle.parent,
                          stdin=subprocess.DEVNULL)


def passphrase_env(tmp_path: Path) -> dict[str, str]:
    """The bundle runs here with no keyring (PYTHON* is cleared): a new profile's
    database key is then protected by a passphrase, read from the file named in
    CHANNELKEEPER_PASSPHRASE_FILE (README: How your data is protected)."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text("bundle test passphrase", encoding="utf-8")
    return {"CHANNELKEEPER_PASSPHRASE_FILE": str(secret)}


def embedded_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def test_the_bundle_is_small_and_carries_its_resources(bundle):
    assert folder_mb(bundle) <= MAX_MB, f"{folder_mb(bundle):.0f} MB"
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (internal / "resources" / "translations" / "channelkeeper_zh_CN.qm").is_file()
    assert (internal / "resources" / "icons" / "channelkeeper.svg").is_file()
    # the interface's icon set, with its licence (shown in About)
    tabler = internal / "resources" / "icons" / "tabler"
    assert (tabler / "LICENSE").is_file() and (tabler / "calendar.svg").is_file()
    # only the Qt modules the app uses
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*")}
    assert qt_modules <= {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPdf", "QtPdfWidgets",
                          "QtPrintSupport", "QtDBus", "QtNetwork"}, qt_modules
    assert not list(internal.rglob("libQt6Quick*")) and not list(internal.rglob("libQt6WebEngine*"))


@pytest.mark.skipif(os.name == "nt", reason="ldd")
def test_every_library_in_the_bundle_resolves(bundle):
    internal = bundle / "_internal"
    missing = []
    for lib in [*internal.rglob("*.so"), *internal.rglob("*.so.*"), bundle / "channelkeeper"]:
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, check=False,
                             env={**os.environ, "LD_LIBRARY_PATH": str(internal)}).stdout
        missing += [f"{lib.relative_to(bundle)}: {line.strip()}" for line in out.splitlines()
                    if "not found" in line]
    assert missing == []


def test_the_commands_of_main_py_on_a_fresh_profile(bundle, tmp_path):
    listed = run(bundle, "--help")
    assert listed.returncode == 0, listed.stderr
    for command in ("demo-data", "pack", "sync", "server", "self-test"):
        assert command in listed.stdout
    profile = tmp_path / "渠道 profile #1"
    made = run(bundle, "demo-data", "--profile", str(profile), "--partners", "12",
               "--meetings", "60", "--actions", "40", env=passphrase_env(tmp_path))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "packs"
    out.mkdir()
    # in Chinese whatever each demo partner prefers: the bundled CJK font is the point
    printed = run(bundle, "pack", "--profile", str(profile), "--all", "--out", str(out),
                  "--lang", "zh_CN", env=passphrase_env(tmp_path))
    assert printed.returncode == 0, printed.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 12
    fonts = embedded_fonts(pdfs[0])
    assert "WenQuanYi" in fonts and " yes " in fonts  # the bundled font, embedded
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "第 1 页" in text


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb")
def test_the_window_runs_try_the_demo_to_a_finished_sync_and_quits(bundle, tmp_path):
    profile = tmp_path / "fresh profile 渠道"
    out = tmp_path / "self-test"
    exe = bundle / "channelkeeper"
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("PYTHON", "VIRTUAL_ENV")) and k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", str(exe), "self-test",
         "--profile", str(profile), "--out", str(out)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**clean, "QT_QPA_PLATFORM": "xcb", **passphrase_env(tmp_path)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "synced:" in done.stdout and "self-test passed" in done.stdout
    assert "WenQuanYi" in embedded_fonts(out / "pack.pdf")
    assert (out / "window.png").stat().st_size > 10_000  # a real window was painted
