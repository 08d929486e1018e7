"""Unlocking a profile: its database key, then the database, for the app and every command.

``open_profile_database`` is the one way a profile's database is opened: it finds the
key (the OS keyring; else the passphrase; else, when the keyring lost it, the recovery
key), sets a new profile up (random key, recovery key shown once), converts a plain
profile of an older version, and calls ``models.database.open_database``.

What is asked of the person is behind ``KeyPrompts``: the app asks in dialogs
(ui/unlock_dialogs.py), the commands read standard input or the file named in
CHANNELKEEPER_PASSPHRASE_FILE (``CommandPrompts``).
"""
from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop.key_file import (
    KEYRING,
    PASSPHRASE,
    RECOVERY,
    KeyFile,
    new_key,
    new_recovery_code,
    wrap,
)
from models.database import (
    ENV_BENCH_PLAIN,
    DatabaseFile,
    encrypt_plain_database,
    is_plain_file,
)
from models.errors import ProfileLockedError

if TYPE_CHECKING:
    from desktop.paths import Profile
    from models.database import Database
    from sync.client.credentials import Credentials

log = logging.getLogger(__name__)

ENV_PASSPHRASE_FILE = "CHANNELKEEPER_PASSPHRASE_FILE"
MIN_PASSPHRASE = 8
ATTEMPTS = 3


class KeyPrompts(Protocol):
    """What unlocking a profile may ask of the person (None: they declined)."""

    def choose_passphrase(self) -> str | None: ...

    def passphrase(self, attempt: int) -> str | None: ...

    def recovery_key(self, attempt: int, keyring_lost: bool) -> str | None: ...

    def show_recovery_key(self, code: str, protection: str) -> None: ...

    def progress(self, done: int, total: int) -> None: ...


def default_credentials() -> Credentials:
    # late: off the start path, docs/benchmarks.md
    from sync.client.credentials import KeyringCredentials

    return KeyringCredentials()


def open_profile_database(profile: Profile, prompts: KeyPrompts,
                          credentials: Credentials | None = None, **options: Any) -> Database:
    """The profile's database, unlocked (and set up or converted first when due)."""
    return unlock_profile(profile, prompts, credentials).open(**options)


def unlock_profile(profile: Profile, prompts: KeyPrompts,
                   credentials: Credentials | None = None, *, convert: bool = True
                   ) -> DatabaseFile:
    """The profile's database file with its key; a plain file of an older version is
    encrypted first (``convert``), with ``prompts.progress`` told how far it got."""
    key = profile_key(profile, prompts, credentials)
    database = DatabaseFile(profile.database, key, verified=key is not None)
    if convert:
        encrypt_if_plain(database, prompts.progress)
    return database


def encrypt_if_plain(database: DatabaseFile, progress: Callable[[int, int], None]) -> bool:
    if database.key is None or not is_plain_file(database.path):
        return False
    log.info("encrypting the plain database of an older version: %s", database.path)
    encrypt_plain_database(database.path, database.key, progress)
    return True


class MustAsk(Exception):
    """Raised by ``QuietPrompts``: a secret would have to be asked for."""


class QuietPrompts:
    """Asks nothing: ``quiet_unlock`` uses it to learn whether a dialog is needed. The
    recovery key of a new profile is kept in ``new_code`` for the app to show."""

    def __init__(self) -> None:
        self.new_code: tuple[str, str] | None = None

    def choose_passphrase(self) -> str | None:
        raise MustAsk

    def passphrase(self, attempt: int) -> str | None:
        raise MustAsk

    def recovery_key(self, attempt: int, keyring_lost: bool) -> str | None:
        raise MustAsk

    def show_recovery_key(self, code: str, protection: str) -> None:
        self.new_code = (code, protection)

    def progress(self, done: int, total: int) -> None:
        raise MustAsk


def quiet_unlock(profile: Profile, prompts: QuietPrompts,
                 credentials: Credentials | None = None) -> DatabaseFile | None:
    """The unlocked database file when nothing has to be asked (the keyring has the
    key, no conversion is due), else None: the app asks once it can show a dialog."""
    try:
        database = unlock_profile(profile, prompts, credentials, convert=False)
    except MustAsk:
        return None
    if database.key is not None and is_plain_file(database.path):
        return None
    return database


def profile_key(profile: Profile, prompts: KeyPrompts,
                credentials: Credentials | None = None) -> bytes | None:
    """The key of ``profile``'s database (None only for the benchmark's plain run)."""
    if os.environ.get(ENV_BENCH_PLAIN) == "1" and not profile.key_file.exists():
        return None
    profile.ensure()
    credentials = credentials or default_credentials()
    keys = KeyFile.load(profile.key_file)
    if keys is None:
        return _set_up(profile, prompts, credentials)
    if keys.protection == KEYRING:
        stored = credentials.get(keys.account)
        if stored:
            key = bytes.fromhex(stored)
            if keys.matches(key):
                return key
            log.warning("the keyring's database key does not match this profile's key file")
        key = _ask_recovery(keys, prompts, keyring_lost=True)
        # back into the keyring, so the next start asks nothing
        credentials.set(keys.account, key.hex())
        return key
    for attempt in range(ATTEMPTS):
        secret = prompts.passphrase(attempt)
        if secret is None:
            break
        key = keys.unwrap(PASSPHRASE, secret)
        if key is not None:
            return key
    return _ask_recovery(keys, prompts, keyring_lost=False)


def _ask_recovery(keys: KeyFile, prompts: KeyPrompts, *, keyring_lost: bool) -> bytes:
    for attempt in range(ATTEMPTS):
        secret = prompts.recovery_key(attempt, keyring_lost)
        if secret is None:
            break
        key = keys.unwrap(RECOVERY, secret) or keys.unwrap(PASSPHRASE, secret)
        if key is not None:
            return key
    if keyring_lost:
        raise ProfileLockedError(
            "This profile's database key is no longer in the system keyring (the keyring "
            "was reset or the profile was copied from another account), and no recovery "
            "key was given. Nothing was changed. Start again with the recovery key (shown "
            "when the profile was set up) to keep everything, unsent changes included; or, "
            "without it, start over (main.py start-over --profile DIR, or \"I don't have it: "
            "start over\" in the app's recovery key dialog) and sign in: everything already "
            "synced comes back from the server, and the unsent changes stay, locked, in the "
            "folder the old database is moved to, until its recovery key opens it.")
    raise ProfileLockedError(
        "The profile stays locked: no correct passphrase or recovery key was given. "
        "Nothing was changed. Without either, start over (main.py start-over --profile "
        "DIR, or \"I don't have it: start over\" in the app's recovery key dialog): the "
        "locked database is kept aside and what was synced comes back at sign-in.")


def _set_up(profile: Profile, prompts: KeyPrompts, credentials: Credentials) -> bytes:
    if profile.database.exists() and profile.database.stat().st_size and \
            not is_plain_file(profile.database):
        raise ProfileLockedError(
            f"{profile.key_file} (the profile's key file) is missing, so the encrypted "
            f"database {profile.database} cannot be unlocked. It was left untouched; put "
            "the key file back, or start over (main.py start-over --profile DIR: the "
            "database is kept aside, a new profile is set up) and sign in again.")
    key = new_key()
    keys = KeyFile.new(key, KEYRING)
    credentials.set(keys.account, key.hex())
    if not credentials.persistent or credentials.get(keys.account) != key.hex():
        secret = prompts.choose_passphrase()
        if not secret:
            raise ProfileLockedError(
                "This computer has no system keyring to keep the database key, and no "
                "passphrase was chosen. Nothing was created. Type one when asked, or name "
                f"a file holding it in {ENV_PASSPHRASE_FILE} (scripts, CI).")
        credentials.delete(keys.account)
        keys.protection = PASSPHRASE
        keys.wraps[PASSPHRASE] = wrap(key, PASSPHRASE, secret)
    code = new_recovery_code()
    keys.wraps[RECOVERY] = wrap(key, RECOVERY, code)
    try:
        # shown before anything is kept: a profile whose recovery key was never shown
        # is not set up (the next start begins again)
        prompts.show_recovery_key(code, keys.protection)
    except BaseException:
        if keys.protection == KEYRING:
            credentials.delete(keys.account)
        raise
    keys.save(profile.key_file)
    return key


def renew_recovery_key(profile: Profile, prompts: KeyPrompts,
                       credentials: Credentials | None = None) -> str:
    """A new recovery key for ``profile``, returned for the person to write down: the
    key file's recovery wrap is replaced, so the old recovery key stops unlocking this
    profile (a copy of the profile folder made before keeps the old key file, and the
    old key with it). The database and its key do not change: backups still open."""
    key = profile_key(profile, prompts, credentials)
    keys = KeyFile.load(profile.key_file)
    if key is None or keys is None:
        raise ProfileLockedError(f"{profile.database} is not encrypted: it has no recovery key.")
    code = new_recovery_code()
    keys.wraps[RECOVERY] = wrap(key, RECOVERY, code)
    keys.save(profile.key_file)  # written whole, then renamed over the old one
    log.info("new recovery key for %s", profile.root)
    return code


class CommandPrompts:
    """The command line's answers: a passphrase from the file named in
    CHANNELKEEPER_PASSPHRASE_FILE, else from standard input (typed without echo at a
    terminal, else its first line); the recovery key from standard input; messages on
    standard error. A command with no input to read gets no second try."""

    def __init__(self, stdin: Callable[[], str] | None = None) -> None:
        self._stdin = stdin
        self._shown = -1  # the last progress percentage printed

    def _secret(self, prompt: str) -> str | None:
        if self._stdin is not None:
            return self._stdin() or None
        if sys.stdin is None:
            return None
        if sys.stdin.isatty():
            return getpass.getpass(prompt, stream=sys.stderr) or None
        line = sys.stdin.readline()
        return line.rstrip("\r\n") or None

    def _from_file(self) -> str | None:
        name = os.environ.get(ENV_PASSPHRASE_FILE)
        if not name:
            return None
        try:
            return Path(name).read_text(encoding="utf-8").rstrip("\r\n") or None
        except OSError as exc:
            raise ProfileLockedError(f"{ENV_PASSPHRASE_FILE}: {name} cannot be read ({exc}).") from exc

    def choose_passphrase(self) -> str | None:
        print("No system keyring: choose a passphrase for this profile "
              f"(at least {MIN_PASSPHRASE} characters).", file=sys.stderr)
        secret = self._from_file() or self._secret("New passphrase: ")
        if secret is not None and len(secret) < MIN_PASSPHRASE:
            raise ProfileLockedError(
                f"The passphrase is too short (at least {MIN_PASSPHRASE} characters). "
                "Nothing was created.")
        return secret

    def passphrase(self, attempt: int) -> str | None:
        if attempt:
            print("error: wrong passphrase.", file=sys.stderr)
            return None if os.environ.get(ENV_PASSPHRASE_FILE) or not _interactive() \
                else self._secret("Passphrase: ")
        return self._from_file() or self._secret("Passphrase: ")

    def recovery_key(self, attempt: int, keyring_lost: bool) -> str | None:
        if keyring_lost and not attempt:
            print("The database key is missing from the system keyring. "
                  "Type the profile's recovery key to unlock it.", file=sys.stderr)
        if attempt and not _interactive():
            print("error: wrong recovery key.", file=sys.stderr)
            return None
        return self._secret("Recovery key: ")

    def show_recovery_key(self, code: str, protection: str) -> None:
        print("New profile: its data is encrypted. Recovery key (write it down and keep "
              f"it safe; it is shown only now):\n\n    {code}\n\nIt unlocks the profile if "
              f"the {'system keyring' if protection == KEYRING else 'passphrase'} is lost.",
              file=sys.stderr)

    def progress(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent >= self._shown + 10 or (percent == 100 and self._shown != 100):
            self._shown = percent
            print(f"encrypting the profile: {percent}%", file=sys.stderr)


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()
