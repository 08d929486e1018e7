"""Packaging: the laptop and the server install apart, every dependency is pinned in
the lock file the Makefile installs from, and the server's entry point needs no Qt."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

#: a child interpreter in which PySide6 (and shiboken6) cannot be imported
BLOCK_QT = """
import sys
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is not installed here")
sys.meta_path.insert(0, NoQt())
"""


def _names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower().replace("_", "-") for r in requirements}


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[m[1].lower().replace("_", "-")] = m[2]
    return pins


def test_the_laptop_and_the_server_each_pull_only_what_they_need():
    extras = PYPROJECT["optional-dependencies"]
    base, app, server = (_names(PYPROJECT["dependencies"]), _names(extras["app"]),
                         _names(extras["server"]))
    qt = {"pyside6-essentials", "pyside6-addons", "pyside6"}
    assert not (base | server) & qt  # a server install pulls no Qt
    assert "psycopg" in server and "psycopg" not in base | app  # nor a laptop PostgreSQL
    assert qt & app and "reportlab" in app and "reportlab" not in server


def test_every_dependency_is_pinned_in_the_lock_within_its_range():
    pins = _locked()
    every = PYPROJECT["dependencies"] + [
        r for rs in PYPROJECT["optional-dependencies"].values() for r in rs]
    for text in every:
        req = Requirement(text)
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (text, pins[name])
        # a major-version cap: the next major release is never taken unasked
        assert any(s.operator in ("<", "==", "~=") for s in req.specifier), text


def test_entry_points_gui_app_console_cli_and_a_qt_free_server():
    assert PYPROJECT["gui-scripts"]["channelkeeper"] == "main:main"
    assert PYPROJECT["scripts"]["channelkeeper-server"] == "sync.server.cli:main"


def test_the_server_entry_point_runs_with_pyside6_unavailable(tmp_path):
    db = f"sqlite:///{(tmp_path / 'server.db').as_posix()}"
    code = BLOCK_QT + (
        "from sync.server.cli import main\n"
        f"code = main(['add-user', 'head', '--role', 'admin', '--password-stdin', '--db', {db!r}])\n"
        "assert code == 0, code\n"
        f"code = main(['list-devices', '--db', {db!r}])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('QT-FREE', code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, input="quiet river 7 lanterns\n",
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QT-FREE 0" in done.stdout
    # and the block itself works: the app's modules do need Qt
    blocked = subprocess.run([sys.executable, "-c", BLOCK_QT + "import ui.main_window"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=60, check=False)
    assert blocked.returncode != 0 and "PySide6 is not installed here" in blocked.stderr


def _tool(name: str) -> str:
    import shutil

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            raise AssertionError(f"{name} is missing: `make test` installs it")
        import pytest

        pytest.skip(f"{name} not installed")
    return found


def test_the_linux_desktop_entry_and_appstream_metainfo_are_valid():
    linux = ROOT / "packaging" / "linux"
    entry = linux / "io.channelkeeper.ChannelKeeper.desktop"
    done = subprocess.run([_tool("desktop-file-validate"), str(entry)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    text = entry.read_text(encoding="utf-8")
    assert "Name[zh_CN]=渠道管家" in text and "Icon=io.channelkeeper.ChannelKeeper" in text
    meta = linux / "io.channelkeeper.ChannelKeeper.metainfo.xml"
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(meta)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    version = PYPROJECT["version"]
    assert f'<release version="{version}"' in meta.read_text(encoding="utf-8")


def test_the_icon_comes_in_every_format_the_platforms_want():
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    assert (icons / "channelkeeper.svg").read_text(encoding="utf-8").startswith("<svg")
    with Image.open(icons / "channelkeeper.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "channelkeeper.png") as png:
        assert png.size == (256, 256)
    assert (icons / "channelkeeper.icns").read_bytes()[:4] == b"icns"
