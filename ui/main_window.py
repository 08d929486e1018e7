"""The main window: navigation (Today, Partners, the partner workspace), menus,
keyboard shortcuts and the status bar.

It only arranges views and routes requests between them; Today and Partners get
their data through its ``loading`` (ui/view_loading.py), the other views load their
own through the AppContext. ``ready`` fires once the first data load is on screen
("cold start to usable window" is measured with it). The partner workspace, the
biggest view, is imported and built when first needed, not before the first paint.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from ui.app_context import AppContext
from ui.partners_view import PartnersView
from ui.services import SyncApi
from ui.sync.sync_controller import SyncController
from ui.today_view import TodayView
from ui.view_loading import FirstLoad, ViewLoader

if TYPE_CHECKING:  # imported on first use, off the start path (~0.25 s in all)
    from ui.help_dialog import ShortcutsDialog
    from ui.partner_dialog import PartnerDialog
    from ui.search_dialog import SearchDialog
    from ui.settings_dialog import SettingsDialog
    from ui.workspace.partner_workspace import PartnerWorkspace

PAGE_TODAY, PAGE_PARTNERS, PAGE_WORKSPACE = range(3)
STATUS_TIMEOUT_MS = 8000
UNDO_TIMEOUT_MS = 15000


class MainWindow(QMainWindow):
    """``ready``: first load finished. ``closing``: the window is closing and the
    database lane is idle (the app then releases the store and the profile lock)."""

    ready = Signal()
    closing = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 sync: SyncApi | None = None, first_load: FirstLoad | None = None) -> None:
        """``sync``: the sync service (the window adds its menu and status area).
        ``first_load``: the first load, started before the window (else the window
        starts it)."""
        super().__init__(parent)
        self.ctx = ctx
        self._workspace_title = ""
        self._undo: tuple[str, str] | None = None  # (partner id, name) of the last delete
        self.today = TodayView(ctx)
        self.partners = PartnersView(ctx)
        self.loading = ViewLoader(ctx, self.today, self.partners, self.show_status, self)
        self.loading.ready.connect(self.ready)
        # started before anything else is built: its answer comes through the event loop
        self.loading.start(first_load)
        self._workspace: PartnerWorkspace | None = None
        self.pages = QStackedWidget()
        # an empty stand-in until the workspace is first needed (see `workspace`)
        for page in (self.today, self.partners, QWidget()):
            self.pages.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        for _ in range(3):
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self._nav_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undo_delete")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_delete)
        self.statusBar().addPermanentWidget(self.undo_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._expire_undo)

        self._create_actions()
        self._create_menus()
        self._connect_views()
        self.retranslate()
        self.sync_service = sync
        self.sync_ui = SyncController(self, sync) if sync is not None else None
        self.show_page(PAGE_TODAY)
        self.resize(1280, 800)

    @property
    def is_ready(self) -> bool:
        """The first load is on screen (or failed)."""
        return self.loading.is_ready

    @property
    def load_timings(self) -> dict[str, float]:
        return self.loading.load_timings

    @Slot()
    def reload(self) -> None:
        """Load Today and Partners again."""
        self.loading.reload()

    # --- set-up ------------------------------------------------------------------------------

    def _action(self, name: str, slot: Any, *keys: QKeySequence | str) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever page has focus
        return action

    def _create_actions(self) -> None:
        self.act_search = self._action("search", lambda: self.show_search(), "Ctrl+K")
        self.act_today = self._action("go_today", lambda: self.show_page(PAGE_TODAY), "Ctrl+1")
        self.act_partners = self._action(
            "go_partners", lambda: self.show_page(PAGE_PARTNERS), "Ctrl+2")
        self.act_workspace = self._action("go_workspace", self.show_workspace, "Ctrl+3")
        self.act_refresh = self._action("refresh", self.reload, QKeySequence.StandardKey.Refresh)
        self.act_new_partner = self._action("new_partner", self.new_partner, "Ctrl+Shift+N")
        self.act_edit_partner = self._action("edit_partner", self.edit_current_partner, "Ctrl+E")
        self.act_delete_partner = self._action("delete_partner", self.delete_current_partner)
        self.act_undo_delete = self._action("undo_delete", self.undo_delete)
        self.act_undo_delete.setEnabled(False)
        self.act_new_meeting = self._action("new_meeting", self.new_meeting, "Ctrl+N")
        self.act_new_action = self._action("new_action_item", self.new_action_item, "Ctrl+J")
        self.act_pack = self._action("review_pack", self.review_pack, "Ctrl+P")
        self.act_packs_selected = self._action(
            "review_packs_selected", self.review_packs_for_selection, "Ctrl+Shift+P")
        self.act_packs_week = self._action("review_packs_week", self.review_packs_this_week)
        self.act_settings = self._action("settings", self.show_settings, "Ctrl+,")
        self.act_quit = self._action("quit", self.close, "Ctrl+Q")
        self.act_shortcuts = self._action("shortcuts", self.show_shortcuts, "F1")
        self.act_about = self._action("about", self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_settings])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_view = bar.addMenu("")
        self.menu_view.addActions([self.act_today, self.act_partners, self.act_workspace])
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_search, self.act_refresh])
        self.menu_partner = bar.addMenu("")
        self.menu_partner.addActions(
            [self.act_new_partner, self.act_edit_partner, self.act_delete_partner,
             self.act_undo_delete])
        self.menu_partner.addSeparator()
        self.menu_partner.addActions([self.act_new_meeting, self.act_new_action])
        self.menu_partner.addSeparator()
        self.menu_partner.addActions(
            [self.act_pack, self.act_packs_selected, self.act_packs_week])
        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.act_shortcuts, self.act_about])

    def _connect_views(self) -> None:
        self.ctx.status_message.connect(self.show_status)
        self.today.open_partner.connect(self.open_partner)
        self.today.open_record.connect(self.open_record)
        self.partners.open_partner.connect(self.open_partner)
        self.partners.edit_partner.connect(self.edit_partner)
        self.partners.new_partner_requested.connect(self.new_partner)
        self.partners.partner_deleted.connect(self._offer_undo)

    @property
    def workspace(self) -> PartnerWorkspace:
        """The partner workspace page, built on first use."""
        if self._workspace is None:
            from ui.workspace.partner_workspace import PartnerWorkspace

            workspace = PartnerWorkspace(self.ctx)
            workspace.title_changed.connect(self._workspace_title_changed)
            stand_in = self.pages.widget(PAGE_WORKSPACE)
            self.pages.insertWidget(PAGE_WORKSPACE, workspace)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
            self._workspace = workspace
        return self._workspace

    def _open_partner_id(self) -> str | None:
        """The partner open in the workspace (None, without building it, if none)."""
        return self._workspace.current_partner_id() if self._workspace else None

    def all_actions(self) -> list[QAction]:
        """Every command of the window, in menu order, then the Partners page's and the
        workspace's own (the shortcuts help lists them)."""
        # every menu of the bar, so added ones (Sync) are listed too
        menus = [a.menu() for a in self.menuBar().actions() if a.menu()]
        workspace_actions = getattr(self.workspace, "shortcut_actions", list)()
        return [a for menu in menus for a in menu.actions() if not a.isSeparator()] + [
            self.partners.focus_filter_action, self.partners.edit_action,
            self.partners.delete_action, *workspace_actions]

    # --- navigation --------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        if page == PAGE_WORKSPACE and not self._open_partner_id():
            self.show_status(self.tr("No partner is open: open one from Today, Partners or "
                                     "search (Ctrl+K)."))
            return
        self.nav.setCurrentRow(page)

    def current_page(self) -> int:
        return self.pages.currentIndex()

    @Slot(int)
    def _nav_changed(self, row: int) -> None:
        if row == PAGE_WORKSPACE and not self._open_partner_id():
            self.nav.setCurrentRow(self.pages.currentIndex())
            return
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.pages.currentWidget().setFocus()

    @Slot()
    def show_workspace(self) -> None:
        self.show_page(PAGE_WORKSPACE)

    @Slot(str)
    def open_partner(self, partner_id: str) -> None:
        self.workspace.open_partner(partner_id)
        self.nav.setCurrentRow(PAGE_WORKSPACE)

    @Slot(str, str, str)
    def open_record(self, partner_id: str, entity: str, record_id: str) -> None:
        """Open the partner; for a meeting or an action item, point the workspace at it."""
        self.open_partner(partner_id)
        show_record = getattr(self.workspace, "show_record", None)
        if entity not in ("partner", "contact") and record_id and callable(show_record):
            show_record(entity, record_id)

    @Slot(str)
    def _workspace_title_changed(self, title: str) -> None:
        self._workspace_title = title
        self._update_title()

    def _update_title(self) -> None:
        base = self.tr("ChannelKeeper")
        self.setWindowTitle(f"{self._workspace_title} — {base}" if self._workspace_title else base)

    # --- commands ----------------------------------------------------------------------------

    def show_search(self, purpose: str = "") -> SearchDialog:
        from ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.ctx, self, purpose=purpose)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda entity, rid, pid: self.open_record(pid, entity, rid))
        dialog.open()
        self.search_dialog = dialog  # tests and benchmarks drive the open dialog
        return dialog

    def _with_partner(self, then: Any, purpose: str) -> None:
        """Run ``then()`` on the open partner's workspace, asking which partner first
        when none is open."""
        if self._open_partner_id():
            self.show_page(PAGE_WORKSPACE)
            then()
            return
        self.show_status(self.tr("Choose the partner first."))
        dialog = self.show_search(purpose)
        dialog.chosen.connect(lambda *_: then())

    @Slot()
    def new_meeting(self) -> None:
        self._with_partner(self.workspace.new_meeting,
                           self.tr("Which partner is the meeting with?"))

    @Slot()
    def new_action_item(self) -> None:
        self._with_partner(self.workspace.new_action_item,
                           self.tr("Which partner is the action item for?"))

    # --- review packs ----------------------------------------------------------------------

    @Slot()
    def review_pack(self) -> None:
        """Preview (then print or save) the review pack of the partner in view."""
        from ui.packs.pack_actions import open_pack_preview

        pid = self._current_partner_id()
        if pid:
            open_pack_preview(self.ctx, pid, self)
            return
        self.show_status(self.tr("Choose the partner first."))
        dialog = self.show_search(self.tr("Whose review pack?"))
        dialog.chosen.connect(lambda _e, _i, partner_id: open_pack_preview(self.ctx, partner_id, self))

    @Slot()
    def review_packs_for_selection(self) -> None:
        """Packs for the partners selected in the Partners table, in the background."""
        from ui.packs.pack_actions import generate_packs

        ids = self.partners.selected_partner_ids() if self.current_page() == PAGE_PARTNERS else []
        if not ids:
            self.show_page(PAGE_PARTNERS)
            self.show_status(self.tr("Select the partners in the table first (Ctrl+A for all shown)."))
            return
        generate_packs(self.ctx, ids, self)

    @Slot()
    def review_packs_this_week(self) -> None:
        from ui.packs.pack_actions import generate_packs_due_this_week

        generate_packs_due_this_week(self.ctx, self)

    @Slot()
    def new_partner(self) -> PartnerDialog:
        from ui.partner_dialog import PartnerDialog

        dialog = PartnerDialog(self.ctx, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._partner_created)
        dialog.open()
        self.partner_dialog = dialog
        return dialog

    def _partner_created(self, row: dict) -> None:
        self.show_status(self.tr("Partner %1 created.").replace(
            "%1", row.get("name_zh") or row.get("name_en") or ""))
        self.open_partner(row["id"])

    def _current_partner_id(self) -> str | None:
        if self.current_page() == PAGE_PARTNERS:
            return self.partners.selected_partner_id()
        if self.current_page() == PAGE_WORKSPACE:
            return self._open_partner_id()
        return None

    @Slot()
    def edit_current_partner(self) -> None:
        pid = self._current_partner_id()
        if pid:
            self.edit_partner(pid)
        else:
            self.show_status(self.tr("Select a partner to edit."))

    @Slot(str)
    def edit_partner(self, partner_id: str) -> PartnerDialog:
        from ui.partner_dialog import PartnerDialog

        dialog = PartnerDialog(self.ctx, partner_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _row: self.show_status(self.tr("Partner saved.")))
        dialog.open()
        self.partner_dialog = dialog
        return dialog

    @Slot()
    def delete_current_partner(self) -> None:
        if self.current_page() == PAGE_PARTNERS:
            self.partners.delete_selected()
            return
        pid = self._current_partner_id()
        if not pid:
            self.show_status(self.tr("Select a partner to delete."))
            return
        name = self._workspace_title or pid
        from ui.partner_dialog import delete_partner_with_confirmation

        delete_partner_with_confirmation(self.ctx, self, pid, name,
                                         lambda: self._offer_undo(pid, name))

    @Slot(str, str)
    def _offer_undo(self, partner_id: str, name: str) -> None:
        self._undo = (partner_id, name)
        if self._open_partner_id() == partner_id:
            self.show_page(PAGE_PARTNERS)
        self.undo_button.setText(self.tr("Undo delete of %1").replace("%1", name))
        self.undo_button.show()
        self.act_undo_delete.setEnabled(True)
        self.show_status(self.tr("Partner %1 deleted.").replace("%1", name))
        self._undo_timer.start(UNDO_TIMEOUT_MS)

    @Slot()
    def undo_delete(self) -> None:
        if self._undo is None:
            return
        pid, name = self._undo
        self._expire_undo()
        self.ctx.run_db(
            lambda s: s.restore("partner", pid),
            lambda _row: self.show_status(self.tr("Partner %1 restored.").replace("%1", name)),
            lambda exc: self.show_status(str(exc)))

    def _expire_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_button.hide()
        self.act_undo_delete.setEnabled(False)

    @Slot()
    def show_settings(self) -> SettingsDialog:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.cadence_changed and self.reload())
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        from ui.help_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.all_actions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    @Slot(str)
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # --- language and closing ------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            self.act_search: self.tr("&Search…"),
            self.act_today: self.tr("&Today"),
            self.act_partners: self.tr("&Partners"),
            self.act_workspace: self.tr("Partner &workspace"),
            self.act_refresh: self.tr("&Refresh"),
            self.act_new_partner: self.tr("&New partner…"),
            self.act_edit_partner: self.tr("&Edit partner…"),
            self.act_delete_partner: self.tr("&Delete partner…"),
            self.act_undo_delete: self.tr("&Undo delete"),
            self.act_new_meeting: self.tr("New &meeting"),
            self.act_new_action: self.tr("New &action item"),
            self.act_pack: self.tr("&Review pack…"),
            self.act_packs_selected: self.tr("Review packs for &selected partners…"),
            self.act_packs_week: self.tr("Review packs for this &week's visits…"),
            self.act_settings: self.tr("&Settings…"),
            self.act_quit: self.tr("&Quit"),
            self.act_shortcuts: self.tr("&Keyboard shortcuts"),
            self.act_about: self.tr("&About ChannelKeeper"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_partner.setTitle(self.tr("&Partner"))
        self.menu_help.setTitle(self.tr("&Help"))
        for row, text in enumerate((self.tr("Today"), self.tr("Partners"),
                                    self.tr("Partner workspace"))):
            self.nav.item(row).setText(text)
        if self._undo:
            self.undo_button.setText(self.tr("Undo delete of %1").replace("%1", self._undo[1]))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # the geometry first: it is what the user will see next time
        settings = self.ctx.settings
        if hasattr(settings, "window_geometry"):
            settings.window_geometry = self.saveGeometry()
        # pending autosaves and writes finish before the store is closed
        flush = getattr(self._workspace, "flush", None)
        if callable(flush):
            flush()
        self.ctx.wait_idle(30.0)
        self.closing.emit()
        super().closeEvent(event)
