"""The main window's view of the undo service (ui/undo.py) for a deleted partner."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from ui.undo import UndoOffer, UndoService


class PartnerUndoButton(QPushButton):
    """The main window's "Undo delete of …" for a deleted partner (the workspace's
    banner offers its records back). ``available(bool)``: an offer is on or gone."""

    available = Signal(bool)

    def __init__(self, service: UndoService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("undo_delete")
        self.setFlat(True)
        self.hide()
        self.clicked.connect(self.undo)
        service.offered.connect(self._offered)
        service.withdrawn.connect(self._withdrawn)

    @Slot()
    def undo(self) -> None:
        offer = self._service.current
        if offer is not None and offer.entity == "partner":
            self._service.undo()

    @Slot(object)
    def _offered(self, offer: UndoOffer) -> None:
        if offer.entity == "partner":
            self.retranslate()
            self.show()
            self.available.emit(True)

    @Slot()
    def _withdrawn(self) -> None:
        self.hide()
        self.available.emit(False)

    def retranslate(self) -> None:
        offer = self._service.current
        if offer is not None and offer.entity == "partner":
            # the main window's words (its translation context)
            self.setText(QCoreApplication.translate("MainWindow", "Undo delete of %1")
                         .replace("%1", offer.name))
