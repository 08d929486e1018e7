"""Starting over when a profile cannot be unlocked (keyring entry lost, no recovery
key): the unlock dialog's *Start over* and ``main.py start-over``. The locked database
is set aside whole in a dated folder (0700) that the old recovery key still opens; a
new encrypted profile with a new recovery key takes its place, and signing in to the
real server brings the synced records back."""
from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.cli import main
from desktop.key_file import KeyFile
from desktop.paths import Profile
from desktop.profile_keys import open_profile_database
from desktop.profile_lock import ProfileLock
from desktop.start_over import start_over
from desktop.wipe import erase_profile
from models.errors import ProfileLockedError
from models.store import Store
from sync.client.credentials import SERVICE, KeyringCredentials
from tests.keys import TEST_RECOVERY_CODE, install_test_key, open_test_database
from tests.sync.memory_keyring import NoKeyring
from tests.sync_ui_world import ServerWorld, open_window
from tests.test_encryption import answers
from tests.test_encryption_app import when_modal
from tests.test_sync_ui import signed_in_and_synced
from ui.safety.start_over_dialog import RecoveryKeyPrompt, StartOverDialog
from ui.safety.unlock_dialogs import RecoveryKeyDialog

UNSENT = "从未同步的渠道"


def lose_keyring_entry(profile: Profile) -> None:
    keyring.delete_password(SERVICE, KeyFile.load(profile.key_file).account)


def set_aside_folders(profile: Profile) -> list[Path]:
    return sorted(p for p in profile.root.iterdir() if p.name.startswith("locked-"))


def names_in(store: Store) -> set[str]:
    return {p["name_zh"] for p in store.rows("partner")}


@pytest.fixture
def world(tmp_path):
    w = ServerWorld(tmp_path / "world")
    w.add_user("li.na")
    w.east = w.partner("华东渠道分销商", "li.na")
    yield w
    w.close()


def test_the_unlock_dialog_starts_over_and_sign_in_brings_the_synced_data_back(
        qtbot, profile, world):
    # a real profile set up by the app, signed in, synced, with one change never sent
    window = open_window(qtbot, profile)
    (shown,) = window.findChildren(RecoveryKeyDialog)
    old_code = shown.code.text()
    shown.accept()
    signed_in_and_synced(qtbot, window, world)
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 1, timeout=10000)
    window.ctx.call_db(lambda s: s.create_partner(name_zh=UNSENT, tier="core", stage="mature"))
    window.close()
    old_id = KeyFile.load(profile.key_file).id
    old_bytes = profile.database.read_bytes()
    lose_keyring_entry(profile)  # a keyring reset

    words: list[str] = []

    def confirm(dialog: StartOverDialog) -> None:
        words.append(dialog.text.text())
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    def no_key(dialog: RecoveryKeyPrompt) -> None:
        words.append(dialog.text.text())
        when_modal(qtbot, StartOverDialog, confirm)
        qtbot.mouseClick(dialog.start_over_button, Qt.MouseButton.LeftButton)

    asked = when_modal(qtbot, RecoveryKeyPrompt, no_key)
    window = open_window(qtbot, profile)
    assert asked and len(words) == 2
    assert "no longer in the system keyring" in words[0]
    (folder,) = set_aside_folders(profile)
    text = words[1]
    assert folder.name in text and "Nothing is deleted" in text
    assert "synced to the server comes back" in text
    assert "How many there are cannot be told" in text and "recovery key later" in text
    # the window is over a new, empty profile with a new key and a new recovery key
    assert window.partners.model.rowCount() == 0
    assert KeyFile.load(profile.key_file).id != old_id
    (shown,) = window.findChildren(RecoveryKeyDialog)
    assert shown.code.text() != old_code
    assert window.sync_ui.sign_in_dialog is None
    shown.accept()  # once the new key was seen, sign-in is offered
    qtbot.waitUntil(lambda: window.sync_ui.sign_in_dialog is not None
                    and window.sync_ui.sign_in_dialog.isVisible(), timeout=5000)
    signed_in_and_synced(qtbot, window, world, window.sync_ui.sign_in_dialog)
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 1, timeout=10000)
    assert window.ctx.call_db(names_in) == {"华东渠道分销商"}
    window.close()

    # the old file is kept unchanged, owner-only, and the old recovery key opens it
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "channelkeeper.db").read_bytes() == old_bytes
    assert not any(p.name.startswith("channelkeeper.db-") for p in profile.root.iterdir())
    with pytest.raises(ProfileLockedError):
        open_profile_database(Profile(folder), answers())
    old = Store(open_profile_database(Profile(folder), answers(old_code)))
    assert names_in(old) == {"华东渠道分销商", UNSENT}
    assert old.pending_count() >= 1  # the unsent change is still there to send
    old.db.close()


def test_start_over_is_not_offered_where_it_was_not_asked_for(qtbot):
    dialog = RecoveryKeyPrompt("Type the recovery key:", None, "")
    qtbot.addWidget(dialog)
    assert not dialog.start_over_button.isVisibleTo(dialog)


@pytest.fixture
def cli_world(tmp_path):
    from tests.sync.sync_world import SyncWorld

    w = SyncWorld(tmp_path / "cli-world")
    w.add_user("li.na")
    yield w
    w.close()


def _login_and_sync(profile: Profile, world, monkeypatch) -> None:
    from tests.sync.sync_world import PASSWORD as CLI_PASSWORD

    monkeypatch.setattr("sys.stdin", io.StringIO(CLI_PASSWORD + "\n"))
    assert main(["login", "--profile", str(profile.root), "--server", world.base_url,
                 "--user", "li.na", "--password-stdin"]) == 0
    assert main(["sync", "--profile", str(profile.root), "--quiet"]) == 0


def test_the_command_line_starts_over_and_sync_brings_the_data_back(
        profile, cli_world, monkeypatch, capsys):
    install_test_key(profile)
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh="华东渠道分销商", tier="core", stage="mature")
    store.db.close()
    _login_and_sync(profile, cli_world, monkeypatch)  # the partner reaches the server
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh=UNSENT, tier="core", stage="mature")
    store.db.close()
    capsys.readouterr()
    # while the key is in the keyring, nothing is locked away: refused, exit 2
    assert main(["start-over", "--profile", str(profile.root)]) == 2
    assert "still unlocks" in capsys.readouterr().err and not set_aside_folders(profile)
    lose_keyring_entry(profile)
    with ProfileLock(profile.lock_file):  # refused while the app has the profile open
        assert main(["start-over", "--profile", str(profile.root)]) == 2
    assert "error:" in capsys.readouterr().err and not set_aside_folders(profile)

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["start-over", "--profile", str(profile.root)]) == 0
    out, err = capsys.readouterr()
    (folder,) = set_aside_folders(profile)
    assert "Recovery key" in err  # the new one, shown once
    assert str(folder) in out and "Nothing was deleted" in out
    assert "main.py login --profile" in out and "cannot be told" in out
    assert (folder / "channelkeeper.key").exists() and (folder / "channelkeeper.db").exists()
    assert list((folder / "backups").iterdir())  # the sync from zero's backup went along
    assert not profile.backups_dir.exists()
    new = Store(open_profile_database(profile, answers()))  # from the keyring: nothing asked
    assert new.count("partner") == 0
    new.db.close()

    _login_and_sync(profile, cli_world, monkeypatch)  # a new device: a sync from zero
    new = Store(open_profile_database(profile, answers()))
    assert names_in(new) == {"华东渠道分销商"}
    new.db.close()
    # the set-aside folder is a profile the old recovery key opens: `check` with it
    monkeypatch.setattr("sys.stdin", io.StringIO(TEST_RECOVERY_CODE + "\n"))
    assert main(["check", "--profile", str(folder)]) == 0
    old = Store(open_profile_database(Profile(folder), answers()))  # key back in the keyring
    assert names_in(old) == {"华东渠道分销商", UNSENT} and old.pending_count() == 1
    old.db.close()
    # a profile with nothing encrypted in it: refused
    assert main(["start-over", "--profile", str(profile.root / "empty")]) == 2


def test_a_failed_set_up_puts_the_locked_files_back(profile, monkeypatch):
    install_test_key(profile)
    Store(open_test_database(profile.database)).db.close()
    lose_keyring_entry(profile)
    before = {p.name: p.read_bytes() for p in profile.root.iterdir() if p.is_file()}
    before.pop("channelkeeper.lock", None)
    before_keyring = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())  # no keyring, and no passphrase chosen
    try:
        with pytest.raises(ProfileLockedError, match="no passphrase was chosen"):
            start_over(profile, answers(), KeyringCredentials())
    finally:
        keyring.set_keyring(before_keyring)
    assert not set_aside_folders(profile)
    after = {p.name: p.read_bytes() for p in profile.root.iterdir() if p.is_file()}
    after.pop("channelkeeper.lock", None)
    assert after == before


def test_a_forgotten_passphrase_starts_over_with_a_new_one(profile, tmp_path, monkeypatch):
    before_keyring = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        store = Store(open_profile_database(profile, answers("the old passphrase")))
        store.create_partner(name_zh=UNSENT, tier="core", stage="mature")
        store.db.close()
        with pytest.raises(ProfileLockedError):  # forgotten; no recovery key either
            open_profile_database(profile, answers("not it"))
        folder, database = start_over(profile, answers("a new passphrase"), KeyringCredentials())
        assert Store(database.open()).count("partner") == 0
        assert Store(open_profile_database(profile, answers("a new passphrase"))).count(
            "partner") == 0
        old = Store(open_profile_database(Profile(folder), answers("the old passphrase")))
        assert names_in(old) == {UNSENT}
        old.db.close()
    finally:
        keyring.set_keyring(before_keyring)


def test_a_remote_wipe_erases_what_start_over_set_aside(profile):
    install_test_key(profile)
    Store(open_test_database(profile.database)).db.close()
    lose_keyring_entry(profile)
    folder, _database = start_over(profile, answers())
    assert (folder / "channelkeeper.db").exists()
    erase_profile(profile, KeyringCredentials())
    assert not folder.exists() and not profile.database.exists()


def test_a_lost_key_file_is_started_over_from_the_command_line(profile, capsys, monkeypatch):
    install_test_key(profile)
    store = Store(open_test_database(profile.database))
    store.create_partner(name_zh=UNSENT, tier="core", stage="mature")
    store.db.close()
    old_bytes = profile.database.read_bytes()
    profile.key_file.unlink()  # copied without it, or deleted by hand
    with pytest.raises(ProfileLockedError, match="start-over"):
        open_profile_database(profile, answers())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["start-over", "--profile", str(profile.root)]) == 0
    (folder,) = set_aside_folders(profile)
    assert (folder / "channelkeeper.db").read_bytes() == old_bytes
    assert "Nothing was deleted" in capsys.readouterr().out
    new = Store(open_profile_database(profile, answers()))
    assert new.count("partner") == 0
    new.db.close()


def test_a_forgotten_passphrase_starts_over_in_the_app(qtbot, tmp_path):
    """No keyring: the passphrase is forgotten (Cancel), there is no recovery key, and
    *Start over* asks for a new passphrase, shows the new recovery key, then offers
    sign-in; the old passphrase still opens the folder set aside."""
    from PySide6.QtWidgets import QInputDialog

    from desktop import app as desktop_app
    from desktop.key_file import PASSPHRASE
    from ui.safety.unlock_dialogs import NewPassphraseDialog

    profile = Profile(tmp_path / "no-keyring")
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        def choose(secret: str) -> Callable[[QDialog], None]:
            def act(dialog: NewPassphraseDialog) -> None:
                dialog.first.setText(secret)
                dialog.second.setText(secret)
                dialog.buttons.accepted.emit()
            return act

        desktop_app.create_app([])
        when_modal(qtbot, NewPassphraseDialog, choose("the old passphrase"))
        window = desktop_app.open_main_window(profile, offer_demo=False)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
        window.ctx.call_db(lambda s: s.create_partner(name_zh=UNSENT, tier="core",
                                                      stage="mature"))
        window.close()

        words: list[str] = []

        def confirm(dialog: StartOverDialog) -> None:
            words.append(dialog.text.text())
            when_modal(qtbot, NewPassphraseDialog, choose("a new passphrase"))
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

        def no_key(dialog: RecoveryKeyPrompt) -> None:
            when_modal(qtbot, StartOverDialog, confirm)
            qtbot.mouseClick(dialog.start_over_button, Qt.MouseButton.LeftButton)

        def forgot(dialog: QInputDialog) -> None:
            when_modal(qtbot, RecoveryKeyPrompt, no_key)
            dialog.reject()

        when_modal(qtbot, QInputDialog, forgot)
        window = desktop_app.open_main_window(profile, offer_demo=False)
        assert window is not None and words
        qtbot.addWidget(window)
        assert "Without the passphrase or the recovery key" in words[0]
        assert KeyFile.load(profile.key_file).protection == PASSPHRASE
        qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
        assert window.partners.model.rowCount() == 0
        (shown,) = window.findChildren(RecoveryKeyDialog)
        shown.accept()
        qtbot.waitUntil(lambda: window.sync_ui.sign_in_dialog is not None
                        and window.sync_ui.sign_in_dialog.isVisible(), timeout=5000)
        window.close()
        (folder,) = set_aside_folders(profile)
        old = Store(open_profile_database(Profile(folder), answers("the old passphrase")))
        assert names_in(old) == {UNSENT}
        old.db.close()
        new = Store(open_profile_database(profile, answers("a new passphrase")))
        assert new.count("partner") == 0
        new.db.close()
    finally:
        keyring.set_keyring(before)
