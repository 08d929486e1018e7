"""What the main window and the partner workspace call to print review packs.

Both entry points return the dialog they opened (non-modal, deleted on close), so
callers may keep or ignore it:

- ``open_pack_preview(ctx, partner_id, parent)``: one partner's pack, previewed in the
  app with Print, Save as PDF and Open in viewer;
- ``generate_packs(ctx, partner_ids, parent)``: packs for many partners into a folder,
  in the background with progress and Cancel.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from desktop.printing.pack_pdf import PackOptions
from ui.app_context import AppContext
from ui.packs.pack_batch_dialog import PackBatchDialog
from ui.packs.pack_preview_dialog import PackPreviewDialog

#: the choices last used in this session, offered again next time
_last_options: dict[str, PackOptions] = {}


def _remember(dialog: PackPreviewDialog | PackBatchDialog) -> None:
    dialog.options_bar.changed.connect(
        lambda: _last_options.__setitem__("options", dialog.options_bar.options()))


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
