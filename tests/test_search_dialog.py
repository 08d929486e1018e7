"""The Ctrl+K palette on real lanes and a real SQLite file: the matched text shown with
the match highlighted, pinyin and phone digits, and more results beyond the first page."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.jobs import JobRunner
from models.store import Store
from tests.keys import open_test_database
from ui.app_context import AppContext
from ui.search_dialog import RESULT_LIMIT, SNIPPET_COLUMN, SNIPPET_HTML_ROLE, SearchDialog


@pytest.fixture
def ctx(tmp_path):
    store = Store(open_test_database(tmp_path / "ui.db"))
    jobs = JobRunner()
    context = AppContext(store, jobs, SimpleNamespace(), today=lambda: dt.date(2026, 11, 27))
    p = store.create_partner(name_zh="济南明德科技", tier="core", stage="mature")
    store.create("contact", {"partner_id": p["id"], "name": "王丽", "phone": "+86 134 1470 6168"})
    for i in range(RESULT_LIMIT + 12):
        store.create("meeting", {"partner_id": p["id"], "type": "visit",
                                 "starts_at": f"2026-10-{1 + i % 28:02d} 10:00",
                                 "notes": f"第{i}次会议：讨论返点政策与分润"})
    yield context
    jobs.db.wait_idle(10)
    jobs.shutdown()
    store.db.conn.close()


@pytest.fixture
def dialog(qtbot, ctx):
    widget = SearchDialog(ctx)
    widget.show()
    yield widget
    widget.close()
    ctx.wait_idle()  # no answer arrives after the lanes stop


def search(qtbot, dialog, text):
    dialog.input.setText(text)
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() > 0, timeout=5000)


def test_the_match_is_shown_highlighted(qtbot, dialog):
    search(qtbot, dialog, "jnmd")
    assert dialog.model.rowCount() == 1
    index = dialog.model.index(0, SNIPPET_COLUMN)
    assert index.data() == "济南明德科技"
    assert "<b" in index.data(SNIPPET_HTML_ROLE) and "济南明德</b>科技" in index.data(SNIPPET_HTML_ROLE)
    search(qtbot, dialog, "13414706168")
    assert dialog.model.result(0).entity == "contact"
    assert "134 1470 6168</b>" in dialog.model.index(0, SNIPPET_COLUMN).data(SNIPPET_HTML_ROLE)


def test_more_results_beyond_the_first_page(qtbot, dialog):
    search(qtbot, dialog, "返点")
    assert dialog.model.rowCount() == RESULT_LIMIT
    assert dialog.more_button.isVisible() and "more" in dialog.status.text()
    dialog.view.setCurrentIndex(dialog.model.index(RESULT_LIMIT - 1, 0))
    QTest.keyClick(dialog.input, Qt.Key.Key_Down)  # Down past the last row: the next page
    qtbot.waitUntil(lambda: dialog.model.rowCount() == RESULT_LIMIT + 12, timeout=5000)
    assert not dialog.more_button.isVisible()
    ids = {dialog.model.result(r).entity_id for r in range(dialog.model.rowCount())}
    assert len(ids) == RESULT_LIMIT + 12  # no hit twice
    assert "Results: 62" in dialog.status.text()
