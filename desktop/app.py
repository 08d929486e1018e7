"""Starting the desktop app: the QApplication, its font and language, and a main
window over one profile (``desktop.session.ProfileSession``: lock, store, job lanes,
context, sync, window; closed in order by its one ``close``).

The window appears before any data is read: ``start_app`` opens the profile first
(``prepare_profile``), which starts the first load in the database lane, and only
then builds the interface; ``MainWindow.ready`` fires when the first load is shown.
This module imports Qt's widgets in the functions that use them, after the profile
is open, so the first load's queries run while they load (docs/benchmarks.md).
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLibraryInfo, QLocale, QTranslator

from desktop.paths import APP_NAME, Profile
from desktop.profile_keys import encrypt_if_plain, unlock_profile
from desktop.session import ProfileSession, prepare_profile
from desktop.settings import Settings
from desktop.start_over import aside_folder, locked_facts, start_over
from models.database import DatabaseFile, is_plain_file
from models.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    ProfileLockedError,
    SchemaTooNewError,
    StoreError,
    WrongKeyError,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
APP_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "channelkeeper.svg"
#: fonts that carry Simplified Chinese, best first; the platform default may not
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
             "Source Han Sans SC", "Noto Sans SC", "SimHei")


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (the existing one, in tests) with name and a CJK-capable font."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from PySide6.QtGui import QFont, QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ChannelKeeper")
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("io.channelkeeper.ChannelKeeper")  # Wayland matches the .desktop entry
    app.setWindowIcon(QIcon(str(APP_ICON)))
    family = cjk_font_family()
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *[f for f in font.families() if f != family]])
        app.setFont(font)
    return app


def cjk_font_family() -> str | None:
    """The first installed font of ``CJK_FONTS`` (None: leave Qt's fallback to it)."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FONTS if f in installed), None)


# --- language ---------------------------------------------------------------------------


def resolve_language(code: str) -> str:
    """"en" or "zh_CN" for a setting ("" follows the system locale)."""
    if code:
        return code
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


_installed: list[QTranslator] = []


def install_language(code: str) -> str:
    """Install the translators for ``code`` (replacing any before) and return the
    language actually used. Every widget then gets a LanguageChange event."""
    app = QCoreApplication.instance()
    assert app is not None
    language = resolve_language(code)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS_DIR / f"channelkeeper_{language}.qm")):
            _installed.append(ours)
        else:
            log.warning("no translation for %s in %s", language, TRANSLATIONS_DIR)
        qt = QTranslator(app)  # Qt's own dialogs' buttons (OK, Cancel, Discard…)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", qt_dir):
            _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
    # dates and numbers follow the language (installing or removing a translator
    # already tells every widget to retranslate)
    QLocale.setDefault(QLocale(language if language != "en" else "en_US"))
    return language


def apply_appearance(settings: Settings) -> None:
    """The theme (light, dark or the system's) and text size the user chose; Settings
    applies a new choice live (ui/theme.py)."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from ui import theme

    theme.apply(settings.appearance, settings.font_size)


# --- opening a profile -------------------------------------------------------------------


def report_open_error(exc: BaseException) -> None:
    """A clear, blocking message: what happened, and that nothing was changed."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from PySide6.QtWidgets import QMessageBox

    translate = QCoreApplication.translate
    if isinstance(exc, DatabaseLockedError):
        title = translate("App", "ChannelKeeper is already open")
        headline = translate(
            "App", "This profile is already open in another ChannelKeeper window. "
            "Switch to that window, or close it and try again.")
    elif isinstance(exc, SchemaTooNewError):
        title = translate("App", "Newer database")
        headline = translate(
            "App", "This profile was saved by a newer version of ChannelKeeper. "
            "Update ChannelKeeper to open it. The file was not changed.")
    elif isinstance(exc, (ProfileLockedError, WrongKeyError)):
        title = translate("App", "Profile locked")
        headline = translate(
            "App", "The profile's encrypted data could not be unlocked. Nothing was changed.")
    elif isinstance(exc, CorruptDatabaseError):
        title = translate("App", "Database cannot be opened")
        headline = translate(
            "App", "The profile's database file is damaged or is not a ChannelKeeper "
            "database. It was left untouched; restore a backup or choose another "
            "profile with --profile.")
    else:
        title = translate("App", "ChannelKeeper cannot start")
        headline = translate("App", "The profile could not be opened.")
    QMessageBox.critical(None, title, f"{headline}\n\n{exc}")


def open_with_progress(database: DatabaseFile) -> Any:
    """Open ``database`` when this version must first encrypt it (a plain profile of an
    older version) or upgrade it (backup, then migrations): seconds for a large
    profile, in a worker thread while a small window says what is happening, so the
    app never sits silent and unresponsive. Its errors are raised here as
    ``open_database`` would raise them."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from PySide6.QtWidgets import QProgressDialog

    translate = QCoreApplication.translate
    if database.key is not None and is_plain_file(database.path):
        text = translate("App", "Encrypting your data…\nA backup copy is made first. "
                                "A large profile takes a little while.")
    else:
        text = translate("App", "Updating your data for this version of ChannelKeeper…\n"
                                "A backup copy is made first. A large profile takes a little while.")
    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setObjectName("upgrade_progress")
    dialog.setWindowTitle("ChannelKeeper")
    dialog.setCancelButton(None)  # a migration is not stopped half-way
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(420)
    dialog.show()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            encrypt_if_plain(database, lambda done, total: result.update(progress=(done, total)))
            result["db"] = database.open()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread below
            result["error"] = exc

    worker = threading.Thread(target=work, name="profile-upgrade", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.03)
        done, total = result.get("progress", (0, 0))
        if total:
            dialog.setMaximum(1000)
            dialog.setValue(min(999, 1000 * done // total))
    dialog.close()
    dialog.deleteLater()
    log.info("profile opened after an upgrade in %.1f s", time.monotonic() - started)
    if "error" in result:
        raise result["error"]
    return result["db"]


def unlock_with_dialogs(session: ProfileSession) -> None:
    """The key, when it has to be asked for (a passphrase, a recovery key) or a new
    profile without a keyring needs a passphrase chosen: in dialogs, before the window."""
    # late: widgets load after the first load starts, docs/benchmarks.md
    from ui.safety.unlock_dialogs import DialogPrompts

    profile = session.profile
    now = dt.datetime.now()  # the folder the dialog names is the one made
    prompts = DialogPrompts(locked_facts=lambda: locked_facts(profile),
                            folder_hint=aside_folder(profile, now).name)
    try:
        session.database = unlock_profile(profile, prompts, convert=False)
    except (StoreError, OSError) as exc:
        if prompts.chose_start_over:
            start_over_with_dialogs(session, prompts, now)
        else:
            session.error = exc
    session.new_code = prompts.new_code or session.new_code


def start_over_with_dialogs(session: ProfileSession, prompts: Any, now: dt.datetime) -> None:
    """The person has neither the passphrase nor the recovery key and confirmed *Start
    over*: the locked database goes aside (desktop/start_over.py), a new profile is set
    up (a passphrase chosen in a dialog where there is no keyring), and the window
    offers sign-in once its new recovery key was shown."""

    try:
        folder, session.database = start_over(session.profile, prompts, now=now)
    except (StoreError, OSError) as exc:
        session.error = exc
        return
    session.started_over = folder
    session.settings.demo_offered = True  # sign-in is what this profile is offered


def open_session(profile: Profile, *, offer_demo: bool = True,
                 today: Callable[[], dt.date] | None = None,
                 opened: ProfileSession | BaseException | None = None,
                 **sync_options: Any) -> ProfileSession | None:
    """Show the main window over ``profile`` (``opened`` by ``prepare_profile``, or
    opened here) at once; data loads in the background. None, after a clear message,
    when the profile cannot be opened; nothing on disk is changed then."""
    if opened is None:
        opened = prepare_profile(profile, today)
    if isinstance(opened, BaseException):
        settings = Settings(profile.settings_file)
        install_language(settings.language)
        apply_appearance(settings)
        report_open_error(opened)
        return None
    session = opened
    install_language(session.settings.language)  # before any message, the upgrade's included
    apply_appearance(session.settings)
    if session.store is None and session.error is None and session.database is None:
        unlock_with_dialogs(session)
    if session.store is None and session.error is None:
        session.open_store(open_with_progress, today)
    if session.error is not None:
        session.close()
        report_open_error(session.error)
        return None
    assert session.ctx is not None
    session.ctx.language_changed.connect(install_language)
    session.show_window(offer_demo=offer_demo, **sync_options)
    return session


def open_main_window(profile: Profile, *, offer_demo: bool = True,
                     today: Callable[[], dt.date] | None = None) -> MainWindow | None:
    """``open_session``'s window (None when the profile could not be opened)."""
    session = open_session(profile, offer_demo=offer_demo, today=today)
    return session.window if session is not None else None


def start_app(profile: Profile, argv: Sequence[str] | None = None, *, offer_demo: bool = True,
              marks: dict[str, float] | None = None
              ) -> tuple[QApplication, ProfileSession | None]:
    """The app over ``profile`` as ``run_app`` starts it (the start-up benchmark
    measures this): the profile is opened, and its first load started, before the
    interface is built. ``marks``: gets the time (``time.time``) each step ended."""
    opened = prepare_profile(profile)
    if marks is not None:
        marks["opened_s"] = time.time()
    app = create_app(argv)
    return app, open_session(profile, offer_demo=offer_demo, opened=opened)


def run_app(profile: Profile, argv: Sequence[str] | None = None, *, offer_demo: bool = True) -> int:
    """Start the GUI on ``profile`` and run until the window closes."""
    app, session = start_app(profile, argv, offer_demo=offer_demo)
    if session is None:
        return 1
    return app.exec()
