"""Preview one partner's review pack inside the app, then print, save or open it.

The pack is regenerated (data in the db lane, PDF in the work lane) whenever the
template, language, paper or period changes; stale results of an earlier choice are
dropped. The PDF stays in memory: saving writes it atomically, "Open in viewer"
writes a copy to a temporary folder for the system's PDF viewer.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QIODevice,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.file_names import file_in_folder
from models.pack_data import PackData
from models.printing.pack_files import (
    PackFileInUseError,
    PackOutputError,
    pack_filename,
    write_bytes_atomically,
)
from models.printing.pack_options import PackOptions
from models.store import Change
from ui.app_context import AppContext
from ui.packs.pack_jobs import Failed, PackRequest, gather_job, pack_inputs, render_job
from ui.packs.pack_options import OptionsBar
from ui.packs.pack_printing import print_pack

#: wait this long after the last option change before regenerating
REGENERATE_DELAY_MS = 250
#: and this long after a change of the data (a sync may bring many in a row)
DATA_CHANGE_DELAY_MS = 1000
#: entities a pack shows
PACK_ENTITIES = frozenset({"partner", "contact", "meeting", "action_item", "checklist_run",
                           "checklist_template", "kpi_snapshot"})


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class PackPreviewDialog(QDialog):
    """``pdf_bytes`` holds the current pack once ``document`` has loaded it."""

    def __init__(self, ctx: AppContext, partner_id: str, parent: QWidget | None = None,
                 options: PackOptions | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_id = partner_id
        self.data: PackData | None = None
        self.pdf_bytes: bytes | None = None
        self.error: str | None = None
        self._generation = 0
        self._custom_period = False
        self._buffer: QBuffer | None = None
        self.setObjectName("pack_preview")
        self.resize(900, 1000)

        self.options_bar = OptionsBar(options or PackOptions())
        self.options_bar.changed.connect(self._schedule)
        self.period_label = QLabel()
        self.period_start = QDateEdit()
        self.period_end = QDateEdit()
        for edit in (self.period_start, self.period_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._period_edited)
        self.period_label.setBuddy(self.period_start)
        self.period_dash = QLabel("–")
        top = QHBoxLayout()
        top.addWidget(self.options_bar)
        top.addSpacing(12)
        top.addWidget(self.period_label)
        top.addWidget(self.period_start)
        top.addWidget(self.period_dash)
        top.addWidget(self.period_end)
        top.addStretch(1)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pack_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel()
        self.message.setObjectName("pack_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_pack)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_as")
        self.save_button.clicked.connect(self.save_as)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_in_viewer")
        self.open_button.clicked.connect(self.open_in_viewer)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pack)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._zoom(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._zoom(0.8))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REGENERATE_DELAY_MS)
        self._timer.timeout.connect(self.regenerate)
        # edits made while the preview is open (or arriving by sync) show up in it
        ctx.changed.connect(self._data_changed)
        self.retranslate()
        self._set_ready(False)
        self.regenerate()

    # --- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review pack"))
        self.period_label.setText(self.tr("&Period:"))
        self.print_button.setText(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print the pack (Ctrl+P)"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.save_button.setToolTip(self.tr("Save the pack as a PDF file (Ctrl+S)"))
        self.open_button.setText(self.tr("&Open in viewer"))
        self.open_button.setToolTip(self.tr("Open the pack in the system's PDF viewer"))
        self.close_button.setText(self.tr("Close"))
        self.options_bar.retranslate()
        if self.stack.currentWidget() is self.message and self.error is None:
            self.message.setText(self.tr("Preparing the review pack…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- generation ------------------------------------------------------------------------

    @property
    def request(self) -> PackRequest:
        if self._custom_period:
            return PackRequest(self.options_bar.options(), _pydate(self.period_start.date()),
                               _pydate(self.period_end.date()))
        return PackRequest(self.options_bar.options())

    @Slot()
    def _schedule(self) -> None:
        self._timer.start(REGENERATE_DELAY_MS)

    @Slot(object)
    def _data_changed(self, change: Change) -> None:
        if change.entity in PACK_ENTITIES and self.isVisible():
            self._timer.start(DATA_CHANGE_DELAY_MS)

    @Slot()
    def _period_edited(self) -> None:
        self._custom_period = True
        self._schedule()

    @Slot()
    def regenerate(self) -> None:
        """Gather and render the pack for the current choices."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        request = self.request
        self.error = None
        self._set_ready(False)
        self.message.setText(self.tr("Preparing the review pack…"))
        self.stack.setCurrentWidget(self.message)
        today, cadence, logo = pack_inputs(self.ctx)
        job = gather_job([self.partner_id], request, today, cadence, logo)

        def gathered(result: list) -> None:
            if generation != self._generation:
                return  # the user changed the options meanwhile
            item = result[0] if result else Failed(LookupError(self.partner_id))
            if isinstance(item, Exception):
                self._show_error(str(item))
                return
            self.data = item
            self._show_period(item)
            self.ctx.jobs.work.submit(render_job, item, request.options,
                                      on_done=lambda pdf: self._rendered(generation, pdf))

        self.ctx.run_db(job, on_done=gathered)

    def _show_period(self, data: PackData) -> None:
        for edit, value in ((self.period_start, data.period_start), (self.period_end, data.period_end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(value))
            edit.blockSignals(False)

    def _rendered(self, generation: int, pdf: bytes | Failed) -> None:
        if generation != self._generation:
            return
        if isinstance(pdf, Failed):
            self._show_error(self.tr("The pack could not be created: %1").replace("%1", pdf.message))
            return
        self.pdf_bytes = pdf
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.stack.setCurrentWidget(self.view)
        self._set_ready(True)

    def _show_error(self, message: str) -> None:
        self.error = message
        self.message.setText(message)
        self.stack.setCurrentWidget(self.message)
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(ready)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    # --- output ------------------------------------------------------------------------------

    def suggested_name(self) -> str:
        assert self.data is not None
        return pack_filename(self.data, self.request.options)

    @Slot()
    def save_as(self) -> None:
        if self.pdf_bytes is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save review pack"), str(Path(folder) / self.suggested_name()),
            self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def _write_failed(self, exc: Exception) -> str:
        if isinstance(exc, PackFileInUseError):
            return self.tr("%1 is open in another program, perhaps a PDF viewer. Close it there "
                           "and try again.").replace("%1", str(exc.path))
        return self.tr("The pack could not be saved: %1").replace("%1", str(exc))

    def save_to(self, path: Path) -> bool:
        """Write the current pack to ``path`` (atomically); False with a message on failure."""
        if self.pdf_bytes is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_bytes_atomically(path, self.pdf_bytes)
        except (OSError, PackOutputError) as exc:
            QMessageBox.warning(self, self.tr("Save review pack"), self._write_failed(exc))
            return False
        self.ctx.status_message.emit(self.tr("Review pack saved to %1").replace("%1", str(path)))
        return True

    @Slot()
    def open_in_viewer(self) -> None:
        if self.pdf_bytes is None:
            return
        folder = Path(tempfile.gettempdir()) / "ChannelKeeper-packs"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = file_in_folder(folder, self.suggested_name())
            write_bytes_atomically(path, self.pdf_bytes)
        except (OSError, PackOutputError) as exc:
            QMessageBox.warning(self, self.tr("Open in viewer"), self._write_failed(exc))
            return
        self.viewer_path = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self, self.tr("Open in viewer"),
                self.tr("No PDF viewer could be started. The pack was saved as %1").replace("%1", str(path)))

    @Slot()
    def print_pack(self) -> None:
        if self.pdf_bytes is None:
            return
        print_pack(self.document, self.request.options, self)
