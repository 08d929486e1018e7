"""Puts sync into the main window: the Sync menu, its shortcuts, the status area, and
the dialogs (sign in, conflicts, refused changes, Try the demo).

The main window builds it over the sync service it is given (``window.sync_ui``);
``start()`` starts the service (the first sync when signed in).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from ui.services import SyncApi
from ui.sync.sync_status_widget import SyncStatusWidget, count_text
from ui.sync.try_demo import TryDemo

# the dialogs are imported when first opened (docs/benchmarks.md, "imports kept off
# the start path")
if TYPE_CHECKING:
    from ui.sync.conflict_view import ConflictView
    from ui.sync.rejected_ops_view import RejectedOpsView
    from ui.sync.sign_in_dialog import SignInDialog

#: F5 is the window's Refresh; F9 is "send/receive" in mail programs
SYNC_SHORTCUT = "F9"
STOP_SHORTCUT = "Shift+F9"


class SyncController(QObject):
    """Owns the sync menu, actions and status widget of one main window."""

    def __init__(self, window: QMainWindow, service: SyncApi) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.sign_in_dialog: SignInDialog | None = None
        self.conflict_view: ConflictView | None = None
        self.rejected_view: RejectedOpsView | None = None
        self.try_demo: TryDemo | None = None
        self.try_demo_refused: QMessageBox | None = None

        self.act_sync = self._action("sync_now", self.sync_now, SYNC_SHORTCUT)
        self.act_stop = self._action("sync_stop", self.stop_sync, STOP_SHORTCUT)
        self.act_sign_in = self._action("sync_sign_in", self.show_sign_in)
        self.act_sign_out = self._action("sync_sign_out", self.sign_out)
        self.act_conflicts = self._action("sync_conflicts", self.show_conflicts)
        self.act_rejected = self._action("sync_rejected", self.show_rejected)
        self.act_try_demo = self._action("sync_try_demo", self.start_try_demo)
        self.menu = QMenu(window)
        self.menu.setObjectName("menu_sync")
        self.menu.addActions([self.act_sync, self.act_stop])
        self.menu.addSeparator()
        self.menu.addActions([self.act_conflicts, self.act_rejected])
        self.menu.addSeparator()
        self.menu.addActions([self.act_sign_in, self.act_sign_out, self.act_try_demo])
        help_menu = window.findChild(QMenu, "menu_help")  # Sync goes before Help
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), self.menu)
        else:
            window.menuBar().addMenu(self.menu)

        self.status = SyncStatusWidget()
        window.statusBar().addPermanentWidget(self.status)
        self.status.sync_requested.connect(self.sync_now)
        self.status.cancel_requested.connect(self.stop_sync)
        self.status.sign_in_requested.connect(self.show_sign_in)
        self.status.conflicts_requested.connect(self.show_conflicts)
        self.status.rejected_requested.connect(self.show_rejected)
        service.status_changed.connect(self.status.set_snapshot)
        service.status_changed.connect(self._update_actions)
        service.progress.connect(self.status.set_progress)
        service.sync_failed.connect(self._sync_failed)
        service.sync_finished.connect(self._sync_finished)
        window.installEventFilter(self)  # LanguageChange reaches widgets, not this object
        self.status.set_snapshot(service.snapshot)
        self._update_actions(service.snapshot)
        self.retranslate()

    def _action(self, name: str, slot: Any, key: str | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # --- commands ----------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> bool:
        if not self.service.snapshot.signed_in:
            self.show_sign_in()
            return False
        started = self.service.sync_now()
        if not started and self.service.running:
            self._status(self.tr("A sync is already running."))
        return started

    @Slot()
    def stop_sync(self) -> bool:
        stopping = self.service.cancel_sync()
        if stopping:
            self._status(self.tr("Stopping the sync…"))
        return stopping

    @Slot()
    def show_sign_in(self) -> SignInDialog:
        if self.sign_in_dialog is not None and self.sign_in_dialog.isVisible():
            self.sign_in_dialog.raise_()
            return self.sign_in_dialog
        # late: off the start path, docs/benchmarks.md
        from ui.sync.sign_in_dialog import SignInDialog

        dialog = SignInDialog(self.service, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._status(self.tr("Signed in. Syncing…")))
        dialog.destroyed.connect(lambda *_: setattr(self, "sign_in_dialog", None))
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def sign_out(self) -> None:
        """Sign out; with unsent changes, warn first and offer to export them."""
        pending = self.service.snapshot.pending
        if pending:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sign out"), count_text(
                pending,
                self.tr("1 change has not reached the server yet. It stays on this laptop "
                        "and is sent when you sign in again, but nobody else sees it until "
                        "then."),
                self.tr("%1 changes have not reached the server yet. They stay on this "
                        "laptop and are sent when you sign in again, but nobody else sees "
                        "them until then.")), parent=self.window)
            box.setObjectName("sign_out_warning")
            export = box.addButton(self.tr("Export them first…"), QMessageBox.ButtonRole.ActionRole)
            sign_out = box.addButton(self.tr("Sign out"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            self.sign_out_box = box  # tests answer it
            box.exec()
            clicked = box.clickedButton()
            if clicked is export:
                if not self.export_pending():
                    return
            elif clicked is not sign_out:
                return
        self.service.sign_out(lambda: self._status(self.tr("Signed out. Your data stays on "
                                                           "this laptop.")))

    def export_pending(self, path: str | None = None) -> bool:
        """Write the unsent changes to a JSON file (asks where unless given)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export unsent changes"),
                str(Path(QDir.homePath()) / "unsent-changes.json"), self.tr("JSON files (*.json)"))
        if not path:
            return False
        self.service.export_pending(
            path,
            lambda n: self._status(self.tr("%1 unsent changes written to %2")
                                   .replace("%1", str(n)).replace("%2", path)),
            lambda exc: QMessageBox.warning(self.window, self.tr("Export unsent changes"),
                                            self.tr("Could not write %1: %2")
                                            .replace("%1", path).replace("%2", str(exc))))
        return True

    @Slot()
    def show_conflicts(self) -> ConflictView:
        if self.conflict_view is None:
            # late: off the start path, docs/benchmarks.md
            from ui.sync.conflict_view import ConflictView

            self.conflict_view = ConflictView(self.service, self.window)
            self.conflict_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.conflict_view.destroyed.connect(lambda *_: setattr(self, "conflict_view", None))
            self.conflict_view.sign_in_requested.connect(self.show_sign_in)
        else:
            self.conflict_view.reload()
        self.conflict_view.show()
        self.conflict_view.raise_()
        return self.conflict_view

    @Slot()
    def show_rejected(self) -> RejectedOpsView:
        if self.rejected_view is None:
            # late: off the start path, docs/benchmarks.md
            from ui.sync.rejected_ops_view import RejectedOpsView

            self.rejected_view = RejectedOpsView(self.service, self.window)
            self.rejected_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.rejected_view.destroyed.connect(lambda *_: setattr(self, "rejected_view", None))
            self.rejected_view.sign_in_requested.connect(self.show_sign_in)
        else:
            self.rejected_view.reload()
        self.rejected_view.show()
        self.rejected_view.raise_()
        return self.rejected_view

    @Slot()
    def start_try_demo(self) -> TryDemo | None:
        snap = self.service.snapshot
        if snap.server_url and not snap.demo:
            # demo data must never mix with records from a real server: once it did,
            # neither could be told apart nor sync anywhere
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Try the demo"), self.tr(
                "This profile holds records from %1, so the demo cannot be loaded into it. "
                "Try the demo in a new empty profile: start ChannelKeeper with --profile "
                "and an empty folder.").replace("%1", snap.server_url), parent=self.window)
            box.setObjectName("try_demo_refused")
            self.try_demo_refused = box  # tests read it
            box.open()
            return None
        self.try_demo = TryDemo(self.service, self.window)
        self.try_demo.start()
        return self.try_demo

    # --- reactions ---------------------------------------------------------------------

    @Slot(object)
    def _update_actions(self, snap: Any) -> None:
        self.act_sync.setEnabled(not snap.syncing)
        self.act_stop.setEnabled(snap.syncing)
        self.act_sign_out.setEnabled(snap.signed_in)
        self.act_conflicts.setEnabled(snap.conflicts > 0)
        self.act_rejected.setEnabled(snap.rejected > 0)

    @Slot(object)
    def _sync_finished(self, report: Any) -> None:
        if report.conflict:
            self._status(count_text(
                report.conflict,
                self.tr("Synced. 1 change conflicts with the server's: review it."),
                self.tr("Synced. %1 changes conflict with the server's: review them.")))
        elif report.rejected:
            self._status(count_text(report.rejected,
                                    self.tr("Synced. The server refused 1 change."),
                                    self.tr("Synced. The server refused %1 changes.")))
        elif getattr(report, "held", 0):
            # the record is not on the server yet (e.g. after a restore, until the laptop
            # that created it syncs): the change is kept and sent again at each sync
            self._status(count_text(
                report.held,
                self.tr("Synced. 1 change waits for a record the server does not have yet; "
                        "it is sent again at each sync."),
                self.tr("Synced. %1 changes wait for records the server does not have yet; "
                        "they are sent again at each sync.")))
        elif report.pushed or report.pulled:
            self._status(self.tr("Synced: %1 sent, %2 received.").replace(
                "%1", str(report.pushed)).replace("%2", str(report.pulled)))
        removed = sum(getattr(report, "removed_records", {}).values())
        if removed:  # head-office records this laptop had and the server does not: said
            self._status(count_text(removed, self.tr(
                "Synced. 1 record the server does not have was removed from this laptop."),
                self.tr("Synced. %1 records the server does not have were removed from this "
                        "laptop.")))

    @Slot(str, str)
    def _sync_failed(self, kind: str, message: str) -> None:
        texts = {
            "offline": self.tr("Offline: your changes are kept and sent when the server "
                               "answers again."),
            "auth": self.tr("The server asks you to sign in again. Your changes are kept."),
            "not_signed_in": self.tr("Not signed in: sign in to sync."),
            "update": self.tr("This version of ChannelKeeper is too old for the server. "
                              "Update the app; your changes are kept."),
            "cancelled": self.tr("Sync stopped. What arrived so far is kept; the next sync "
                                 "goes on from there."),
            "demo_profile": message,  # the counts and the ways on (desktop/demo_words.py)
        }
        self._status(texts.get(kind) or self.tr("Sync failed: %1").replace("%1", message))

    def _status(self, text: str) -> None:
        show = getattr(self.window, "show_status", None)
        if callable(show):
            show(text)
        else:
            self.window.statusBar().showMessage(text, 8000)

    # --- language ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the service: the first sync when signed in."""
        self.service.start()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("S&ync"))
        self.act_sync.setText(self.tr("&Sync now"))
        self.act_stop.setText(self.tr("S&top sync"))
        self.act_sign_in.setText(self.tr("Sign &in…"))
        self.act_sign_out.setText(self.tr("Sign &out…"))
        self.act_conflicts.setText(self.tr("&Conflicts to review…"))
        self.act_rejected.setText(self.tr("&Refused changes…"))
        self.act_try_demo.setText(self.tr("Try the &demo (local server)…"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

