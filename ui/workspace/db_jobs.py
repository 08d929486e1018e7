"""Database work for the workspace: its reads with the operations' default error
path (a store error the caller does not handle goes to the status bar, never
nowhere), and the loading every per-partner tab shares."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from models.store import Store
from ui import operations
from ui.app_context import AppContext


def run_db(
    ctx: AppContext,
    fn: Callable[[Store], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Future:
    """``fn(store)`` in the db lane; ``on_done``/``on_error`` on the GUI thread; an
    error not handled takes the operations' default path (ui/operations)."""
    return operations.run(ctx, fn, on_done, on_error)


class PartnerTab(QWidget):
    """The widget each of the workspace's per-partner tabs is: ``set_partner`` then
    ``reload`` fetch in the db lane and hand the data to ``_loaded``, dropping answers
    that arrive for a partner no longer shown. A tab defines ``_fetch(store,
    partner_id)`` (runs in the db lane: no widgets), ``_clear_partner()`` and
    ``_loaded(data)``."""

    _ctx: AppContext
    dialog: QDialog | None = None
    _partner_id: str | None = None
    _select_after_load: str | None = None

    def set_partner(self, partner_id: str | None) -> None:
        if partner_id != self._partner_id:
            self._clear_partner()
        self._partner_id = partner_id
        self.reload()

    def select_later(self, record_id: str) -> None:
        """Select this record once the next reload brings it (after create/restore)."""
        self._select_after_load = record_id

    def open_record_dialog(self, dialog: QDialog) -> None:
        """Open a record's dialog (``self.dialog`` while it is open); the record it
        saved (its ``saved_id``) is selected once the next reload brings it."""
        self.dialog = dialog

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.saved_id:
                self.select_later(dialog.saved_id)
            self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def take_select_request(self) -> str | None:
        wanted, self._select_after_load = self._select_after_load, None
        return wanted

    def reload(self) -> None:
        partner_id = self._partner_id
        if partner_id is None:
            return
        fetch = self._fetch
        run_db(self._ctx, lambda store: fetch(store, partner_id),
               on_done=lambda data: self._arrived(partner_id, data))

    def _arrived(self, partner_id: str, data: Any) -> None:
        if partner_id == self._partner_id:
            self._loaded(data)

    def _fetch(self, store: Store, partner_id: str) -> Any:
        raise NotImplementedError

    def _clear_partner(self) -> None:
        raise NotImplementedError

    def _loaded(self, data: Any) -> None:
        raise NotImplementedError
