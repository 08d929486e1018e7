"""The fill-in form of a review checklist: one row per item (answer and comment).

A form rather than a table: items carry long questions that wrap, and every answer is
reachable by Tab with the keyboard (yes/no and 1–5 choices accept typed letters/digits).
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from models.domain import AnswerType


def item_text(item: dict[str, Any], lang: str) -> str:
    return (item.get("text_zh") if lang == "zh" else None) or item.get("text") or item["key"]


def section_title(section: dict[str, Any], lang: str) -> str:
    return (section.get("title_zh") if lang == "zh" else None) or section.get("title") or ""


class AnswerCombo(QComboBox):
    """A yes/no or 1–5 choice that answers to Y, N, 1…5 and Delete in any UI language
    (Chinese item texts cannot be picked by typing their first letter)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            value: object = ...
            if key == Qt.Key.Key_Y:
                value = "yes"
            elif key == Qt.Key.Key_N:
                value = "no"
            elif Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                value = int(key) - int(Qt.Key.Key_0)
            elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                value = None
            index = self.findData(value) if value is not ... else -1
            if index >= 0:
                self.setCurrentIndex(index)
                return
        super().keyPressEvent(event)


class ChecklistForm(QScrollArea):
    """Shows a template's items; emits ``answers_changed`` with the full answers dict."""

    answers_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.answer_widgets: dict[str, QComboBox | QLineEdit] = {}
        self.comment_edits: dict[str, QLineEdit] = {}
        self._items: dict[str, dict[str, Any]] = {}
        self._loading = False
        self.setWidget(QWidget())

    def set_template(self, sections: list[dict] | str, lang: str) -> None:
        """Build the rows for a template's items in ``lang`` ("en"/"zh")."""
        if isinstance(sections, str):
            sections = json.loads(sections)
        self.answer_widgets.clear()
        self.comment_edits.clear()
        self._items.clear()
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        row = 0
        for section in sections:
            title = QLabel(f"<b>{section_title(section, lang)}</b>", body)
            grid.addWidget(title, row, 0, 1, 3)
            row += 1
            for item in section.get("items", []):
                key = item["key"]
                self._items[key] = item
                label = QLabel(item_text(item, lang), body)
                label.setWordWrap(True)
                answer = self._answer_widget(item, body)
                label.setBuddy(answer)
                comment = QLineEdit(body)
                comment.setPlaceholderText(self.tr("Comment"))
                comment.textEdited.connect(self._changed)
                self.answer_widgets[key] = answer
                self.comment_edits[key] = comment
                grid.addWidget(label, row, 0)
                if item.get("answer_type") == AnswerType.TEXT:
                    # a free-text answer is the comment: it takes both columns' width
                    grid.addWidget(answer, row, 1, 1, 2)
                    comment.hide()
                else:
                    grid.addWidget(answer, row, 1)
                    grid.addWidget(comment, row, 2)
                row += 1
        grid.setRowStretch(row, 1)
        self.setWidget(body)

    def _answer_widget(self, item: dict[str, Any], parent: QWidget) -> QComboBox | QLineEdit:
        kind = item.get("answer_type")
        if kind == AnswerType.TEXT:
            edit = QLineEdit(parent)
            edit.setPlaceholderText(self.tr("Answer"))
            edit.textEdited.connect(self._changed)
            return edit
        combo = AnswerCombo(parent)
        combo.addItem("—", None)
        if kind == AnswerType.SCORE_1_5:
            for n in range(1, 6):
                combo.addItem(str(n), n)
            combo.setToolTip(self.tr("Score from 1 (poor) to 5 (excellent): type 1…5"))
        else:
            combo.addItem(self.tr("Yes"), "yes")
            combo.addItem(self.tr("No"), "no")
            combo.setToolTip(self.tr("Type Y for yes, N for no"))
        combo.setMinimumWidth(80)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def set_answers(self, answers: dict[str, Any] | str | None) -> None:
        if isinstance(answers, str):
            answers = json.loads(answers)
        answers = answers or {}
        self._loading = True
        try:
            for key, widget in self.answer_widgets.items():
                a = answers.get(key) or {}
                value = a.get("value")
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value)) if value is not None else 0)
                else:
                    widget.setText("" if value is None else str(value))
                self.comment_edits[key].setText(a.get("comment") or "")
        finally:
            self._loading = False

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.answer_widgets.items():
            if isinstance(widget, QComboBox):
                value = widget.currentData()
            else:
                value = widget.text().strip() or None
            comment = self.comment_edits[key].text().strip()
            if value is not None or comment:
                out[key] = {"value": value, "comment": comment or None}
        return out

    def set_answer(self, key: str, value: Any) -> None:
        """Pick an answer as the user would (tests, keyboard macros)."""
        widget = self.answer_widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setText(str(value))
            self._changed()

    @Slot()
    def _changed(self) -> None:
        if not self._loading:
            self.answers_changed.emit(self.answers())

