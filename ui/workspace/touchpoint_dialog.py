"""Log or correct a touchpoint (人情往来: a greeting, a gift, a call, a training…):
contact outside meetings that keeps the relationship warm and counts as contact."""
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

from models.domain import TouchpointKind
from models.errors import ValidationError
from ui import labels, theme
from ui.app_context import AppContext
from ui.operations.playbook import save_touchpoint
from ui.validation_text import error_text
from ui.workspace.record_form import lay_out_record_dialog


class TouchpointDialog(QDialog):
    def __init__(self, ctx: AppContext, partner_id: str, row: dict[str, Any] | None,
                 contacts: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id = partner_id
        self._row = row
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Edit touchpoint") if row else self.tr("Log a touchpoint"))
        r = row or {}
        self.date_edit = QLineEdit(r.get("happened_on") or ctx.today().isoformat(), self)
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.kind_combo = QComboBox(self)
        for k in TouchpointKind:
            self.kind_combo.addItem(labels.touchpoint_kind_label(k), str(k))
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(r.get("kind") or "call")))
        self.contact_combo = QComboBox(self)
        self.contact_combo.addItem(self.tr("(the partner in general)"), None)
        for c in contacts:
            self.contact_combo.addItem(c.get("name") or "", c["id"])
        self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(r.get("contact_id"))))
        self.note_edit = QPlainTextEdit(r.get("note") or "", self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("What was said or given; for a training, its topic"))
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.date_edit)
        form.addRow(self.tr("&Kind"), self.kind_combo)
        form.addRow(self.tr("&Contact"), self.contact_combo)
        form.addRow(self.tr("&Note"), self.note_edit)
        lay_out_record_dialog(self, form, self.error_label)
        self.resize(440, 300)

    def values(self) -> dict[str, Any]:
        return {"happened_on": self.date_edit.text(), "kind": self.kind_combo.currentData(),
                "contact_id": self.contact_combo.currentData(),
                "note": self.note_edit.toPlainText()}

    @Slot()
    def save(self) -> None:
        def done(saved: dict[str, Any]) -> None:
            self.saved_id = saved["id"]
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and exc.field == "happened_on":
                self.error_label.setText(self.tr("The date must be like 2026-12-31."))
                self.date_edit.setFocus()
            else:
                self.error_label.setText(error_text(exc))
            self.error_label.show()

        values = self.values()
        if self._row is None:
            save_touchpoint(self._ctx, None, {"partner_id": self._partner_id, **values},
                            on_done=done, on_error=failed)
        else:
            save_touchpoint(self._ctx, self._row["id"], values, on_done=done, on_error=failed)
