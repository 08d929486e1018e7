"""File ▸ Export to Excel…: choose what goes into the workbook, where it goes, then
watch it being written (progress and Cancel; the app stays usable).

One sheet per kind: the partner list (the partners the Partners page shows, when its
filters hide some), the action items ledger (任务台账), reviews with their scores, the
meetings of a period. The headers and values are in the language chosen here, which
need not be the app's (a manager working in English may send head office a Chinese
workbook)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.export.xlsx_export import ExportCancelled, ExportRequest, kinds_of
from models.file_names import safe_file_name
from ui import theme
from ui.app_context import AppContext
from ui.operations import report_failure
from ui.operations.export import ExportJob, export_workbook


class ExportDialog(QDialog):
    """``partner_ids``: the partners the Partners page shows, or None when it shows all."""

    def __init__(self, ctx: AppContext, partner_ids: list[str] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_ids = partner_ids
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.written: dict[str, int] | None = None  # tests: what the last export wrote
        self.setWindowTitle(self.tr("Export to Excel"))
        self.partners = QCheckBox()
        self.partners.setObjectName("export_partners")
        self.actions = QCheckBox(self.tr("&Action items ledger (owner, severity, deadline, "
                                         "status, feedback)"))
        self.actions.setObjectName("export_actions")
        self.reviews = QCheckBox(self.tr("&Reviews with their scores"))
        self.reviews.setObjectName("export_reviews")
        self.meetings = QCheckBox(self.tr("&Meetings from"))
        self.meetings.setObjectName("export_meetings")
        if partner_ids is None:
            self.partners.setText(self.tr("&Partners (all)"))
        else:
            self.partners.setText(self.tr("&Partners (the %1 the Partners page shows)")
                                  .replace("%1", str(len(partner_ids))))
        for box in (self.partners, self.actions):
            box.setChecked(True)
        today = ctx.today()
        self.start = QDateEdit(_qdate(today - dt.timedelta(days=90)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        english = not QLocale().name().startswith("zh")
        self.language.setCurrentIndex(1 if english else 0)
        period = QHBoxLayout()
        period.addWidget(self.meetings)
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.end)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Language of the workbook:"), self.language)
        note = QLabel(self.tr("One sheet per kind. Dates and numbers stay dates and numbers "
                              "in Excel; the header row stays in view."))
        note.setWordWrap(True)
        theme.set_tone(note, "neutral")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setIcon(theme.icon("file-export"))
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        for box in (self.partners, self.actions, self.reviews, self.meetings):
            box.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.space("m"))
        for box in (self.partners, self.actions, self.reviews):
            layout.addWidget(box)
        layout.addLayout(period)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._update()

    def request(self) -> ExportRequest:
        chosen = {"partners": self.partners, "actions": self.actions, "reviews": self.reviews,
                  "meetings": self.meetings}
        return ExportRequest(
            kinds_of(k for k, box in chosen.items() if box.isChecked()),
            lang=self.language.currentData(),
            partner_ids=tuple(self.partner_ids) if self.partner_ids is not None else None,
            start=self.start.date().toPython(), end=self.end.date().toPython(),
            today=self.ctx.today())

    @Slot()
    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.request().kinds))
        for edit in (self.start, self.end):
            edit.setEnabled(self.meetings.isChecked())

    @Slot()
    def choose_file(self) -> None:
        name = safe_file_name(self.tr("ChannelKeeper export %1").replace(
            "%1", self.ctx.today().isoformat())) + ".xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), str(Path.home() / name),
            self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the workbook to ``path`` in the background, with progress and Cancel."""
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        request = self.request()
        try:
            request.check()
        except ValidationError as exc:  # a period that ends before it starts
            report_failure(self.ctx, exc)
            return
        self.job = job = ExportJob(self)
        self.progress = progress = QProgressDialog(
            self.tr("Writing %1…").replace("%1", path.name), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(job.cancel)
        job.progress.connect(lambda done, total: (progress.setMaximum(max(total, 1)),
                                                   progress.setValue(done)))
        self._set_busy(True)  # not the whole dialog: its child, the progress, must stay usable
        export_workbook(self.ctx, request, path, job,
                        lambda written: self._done(path, written), self._failed)

    def _done(self, path: Path, written: dict[str, int]) -> None:
        self._finish()
        self.written = written
        self.ctx.status_message.emit(self.tr("Exported %1 rows to %2.").replace(
            "%1", str(sum(written.values()))).replace("%2", str(path)))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, ExportCancelled):
            self.ctx.status_message.emit(self.tr("Export cancelled; no file was written."))
            return
        report_failure(self.ctx, exc)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.partners, self.actions, self.reviews, self.meetings, self.start,
                       self.end, self.language, self.buttons):
            widget.setEnabled(not busy)
        if not busy:
            self._update()

    def is_busy(self) -> bool:
        return not self.buttons.isEnabled()

    def _finish(self) -> None:
        self._set_busy(False)
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
