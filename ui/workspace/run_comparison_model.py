"""Previous review runs side by side: columns are runs by date, rows are checklist
items, then the score and completion rows. Failed answers show in the error colour with
the error icon."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from models import templates
from models.domain import AnswerType
from ui import theme
from ui.workspace.checklist_form import item_text

Index = QModelIndex | QPersistentModelIndex


class RunComparisonModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []
        self._runs: list[dict[str, Any]] = []
        self._lang = "en"

    def set_runs(self, runs: list[dict[str, Any]], templates_by_id: dict[str, dict[str, Any]],
                 lang: str) -> None:
        """Runs in any order (shown oldest left); rows are the union of their templates'
        items in template order."""
        self.beginResetModel()
        self._lang = lang
        self._runs = sorted(runs, key=lambda r: (r.get("performed_on") or "", r.get("created_at") or ""))
        seen: set[str] = set()
        self._items = []
        for run in reversed(self._runs):  # the newest template's order first
            tpl = templates_by_id.get(run.get("template_id") or "")
            for item in templates.template_items(tpl["sections"], run.get("stage")) if tpl else []:
                if item["key"] not in seen:
                    seen.add(item["key"])
                    self._items.append(item)
        for run in self._runs:
            a = run.get("answers")
            run["_answers"] = json.loads(a) if isinstance(a, str) else (a or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items) + 2

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._runs)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._runs[section].get("performed_on") or ""
        if section < len(self._items):
            return item_text(self._items[section], self._lang)
        return self.tr("Score") if section == len(self._items) else self.tr("Completion")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        run = self._runs[index.column()]
        r = index.row()
        if r >= len(self._items):
            if role == Qt.ItemDataRole.DisplayRole:
                if r == len(self._items):
                    return "—" if run.get("score") is None else f"{run['score']:g}"
                return f"{100 * (run.get('completion') or 0):.0f}%"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        item = self._items[r]
        answer = run["_answers"].get(item["key"])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._answer_text(item, answer)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (answer or {}).get("comment")
        if role == Qt.ItemDataRole.ForegroundRole and templates.is_failed(item, answer):
            return QBrush(theme.color("error"))
        if role == Qt.ItemDataRole.DecorationRole and templates.is_failed(item, answer):
            return theme.status_icon("error")
        return None

    def _answer_text(self, item: dict[str, Any], answer: dict[str, Any] | None) -> str:
        if not answer or answer.get("value") in (None, ""):
            return "✎" if answer and answer.get("comment") else ""
        value = answer["value"]
        if item.get("answer_type") == AnswerType.YES_NO:
            text = self.tr("Yes") if value in ("yes", True, 1, "1") else self.tr("No")
        else:
            text = str(value)
        return text + (" ✎" if answer.get("comment") else "")
