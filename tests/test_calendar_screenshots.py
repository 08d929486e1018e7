"""The Calendar page and Today's planned visits on demo data, in English and, after a
live language switch, in Simplified Chinese. Screenshots go to a temporary folder;
with CK_WRITE_SCREENSHOTS=1 they are written to docs/images/ (calendar-en.png,
calendar-zh.png, today-planned-en.png, today-planned-zh.png) for the README."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTranslator
from PySide6.QtGui import QImage

from models import demo_data
from tests.workspace_support import Harness

#: a Monday: the week ahead holds the demo's planned visits
TODAY = dt.date(2026, 11, 23)

ROOT = Path(__file__).resolve().parent.parent


class Settings:
    language = "en"

    def cadence(self) -> dict[str, int]:
        return {}


@pytest.fixture
def out_dir(tmp_path) -> Path:
    if os.environ.get("CK_WRITE_SCREENSHOTS") == "1":
        return ROOT / "docs" / "images"
    return tmp_path


@pytest.fixture
def demo(tmp_path):
    settings = Settings()
    h = Harness(tmp_path / "channelkeeper.db", today=TODAY, settings=settings)
    h.db(lambda s: demo_data.generate(s, partners=60, meetings=600, actions=300, seed=3,
                                      today=TODAY))
    yield h, settings
    h.close()


def _switch_to_chinese(qapp, tmp_path, settings, *widgets):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import update_translations

    qm = update_translations.build_qm("zh_CN", out=tmp_path / "channelkeeper_zh_CN.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # as the app
    settings.language = "zh_CN"
    for w in widgets:
        QCoreApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
    return translator


def _not_blank(path: Path) -> None:
    image = QImage(str(path))
    assert image.width() > 800 and image.height() > 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
               for y in range(0, image.height(), 29)}
    assert len(colours) > 8


def test_calendar_and_today_screenshots(qtbot, qapp, demo, out_dir, tmp_path):
    from ui.calendar_view import CalendarView
    from ui.today_view import TodayView

    h, settings = demo
    cal = CalendarView(h.ctx)
    cal.resize(1366, 768)
    cal.show()
    qtbot.waitExposed(cal)
    qtbot.waitUntil(lambda: cal.data_ is not None, timeout=10000)
    cal.grid.setFocus()
    planned_days = [d for d, ms in cal.data_.meetings.items()
                    if any(m.status == "planned" for m in ms) and d >= TODAY]
    assert planned_days, "the demo plans visits in the coming weeks"
    cal.grid.select(TODAY + dt.timedelta(days=1) if (TODAY + dt.timedelta(days=1)) in
                    planned_days else planned_days[0])
    qtbot.wait(300)
    assert cal.title.text() == "November 2026"
    cal.grab().save(str(out_dir / "calendar-en.png"))

    today = TodayView(h.ctx)
    today.resize(1366, 900)
    today.show()
    qtbot.waitExposed(today)
    with qtbot.waitSignal(today.loaded, timeout=10000):
        today.reload()
    assert today.planned.model.rowCount() > 0
    today.open_card(today.card("planned_week").card, today.planned)
    qtbot.wait(100)
    today.grab().save(str(out_dir / "today-planned-en.png"))

    translator = _switch_to_chinese(qapp, tmp_path, settings, cal, today)
    try:
        qtbot.waitUntil(lambda: cal.today_button.text() == "今天 (T)", timeout=5000)
        assert cal.title.text() == "2026年11月"
        qtbot.wait(200)
        cal.grab().save(str(out_dir / "calendar-zh.png"))
        qtbot.waitUntil(lambda: today.planned.title.text().startswith("本周计划的拜访"),
                        timeout=5000)
        today.grab().save(str(out_dir / "today-planned-zh.png"))
        # October: the National Day break, and Saturday 10 October worked (调休)
        cal.grid.setFocus()
        with qtbot.waitSignal(cal.loaded, timeout=10000):
            qtbot.keyClick(cal.grid, Qt.Key.Key_PageUp)
        cal.grid.select(dt.date(2026, 10, 10))
        qtbot.wait(300)
        kinds = {d.day: d.kind for d in cal.data_.days}
        assert kinds[dt.date(2026, 10, 1)] == "holiday" and kinds[dt.date(2026, 10, 10)] == "makeup"
        assert "调休上班日（国庆节）" in cal.day_title.text()
        cal.grab().save(str(out_dir / "calendar-october-zh.png"))
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for name in ("calendar-en", "calendar-zh", "today-planned-en", "today-planned-zh"):
        _not_blank(out_dir / f"{name}.png")
    cal.close()
    today.close()
