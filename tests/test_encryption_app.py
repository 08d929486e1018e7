"""The app's side of encryption: a passphrase chosen and typed in dialogs where no
keyring exists, the recovery key shown once, an old plain profile converted behind a
progress window."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)

from desktop import app as desktop_app
from desktop.key_file import PASSPHRASE, KeyFile
from models.database import is_plain_file, open_database
from models.store import Store
from ui.safety.start_over_dialog import RecoveryKeyPrompt
from ui.safety.unlock_dialogs import NewPassphraseDialog, RecoveryKeyDialog

PASS = "a passphrase for the laptop"


def when_modal(qtbot, kind: type, act: Callable[[QDialog], None]) -> list[QDialog]:
    """Answer the next modal dialog of ``kind`` once it is up (the app's exec() blocks)."""
    seen: list[QDialog] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def answer_message_box(qtbot, button: QMessageBox.StandardButton | str,
                       before: Callable[[], object] = lambda: None) -> list[tuple[str, str]]:
    """Click ``button`` (a standard button, or a button's text) in the next message
    box, after ``before()``; the list gets the box's (text, informative text)."""
    asked: list[tuple[str, str]] = []

    def click(box: QMessageBox) -> None:
        asked.append((box.text(), box.informativeText()))
        before()
        (next(b for b in box.buttons() if b.text() == button) if isinstance(button, str)
         else box.button(button)).click()

    when_modal(qtbot, QMessageBox, click)
    return asked


def choose(dialog: NewPassphraseDialog, first: str, second: str) -> None:
    dialog.first.setText(first)
    dialog.second.setText(second)
    dialog.buttons.accepted.emit()


def test_without_a_keyring_the_app_asks_for_a_passphrase_and_shows_the_recovery_key(
        qtbot, profile, no_keyring):
    desktop_app.create_app([])
    problems: list[str] = []

    def answer(dialog: NewPassphraseDialog) -> None:
        choose(dialog, "short", "short")  # refused with words, the dialog stays
        problems.append(dialog.problem.text())
        choose(dialog, PASS, PASS + "x")
        problems.append(dialog.problem.text())
        choose(dialog, PASS, PASS)

    asked = when_modal(qtbot, NewPassphraseDialog, answer)
    window = desktop_app.open_main_window(profile, offer_demo=False)
    assert window is not None and asked
    qtbot.addWidget(window)
    assert "too short" in problems[0] and "differ" in problems[1]
    assert KeyFile.load(profile.key_file).protection == PASSPHRASE
    shown = window.findChildren(RecoveryKeyDialog)
    assert len(shown) == 1 and len(shown[0].code.text()) == 29
    code = shown[0].code.text()
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    window.ctx.call_db(lambda s: s.create_partner(name_zh="华东渠道分销商", tier="core",
                                                  stage="mature"))
    window.close()

    # the next start asks for the passphrase: a wrong one, then the right one
    def type_in(texts: list[str]) -> Callable[[QDialog], None]:
        def act(dialog: QInputDialog) -> None:
            dialog.setTextValue(texts.pop(0))
            dialog.accept()
            if texts:
                when_modal(qtbot, QInputDialog, act)
        return act

    when_modal(qtbot, QInputDialog, type_in(["wrong passphrase", PASS]))
    window = desktop_app.open_main_window(profile, offer_demo=False)
    assert window is not None
    qtbot.addWidget(window)
    assert not window.findChildren(RecoveryKeyDialog)  # shown once only
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    assert window.partners.model.rowCount() == 1
    window.close()

    # forgotten passphrase: Cancel, then the recovery key opens it
    def recovery(dialog: RecoveryKeyPrompt) -> None:
        assert dialog.start_over_button.isVisible()  # offered, not taken
        dialog.code.setText(code.lower().replace("-", " "))
        dialog.buttons.accepted.emit()

    def cancel_then_code(dialog: QInputDialog) -> None:
        dialog.reject()
        when_modal(qtbot, RecoveryKeyPrompt, recovery)

    seen = when_modal(qtbot, QInputDialog, cancel_then_code)
    window = desktop_app.open_main_window(profile, offer_demo=False)
    assert window is not None and seen
    qtbot.addWidget(window)
    window.close()


def test_a_plain_profile_of_an_older_version_is_encrypted_behind_a_progress_window(
        qtbot, profile, monkeypatch):
    profile.root.mkdir(parents=True, exist_ok=True)
    store = Store(open_database(profile.database, key=None))
    for i in range(50):
        store.create_partner(name_zh=f"渠道{i}", tier="core", stage="mature")
    store.db.conn.close()
    texts: list[str] = []

    class Recording(QProgressDialog):
        def show(self) -> None:
            texts.append(self.labelText())
            super().show()

    monkeypatch.setattr("PySide6.QtWidgets.QProgressDialog", Recording)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False)
    assert window is not None
    qtbot.addWidget(window)
    assert len(texts) == 1 and "Encrypting your data" in texts[0]
    assert len(window.findChildren(RecoveryKeyDialog)) == 1
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    assert window.partners.model.rowCount() == 50
    assert not is_plain_file(profile.database)
    window.close()


def test_the_passphrase_fields_hide_what_is_typed(qtbot):
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    assert dialog.first.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.second.echoMode() == QLineEdit.EchoMode.Password


def test_after_the_app_ran_nothing_in_the_profile_is_readable(qtbot, profile, monkeypatch):
    """The whole profile folder, while the app has it open and after it closed: the
    database, its write-ahead log, the day's backup, settings — no partner name, no
    contact's phone, no plain SQLite file anywhere."""
    from desktop import safety_watch
    from desktop.profile_keys import open_profile_database
    from models.backups import list_backups
    from tests.test_encryption import answers, assert_nothing_readable, fill

    monkeypatch.setattr(safety_watch, "CHECK_DELAY_MS", 0)
    store = Store(open_profile_database(profile, answers()))
    fill(store)
    store.db.close()
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    qtbot.waitUntil(lambda: bool(list_backups(profile.backups_dir)), timeout=30000)
    assert window.partners.model.rowCount() == 1
    window.ctx.call_db(lambda s: s.create_partner(name_zh="华北新渠道", tier="core",
                                                  stage="intro"))
    assert_nothing_readable(profile.root)
    window.close()
    assert_nothing_readable(profile.root)
