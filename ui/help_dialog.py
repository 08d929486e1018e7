"""Help → Keyboard shortcuts: built from the window's actual QActions, so the list
can never disagree with what the keys do."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeView, QVBoxLayout, QWidget

#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()


def _plain(text: str) -> str:
    """A menu text without its mnemonic ("&File", "文件(&F)") or trailing ellipsis."""
    text = re.sub(r"\(&\w\)", "", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(command, keys) for every action that has a shortcut, in the order given; two
    actions doing the same command (menu and page) share a row."""
    keys_of: dict[str, list[str]] = {}
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText)
                for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        known = keys_of.setdefault(_plain(action.text()), [])
        known.extend(k for k in keys if k not in known)
    return [(name, ", ".join(keys)) for name, keys in keys_of.items()]


class ShortcutTableModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("HelpDialog", "Command"),
                    QCoreApplication.translate("HelpDialog", "Shortcut"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts of the given actions."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 480)
        self.model = ShortcutTableModel(shortcut_rows(actions), self)
        view = QTreeView()
        view.setModel(self.model)
        view.setRootIsDecorated(False)
        view.setAlternatingRowColors(True)
        view.resizeColumnToContents(0)
        view.setAccessibleName(self.tr("Keyboard shortcuts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
