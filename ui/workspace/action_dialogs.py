"""Dialogs of the Actions tab: add/edit an action item, and the feedback given to the
partner when an item is closed (an item is finished only when the partner heard back)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.domain import FeedbackChannel, OwnerSide, Severity
from models.errors import ValidationError
from ui import labels, theme
from ui.app_context import AppContext
from ui.operations.action_items import create_action_item, update_action_item
from ui.validation_text import error_text
from ui.workspace.record_form import lay_out_record_dialog


class ActionItemDialog(QDialog):
    """Add (``row`` None) or edit an action item; saves through the store and stays open
    with the message when the input is refused, so nothing typed is lost."""

    def __init__(self, ctx: AppContext, partner_id: str, row: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id = partner_id
        self._row = row
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Edit action item") if row else self.tr("New action item"))
        self.title_edit = QLineEdit(self)
        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setTabChangesFocus(True)
        self.side_combo = QComboBox(self)
        for side in OwnerSide:
            self.side_combo.addItem(labels.owner_side_label(side), str(side))
        self.owner_edit = QLineEdit(self)
        self.severity_combo = QComboBox(self)
        for sev in Severity:
            self.severity_combo.addItem(labels.severity_label(sev), str(sev))
        self.due_edit = QLineEdit(self)
        self.due_edit.setPlaceholderText(self.tr("YYYY-MM-DD; empty: from tier and severity"))
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        r = row or {}
        self.title_edit.setText(r.get("title") or "")
        self.details_edit.setPlainText(r.get("details") or "")
        self.side_combo.setCurrentIndex(max(0, self.side_combo.findData(r.get("owner_side") or "ours")))
        self.owner_edit.setText(r.get("owner_name") or "")
        self.severity_combo.setCurrentIndex(
            max(0, self.severity_combo.findData(r.get("severity") or "medium")))
        self.due_edit.setText(r.get("due_on") or "")

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Details"), self.details_edit)
        form.addRow(self.tr("Owner &side"), self.side_combo)
        form.addRow(self.tr("&Owner"), self.owner_edit)
        form.addRow(self.tr("Se&verity"), self.severity_combo)
        form.addRow(self.tr("Response &deadline"), self.due_edit)
        # once given, the feedback stays readable (and correctable) with how it was given
        self.feedback_edit: QPlainTextEdit | None = None
        self.channel_combo: QComboBox | None = None
        if r.get("feedback"):
            self.feedback_edit = QPlainTextEdit(self)
            self.feedback_edit.setTabChangesFocus(True)
            self.feedback_edit.setPlainText(r["feedback"])
            self.channel_combo = QComboBox(self)
            self.channel_combo.addItem("—", "")
            for channel in FeedbackChannel:
                self.channel_combo.addItem(labels.feedback_channel_label(channel), str(channel))
            self.channel_combo.setCurrentIndex(
                max(0, self.channel_combo.findData(r.get("feedback_channel") or "")))
            form.addRow(self.tr("&Feedback given"), self.feedback_edit)
            form.addRow(self.tr("Given &how"), self.channel_combo)
        lay_out_record_dialog(self, form, self.error_label)
        self.resize(480, 360)

    def values(self) -> dict[str, Any]:
        out = {
            "title": self.title_edit.text(),
            "details": self.details_edit.toPlainText(),
            "owner_side": self.side_combo.currentData(),
            "owner_name": self.owner_edit.text(),
            "severity": self.severity_combo.currentData(),
            "due_on": self.due_edit.text(),
        }
        if self.feedback_edit is not None and self.channel_combo is not None:
            out["feedback"] = self.feedback_edit.toPlainText().strip() or None
            out["feedback_channel"] = self.channel_combo.currentData() or None
        return out

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    @Slot()
    def save(self) -> None:
        values = self.values()
        if not values["title"].strip():
            self.show_error(self.tr("The title must not be empty."))
            self.title_edit.setFocus()
            return
        partner_id, row = self._partner_id, self._row
        today = self._ctx.today()

        def done(saved: dict[str, Any]) -> None:
            self.saved_id = saved["id"]
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and exc.field == "due_on":
                self.show_error(self.tr("The response deadline must be a date like 2026-12-31."))
            else:
                self.show_error(error_text(exc))

        if row is None:
            create_action_item(self._ctx, {"partner_id": partner_id, "opened_on": today, **values},
                               on_done=done, on_error=failed)
        else:
            update_action_item(self._ctx, row["id"], values, on_done=done, on_error=failed)


#: how a feedback dialog writes: (feedback, channel, on_done, on_error)
Send = Callable[[str, str, Callable[[Any], None], Callable[[BaseException], None]], None]


class FeedbackDialog(QDialog):
    """Asks what the partner was told when an action item is closed (反馈闭环), and
    how it reached them. Ctrl+Enter sends it from the text box (Enter is a new line)."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 send: Send | None = None) -> None:
        super().__init__(parent)
        #: writes the feedback (feedback, channel, on_done, on_error); the dialog
        #: closes once it is written and stays open, its text kept, when it is refused
        self._send = send
        self.setWindowTitle(self.tr("Feedback to the partner"))
        intro = QLabel(self.tr("What did the partner hear back about “%1”? "
                               "The item is finished only once they know.").replace("%1", title), self)
        intro.setWordWrap(True)
        self.feedback_edit = QPlainTextEdit(self)
        self.feedback_edit.setTabChangesFocus(True)
        self.feedback_edit.setAccessibleName(self.tr("Feedback to the partner"))
        self.feedback_edit.setPlaceholderText(self.tr("Ctrl+Enter to save"))
        self.channel_combo = QComboBox(self)
        for channel in FeedbackChannel:
            self.channel_combo.addItem(labels.feedback_channel_label(channel), str(channel))
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons = buttons
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        # Ctrl+Enter sends from anywhere in the dialog, the text box included (which
        # would otherwise take the key): Enter alone stays a new line there
        self.feedback_edit.installEventFilter(self)
        form = QFormLayout()
        form.addRow(self.tr("&How"), self.channel_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.feedback_edit)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(420, 260)

    @staticmethod
    def _is_ctrl_enter(event: QEvent) -> bool:
        return (event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.feedback_edit and self._is_ctrl_enter(event):
            self._accept_if_filled()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_ctrl_enter(event):
            self._accept_if_filled()
            return
        super().keyPressEvent(event)

    def feedback(self) -> str:
        return self.feedback_edit.toPlainText().strip()

    def channel(self) -> str:
        return self.channel_combo.currentData()

    @Slot()
    def _accept_if_filled(self) -> None:
        if not self.feedback():
            self.error_label.setText(self.tr("Write the feedback the partner received."))
            self.error_label.show()
            return
        if self._send is None:
            self.accept()
            return
        self.buttons.setEnabled(False)  # one write at a time

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error_label.setText(error_text(exc))
            self.error_label.show()

        self._send(self.feedback(), self.channel(), lambda _row: self.accept(), failed)
