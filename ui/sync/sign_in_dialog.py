"""Sign in to the central sync server: address, user name, password.

The sign-in runs in the background (the dialog stays responsive and shows it is
working); a refusal is explained in words the user can act on — wrong password, too
many attempts, server unreachable, app too old, or a plain-http address to another
computer, which is only accepted with the explicit "allow insecure http" box ticked.
Without an OS keyring the dialog says that the sign-in lasts for this session only.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.services import SyncApi, SyncSnapshot
from ui.sync.demo_choice_bar import DemoChoiceBar


class SignInDialog(QDialog):
    """Drives ``service.sign_in``; closes with Accepted once signed in."""

    def __init__(self, service: SyncApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.service = service
        self._waiting = False
        snap = service.snapshot
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.server_edit = QLineEdit(snap.server_url or "")
        self.server_edit.setObjectName("server")
        self.user_edit = QLineEdit(snap.user or "")
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.insecure_check = QCheckBox()
        self.insecure_check.setObjectName("allow_insecure_http")
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyring_note")
        self.keyring_note.setWordWrap(True)
        theme.set_banner(self.keyring_note, "due")
        self.error_label = QLabel()
        self.error_label.setObjectName("sign_in_error")
        self.error_label.setWordWrap(True)
        theme.set_tone(self.error_label, "error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.server_label, self.user_label, self.password_label = QLabel(), QLabel(), QLabel()
        for label, edit in ((self.server_label, self.server_edit), (self.user_label, self.user_edit),
                            (self.password_label, self.password_edit)):
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        self.form.addRow("", self.insecure_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error_label)
        # a profile holding demo data refused by a real server: the two ways on
        self.demo_choices = DemoChoiceBar(service, self)
        self.demo_choices.message.connect(self.show_error)
        layout.addWidget(self.demo_choices)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        service.signed_in.connect(self._signed_in)
        service.sign_in_failed.connect(self._failed)
        service.status_changed.connect(self._status_changed)
        self.retranslate()
        self._status_changed(snap)
        service.check_keyring()
        # the first empty field gets the cursor
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            if not edit.text():
                edit.setFocus()
                break

    # --- signing in ----------------------------------------------------------------------

    @Slot()
    def submit(self) -> None:
        server = self.server_edit.text().strip()
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        missing = [(self.server_edit, self.tr("Enter the server address.")),
                   (self.user_edit, self.tr("Enter your user name.")),
                   (self.password_edit, self.tr("Enter your password."))]
        for edit, message in missing:
            if not edit.text().strip():
                self.show_error(message)
                edit.setFocus()
                return
        if "://" not in server:
            server = "https://" + server  # what people type: sync.example.com
            self.server_edit.setText(server)
        self._set_waiting(True)
        self.service.sign_in(server, user, password,
                             allow_insecure_http=self.insecure_check.isChecked())

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        for w in (self.server_edit, self.user_edit, self.password_edit, self.insecure_check,
                  self.sign_in_button):
            w.setEnabled(not waiting)
        self.sign_in_button.setText(self.tr("Signing in…") if waiting else self.tr("Sign in"))
        if waiting:
            self.error_label.hide()

    @Slot(str)
    def _signed_in(self, _user: str) -> None:
        if self._waiting:
            self._set_waiting(False)
            self.accept()

    @Slot(str, str)
    def _failed(self, kind: str, message: str) -> None:
        if not self._waiting:
            return
        self._set_waiting(False)
        self.show_error(self.explain(kind, message))
        if kind == "demo_profile":
            self.demo_choices.offer()
        elif kind == "auth":
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        elif kind in ("insecure", "invalid_url", "offline"):
            self.server_edit.setFocus()

    def explain(self, kind: str, message: str) -> str:
        """The user's words for a refused sign-in."""
        texts = {
            "auth": self.tr("The user name or password is not correct."),
            "rate_limited": self.tr("Too many failed attempts. Wait a few minutes, then try "
                                    "again."),
            "offline": self.tr("The server cannot be reached. Check the address and your "
                               "network connection."),
            "update": self.tr("This version of ChannelKeeper is too old for this server. "
                              "Please update the app; your data is kept."),
            "insecure": self.tr("This address is not encrypted (http://). Use https://, or "
                                "tick “Allow insecure http” for a test server you trust."),
            "invalid_url": self.tr("This is not a server address. Example: "
                                   "https://sync.example.com"),
        }
        text = texts.get(kind)
        if kind == "demo_profile":  # the counts and the ways on, worded by the service
            return message
        if text is None:
            return self.tr("The sign-in failed: %1").replace("%1", message)
        return text

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    @Slot(object)
    def _status_changed(self, snapshot: SyncSnapshot) -> None:
        self.keyring_note.setVisible(not snapshot.keyring_persistent)

    def done(self, result: int) -> None:
        if self._waiting and result == QDialog.DialogCode.Rejected:
            self.service.cancel_sign_in()  # Cancel means: do not sign me in
        # a late answer must not reach a closed dialog
        for signal, slot in ((self.service.signed_in, self._signed_in),
                             (self.service.sign_in_failed, self._failed),
                             (self.service.status_changed, self._status_changed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        super().done(result)

    # --- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the sync server"))
        self.demo_choices.retranslate()
        self.intro.setText(self.tr("Sign in with the account head office gave you. Your "
                                   "changes are sent and the server's are received."))
        self.server_label.setText(self.tr("&Server:"))
        self.server_edit.setPlaceholderText(self.tr("https://sync.example.com"))
        self.user_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.insecure_check.setText(self.tr("Allow insecure http (test servers only)"))
        self.insecure_check.setToolTip(self.tr(
            "Plain http sends your password and data unencrypted. Only for a test server "
            "on a network you trust."))
        self.keyring_note.setText(self.tr(
            "This computer has no keyring to keep your sign-in safely. You stay signed in "
            "until you quit ChannelKeeper, then you will need to sign in again."))
        self.sign_in_button.setText(self.tr("Signing in…") if self._waiting else self.tr("Sign in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
