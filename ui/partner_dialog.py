"""Create or edit a partner: a form that validates inline and never loses input.

The store is the judge of what is valid (``ValidationError.field`` names the field);
the dialog shows its verdict under that field and keeps everything typed. Cancel
leaves the saved record as it was, and asks before throwing away unsaved edits.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.domain import PARTNER_LANGUAGES, PartnerStatus, Stage, Tier
from models.errors import StoreError, ValidationError
from ui import labels, theme
from ui.app_context import AppContext
from ui.operations.partners import create_partner, update_partner
from ui.validation_text import error_text

TEXT_FIELDS = ("name_zh", "name_en", "region", "address", "revenue_share", "rebate",
               "incentive_scheme")
LONG_FIELDS = ("goals", "notes")
CHOICE_FIELDS = ("tier", "stage", "status", "language")
ALL_FIELDS = (*TEXT_FIELDS[:2], *CHOICE_FIELDS, *TEXT_FIELDS[2:], *LONG_FIELDS)


class PartnerDialog(QDialog):
    """``saved(row)`` is emitted once the store has accepted the partner."""

    saved = Signal(dict)

    def __init__(self, ctx: AppContext, partner_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.partner_id = partner_id
        self._loaded: dict[str, Any] = {}
        self._saving = False
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.setMinimumWidth(520)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._form_labels: dict[str, QLabel] = {}
        for name in ALL_FIELDS:
            widget = self._make_input(name)
            self.inputs[name] = widget
            error = QLabel()
            error.setObjectName(f"error_{name}")
            theme.set_tone(error, "error")
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            label = QLabel()
            label.setBuddy(widget)
            self._form_labels[name] = label
            form.addRow(label, box)
        # a stage move of an existing partner asks why (kept in its stage history)
        self.stage_reason = QLineEdit()
        self.stage_reason.setObjectName("stage_reason")
        self._stage_reason_label = QLabel()
        self._stage_reason_label.setBuddy(self.stage_reason)
        self._form = form
        form.insertRow(ALL_FIELDS.index("stage") + 1, self._stage_reason_label, self.stage_reason)
        form.setRowVisible(self.stage_reason, False)
        self.inputs["stage"].currentIndexChanged.connect(self._stage_changed)

        self.general_error = QLabel()
        theme.set_tone(self.general_error, "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()

        if partner_id:
            self.setEnabled(False)  # until the record has arrived from the db lane
            ctx.run_db(lambda s: s.get("partner", partner_id), self._fill, self._load_failed)
        else:
            self._loaded = self.values()

    # --- building ------------------------------------------------------------------------

    def _make_input(self, name: str) -> QWidget:
        if name in CHOICE_FIELDS:
            combo = QComboBox()
            combo.setObjectName(name)
            if name == "language":
                # the partner's preferred language: "" means none (the app's language)
                for code in ("", *PARTNER_LANGUAGES):
                    combo.addItem(code, code)
                return combo
            values = {"tier": Tier, "stage": Stage, "status": PartnerStatus}[name]
            for v in values:
                combo.addItem(v.value, v.value)
            return combo
        if name in LONG_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            return edit
        line = QLineEdit()
        line.setObjectName(name)
        return line

    def _stage_changed(self) -> None:
        moved = bool(self.partner_id and self._loaded
                     and self.inputs["stage"].currentData() != self._loaded.get("stage"))  # type: ignore[attr-defined]
        self._form.setRowVisible(self.stage_reason, moved)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit partner") if self.partner_id else self.tr("New partner"))
        if hasattr(self, "stage_reason"):
            self._stage_reason_label.setText(self.tr("&Why this stage"))
            self.stage_reason.setPlaceholderText(self.tr("Why the partner moves to this stage"))
        captions = {
            "name_zh": self.tr("&Chinese name"),
            "name_en": self.tr("&English name"),
            "tier": self.tr("&Tier"),
            "stage": self.tr("&Lifecycle stage"),
            "status": self.tr("Stat&us"),
            "language": self.tr("Pre&ferred language"),
            "region": self.tr("&Region"),
            "address": self.tr("&Address"),
            "revenue_share": self.tr("Revenue &share (%)"),
            "rebate": self.tr("Re&bate (%)"),
            "incentive_scheme": self.tr("&Incentive scheme"),
            "goals": self.tr("Jointly agreed &goals"),
            "notes": self.tr("&Notes"),
        }
        for name, text in captions.items():
            self._form_labels[name].setText(text)
        label_of = {"tier": labels.tier_label, "stage": labels.stage_label,
                    "status": labels.partner_status_label}
        language = self.inputs["language"]
        assert isinstance(language, QComboBox)
        # each language named in itself, as in the pack dialog
        names = {"": self.tr("Not set (agendas in the app's language)"), "zh_CN": "简体中文",
                 "en": "English"}
        for i in range(language.count()):
            language.setItemText(i, names[language.itemData(i)])
        language.setToolTip(self.tr("Agendas generated for this partner's meetings and its "
                                    "review packs are written in this language"))
        for name, fn in label_of.items():
            combo = self.inputs[name]
            assert isinstance(combo, QComboBox)
            for i in range(combo.count()):
                combo.setItemText(i, fn(combo.itemData(i)))
        self.inputs["name_zh"].setPlaceholderText(self.tr("e.g. 华东渠道分销商"))  # type: ignore[attr-defined]
        self.inputs["region"].setPlaceholderText(self.tr("e.g. 华东 / East China"))  # type: ignore[attr-defined]

    # --- values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData() or None
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText().strip() or None
            else:
                out[name] = widget.text().strip() or None  # type: ignore[attr-defined]
        return out

    def set_values(self, row: dict[str, Any]) -> None:
        for name, widget in self.inputs.items():
            value = row.get(name)
            if isinstance(widget, QComboBox):
                i = widget.findData(value or "")
                if i >= 0:
                    widget.setCurrentIndex(i)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            else:
                text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
                widget.setText(text)  # type: ignore[attr-defined]

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    @Slot(object)
    def _fill(self, row: dict[str, Any]) -> None:
        self.set_values(row)
        self._loaded = self.values()
        self.setEnabled(True)
        self.inputs["name_zh"].setFocus()

    @Slot(object)
    def _load_failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Partner not found"),
                            self.tr("This partner could not be opened: %1").replace("%1", str(exc)))
        super().reject()

    # --- saving ------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.general_error.hide()

    def show_error(self, field: str | None, message: str) -> None:
        label = self.errors.get(field or "")
        if label is None:
            self.general_error.setText(message)
            self.general_error.show()
            return
        label.setText(message)
        label.show()
        self.inputs[field].setFocus()  # type: ignore[index]

    def _message_for(self, exc: ValidationError) -> str:
        """A translated message for the fields a user can get wrong; the store's own
        message for anything unexpected."""
        if exc.field in ("name_zh", "name_en"):
            return self.tr("Enter a Chinese or an English name.")
        if exc.field in ("revenue_share", "rebate"):
            return self.tr("Enter a number, for example 12.5 (or leave it empty).")
        return error_text(exc)

    @Slot()
    def save(self) -> None:
        if self._saving:
            return
        self.clear_errors()
        values = self.values()
        if not (values["name_zh"] or values["name_en"]):
            # answered here at once; the store would say the same
            self.show_error("name_zh", self.tr("Enter a Chinese or an English name."))
            return
        self._saving = True
        self.buttons.setEnabled(False)
        if self.partner_id:
            update_partner(self.ctx, self.partner_id, values, self._saved, self._save_failed,
                           stage_reason=self.stage_reason.text().strip() or None)
        else:
            create_partner(self.ctx, values, self._saved, self._save_failed)

    @Slot(object)
    def _saved(self, row: dict[str, Any]) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.partner_id = row["id"]
        self._loaded = self.values()
        self.saved.emit(row)
        self.accept()

    @Slot(object)
    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_error(exc.field, self._message_for(exc))
        elif isinstance(exc, StoreError):
            self.show_error(None, str(exc))
        else:
            self.show_error(None, self.tr("Saving failed: %1").replace("%1", str(exc)))

    def reject(self) -> None:
        """Cancel: ask before discarding edits that were never saved."""
        if self.isEnabled() and self.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Discard changes?"),
                self.tr("The changes to this partner have not been saved. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        # Ctrl+Enter saves from anywhere, including the multi-line fields
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save()
            return
        super().keyPressEvent(event)
