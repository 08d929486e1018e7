"""Suggest a week: the visits "suggest a week" proposes for the coming week, which
the manager accepts, moves or drops one by one before they are planned.

Keyboard: ↑/↓ choose a visit, Ctrl+←/→ move it a day, Delete drops it, Ctrl+Enter
plans what is left (one transaction)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import work_days
from models.planning import Suggestion
from ui import labels, theme
from ui.app_context import AppContext
from ui.calendar_view import due_reason_text
from ui.operations.meetings import plan_visits
from ui.validation_text import error_text
from ui.workspace.ui_language import ui_language

NO_PARENT = QModelIndex()


class SuggestionModel(QAbstractTableModel):
    """The proposed visits: day, partner, tier, region, why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []

    def set_rows(self, rows: list[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Suggestion]:
        return list(self._rows)

    def drop(self, row: int) -> None:
        self.beginRemoveRows(NO_PARENT, row, row)
        del self._rows[row]
        self.endRemoveRows()

    def move(self, row: int, days: int, allowed: tuple[dt.date, dt.date]) -> bool:
        """The visit ``days`` on, staying inside the week; False when it would leave it."""
        day = self._rows[row].day + dt.timedelta(days=days)
        if not allowed[0] <= day <= allowed[1]:
            return False
        self._rows[row] = dataclasses.replace(self._rows[row], day=day)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Day"), self.tr("Partner"), self.tr("Tier"), self.tr("Region"),
                    self.tr("Why")][section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                locale = QLocale()
                name = locale.dayName(s.day.isoweekday(), QLocale.FormatType.ShortFormat)
                text = f"{name} {s.day.isoformat()}"
                if not work_days.day_info(s.day).working:
                    text += " " + self.tr("(not a working day)")
                return text
            if col == 1:
                return s.partner_name
            if col == 2:
                return labels.tier_label(s.tier)
            if col == 3:
                return s.region or ""
            return due_reason_text(s)  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.DecorationRole and col == 2:
            return theme.tier_icon(s.tier)
        return None


class SuggestWeekDialog(QDialog):
    """``planned(count)`` after the accepted visits were written."""

    planned = Signal(int)

    def __init__(self, ctx: AppContext, suggestions: list[Suggestion],
                 week: tuple[dt.date, dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggest_week")
        self.ctx = ctx
        self.week = week
        self.model = SuggestionModel(self)
        self.model.set_rows(suggestions)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self.keys = QLabel()
        theme.set_tone(self.keys, "muted")
        self.keys.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keys)
        layout.addWidget(self.buttons)
        self.resize(820, 480)
        self.retranslate()
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()

    def retranslate(self) -> None:
        locale = QLocale()
        self.setWindowTitle(self.tr("Suggest a week"))
        self.table.setAccessibleName(self.tr("Proposed visits"))
        self.intro.setText(self.tr(
            "Visits proposed for %1 – %2 from what is due: core and strategic partners "
            "first, each region kept together, up to the day's limit set in Settings. "
            "Move or drop any, then plan them.").replace(
            "%1", locale.toString(self.week[0], QLocale.FormatType.ShortFormat)).replace(
            "%2", locale.toString(self.week[1], QLocale.FormatType.ShortFormat)))
        self.keys.setText(self.tr(
            "Ctrl+←/→: move a day · Delete: drop · Ctrl+Enter: plan them all"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Plan the visits (%1)").replace("%1", str(self.model.rowCount())))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            index = self.table.currentIndex()
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if index.isValid() and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model.drop(index.row())
                self.retranslate()
                return True
            steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
            if index.isValid() and ctrl and event.key() in steps:
                self.model.move(index.row(), steps[event.key()], self.week)
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        """Plan what is left, in one transaction; the dialog closes when it is written."""
        rows = self.model.rows()
        if not rows:
            super().accept()
            return
        visits = [(s.partner_id, dt.datetime.combine(s.day, dt.time(10, 0))) for s in rows]
        lang = ui_language(self.ctx)
        self.buttons.setEnabled(False)

        def done(written: list[dict]) -> None:
            self.ctx.status_message.emit(
                self.tr("Visits planned: %1.").replace("%1", str(len(written))))
            self.planned.emit(len(written))
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)

            self.ctx.status_message.emit(self.tr("Nothing was planned: %1").replace(
                "%1", error_text(exc)))

        plan_visits(self.ctx, visits, lang, done, failed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
