"""Partners: change fields, and delete after asking (a partner takes its meetings and
action items out of view with it)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from models import playbook
from models.pack_data import SETTING_MANAGER_NAME
from ui.operations import OnDone, OnError, run
from ui.operations.records import delete_record

if TYPE_CHECKING:
    from ui.app_context import AppContext


def create_partner(ctx: AppContext, values: dict[str, Any], on_done: OnDone = None,
                   on_error: OnError = None) -> None:
    run(ctx, lambda store: store.create_partner(**values), on_done, on_error)


def update_partner(ctx: AppContext, partner_id: str, values: dict[str, Any],
                   on_done: OnDone = None, on_error: OnError = None, *,
                   stage_reason: str | None = None) -> None:
    """Change a partner's fields; a stage move is kept in its stage history, with
    ``stage_reason`` (models.playbook.update_partner)."""
    run(ctx, lambda store: playbook.update_partner(store, partner_id, values, stage_reason),
        on_done, on_error)


def save_partner_now(ctx: AppContext, partner_id: str, values: dict[str, Any], *,
                     stage_reason: str | None = None) -> dict[str, Any]:
    """``update_partner``, waited for: before the partner shown changes or the window
    closes (a StoreError when the store refuses)."""
    return ctx.call_db(lambda store: playbook.update_partner(store, partner_id, values,
                                                             stage_reason))


def set_manager_name(ctx: AppContext, name: str, on_done: OnDone = None) -> None:
    """The channel manager's name, printed on review packs ("" forgets it)."""
    run(ctx, lambda store: store.set_setting(SETTING_MANAGER_NAME, name or None), on_done)


def delete_partner(ctx: AppContext, parent: QWidget, partner_id: str, name: str,
                   on_done: OnDone = None) -> bool:
    """Ask, then soft-delete (the undo service offers it back). Returns False when
    the user said no."""
    translate = QCoreApplication.translate
    answer = QMessageBox.question(
        parent, translate("PartnerDialog", "Delete partner"),
        translate("PartnerDialog", "Delete %1? Its meetings and action items are kept, and "
                  "you can undo this right away.").replace("%1", name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    message = translate("MainWindow", "Partner %1 deleted.").replace("%1", name)
    delete_record(ctx, "partner", partner_id, message, name, on_done)
    return True
