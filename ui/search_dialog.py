"""The Ctrl+K palette: find partners, contacts, meetings and action items as you type.

Queries run in the database lane through ``store.search`` (which understands
two-character Chinese words), about 120 ms after the last keystroke; an answer to an
older query is dropped, so results never flicker back to what was typed before.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.app_context import AppContext

#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()

DEBOUNCE_MS = 120
RESULT_LIMIT = 50


@dataclass(frozen=True)
class SearchResult:
    entity: str
    entity_id: str
    partner_id: str | None
    title: str
    partner_name: str


def run_search(store: Any, text: str, limit: int = RESULT_LIMIT) -> list[SearchResult]:
    """Runs in the database lane: the hits, each with its partner's name."""
    hits = store.search(text, limit=limit)
    names: dict[str, str] = {}
    out = []
    for h in hits:
        pid = h.partner_id
        if pid and pid not in names:
            p = store.find("partner", pid)
            names[pid] = (p.get("name_zh") or p.get("name_en") or "") if p else ""
        out.append(SearchResult(h.entity, h.entity_id, pid, h.title, names.get(pid or "", "")))
    return out


def entity_label(entity: str) -> str:
    return {
        "partner": QCoreApplication.translate("SearchDialog", "Partner"),
        "contact": QCoreApplication.translate("SearchDialog", "Contact"),
        "meeting": QCoreApplication.translate("SearchDialog", "Meeting"),
        "action_item": QCoreApplication.translate("SearchDialog", "Action item"),
    }.get(entity, entity)


class SearchResultModel(QAbstractTableModel):
    """Kind, title and partner of each hit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SearchResult] = []

    def set_rows(self, rows: Sequence[SearchResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def result(self, row: int) -> SearchResult:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("SearchDialog", "Kind"),
                QCoreApplication.translate("SearchDialog", "Found"),
                QCoreApplication.translate("SearchDialog", "Partner"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self._rows[index.row()]
        return (entity_label(r.entity), r.title, r.partner_name)[index.column()]


class SearchDialog(QDialog):
    """``chosen(entity, entity_id, partner_id)`` when the user opens a result."""

    chosen = Signal(str, str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 purpose: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.purpose = purpose  # a line saying why we ask ("Which partner for the meeting?")
        self._request = 0
        self._answered = 0
        self._incomplete = False  # the last answer came while the search backlog ran
        self._open_when_answered = False
        self.setMinimumSize(640, 420)
        self.input = QLineEdit()
        self.input.setObjectName("search_input")
        self.input.setClearButtonEnabled(True)
        self.input.textChanged.connect(self._schedule)
        self.input.installEventFilter(self)
        self.purpose_label = QLabel(purpose)
        self.purpose_label.setVisible(bool(purpose))
        self.model = SearchResultModel(self)
        self.view = QTreeView()
        self.view.setObjectName("search_results")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.header().setStretchLastSection(False)
        self.view.activated.connect(self._open_index)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose_label)
        layout.addWidget(self.input)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.retranslate()
        self.input.setFocus()

    # --- searching ------------------------------------------------------------------------------

    @Slot()
    def _schedule(self) -> None:
        self._request += 1  # whatever is in flight is stale from now on
        self._timer.start()

    @Slot()
    def _run(self) -> None:
        text = self.input.text().strip()
        request = self._request
        if not text:
            self._show(request, [])
            return
        self.ctx.run_db(lambda s: (run_search(s, text), s.search_backlog_pending()),
                        lambda answer: self._show(request, *answer),
                        lambda exc: self._failed(request, exc))

    def _show(self, request: int, rows: list[SearchResult], incomplete: bool = False) -> None:
        if request != self._request:
            return
        self._answered = request
        self._incomplete = incomplete
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.resizeColumnToContents(0)
            self.view.resizeColumnToContents(2)
        self._update_status()
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_index(self.view.currentIndex())

    def _failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.status.setText(self.tr("Search failed: %1").replace("%1", str(exc)))

    def _update_status(self) -> None:
        n = self.model.rowCount()
        if not self.input.text().strip():
            self.status.setText(self.tr("Type a name, a place or a word from the notes."))
        elif n == 0:
            self.status.setText(self.tr("Nothing found."))
        else:
            self.status.setText(
                self.tr("Results: %1. Enter opens the partner.").replace("%1", str(n)))
        if self._incomplete and self.input.text().strip():
            self.status.setText(self.status.text() + " " + self.tr(
                "Search is still being prepared for the records of the first sync: "
                "some may be missing for a little while."))

    def is_settled(self) -> bool:
        """True when the results shown answer the text typed (tests, benchmarks)."""
        return self._answered == self._request and not self._timer.isActive()

    # --- opening -------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        r = self.model.result(index.row())
        if not r.partner_id:
            return
        self.chosen.emit(r.entity, r.entity_id, r.partner_id)
        self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Up/Down/Enter in the text box drive the results, so hands stay on the keys
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                QCoreApplication.sendEvent(self.view, event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self.is_settled():
                    self._timer.stop()
                    self._open_when_answered = True
                    self._run()  # Enter before the pause: search now, open when it answers
                    return True
                self._open_index(self.view.currentIndex())
                return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Search"))
        self.input.setPlaceholderText(
            self.tr("Search partners, contacts, meetings, action items… (e.g. 华东)"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        super().changeEvent(event)
