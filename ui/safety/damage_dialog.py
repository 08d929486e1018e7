"""What the app shows when the background check finds the database damaged: what
happened in words, that nothing more is written to the file, and what can be done."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate


class DamageDialog(QDialog):
    """Offers to export the unsent changes and to restore the newest good backup.
    Emits ``export_requested`` / ``restore_requested``; the app does the work."""

    export_requested = Signal()
    restore_requested = Signal()

    def __init__(self, detail: str, has_backup: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("database_damaged")
        self.setWindowTitle(translate("Damage", "Your data is damaged"))
        self.text = QLabel(translate(
            "Damage", "The check of your data found damage in the database file (a disk "
            "fault, or a crash while it was written). ChannelKeeper no longer writes to it, "
            "so nothing gets worse: edits made now cannot be saved and sync is stopped.\n\n"
            "First save the changes not yet sent to head office, then restore the newest "
            "good backup. What was synced comes back at the next sync."))
        self.text.setWordWrap(True)
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        self.export_button = QPushButton(translate("Damage", "Save unsent changes…"))
        self.export_button.setObjectName("export_pending")
        self.export_button.clicked.connect(self.export_requested)
        self.restore_button = QPushButton(translate("Damage", "Restore newest good backup"))
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.setEnabled(has_backup)
        self.restore_button.clicked.connect(self.restore_requested)
        self.no_backup = QLabel("" if has_backup else translate(
            "Damage", "There is no good backup. After saving the unsent changes, start a new "
                      "profile and sign in: what was synced comes back from the server."))
        self.no_backup.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.text, self.detail, self.export_button, self.restore_button,
                  self.no_backup, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(520)

    def exported(self, count: int, path: str) -> None:
        self.export_button.setText(
            translate("Damage", "%n unsent change(s) saved to %1", None, count).replace("%1", path))
