"""The pack dialogs, driven offscreen with real lanes, a real SQLite file and real
PDFs: preview, language switch, save, print to a PDF printer, batch with cancel."""
from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace

import pytest
from pack_history import add_history, make_partner
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from desktop.jobs import JobRunner
from models.printing.batch import BatchResult
from models.printing.pack_pdf import PackOptions
from models.store import Store
from tests.keys import open_test_database
from ui.app_context import AppContext
from ui.packs import pack_actions
from ui.packs.pack_actions import generate_packs, open_pack_preview
from ui.packs.pack_printing import prepare_printer, print_document

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def ctx(tmp_path):
    # the app offers the pack options last used in this process again: a test that
    # chose others (e.g. the batch dialog's) must not choose this file's
    pack_actions._last_options.clear()
    store = Store(open_test_database(tmp_path / "ui.db"))
    jobs = JobRunner()
    settings = SimpleNamespace(cadence=lambda: {"core": 30, "strategic": 30, "emerging": 21,
                                                "ordinary": 90}, logo_path="")
    context = AppContext(store, jobs, settings, today=lambda: TODAY)
    yield context
    jobs.db.wait_idle(10)
    jobs.work.wait_idle(30)
    jobs.shutdown()
    store.db.conn.close()


@pytest.fixture
def partners(ctx):
    store = ctx._store
    main = make_partner(store)
    add_history(store, main, TODAY, months=6, meetings=12, actions=30, reviews=2)
    quiet = make_partner(store, name_zh="西北新兴渠道", name_en="Northwest Pilot",
                         tier="emerging", stage="intro")
    return [main, quiet]


def _text(data: bytes) -> str:
    from io import BytesIO

    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def test_preview_shows_the_pack_and_follows_the_pack_language(qtbot, ctx, partners, tmp_path):
    dialog = open_pack_preview(ctx, partners[0]["id"])
    qtbot.addWidget(dialog)
    # the document loads from its buffer asynchronously: wait for the full pack on screen
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready
                    and dialog.document.pageCount() >= 3, timeout=20000)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "华东渠道分销商" in _text(dialog.pdf_bytes)
    assert "第 1 页" in _text(dialog.pdf_bytes)
    first = dialog.pdf_bytes

    dialog.options_bar.language.setCurrentIndex(dialog.options_bar.language.findData("en"))
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not first and dialog.document.status()
                    == QPdfDocument.Status.Ready, timeout=20000)
    text = _text(dialog.pdf_bytes)
    assert "Page 1 of" in text and "Partner review pack" in text
    dialog.view.verticalScrollBar().setValue(dialog.view.verticalScrollBar().maximum() // 8)
    # QPdfView renders pages in the background: wait until text is on screen
    qtbot.waitUntil(lambda: _shows_dark_pixels(dialog.view.viewport()), timeout=20000)
    dialog.grab().save(str(tmp_path / "preview.png"))


def _shows_dark_pixels(widget) -> bool:
    """Whether ``widget`` shows something dark (a rendered page's text) anywhere on
    a coarse grid: a page not rendered yet is blank, the view's background grey."""
    image = widget.grab().toImage()
    return any(QColor(image.pixel(x, y)).lightness() < 80
               for y in range(0, image.height(), 4) for x in range(0, image.width(), 4))


def test_summary_template_is_one_page(qtbot, ctx, partners):
    dialog = open_pack_preview(ctx, partners[0]["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog.document.status()
                    == QPdfDocument.Status.Ready and dialog.document.pageCount() > 1, timeout=20000)
    full_pages = dialog.document.pageCount()
    dialog.options_bar.template.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.request.options.template == "summary"
                    and dialog.document.pageCount() == 1, timeout=20000)
    assert full_pages > 1


def test_preview_of_a_deleted_partner_says_so(qtbot, ctx, partners):
    ctx.call_db(lambda s: s.delete("partner", partners[1]["id"]))
    dialog = open_pack_preview(ctx, partners[1]["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=10000)
    assert "does not exist" in dialog.message.text()
    assert not dialog.print_button.isEnabled()


def test_save_as_writes_the_previewed_pdf(qtbot, ctx, partners, tmp_path):
    dialog = open_pack_preview(ctx, partners[0]["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None, timeout=20000)
    target = tmp_path / "saved"
    assert dialog.save_to(target)
    saved = tmp_path / "saved.pdf"
    assert saved.read_bytes() == dialog.pdf_bytes
    assert not list(tmp_path.glob("*.part"))


def test_printing_sends_every_page_at_the_pack_paper_size(qtbot, ctx, partners, tmp_path):
    dialog = open_pack_preview(ctx, partners[0]["id"], None)
    qtbot.addWidget(dialog)
    dialog.options_bar.paper.setCurrentIndex(dialog.options_bar.paper.findData("letter"))
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog.request.options.paper == "letter"
                    and dialog.document.status() == QPdfDocument.Status.Ready
                    and dialog.document.pagePointSize(0).width() == 612, timeout=20000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(100)
    prepare_printer(printer, PackOptions(paper="letter"), dialog.document.pageCount())
    sent = print_document(dialog.document, printer)
    assert sent == dialog.document.pageCount()
    printed = PdfReader(out)
    assert len(printed.pages) == sent
    box = printed.pages[0].mediabox
    assert round(float(box.width)) == 612 and round(float(box.height)) == 792


def _batch_dialog(qtbot, ctx, ids, folder):
    """The batch dialog deletes itself when done: not handed to qtbot to close."""
    dialog = generate_packs(ctx, ids)
    dialog.folder.setText(str(folder))
    dialog.options_bar.set_options(PackOptions("full", "zh_CN", "a4"))
    return dialog


def test_batch_writes_one_pack_per_partner_with_progress(qtbot, ctx, partners, tmp_path):
    folder = tmp_path / "packs"
    dialog = _batch_dialog(qtbot, ctx, [p["id"] for p in partners], folder)
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(dialog.finished_batch, timeout=30000) as blocker:
        dialog.start()
        dialog.run.progress.connect(lambda d, t, n: seen.append((d, t)))
    result = blocker.args[0]
    assert isinstance(result, BatchResult) and not result.failed and not result.cancelled
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in result.written)
    assert len(result.written) == 2 and seen[-1] == (2, 2)
    assert "西北新兴渠道" in _text(next(p for p in result.written if "西北" in p.name).read_bytes())
    report = dialog.report_box
    assert report.text().startswith("2 ")
    report.close()


def _many_partners(store, n):
    ids = []
    for i in range(n):
        p = make_partner(store, name_zh=f"测试渠道{i:02d}", name_en=None)
        add_history(store, p, TODAY, months=3, meetings=6, actions=10, reviews=1, seed=i)
        ids.append(p["id"])
    return ids


def test_cancel_stops_between_packs_and_leaves_only_whole_files(qtbot, ctx, tmp_path):
    ids = _many_partners(ctx._store, 8)
    folder = tmp_path / "many"
    dialog = _batch_dialog(qtbot, ctx, ids, folder)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as blocker:
        dialog.start()

        # cancel in the worker the moment the second pack is written (a direct
        # connection runs there), so the test does not depend on how soon the GUI
        # thread hears of progress
        def cancel_after_two(done: int, total: int, name: str) -> None:
            if done == 2:
                dialog.run.cancel()

        dialog.run.progress.connect(cancel_after_two, Qt.ConnectionType.DirectConnection)
    result = blocker.args[0]
    dialog.report_box.close()
    assert "Cancelled" in dialog.report_box.text()
    assert result.cancelled and len(result.written) == 2
    files = sorted(folder.iterdir())
    assert files == sorted(result.written)
    for f in files:
        assert len(PdfReader(f).pages) >= 2  # complete PDFs only, no .part leftovers


def test_batch_interleaves_with_other_database_work(qtbot, ctx, tmp_path):
    """Data is gathered a few partners at a time: a view's query queued meanwhile runs
    long before the batch ends."""
    ids = _many_partners(ctx._store, 20)
    dialog = _batch_dialog(qtbot, ctx, ids, tmp_path / "out")
    order: list[str] = []
    dialog.start()
    dialog.run.finished.connect(lambda r: order.append("batch"))
    seen_by_view: list[int] = []
    dialog.run.gathered.connect(seen_by_view.append)
    ctx.run_db(lambda s: s.count("partner"),
               on_done=lambda n: order.append(f"view after {max(seen_by_view, default=0)}"))
    qtbot.waitUntil(lambda: "batch" in order, timeout=60000)
    dialog.report_box.close()
    assert order[-1] == "batch" and order[0].startswith("view after")
    assert int(order[0].split()[-1]) < 20  # the view did not wait for all the data
    assert len(dialog.run.result.written) == 20


def test_cancel_button_while_collecting_writes_nothing(qtbot, ctx, tmp_path):
    ids = _many_partners(ctx._store, 3)
    folder = tmp_path / "none"
    dialog = _batch_dialog(qtbot, ctx, ids, folder)
    lane_free = threading.Event()
    with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as blocker:
        # the db lane is held until Cancel was clicked: the batch cannot have collected
        # anything before it, however fast or slow the machine
        ctx.jobs.db.submit(lambda: lane_free.wait(30))
        dialog.start()
        dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
        lane_free.set()
    result = blocker.args[0]
    dialog.report_box.close()
    assert result.cancelled and result.written == []
    assert list(folder.iterdir()) == []


def test_batch_refuses_an_empty_period_before_starting(qtbot, ctx, partners, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog = generate_packs(ctx, [partners[0]["id"]])
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "x"))
    dialog.custom_period.setChecked(True)
    dialog.period_start.setDate(dialog.period_end.date().addDays(5))
    dialog.start()
    assert dialog.run is None
    assert warnings and "empty" in warnings[0]


def test_generate_packs_without_partners_only_says_so(qtbot, ctx):
    messages: list[str] = []
    ctx.status_message.connect(messages.append)
    assert generate_packs(ctx, []) is None
    assert messages and "at least one partner" in messages[0]


def test_preview_follows_edits_made_while_it_is_open(qtbot, ctx, partners):
    dialog = open_pack_preview(ctx, partners[1]["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None, timeout=20000)
    assert "派驻专员跟进新品试销" not in _text(dialog.pdf_bytes)
    first = dialog.pdf_bytes
    ctx.run_db(lambda s: s.create_action_item(partner_id=partners[1]["id"],
                                              title="派驻专员跟进新品试销", opened_on="2026-11-20"))
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not first, timeout=20000)
    assert "派驻专员跟进新品试销" in _text(dialog.pdf_bytes)


def test_packs_for_this_weeks_visits(qtbot, ctx, partners):
    from ui.packs.pack_actions import generate_packs_due_this_week

    ctx.call_db(lambda s: s.create("meeting", {
        "partner_id": partners[1]["id"], "type": "visit", "status": "planned",
        "starts_at": "2026-11-28 09:30"}))
    opened: list = []
    generate_packs_due_this_week(ctx, None, opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    dialog = opened[0]
    assert partners[1]["id"] in dialog.partner_ids
    dialog.close()


def test_nobody_due_this_week_is_said_on_the_status_bar(qtbot, ctx):
    from ui.packs.pack_actions import generate_packs_due_this_week

    messages: list[str] = []
    ctx.status_message.connect(messages.append)
    opened: list = []
    generate_packs_due_this_week(ctx, None, opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened == [None] and "Nobody" in messages[0]


def test_the_preview_starts_as_a_partner_copy_and_offers_the_internal_one(qtbot, ctx, partners):
    dialog = open_pack_preview(ctx, partners[0]["id"])
    qtbot.addWidget(dialog)
    bar = dialog.options_bar
    assert bar.audience.currentData() == "partner"
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog.document.status()
                    == QPdfDocument.Status.Ready and dialog.document.pageCount() > 1, timeout=20000)
    shared = _text(dialog.pdf_bytes)
    assert "渠道方版本" in shared and "预警信号" not in shared
    bar.audience.setCurrentIndex(bar.audience.findData("internal"))
    qtbot.waitUntil(lambda: dialog.request.options.audience == "internal"
                    and "预警信号" in _text(dialog.pdf_bytes), timeout=20000)
    assert "内部版本" in _text(dialog.pdf_bytes)
    # the next pack opened starts again as a partner copy (never an internal one by habit)
    bar.language.setCurrentIndex(bar.language.findData("en"))
    again = open_pack_preview(ctx, partners[0]["id"])
    qtbot.addWidget(again)
    assert again.options_bar.audience.currentData() == "partner"
    assert again.options_bar.language.currentData() == "en"
