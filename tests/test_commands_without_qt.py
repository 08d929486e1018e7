"""Commands that show no window import no Qt: ``server``, ``demo-data``, ``sync`` (with
``login``) and ``pack`` run, for real, in processes where ``import PySide6`` fails.
Their settings (the cadence, the company logo) are read from the profile's
settings.ini, as QSettings wrote it, by plain Python."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse 8"

BLOCKER = textwrap.dedent("""
    import sys

    class NoQt:
        # the commands under test must not even try: any attempt fails loudly
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"PySide6 is unavailable in this test ({name})")
            return None

    sys.meta_path.insert(0, NoQt())
""")

#: runs in the Qt-less process: login and sync need the test's in-memory keyring,
#: which only lives as long as one process, so both run here
LOGIN_AND_SYNC = textwrap.dedent("""
    import io, sys
    import keyring
    from tests.sync.memory_keyring import InMemoryKeyring
    from desktop.cli import main

    keyring.set_keyring(InMemoryKeyring())
    profile, server, password = sys.argv[1:4]
    sys.stdin = io.StringIO(password + "\\n")
    assert main(["login", "--profile", profile, "--server", server, "--user", "li.na",
                 "--password-stdin", "--device-name", "no-qt laptop"]) == 0
    assert main(["sync", "--profile", profile, "--quiet"]) == 0
    assert main(["sync", "--profile", profile, "--status"]) == 0
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    assert not loaded, loaded
""")


@pytest.fixture
def no_qt_env(tmp_path):
    site = tmp_path / "no-qt-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    return env


def _run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, input=stdin,
                            capture_output=True, text=True, encoding="utf-8", timeout=240,
                            check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_the_blocker_really_blocks_qt(no_qt_env):
    result = subprocess.run([sys.executable, "-c", "import PySide6.QtCore"], env=no_qt_env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and "PySide6 is unavailable" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(0.1)  # returns at once if the server exits
    pytest.fail("the server did not answer /health")


def test_commands_that_show_no_window_run_without_qt(no_qt_env, tmp_path, qapp):
    profile = tmp_path / "profile"
    profile.mkdir()
    # settings as the app writes them (QSettings, INI): read here without Qt
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "公司 logo, 2026.png"
    image = QImage(64, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    assert image.save(str(logo))
    qs = QSettings(str(profile / "settings.ini"), QSettings.Format.IniFormat)
    qs.setValue("cadence/core", 7)
    qs.setValue("packs/logo_path", str(logo))
    qs.sync()
    del qs

    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    _run(no_qt_env, "main.py", "server", "add-user", "li.na", "--role", "manager",
         "--password-stdin", "--db", db_url, stdin=PASSWORD + "\n")
    _run(no_qt_env, "main.py", "demo-data", "--profile", str(profile), "--partners", "3",
         "--meetings", "6", "--actions", "6", "--quiet")

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "main.py", "server", "run", "--db", db_url, "--port", str(port),
         "--log-level", "warning"], cwd=ROOT, env=no_qt_env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for_health(base, server)
        # a profile of its own: the demo profile may sync only with a demo server
        _run(no_qt_env, "-c", LOGIN_AND_SYNC, str(tmp_path / "synced"), base, PASSWORD)
    finally:
        server.terminate()
        server.communicate(timeout=30)

    out = tmp_path / "packs"
    result = _run(no_qt_env, "main.py", "pack", "--profile", str(profile), "--all",
                  "--out", str(out))
    packs = sorted(out.glob("*.pdf"))
    assert len(packs) == 3, result.stdout
    # the logo named in the settings QSettings wrote is on the cover
    from pypdf import PdfReader

    assert len(PdfReader(packs[0]).pages[0].images) == 1
