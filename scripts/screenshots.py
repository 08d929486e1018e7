"""Screenshots of every page for the README gallery: each page (Today, Partners, the
partner workspace, Calendar; Today, Partners and Calendar of an empty profile, and the
workspace of a partner with nothing recorded yet) in English and Chinese,
light and dark, on a 1366×768 laptop screen and on a 1920×1080 screen at 150%
scaling (``QT_SCALE_FACTOR=1.5``: the window is 1280×720 logical pixels).

    .venv/bin/python scripts/screenshots.py            # writes docs/images/gallery/
    .venv/bin/python scripts/screenshots.py --out DIR

Offscreen (no display needed), on a new temporary profile filled with the demo data
at a fixed date (Friday 27 November 2026), so the pictures are the same each run.
One process per screen size, since Qt reads the scale factor once at start. Saved
with 256 colours, which keeps the gallery small in the repository.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "gallery"
TODAY = dt.date(2026, 11, 27)
#: (name, QT_SCALE_FACTOR, window size in logical pixels)
SCREENS = [("1366x768", "1", (1366, 768)), ("1920x1080-150", "1.5", (1280, 720))]
LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark")
PAGES = ("today", "partners", "workspace", "calendar")
#: the partner added to the empty profile for the empty workspace's pictures
FIRST_PARTNER: list[str] = []


def file_name(page: str, language: str, theme: str, screen: str) -> str:
    return f"{page}-{language.split('_')[0]}-{theme}-{screen}.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--screen", choices=[s[0] for s in SCREENS],
                        help="only this screen (in this process)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.screen:
        return shoot(args.screen, args.out)
    for name, scale, _size in SCREENS:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale,
               "QT_LOGGING_RULES": "qt.qpa.*=false"}
        done = subprocess.run([sys.executable, __file__, "--screen", name, "--out",
                               str(args.out)], env=env, cwd=ROOT, check=False)
        if done.returncode:
            return done.returncode
    return 0


def _settle(app, window, until=lambda: True, timeout: float = 20.0) -> None:
    """Let the database lane and the event loop finish what they are doing."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if window.ctx.wait_idle(0.05) and until():
            break
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def _profile(root: Path, demo: bool):
    from desktop.paths import Profile
    from models import demo_data
    from models.store import Store
    from tests.keys import open_test_database

    profile = Profile(root).ensure()
    store = Store(open_test_database(profile.database))
    try:
        if demo:
            demo_data.generate(store, today=TODAY, partners=60, meetings=600, actions=600)
    finally:
        store.db.conn.close()
    return profile


def shoot(screen: str, out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    import keyring

    from tests.sync.memory_keyring import ENV_KEYRING_FILE, InMemoryKeyring

    work = Path(tempfile.mkdtemp(prefix="channelkeeper-screenshots-"))
    # a keyring of its own for the profiles' keys: the user's is never touched
    os.environ[ENV_KEYRING_FILE] = str(work / "keyring.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.memory_keyring.InMemoryKeyring"
    keyring.set_keyring(InMemoryKeyring(work / "keyring.json"))
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from desktop import app as desktop_app
    from ui import theme

    size = next(s[2] for s in SCREENS if s[0] == screen)
    app = desktop_app.create_app([])
    for demo in (True, False):
        profile = _profile(work / ("demo" if demo else "empty"), demo)
        os.environ["CHANNELKEEPER_PROFILE"] = str(profile.root)
        window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
        window.resize(*size)
        window.show()
        _settle(app, window, lambda w=window: w.is_ready and bool(w.today.trend.weeks))
        # the empty profile: its first pages, then the workspace of a first partner
        # with nothing recorded yet
        rounds = [PAGES] if demo else [("today", "partners", "calendar"), ("workspace",)]
        for pages in rounds:
            if not demo and pages == ("workspace",):
                FIRST_PARTNER.append(window.ctx.call_db(lambda s: s.create_partner(
                    name_zh="成都普通分销", name_en="Chengdu Distribution", tier="ordinary",
                    stage="running_in", region="西南"))["id"])
            for language in LANGUAGES:
                desktop_app.install_language(language)
                for mode in THEMES:
                    theme.apply(mode)
                    for page in pages:
                        _show(app, window, page)
                        name = file_name(page if demo else f"{page}-empty", language, mode,
                                         screen)
                        image = window.grab().toImage()
                        # 256 colours: a fifth of the size, the same to the eye for a UI
                        small = image.convertToFormat(QImage.Format.Format_Indexed8,
                                                      Qt.ImageConversionFlag.ThresholdDither)
                        small.save(str(out / name), "PNG", 0)
                        print(f"{name}: {image.width()}x{image.height()}", flush=True)
        window.close()
        app.processEvents()
    return 0


def _show(app, window, page: str) -> None:
    from ui.main_window import PAGE_CALENDAR, PAGE_PARTNERS, PAGE_TODAY

    if page == "today":
        window.show_page(PAGE_TODAY)
        today = window.today
        # the action items behind their card, a row selected: the details pane shows it
        if today.data_ is not None and today.data_.figures.partners:
            today.open_card(today.card("actions_late").card, today.actions)
    elif page == "partners":
        window.show_page(PAGE_PARTNERS)
    elif page == "workspace":
        if window.today.visits.model.rowCount():
            window.open_partner(window.today.visits.model.row_at(0).id)
        else:  # a first partner: its meetings, none yet
            window.open_partner(FIRST_PARTNER[0])
            _settle(app, window, lambda: bool(window.workspace.name_label.text()))
            window.workspace.tabs.setCurrentWidget(window.workspace.meetings)
        _settle(app, window, lambda: bool(window.workspace.name_label.text()))
    elif page == "calendar":
        window.show_page(PAGE_CALENDAR)
    _settle(app, window)


if __name__ == "__main__":
    raise SystemExit(main())
