"""Real screens: the main window laid out on a 1366×768 laptop screen, and on a
1920×1080 screen at 150% scaling (1280×720 logical pixels: Qt lays out in logical
pixels, so the same window size at scale 1 is the same layout), in English and
Chinese, with the demo portfolio (long Chinese names, long action titles).

For every page, every visible widget gets at least the room it asks for: a label
that does not wrap is as wide as its text, a wrapping one as high as its lines need
at its width, a button, a field or a combo box no smaller than its minimum size
hint, a table column no narrower than its header's words; the window itself is no
bigger than the screen (a layout that needs more would grow it); and neither Today's
lists nor the Partners list scroll sideways."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from desktop import app as desktop_app
from models import demo_data
from models.store import Store
from tests.keys import open_test_database
from ui.main_window import PAGE_CALENDAR, PAGE_PARTNERS, PAGE_TODAY, PAGE_WORKSPACE

TODAY = dt.date(2026, 11, 27)
SCREENS = {"1366x768": (1366, 768), "1920x1080@150%": (1280, 720)}
#: a header's margins and sort arrow beyond its words (the style's, roughly)
HEADER_SLACK = 8
WAIT_MS = 600


@pytest.fixture
def demo_window(qtbot, profile):
    store = Store(open_test_database(profile.database))
    demo_data.generate(store, today=TODAY, partners=60, meetings=600, actions=600)
    store.db.conn.close()
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready and bool(window.today.trend.weeks), timeout=20000)
    yield window
    window.close()
    desktop_app.install_language("en")


def _inside_scroll_area(widget: QWidget, page: QWidget) -> bool:
    """Inside a scroll area's viewport (which may scroll to it), below ``page``."""
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped(page: QWidget) -> list[str]:
    """What of ``page`` (visible) has less room than it asks for, in words."""
    problems = []
    widgets = [w for w in page.findChildren(QWidget) if w.isVisible()]
    for w in widgets:
        words = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
        name = f"{type(w).__name__} {w.objectName() or ''} {words!r}"
        if isinstance(w, QLabel) and w.text() and not _inside_scroll_area(w, page):
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if w.height() + 1 < need:
                    problems.append(f"{name}: {w.height()} px high, its lines need {need}")
            else:
                hint = w.minimumSizeHint()
                if w.width() + 1 < hint.width() or w.height() + 1 < hint.height():
                    problems.append(f"{name}: {w.width()}x{w.height()} < {hint.width()}x"
                                    f"{hint.height()}")
        elif isinstance(w, (QAbstractButton, QComboBox, QLineEdit)):
            hint = w.minimumSizeHint()
            if w.width() + 1 < hint.width() or w.height() + 1 < hint.height():
                problems.append(f"{name}: {w.width()}x{w.height()} < {hint.width()}x"
                                f"{hint.height()}")
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            model = w.model()
            metrics = w.fontMetrics()
            for section in range(w.count()):
                if w.isSectionHidden(section) or w.sectionSize(section) == 0:
                    continue
                words = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
                need = metrics.horizontalAdvance(words) + HEADER_SLACK
                if w.sectionSize(section) < need:
                    problems.append(f"{w.parentWidget().objectName() or 'table'} column "
                                    f"{words!r}: {w.sectionSize(section)} px < {need}")
    return problems


def _show(qtbot, window, page: int) -> QWidget:
    if page == PAGE_WORKSPACE:
        window.open_partner(window.today.visits.model.row_at(0).id)
        qtbot.waitUntil(lambda: bool(window.workspace.name_label.text()), timeout=10000)
    else:
        window.show_page(page)
    widget = window.pages.currentWidget()
    window.ctx.wait_idle(10)
    qtbot.wait(WAIT_MS)  # the lane's answers, then the layout passes they ask for
    return widget


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_fits_the_screen_without_clipping(qtbot, demo_window, screen, language):
    window = demo_window
    desktop_app.install_language(language)
    QCoreApplication.processEvents()
    width, height = SCREENS[screen]
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    problems = []
    for page in (PAGE_TODAY, PAGE_PARTNERS, PAGE_WORKSPACE, PAGE_CALENDAR):
        widget = _show(qtbot, window, page)
        # a layout that needs more than the screen would have grown the window
        assert (window.width(), window.height()) == (width, height), page
        problems += [f"page {page}: {p}" for p in clipped(widget)]
        if page == PAGE_PARTNERS:
            table = window.partners.table
            if table.horizontalScrollBar().isVisible():
                problems.append("Partners scrolls sideways")
            if table.horizontalHeader().length() > table.viewport().width():
                problems.append("Partners: columns wider than the list")
        if page == PAGE_TODAY:
            today = window.today
            for section in today.sections():
                today.show_section(section)
                qtbot.wait(20)
                problems += [f"Today {section.objectName()}: {p}" for p in clipped(today)]
                bar = section.view.horizontalScrollBar()
                if bar.isVisible():
                    problems.append(f"Today {section.objectName()} scrolls sideways")
                header = section.view.header()
                if header.length() > section.view.viewport().width():
                    problems.append(f"Today {section.objectName()}: columns wider than the list")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_empty_pages_fit_too(qtbot, profile, screen, language):
    """A new profile: Today's, Partners' and the Calendar's first steps, then a first
    partner's workspace tabs with theirs, wrapped paragraphs and all."""
    desktop_app.create_app([])
    desktop_app.install_language(language)
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    width, height = SCREENS[screen]
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    try:
        problems = []
        for page in (PAGE_TODAY, PAGE_PARTNERS, PAGE_CALENDAR):
            widget = _show(qtbot, window, page)
            assert (window.width(), window.height()) == (width, height), page
            problems += [f"page {page}: {p}" for p in clipped(widget)]
        assert window.today.first_steps.isVisibleTo(window.today)
        assert window.partners.empty_state.isVisibleTo(window.partners)
        assert window.calendar.day_empty.isVisible()
        # a first partner, nothing recorded yet: each workspace tab's first step
        partner = window.ctx.call_db(lambda s: s.create_partner(
            name_zh="成都普通分销有限公司", name_en="Chengdu Ordinary Distribution",
            tier="ordinary", stage="running_in", region="西南"))
        window.open_partner(partner["id"])
        workspace = window.workspace
        qtbot.waitUntil(lambda: bool(workspace.name_label.text()), timeout=10000)
        for index in range(workspace.tabs.count()):
            workspace.tabs.setCurrentIndex(index)
            window.ctx.wait_idle(10)
            qtbot.wait(WAIT_MS // 3)
            problems += [f"workspace tab {index}: {p}" for p in clipped(workspace)]
        assert workspace.meetings.list_or_empty.is_empty()
        assert problems == [], "\n".join(problems)
    finally:
        window.close()
        desktop_app.install_language("en")


def test_the_check_sees_a_clipped_label(qtbot):
    """The check itself: a label squeezed below its text, a header section below its
    words, are reported."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QHBoxLayout, QTreeView

    page = QWidget()
    label = QLabel("渠道商趋于躺平 — a caption much wider than its room")
    label.setMaximumWidth(60)
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Warning signs", "Partner"])
    tree = QTreeView()
    tree.setModel(model)
    layout = QHBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(tree)
    qtbot.addWidget(page)
    page.resize(600, 200)
    page.show()
    qtbot.waitExposed(page)
    tree.setColumnWidth(0, 30)
    found = clipped(page)
    assert any("QLabel" in p for p in found)
    assert any("'Warning signs'" in p for p in found)
