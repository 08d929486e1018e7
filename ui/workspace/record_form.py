"""The frame every record dialog of the workspace shares: its form, the error line
under it and Save/Cancel wired to the dialog's ``save`` and ``reject``."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout


def lay_out_record_dialog(dialog: QDialog, form: QFormLayout, error_label: QLabel) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error_label)
    layout.addWidget(buttons)
