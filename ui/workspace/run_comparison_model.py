"""Previous review runs side by side: columns are runs, the newest first (on screen
however many there are), headed by date, time and template; rows are checklist
items, then the score and completion rows. Failed answers show in the error colour
with the error icon."""
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


def template_name(tpl: dict[str, Any], lang: str) -> str:
    """Built-in names read "English / 中文": show the half in the UI language."""
    parts = [p.strip() for p in (tpl.get("name") or "").split(" / ")]
    if len(parts) == 2:
        return parts[1] if lang == "zh" else parts[0]
    return tpl.get("name") or ""


class RunComparisonModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []
        self._runs: list[dict[str, Any]] = []
        self._lang = "en"
        self._template_names: dict[str, str] = {}

    def set_runs(self, runs: list[dict[str, Any]], templates_by_id: dict[str, dict[str, Any]],
                 lang: str) -> None:
        """Runs in any order (shown newest left); rows are the union of their templates'
        items in template order."""
        self.beginResetModel()
        self._lang = lang
        self._runs = sorted(runs, key=lambda r: (r.get("performed_on") or "", r.get("created_at") or ""),
                            reverse=True)
        self._template_names = {tid: template_name(t, lang) for tid, t in templates_by_id.items()}
        seen: set[str] = set()
        self._items = []
        for run in self._runs:  # the newest template's order first
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
        if orientation == Qt.Orientation.Horizontal and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.run_header(self._runs[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self._items):
            return item_text(self._items[section], self._lang)
        return self.tr("Score") if section == len(self._items) else self.tr("Completion")

    def run_header(self, run: dict[str, Any]) -> str:
        """"2026-11-01 10:32" over the template's name: two reviews of one day differ."""
        when = run.get("performed_on") or ""
        made = run.get("created_at") or ""
        if made[:10] == when and len(made) >= 16:
            when = made[:16]
        name = self._template_names.get(run.get("template_id") or "", "")
        return f"{when}\n{name}" if name else when

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
