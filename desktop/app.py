"""Starting the desktop app: the QApplication, its font and language, and a main
window over one profile (lock, store, job lanes, context), closed down in order.

The window appears before any data is read: the views load in the database lane
and ``MainWindow.ready`` fires when the first load is done. ``start_app`` opens the
profile first (``prepare_profile``: lock, settings, database, and either the start-up
snapshot or the first load, started at once in the database lane) and only then
imports and builds the interface, so the queries run while the interface is imported
(~60 ms of the start; the queries take ~90 ms on a 5,000-partner profile). This module
imports no widget code itself until then.
"""
from __future__ import annotations

# first, before the modules below are imported: ui/qt_workarounds.py says why
import ui.qt_workarounds  # noqa: F401

# isort: split
import datetime as dt
import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLibraryInfo, QLocale, QTimer, QTranslator

from desktop.jobs import JobRunner, Pending
from desktop.paths import APP_NAME, Profile
from desktop.profile_lock import ProfileLock
from desktop.settings import Settings
from desktop.start_snapshot import StartSnapshot
from models.database import open_database, upgrade_due
from models.errors import CorruptDatabaseError, DatabaseLockedError, SchemaTooNewError, StoreError
from models.store import Store
from models.today import first_load
from ui.app_context import AppContext

if TYPE_CHECKING:  # imported by the functions that need them, after the profile is open
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


# --- opening a profile -------------------------------------------------------------------


def report_open_error(exc: BaseException) -> None:
    """A clear, blocking message: what happened, and that nothing was changed."""
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


class AppSession:
    """What one open profile holds, released in order when its window closes."""

    def __init__(self, lock: ProfileLock, store: Store, jobs: JobRunner,
                 snapshot: StartSnapshot | None = None) -> None:
        self.lock = lock
        self.store = store
        self.jobs = jobs
        self.snapshot = snapshot
        self.closed = False

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.snapshot is not None:
            # last in the database lane: the first load the next start will show
            self.jobs.db.submit(self._refresh_snapshot)
        self.jobs.shutdown()  # waits for queued database work (autosaves) to finish
        self.store.db.conn.close()
        self.lock.release()

    def _refresh_snapshot(self) -> None:
        assert self.snapshot is not None
        try:
            self.snapshot.refresh(self.store)
        except Exception:  # a cache: closing must go on
            log.exception("start-up snapshot not refreshed")


def open_with_progress(path: Path) -> Any:
    """``open_database`` for a file this version must upgrade (backup, then migrations:
    seconds for a large profile), in a worker thread while a small window says what is
    happening, so the app never sits silent and unresponsive. Its errors are raised
    here as ``open_database`` would raise them."""
    from PySide6.QtWidgets import QProgressDialog

    translate = QCoreApplication.translate
    dialog = QProgressDialog(
        translate("App", "Updating your data for this version of ChannelKeeper…\n"
                         "A backup copy is made first. A large profile takes a little while."),
        "", 0, 0)
    dialog.setObjectName("upgrade_progress")
    dialog.setWindowTitle("ChannelKeeper")
    dialog.setCancelButton(None)  # a migration is not stopped half-way
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(420)
    dialog.show()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["db"] = open_database(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread below
            result["error"] = exc

    worker = threading.Thread(target=work, name="profile-upgrade", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.03)
    dialog.close()
    dialog.deleteLater()
    log.info("profile upgraded in %.1f s", time.monotonic() - started)
    if "error" in result:
        raise result["error"]
    return result["db"]


class OpenedProfile:
    """What ``prepare_profile`` got ready before the interface exists."""

    def __init__(self, lock: ProfileLock, settings: Settings) -> None:
        self.lock = lock
        self.settings = settings
        self.store: Store | None = None  # None: an upgrade is due, or it failed
        self.jobs: JobRunner | None = None
        self.ctx: AppContext | None = None
        self.snapshot: StartSnapshot | None = None
        #: the first load, started in the database lane (None: the snapshot is shown)
        self.first_load: Pending | None = None
        #: why the profile cannot be opened (reported once the app can show it)
        self.error: BaseException | None = None

    def give_up(self) -> None:
        if self.jobs is not None:
            self.jobs.shutdown()
        if self.store is not None:
            self.store.db.conn.close()
        self.lock.release()


def prepare_profile(profile: Profile, today: Callable[[], dt.date] | None = None
                    ) -> OpenedProfile | BaseException:
    """Open ``profile`` without any widget: lock, settings, database; then read the
    start-up snapshot, or, when none matches, start the first load in the database
    lane at once. A profile that this version must upgrade is opened later, behind
    a progress window (``open_main_window``). Returns what it could not open as the
    exception, to be reported once the app can show a message."""
    profile.ensure()
    lock = ProfileLock(profile.lock_file)
    try:
        lock.acquire()
    except DatabaseLockedError as exc:
        return exc
    opened = OpenedProfile(lock, Settings(profile.settings_file))
    try:
        if upgrade_due(profile.database):
            return opened
        opened.store = Store(open_database(profile.database))
    except (StoreError, OSError) as exc:
        opened.error = exc
        return opened
    _start(opened, profile, today)
    return opened


def _start(opened: OpenedProfile, profile: Profile, today: Callable[[], dt.date] | None) -> None:
    """The lanes and the context over the open store; the snapshot, or the first load."""
    assert opened.store is not None
    settings = opened.settings
    opened.jobs = jobs = JobRunner()
    opened.ctx = ctx = AppContext(opened.store, jobs, settings, today=today)
    opened.snapshot = snapshot = StartSnapshot(profile.cache_dir, ctx.today, settings.cadence)
    # in this thread, before the database lane has work: one indexed read
    if snapshot.load(opened.store.data_generation()) is None:
        opened.first_load = Pending(ctx.today(), settings.cadence())
        jobs.db.submit(first_load, opened.store, *opened.first_load.args,
                       on_done=opened.first_load.done, on_error=opened.first_load.failed)


def open_main_window(profile: Profile, *, offer_demo: bool = True,
                     today: Callable[[], dt.date] | None = None,
                     opened: OpenedProfile | BaseException | None = None) -> MainWindow | None:
    """Show the main window over ``profile`` (``opened`` by ``prepare_profile``, or
    opened here) at once; data loads in the background. None, after a clear message,
    when the profile cannot be opened; nothing on disk is changed then."""
    if opened is None:
        opened = prepare_profile(profile, today)
    if isinstance(opened, BaseException):
        install_language(Settings(profile.settings_file).language)
        report_open_error(opened)
        return None
    settings = opened.settings
    install_language(settings.language)  # before any message, the upgrade's included
    if opened.store is None and opened.error is None:
        try:
            opened.store = Store(open_with_progress(profile.database))
            _start(opened, profile, today)
        except (StoreError, OSError) as exc:
            opened.error = exc
    if opened.error is not None:
        opened.give_up()
        report_open_error(opened.error)
        return None
    from ui.main_window import MainWindow

    store, jobs, ctx, snapshot = opened.store, opened.jobs, opened.ctx, opened.snapshot
    assert store is not None and jobs is not None and ctx is not None
    ctx.language_changed.connect(install_language)
    window = MainWindow(ctx, snapshot=snapshot, first_load=opened.first_load)
    geometry = settings.window_geometry
    if geometry is not None:
        window.restoreGeometry(geometry)
    if offer_demo and not settings.demo_offered:
        window.ready.connect(lambda: _offer_demo_if_empty(window))
    # the first load (without a snapshot) runs in the database lane while this thread
    # shows the window and imports and builds the sync service (no callback can
    # arrive before this function returns to the event loop)
    window.show()
    # paint the window now, without running the event loop (no callback may arrive
    # before the sync service is installed): those imports take a while on a cold disk
    window.repaint()
    from desktop import sync_service

    # before the session's close: sync stops while the job lanes still run
    sync_service.install(window, ctx, profile)
    window.session = AppSession(opened.lock, store, jobs, snapshot)  # type: ignore[attr-defined]
    window.closing.connect(window.session.close)  # type: ignore[attr-defined]
    return window


def start_app(profile: Profile, argv: Sequence[str] | None = None, *, offer_demo: bool = True,
              marks: dict[str, float] | None = None) -> tuple[QApplication, MainWindow | None]:
    """The app over ``profile`` as ``run_app`` starts it (the start-up benchmark
    measures this): the profile is opened, and its first load started, before the
    interface is imported. ``marks``: gets the time (``time.time``) each step ended."""
    opened = prepare_profile(profile)
    if marks is not None:
        marks["opened_s"] = time.time()
    app = create_app(argv)
    return app, open_main_window(profile, offer_demo=offer_demo, opened=opened)


def _offer_demo_if_empty(window: MainWindow) -> None:
    if window.partners.model.rowCount():
        return
    from ui.demo_offer import DemoLoader, DemoOfferDialog
    from ui.sync.try_demo import CHOICE as TRY_DEMO
    from ui.sync.try_demo import add_try_demo_choice

    def ask() -> None:
        dialog = DemoOfferDialog(window)
        add_try_demo_choice(dialog)
        dialog.exec()
        window.ctx.settings.demo_offered = True
        if dialog.choice == TRY_DEMO:
            window.sync_ui.start_try_demo()  # type: ignore[attr-defined]
        elif dialog.choice == "demo":
            window.demo_loader = DemoLoader(window.ctx, window)  # type: ignore[attr-defined]
            window.demo_loader.start()  # type: ignore[attr-defined]

    # after the ready signal has reached everyone (benchmarks stop their clock there)
    QTimer.singleShot(0, ask)


def run_app(profile: Profile, argv: Sequence[str] | None = None, *, offer_demo: bool = True) -> int:
    """Start the GUI on ``profile`` and run until the window closes."""
    app, window = start_app(profile, argv, offer_demo=offer_demo)
    if window is None:
        return 1
    return app.exec()
