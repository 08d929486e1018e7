"""Asking for the recovery key, with a way on when it is lost too: "Start over".

``RecoveryKeyPrompt`` is where the recovery key is typed; its *I don't have it: start
over…* button opens ``StartOverDialog``, which says plainly what starting over does
and does not do (desktop/start_over.py does it, once the dialogs are closed).
"""
from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


class LockedFacts(Protocol):
    """What is known of the locked profile (desktop/start_over.py ``LockedFacts``)."""

    @property
    def last_changed(self) -> dt.datetime | None: ...

    @property
    def backups(self) -> int: ...

    @property
    def newest_backup(self) -> dt.datetime | None: ...

    @property
    def protection(self) -> str: ...


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return translate("StartOver", "unknown")
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def start_over_text(facts: LockedFacts, folder_hint: str) -> str:
    """The plain words: what is lost for now, what comes back, what is kept."""
    secret = (translate("StartOver", "the key in the system keyring")
              if facts.protection == "keyring" else translate("StartOver", "the passphrase"))
    return "\n\n".join([
        translate("StartOver",
                  "Without %1 or the recovery key, nobody can read the data in this profile: "
                  "not you, not your company, not us.").replace("%1", secret),
        translate("StartOver",
                  "Starting over moves the locked data, unchanged, into the folder %1 inside "
                  "your profile (with its %2 backups). Nothing is deleted. A new, empty, "
                  "encrypted profile takes its place, with a new recovery key to write down.")
        .replace("%1", folder_hint).replace("%2", str(facts.backups)),
        translate("StartOver",
                  "Then sign in: everything that was synced to the server comes back."),
        translate("StartOver",
                  "Changes made on this computer and never synced stay locked in the old "
                  "folder. How many there are cannot be told: they are encrypted too. The "
                  "data was last changed on %1 (newest backup: %2).")
        .replace("%1", _when(facts.last_changed)).replace("%2", _when(facts.newest_backup)),
        translate("StartOver",
                  "If you find the recovery key later, it still opens the old folder "
                  "(start ChannelKeeper with --profile and that folder), and its unsent "
                  "changes can be synced then."),
    ])


class StartOverDialog(QDialog):
    """Confirms starting over, in plain words; *Start over* or *Back*."""

    def __init__(self, facts: LockedFacts, folder_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_over")
        self.setWindowTitle(translate("StartOver", "Start over without the recovery key?"))
        self.text = QLabel(start_over_text(facts, folder_hint))
        self.text.setObjectName("start_over_text")
        self.text.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(translate("StartOver", "Start over"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
        self.start_button.setObjectName("confirm_start_over")
        self.back_button = self.buttons.addButton(translate("StartOver", "Back"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setDefault(True)  # Enter does not start over by mistake
        self.start_button.clicked.connect(self.accept)
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)


class RecoveryKeyPrompt(QDialog):
    """The recovery key typed in; ``chose_start_over`` once *Start over* was confirmed
    (the dialog is then rejected: no key was given)."""

    def __init__(self, label: str, facts: LockedFacts | None, folder_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key_prompt")
        self.setWindowTitle(translate("Unlock", "Recovery key"))
        self.facts = facts
        self.folder_hint = folder_hint
        self.chose_start_over = False
        self.text = QLabel(label)
        self.text.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code.setPlaceholderText("ABCDE-FGH23-…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.start_over_button = QPushButton(
            translate("StartOver", "I don't have it: start over…"))
        self.start_over_button.setObjectName("start_over_button")
        self.start_over_button.setAutoDefault(False)
        self.start_over_button.setVisible(facts is not None)
        self.start_over_button.clicked.connect(self.ask_start_over)
        layout = QVBoxLayout(self)
        for w in (self.text, self.code, self.buttons, self.start_over_button):
            layout.addWidget(w)
        self.setMinimumWidth(460)

    def ask_start_over(self) -> None:
        assert self.facts is not None
        confirm = StartOverDialog(self.facts, self.folder_hint, self)
        if confirm.exec() == QDialog.DialogCode.Accepted:
            self.chose_start_over = True
            self.reject()

    def value(self) -> str | None:
        return self.code.text().strip() or None
