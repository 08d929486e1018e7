"""The app's side of unlocking a profile (desktop/profile_keys.py asks, these answer):
choosing a passphrase where no keyring exists, typing it or the recovery key, and the
recovery key shown once when the profile is set up."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.safety.start_over_dialog import LockedFacts, RecoveryKeyPrompt

MIN_PASSPHRASE = 8


translate = QCoreApplication.translate


class NewPassphraseDialog(QDialog):
    """A passphrase typed twice, at least ``MIN_PASSPHRASE`` characters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_passphrase")
        self.setWindowTitle(translate("Unlock", "Protect your data"))
        self.text = QLabel(translate("Unlock", 
            "This computer has no system keyring to keep the key of your encrypted data. "
            "Choose a passphrase: ChannelKeeper asks for it at each start. "
            "It cannot be recovered if you forget it, but the recovery key shown next can "
            "unlock your data too."))
        self.text.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(translate("Unlock", "Passphrase (at least 8 characters)"))
        self.second = QLineEdit()
        self.second.setObjectName("passphrase_again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setPlaceholderText(translate("Unlock", "The same passphrase again"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.text, self.first, self.second, self.problem, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(460)

    def _check(self) -> None:
        if len(self.first.text()) < MIN_PASSPHRASE:
            self.problem.setText(translate("Unlock", "The passphrase is too short (at least 8 characters)."))
        elif self.first.text() != self.second.text():
            self.problem.setText(translate("Unlock", "The two passphrases differ."))
        else:
            self.accept()

    def passphrase(self) -> str:
        return self.first.text()


class RecoveryKeyDialog(QDialog):
    """The recovery key, once: large, selectable, with a button to copy it."""

    def __init__(self, code: str, keyring: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key")
        self.setWindowTitle(translate("Unlock", "Your recovery key"))
        lost = (translate("Unlock", "if the system keyring loses the key (a reset, a new account)") if keyring
                else translate("Unlock", "if you forget your passphrase"))
        self.text = QLabel(translate("Unlock", 
            "Your data on this computer is encrypted. Write this recovery key down and keep "
            "it apart from the laptop: it unlocks your data %1, so that changes not yet "
            "synced are not lost. It is shown only now.").replace("%1", lost))
        self.text.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setObjectName("code")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 4)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy = QPushButton(translate("Unlock", "Copy"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(code))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.text, self.code, self.copy, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(460)


def passphrase_from_file() -> str | None:
    """The passphrase from the file named in CHANNELKEEPER_PASSPHRASE_FILE, as the
    commands read it: for unattended starts (the installation's self-test) on a
    machine without a keyring. None when the variable is not set."""
    name = os.environ.get("CHANNELKEEPER_PASSPHRASE_FILE")
    if not name:
        return None
    try:
        return Path(name).read_text(encoding="utf-8").rstrip("\r\n") or None
    except OSError:
        return None


class DialogPrompts:
    """``KeyPrompts`` for the app: modal dialogs, asked before the main window exists.
    The recovery key of a new profile is kept in ``new_code`` for the window to show."""

    def __init__(self, parent: QWidget | None = None,
                 locked_facts: Callable[[], LockedFacts] | None = None,
                 folder_hint: str = "") -> None:
        self.parent = parent
        self.new_code: tuple[str, str] | None = None
        #: what is known of the locked profile, for *Start over* (None: not offered)
        self.locked_facts = locked_facts
        self.folder_hint = folder_hint
        #: the person confirmed *Start over* (no recovery key): the caller does it
        self.chose_start_over = False

    def choose_passphrase(self) -> str | None:
        if (given := passphrase_from_file()) is not None:
            return given
        dialog = NewPassphraseDialog(self.parent)
        return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def passphrase(self, attempt: int) -> str | None:
        if not attempt and (given := passphrase_from_file()) is not None:
            return given
        label = translate("Unlock", "Passphrase of this profile:") if not attempt else translate("Unlock", 
            "That passphrase is not right. Try again (or Cancel to use the recovery key):")
        return self._ask(translate("Unlock", "Unlock your data"), label, QLineEdit.EchoMode.Password)

    def recovery_key(self, attempt: int, keyring_lost: bool) -> str | None:
        if attempt:
            label = translate("Unlock", "That recovery key is not right. Check it and try again:")
        elif keyring_lost:
            label = translate("Unlock", 
                "The key of your encrypted data is no longer in the system keyring (it was "
                "reset, or this profile comes from another account). Type the recovery key "
                "shown when the profile was set up to keep everything, unsent changes "
                "included. Without it, start over: what was synced comes back from the "
                "server when you sign in.")
        else:
            label = translate("Unlock", "Type the recovery key shown when the profile was set up:")
        facts = self.locked_facts() if self.locked_facts is not None else None
        dialog = RecoveryKeyPrompt(label, facts, self.folder_hint, self.parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.chose_start_over = dialog.chose_start_over
        return dialog.value() if accepted else None

    def _ask(self, title: str, label: str, echo: QLineEdit.EchoMode) -> str | None:
        dialog = QInputDialog(self.parent)
        dialog.setObjectName("unlock")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(echo)
        dialog.setMinimumWidth(460)
        return dialog.textValue() or None if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_recovery_key(self, code: str, protection: str) -> None:
        self.new_code = (code, protection)

    def progress(self, done: int, total: int) -> None:
        """The conversion runs behind the app's own progress window."""


def show_recovery_key(parent: QWidget, code: str, keyring: bool) -> RecoveryKeyDialog:
    """Window-modal and not blocking: the window stays usable behind it once closed."""
    dialog = RecoveryKeyDialog(code, keyring, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
