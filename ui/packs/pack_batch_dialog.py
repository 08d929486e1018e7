"""Packs for many partners at once (e.g. everyone I visit this week).

The dialog asks for the template, language, paper, period and folder; generation
then runs in the background behind a progress dialog whose Cancel stops between
packs. Packs already written stay; the one in progress is discarded whole.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.printing.pack_files import BatchResult
from models.printing.pack_options import PackOptions
from ui.app_context import AppContext
from ui.packs.pack_jobs import Failed, PackBatchRun, PackRequest
from ui.packs.pack_options import OptionsBar


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "ChannelKeeper packs"


class PackBatchDialog(QDialog):
    """``finished_batch(BatchResult | Failed)`` fires when a run ends."""

    finished_batch = Signal(object)

    def __init__(self, ctx: AppContext, partner_ids: list[str], parent: QWidget | None = None,
                 options: PackOptions | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_ids = list(partner_ids)
        self.run: PackBatchRun | None = None
        self.progress: QProgressDialog | None = None
        self.setObjectName("pack_batch")

        self.count_label = QLabel()
        self.options_bar = OptionsBar(options or PackOptions())
        self.custom_period = QCheckBox()
        self.custom_period.setObjectName("custom_period")
        today = ctx.today()
        self.period_start = QDateEdit(QDate(today.year, today.month, today.day).addDays(-90))
        self.period_end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.period_start, self.period_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.custom_period.toggled.connect(edit.setEnabled)
        period_row = QHBoxLayout()
        period_row.addWidget(self.custom_period)
        period_row.addWidget(self.period_start)
        period_row.addWidget(QLabel("–"))
        period_row.addWidget(self.period_end)
        period_row.addStretch(1)

        self.folder = QLineEdit(str(default_folder()))
        self.folder.setObjectName("folder")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.period_label = QLabel()

        form = QFormLayout()
        form.addRow(self.period_label, period_row)
        form.addRow(self.folder_label, folder_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.options_bar)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Generate review packs"))
        self.count_label.setText(self.tr("%n partner(s) selected.", "", len(self.partner_ids)))
        self.custom_period.setText(self.tr("Choose dates (otherwise: since each partner's last review)"))
        self.period_label.setText(self.tr("Period:"))
        self.folder_label.setText(self.tr("Save &in folder:"))
        self.browse.setText(self.tr("Choose…"))
        self.generate_button.setText(self.tr("&Generate"))
        self.options_bar.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the packs"),
                                                self.folder.text())
        if path:
            self.folder.setText(path)

    def request(self) -> PackRequest:
        options = self.options_bar.options()
        if not self.custom_period.isChecked():
            return PackRequest(options)
        q1, q2 = self.period_start.date(), self.period_end.date()
        return PackRequest(options, dt.date(q1.year(), q1.month(), q1.day()),
                           dt.date(q2.year(), q2.month(), q2.day()))

    def _problem(self) -> str:
        """Why the packs cannot be generated as asked ("" when they can)."""
        if not self.partner_ids:
            return self.tr("No partners are selected.")
        request = self.request()
        if request.period_start and request.period_end and request.period_end < request.period_start:
            return self.tr("The period is empty: its end is before its start.")
        text = self.folder.text().strip()
        if not text:
            return self.tr("Choose a folder for the packs.")
        folder = Path(text).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self.tr("The folder cannot be created: %1").replace("%1", exc.strerror or str(exc))
        if not folder.is_dir():
            return self.tr("%1 is not a folder.").replace("%1", str(folder))
        return ""

    @Slot()
    def start(self) -> None:
        """Start generating; problems are explained and nothing starts."""
        problem = self._problem()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        folder = Path(self.folder.text().strip()).expanduser()
        self.generate_button.setEnabled(False)
        total = len(self.partner_ids)
        self.progress = QProgressDialog(self.tr("Collecting the partners' data…"),
                                        self.tr("Cancel"), 0, total, self)
        self.progress.setObjectName("pack_progress")
        self.progress.setWindowTitle(self.windowTitle())
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.run = PackBatchRun(self.ctx, self.partner_ids, folder, self.request(), self)
        self.progress.canceled.connect(self.cancel)
        self.run.progress.connect(self._progress)
        self.run.finished.connect(self._finished)
        self.run.start()

    @Slot()
    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            if self.progress is not None:
                self.progress.setLabelText(self.tr("Stopping after the current pack…"))

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, name: str) -> None:
        if self.progress is not None and not self.run.cancelled:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(self.tr("%1 of %2: %3").replace("%1", str(done))
                                       .replace("%2", str(total)).replace("%3", name))

    @Slot(object)
    def _finished(self, result: BatchResult | Failed) -> None:
        if self.progress is not None:
            self.progress.blockSignals(True)  # closing it must not count as a cancel
            self.progress.close()
        self.generate_button.setEnabled(True)
        self.finished_batch.emit(result)
        if isinstance(result, Failed):
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("The packs could not be written: %1").replace("%1", result.message))
            return
        self.ctx.status_message.emit(self.summary(result))
        self._report(result)
        self.accept()

    def summary(self, result: BatchResult) -> str:
        text = self.tr("%n review pack(s) written.", "", len(result.written))
        if result.cancelled:
            text += " " + self.tr("Cancelled before the end.")
        if result.failed:
            text += " " + self.tr("%n failed.", "", len(result.failed))
        return text

    def _report(self, result: BatchResult) -> None:
        """A non-blocking report (the batch dialog closes behind it)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning if result.failed else QMessageBox.Icon.Information,
            self.windowTitle(), self.summary(result), parent=self.parentWidget())
        box.setObjectName("pack_report")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if result.failed:
            box.setDetailedText("\n".join(f"{name or pid}: {msg}" for pid, name, msg in result.failed))
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        folder = self.folder.text().strip()

        def clicked(button: object) -> None:
            if button is open_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

        box.buttonClicked.connect(clicked)
        self.report_box = box
        box.show()
