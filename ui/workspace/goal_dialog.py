"""Add or edit a joint goal (联合目标): what, how it is measured (in words or by a
head-office KPI), target, period (a year, or a quarter staged inside an annual goal),
both sides' commitments, status, and the meeting where both sides agreed it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from models.domain import GoalKpi, GoalStatus
from models.errors import ValidationError
from models.goals import current_period
from ui import labels, theme
from ui.app_context import AppContext
from ui.operations.playbook import save_goal
from ui.validation_text import error_text
from ui.workspace.record_form import lay_out_record_dialog


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class GoalDialog(QDialog):
    """Saves through the store; a refused value keeps the dialog open with the reason,
    so nothing typed is lost."""

    def __init__(self, ctx: AppContext, partner_id: str, row: dict[str, Any] | None,
                 goals: list[dict[str, Any]], meetings: list[dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id = partner_id
        self._row = row
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Edit joint goal") if row else self.tr("New joint goal"))
        r = row or {}
        self.title_edit = QLineEdit(r.get("title") or "", self)
        self.metric_edit = QLineEdit(r.get("metric") or "", self)
        self.metric_edit.setPlaceholderText(self.tr("How both sides measure it"))
        self.kpi_combo = QComboBox(self)
        self.kpi_combo.addItem(self.tr("(none: progress typed in)"), None)
        for k in GoalKpi:
            self.kpi_combo.addItem(labels.goal_kpi_label(k), str(k))
        self.kpi_combo.setCurrentIndex(max(0, self.kpi_combo.findData(r.get("kpi"))))
        self.target_edit = QLineEdit(_number_text(r.get("target")), self)
        self.actual_edit = QLineEdit(_number_text(r.get("actual")), self)
        self.period_edit = QLineEdit(r.get("period") or current_period(ctx.today()), self)
        self.period_edit.setPlaceholderText(self.tr("a year (2026) or a quarter (2026-Q3)"))
        self.parent_combo = QComboBox(self)
        self.parent_combo.addItem(self.tr("(none)"), None)
        #: the year of each annual goal offered as a parent
        self._parent_years = {g["id"]: g["period"] for g in goals if g["period_kind"] == "year"}
        for g in goals:
            if g["period_kind"] == "year" and g["id"] != r.get("id"):
                self.parent_combo.addItem(f"{g['period']} · {g['title']}", g["id"])
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(r.get("parent_id"))))
        self.ours_edit = QPlainTextEdit(r.get("our_commitment") or "", self)
        self.ours_edit.setTabChangesFocus(True)
        self.ours_edit.setPlaceholderText(self.tr("Training, marketing funds, stock support…"))
        self.theirs_edit = QPlainTextEdit(r.get("partner_commitment") or "", self)
        self.theirs_edit.setTabChangesFocus(True)
        for edit in (self.ours_edit, self.theirs_edit):
            edit.setMaximumHeight(70)
        self.status_combo = QComboBox(self)
        for s in GoalStatus:
            self.status_combo.addItem(labels.goal_status_label(s), str(s))
        self.status_combo.setCurrentIndex(
            max(0, self.status_combo.findData(r.get("status") or GoalStatus.AGREED)))
        self.meeting_combo = QComboBox(self)
        self.meeting_combo.addItem(self.tr("(not recorded)"), None)
        for m in meetings:
            self.meeting_combo.addItem(
                f"{(m.get('starts_at') or '')[:10]} · {labels.meeting_type_label(m.get('type'))}",
                m["id"])
        self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(r.get("meeting_id"))))
        self.kpi_combo.currentIndexChanged.connect(self._kpi_changed)
        self._kpi_changed()
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&What"), self.title_edit)
        form.addRow(self.tr("&Measured by"), self.metric_edit)
        form.addRow(self.tr("Head-office &KPI"), self.kpi_combo)
        form.addRow(self.tr("&Target"), self.target_edit)
        form.addRow(self.tr("&Progress so far"), self.actual_edit)
        form.addRow(self.tr("&Period"), self.period_edit)
        form.addRow(self.tr("Stage of annual &goal"), self.parent_combo)
        form.addRow(self.tr("&Our commitment"), self.ours_edit)
        form.addRow(self.tr("Pa&rtner's commitment"), self.theirs_edit)
        form.addRow(self.tr("&Status"), self.status_combo)
        form.addRow(self.tr("Agreed at &meeting"), self.meeting_combo)
        lay_out_record_dialog(self, form, self.error_label)
        self.resize(520, 520)

    @Slot()
    def _kpi_changed(self) -> None:
        # a KPI measures progress itself: nothing to type
        by_kpi = self.kpi_combo.currentData() is not None
        self.actual_edit.setEnabled(not by_kpi)
        self.actual_edit.setPlaceholderText(
            self.tr("from head office's KPI figures") if by_kpi else "")

    def show_error(self, message: str, focus: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if focus is not None:
            focus.setFocus()

    def values(self) -> dict[str, Any] | None:
        """The typed values, or None after saying what is wrong."""
        numbers: dict[str, float | None] = {}
        for name, edit in (("target", self.target_edit), ("actual", self.actual_edit)):
            text = edit.text().strip().replace(",", "")
            if not text or not edit.isEnabled():
                numbers[name] = None
                continue
            try:
                numbers[name] = float(text)
            except ValueError:
                self.show_error(self.tr("Enter a number, such as 1200000 or 0.35."), edit)
                return None
        if not self.title_edit.text().strip():
            self.show_error(self.tr("Say what the goal is."), self.title_edit)
            return None
        year = self._parent_years.get(self.parent_combo.currentData())
        period = self.period_edit.text().strip().upper()
        if year is not None and not (period.startswith(f"{year}-Q") and len(period) == 7):
            self.show_error(self.tr("A stage of an annual goal is one of its quarters, such as "
                                    "%1-Q3.").replace("%1", year), self.period_edit)
            return None
        return {
            "title": self.title_edit.text(), "metric": self.metric_edit.text(),
            "kpi": self.kpi_combo.currentData(), **numbers,
            "period": self.period_edit.text(), "parent_id": self.parent_combo.currentData(),
            "our_commitment": self.ours_edit.toPlainText(),
            "partner_commitment": self.theirs_edit.toPlainText(),
            "status": self.status_combo.currentData(),
            "meeting_id": self.meeting_combo.currentData(),
        }

    @Slot()
    def save(self) -> None:
        values = self.values()
        if values is None:
            return

        def done(saved: dict[str, Any]) -> None:
            self.saved_id = saved["id"]
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and exc.field == "period":
                self.show_error(self.tr("The period must be a year such as 2026 or a quarter "
                                        "such as 2026-Q3."), self.period_edit)
            else:
                self.show_error(error_text(exc))

        if self._row is None:
            save_goal(self._ctx, None, {"partner_id": self._partner_id, **values},
                      on_done=done, on_error=failed)
        else:
            save_goal(self._ctx, self._row["id"], values, on_done=done, on_error=failed)
