"""The partner workspace: tabs for one partner (overview, meetings, actions, reviews)."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.app_context import AppContext


class PartnerWorkspace(QWidget):
    """Everything about one partner; the main window shows it when a partner is opened."""

    #: the window title part for the open partner ("华东渠道分销商 — Core")
    title_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id: str | None = None
        self._header = QLabel(self)
        self._tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header)
        layout.addWidget(self._tabs, 1)

    def current_partner_id(self) -> str | None:
        return self._partner_id

    @Slot(str)
    def open_partner(self, partner_id: str) -> None:
        self._partner_id = partner_id

    @Slot()
    def new_meeting(self) -> None:
        """Ctrl+N: start a meeting for the open partner."""

    @Slot()
    def new_action_item(self) -> None:
        """Ctrl+J: add an action item for the open partner."""

    def show_record(self, entity: str, entity_id: str) -> None:
        """Select a meeting or action item (a search hit) in its tab."""
