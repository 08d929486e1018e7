"""File ▸ Export to Excel… on real lanes and a real SQLite file: the workbook written in
the database lane with progress, the Partners page's filter honoured, Cancel leaving
no file, and the window responsive meanwhile."""
from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace

import openpyxl
import pytest
from PySide6.QtWidgets import QPushButton

from desktop.jobs import JobRunner
from models.store import Store
from tests.keys import open_test_database
from ui.app_context import AppContext
from ui.export_dialog import ExportDialog

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def ctx(tmp_path):
    store = Store(open_test_database(tmp_path / "ui.db"))
    jobs = JobRunner()
    context = AppContext(store, jobs, SimpleNamespace(), today=lambda: TODAY)
    partners = [store.create_partner(name_zh=f"渠道{i}", tier="core", stage="mature")
                for i in range(3)]
    for i in range(40):
        store.create_action_item(partner_id=partners[i % 3]["id"], title=f"=任务{i}")
        store.create("meeting", {"partner_id": partners[0]["id"], "type": "visit",
                                 "starts_at": f"2026-11-{1 + i % 26:02d} 10:00"})
    context.partners = partners
    yield context
    jobs.db.wait_idle(10)
    jobs.shutdown()
    store.db.conn.close()


@pytest.fixture
def messages(ctx):
    said: list[str] = []
    ctx.status_message.connect(said.append)
    return said


def test_export_writes_the_chosen_sheets_with_the_filtered_partners(qtbot, ctx, tmp_path, messages):
    dialog = ExportDialog(ctx, [ctx.partners[1]["id"]])
    qtbot.addWidget(dialog)
    assert "the 1 the Partners page shows" in dialog.partners.text()
    dialog.meetings.setChecked(True)
    dialog.start.setDate(dialog.start.date().fromString("2026-11-01", "yyyy-MM-dd"))
    dialog.end.setDate(dialog.end.date().fromString("2026-11-10", "yyyy-MM-dd"))
    dialog.language.setCurrentIndex(1)  # English
    out = tmp_path / "out"  # ".xlsx" is added
    dialog.export_to(out)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert dialog.written == {"partners": 1, "actions": 40, "meetings": 20}
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert [s.title for s in book.worksheets] == ["Partners", "Action items", "Meetings"]
    assert book.worksheets[0]["A2"].value == "渠道1"
    assert "Exported 61 rows" in messages[-1]


def test_cancel_leaves_no_file_and_says_so(qtbot, ctx, tmp_path, messages, monkeypatch):
    monkeypatch.setattr("models.export.xlsx_export.PROGRESS_EVERY", 1)
    dialog = ExportDialog(ctx, None)
    qtbot.addWidget(dialog)
    gate = threading.Event()
    ctx.run_db(lambda _store: gate.wait(10))  # the lane is busy: the export waits its turn
    dialog.export_to(tmp_path / "cancelled.xlsx")
    assert dialog.is_busy() and dialog.progress is not None
    dialog.progress.findChild(QPushButton).click()  # the user presses Cancel
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10000)
    assert dialog.written is None and list(tmp_path.glob("*.xlsx")) == []
    assert list(tmp_path.glob(".export-*")) == []
    assert "cancelled" in messages[-1]


def test_nothing_chosen_cannot_be_exported(qtbot, ctx):
    dialog = ExportDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.partners.setChecked(False)
    dialog.actions.setChecked(False)
    assert not dialog.export_button.isEnabled()
    dialog.reviews.setChecked(True)
    assert dialog.export_button.isEnabled()
