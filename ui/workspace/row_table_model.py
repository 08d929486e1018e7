"""A thin table model over store rows (dicts): the base of the workspace's lists.

Subclasses name their columns and say how a row is displayed; ``set_rows`` keeps the
view's selection when the same records come back (an autosave reloads the list
while the user is typing, so a reset would steal their selection).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

#: role carrying a row's record id
IdRole = Qt.ItemDataRole.UserRole + 1
#: role carrying the raw value used for sorting
SortRole = Qt.ItemDataRole.UserRole + 2


class RowTableModel(QAbstractTableModel):
    """Rows of one entity; subclasses override ``headers`` and ``display``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    # --- to override -------------------------------------------------------------------

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: dict[str, Any], column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        return self.display(row, column)

    def foreground(self, row: dict[str, Any], column: int) -> Any:
        return None

    def decoration(self, row: dict[str, Any], column: int) -> Any:
        """An icon for the cell (a status' icon beside its word), or None."""
        return None

    # --- rows ----------------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        if [r["id"] for r in rows] == [r["id"] for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        for n, r in enumerate(self._rows):
            if r["id"] == record_id:
                return n
        return -1

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == IdRole:
            return row["id"]
        if role == SortRole:
            return self.sort_value(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, index.column())
        return None
