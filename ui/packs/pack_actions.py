"""What the main window and the partner workspace call to print review packs.

Both entry points return the dialog they opened (non-modal, deleted on close), so
callers may keep or ignore it:

- ``open_pack_preview(ctx, partner_id, parent)``: one partner's pack, previewed in the
  app with Print, Save as PDF and Open in viewer;
- ``generate_packs(ctx, partner_ids, parent)``: packs for many partners into a folder,
  in the background with progress and Cancel;
- ``generate_packs_due_this_week(ctx, parent)``: the same for everyone with a meeting
  this week or a visit falling due this week (the partners are found in the db lane).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from models.pack_data import partners_due_this_week
from models.printing.pack_options import PackOptions
from models.store import Store
from ui.app_context import AppContext
from ui.packs.pack_batch_dialog import PackBatchDialog
from ui.packs.pack_jobs import Failed, pack_inputs
from ui.packs.pack_preview_dialog import PackPreviewDialog

#: the choices last used in this session, offered again next time, except the
#: audience: every new pack starts as a partner copy, so an internal copy printed
#: once is never printed again by habit for the partner's table
_last_options: dict[str, PackOptions] = {}


def _remember(dialog: PackPreviewDialog | PackBatchDialog) -> None:
    dialog.options_bar.changed.connect(
        lambda: _last_options.__setitem__(
            "options", dataclasses.replace(dialog.options_bar.options(), audience="partner")))


def open_pack_preview(ctx: AppContext, partner_id: str,
                      parent: QWidget | None = None) -> PackPreviewDialog:
    """Preview ``partner_id``'s review pack (default period and options)."""
    dialog = PackPreviewDialog(ctx, partner_id, parent, _last_options.get("options"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _remember(dialog)
    dialog.show()
    return dialog


def generate_packs(ctx: AppContext, partner_ids: Iterable[str],
                   parent: QWidget | None = None) -> PackBatchDialog | None:
    """Ask for options and a folder, then write one pack per partner."""
    ids = list(dict.fromkeys(partner_ids))  # once each, in the given order
    if not ids:
        ctx.status_message.emit(QCoreApplication.translate(
            "PackActions", "Select at least one partner to print review packs."))
        return None
    dialog = PackBatchDialog(ctx, ids, parent, _last_options.get("options"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _remember(dialog)
    dialog.show()
    return dialog


def generate_packs_due_this_week(ctx: AppContext, parent: QWidget | None = None,
                                 on_opened: Callable[[PackBatchDialog | None], None] | None = None,
                                 ) -> None:
    """Find this week's partners (db lane), then offer their packs; ``on_opened``
    receives the dialog (None when nobody is due this week)."""
    today, cadence, _ = pack_inputs(ctx)

    def found(ids: list[str] | Failed) -> None:
        if isinstance(ids, Failed):
            ctx.status_message.emit(ids.message)
            dialog = None
        elif not ids:
            ctx.status_message.emit(QCoreApplication.translate(
                "PackActions", "Nobody has a meeting or a visit due this week."))
            dialog = None
        else:
            dialog = generate_packs(ctx, ids, parent)
        if on_opened is not None:
            on_opened(dialog)

    def job(store: Store) -> list[str] | Failed:
        try:
            return partners_due_this_week(store, today, cadence)
        except Exception as exc:  # noqa: BLE001 - reported on the status bar
            return Failed(exc)

    ctx.run_db(job, on_done=found)
