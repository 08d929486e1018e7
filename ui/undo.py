"""The one undo service: the last delete is offered back for UNDO_VISIBLE_MS,
wherever it was made. Views show the offer (the main window's status bar for a
partner, the workspace's banner for its records) and call ``undo``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.operations.records import restore_record

if TYPE_CHECKING:
    from ui.app_context import AppContext

#: how long a delete can be taken back
UNDO_VISIBLE_MS = 15_000


@dataclass(frozen=True)
class UndoOffer:
    entity: str
    record_id: str
    #: what was done, for the user ("Meeting of 2026-11-20 deleted.")
    message: str
    #: what was deleted, for a button ("Undo delete of %1")
    name: str = ""


class UndoService(QObject):
    """``offered(UndoOffer)`` when a delete can be taken back, ``withdrawn()`` when it
    no longer can (taken back, timed out, or replaced by a newer offer first),
    ``restored(UndoOffer)`` once a restore committed."""

    offered = Signal(object)
    withdrawn = Signal()
    restored = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self.current: UndoOffer | None = None
        self._timer = QTimer(self, singleShot=True, interval=UNDO_VISIBLE_MS)
        self._timer.timeout.connect(self.dismiss)

    def offer(self, entity: str, record_id: str, message: str, name: str = "") -> None:
        if self.current is not None:
            self.withdrawn.emit()
        self.current = UndoOffer(entity, record_id, message, name)
        self._timer.start()
        self.offered.emit(self.current)

    def undo(self) -> None:
        """Bring back the offered record (a failure goes to the status bar)."""
        offer = self.current
        self.dismiss()
        if offer is not None:
            restore_record(self._ctx, offer.entity, offer.record_id,
                           lambda _row: self.restored.emit(offer))

    def dismiss(self) -> None:
        self._timer.stop()
        if self.current is not None:
            self.current = None
            self.withdrawn.emit()

