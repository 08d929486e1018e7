"""The method's remedies under a partner's warning signs (internal): a list whose
selected remedy becomes an action item on our side with one key."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import playbook
from ui import playbook_text, theme
from ui.app_context import AppContext
from ui.operations.playbook import make_remedy_action


class RemediesBox(QWidget):
    """Shown while the partner shows warning signs; ``partner_id`` says for whom."""

    def __init__(self, ctx: AppContext, partner_id: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id = partner_id
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        self.list.setAccessibleName(self.tr("Remedies"))
        self.list.setToolTip(self.tr("The method's remedies: Enter or Ctrl+Shift+R makes the "
                                     "selected one an action item"))
        self.list.itemActivated.connect(self._remedy_chosen)
        self.button = QPushButton(self.tr("Make action item"), self)
        self.button.setToolTip(self.tr("Turn the selected remedy into an action item "
                                       "(Ctrl+Shift+R)"))
        self.button.clicked.connect(self.make_remedy)
        # on the tab, not only the box: the key works wherever the focus is on the tab
        self.action = QAction(self.tr("Make the remedy an action item"), self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(self.make_remedy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QLabel(self.tr("Remedies (internal)"), self)
        head.setTextFormat(Qt.TextFormat.PlainText)
        theme.set_text_style(head, "subtitle")
        layout.addWidget(head)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)
        self.hide()

    def show_for(self, signs: bool) -> None:
        """Shown, its remedies listed, when the partner shows warning signs."""
        if signs and not self.list.count():
            for key in playbook.REMEDIES:
                item = QListWidgetItem(playbook_text.remedy_title(key), self.list)
                item.setData(Qt.ItemDataRole.UserRole, key)
            self.list.setCurrentRow(0)
        self.setVisible(signs)

    @Slot(QListWidgetItem)
    def _remedy_chosen(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.make_remedy()

    @Slot()
    def make_remedy(self) -> None:
        """The selected remedy becomes an action item on our side (one key)."""
        item = self.list.currentItem()
        partner_id = self._partner_id()
        if item is None or partner_id is None or self.isHidden():
            return
        title = item.text()
        make_remedy_action(
            self._ctx, partner_id, title,
            on_done=lambda _row: self._ctx.status_message.emit(
                self.tr("Action item added: %1").replace("%1", title)))
