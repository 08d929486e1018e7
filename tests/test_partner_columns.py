"""The Partners name columns give way on a narrow window (ui/partner_columns.py), and
filter keystrokes leave the columns alone: a keystroke that shows or hides the table's
vertical scroll bar (a few rows left, or all back), or swaps the table for the empty
state and back, resized the name columns every time, each a relayout and a repaint
of the header and the rows."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QMainWindow, QToolTip

from desktop.jobs import JobRunner
from desktop.settings import Settings
from models.insights import PartnerOverview
from ui.app_context import AppContext
from ui.partner_columns import NAMES
from ui.partner_table_model import COLUMN
from ui.partners_view import PartnersView


@pytest.fixture
def ctx(store, tmp_path, qapp):
    jobs = JobRunner()
    context = AppContext(store, jobs, Settings(tmp_path / "settings.ini"))
    yield context
    jobs.shutdown()


def _rows(n: int) -> list[PartnerOverview]:
    return [PartnerOverview(
        id=f"p{i}", name_zh=f"{'华东' if i % 2 else '杭州'}恒通贸易有限公司第{i}分公司",
        name_en=f"Hengtong Trading Company Limited, branch {i}", tier="core", stage="mature",
        region="华东" if i % 2 else "杭州", status="active", last_met=None, days_since=None,
        visit_status="ok") for i in range(n)]


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def test_filter_keystrokes_resize_no_name_column(qtbot, ctx):
    view = PartnersView(ctx)
    window = QMainWindow()
    window.setCentralWidget(view)
    window.resize(1100, 600)  # narrow: the name columns give way
    window.show()
    qtbot.waitExposed(window)
    view.show_rows(_rows(300))
    _settle()
    table = view.table
    assert table.verticalScrollBar().isVisible()
    ideal = view.columns._ideal
    assert any(table.columnWidth(COLUMN[n]) < ideal[n] for n in NAMES), "not narrow enough"
    widths = [table.columnWidth(COLUMN[n]) for n in NAMES]
    resized: list[int] = []
    table.horizontalHeader().sectionResized.connect(
        lambda section, _old, _new: resized.append(section))
    # 300 rows (scroll bar), 1 row (none), nothing (the empty state), all again
    for text in ("第1", "第299分", "第299分公司x", "", "杭州", "第12分", ""):
        view.set_filter_text(text)
        _settle()
    assert view.table_stack.currentIndex() == 0
    names = {COLUMN[n] for n in NAMES}
    assert [s for s in resized if s in names] == []
    assert [table.columnWidth(COLUMN[n]) for n in NAMES] == widths
    # a real change of width still lets them give way (or take room back)
    window.resize(1400, 600)
    _settle()
    assert [table.columnWidth(COLUMN[n]) for n in NAMES] == [ideal[n] for n in NAMES]
    window.close()




def test_a_name_cut_short_reads_whole_in_its_tooltip(qtbot, ctx):
    view = PartnersView(ctx)
    window = QMainWindow()
    window.setCentralWidget(view)
    window.resize(900, 600)  # the names at their floor: cut short
    window.show()
    qtbot.waitExposed(window)
    view.show_rows(_rows(3))
    _settle()
    table = view.table
    for name in NAMES:
        index = view.proxy.index(0, COLUMN[name])
        whole = getattr(view.model.row_at(view.proxy.mapToSource(index).row()), name)
        assert table.fontMetrics().horizontalAdvance(whole) > table.columnWidth(COLUMN[name])
        at = table.visualRect(index).center()
        QCoreApplication.sendEvent(table.viewport(), QHelpEvent(
            QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at)))
        qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
        assert QToolTip.text() == whole
        QToolTip.hideText()
    window.close()
