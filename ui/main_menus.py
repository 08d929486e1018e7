"""The main window's commands in its menus (File, View, Partner, Help) with their
shortcuts and texts, and the commands that only the menus start: a meeting or an
action item for the partner in view, review packs, the Excel export, About.

Texts keep the "MainWindow" translation context, where they were written first.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from ui import theme

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from ui.export_dialog import ExportDialog
    from ui.main_window import MainWindow


class MainMenus(QObject):
    """The window's menus and their actions (``act_*``, ``menu_*``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # the open Export to Excel dialog (tests drive it)
        self.export_dialog: ExportDialog | None = None
        self._create_actions()
        self._create_menus()

    def _action(self, name: str, icon: str, slot: Callable[[], object],
                *keys: QKeySequence | str) -> QAction:
        """A window command; ``icon``: its bundled icon (ui/theme.py), shown in menus."""
        action = QAction(self.window)
        action.setObjectName(name)
        if icon:
            action.setIcon(theme.icon(icon))
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work whichever page has focus
        return action

    def _create_actions(self) -> None:
        a, w = self._action, self.window
        self.act_search = a("search", "search", lambda: w.show_search(), "Ctrl+K")
        self.act_refresh = a("refresh", "refresh", w.reload, QKeySequence.StandardKey.Refresh)
        self.act_new_partner = a("new_partner", "user-plus", w.new_partner, "Ctrl+Shift+N")
        self.act_edit_partner = a("edit_partner", "pencil", w.edit_current_partner, "Ctrl+E")
        self.act_delete_partner = a("delete_partner", "trash", w.delete_current_partner)
        self.act_undo_delete = a("undo_delete", "arrow-back-up", w.undo_button.undo)
        self.act_undo_delete.setEnabled(False)
        w.undo_button.available.connect(self.act_undo_delete.setEnabled)
        self.act_new_meeting = a("new_meeting", "calendar-plus", self.new_meeting, "Ctrl+N")
        self.act_new_action = a("new_action_item", "list-check", self.new_action_item, "Ctrl+J")
        self.act_pack = a("review_pack", "file-text", self.review_pack, "Ctrl+P")
        self.act_packs_selected = a("review_packs_selected", "files",
                                    self.review_packs_for_selection, "Ctrl+Shift+P")
        self.act_packs_week = a("review_packs_week", "calendar-week", self.review_packs_this_week)
        self.act_export = a("export", "file-export", self.export_to_excel, "Ctrl+Shift+E")
        self.act_settings = a("settings", "settings", w.show_settings, "Ctrl+,")
        self.act_quit = a("quit", "logout", w.close, "Ctrl+Q")
        self.act_shortcuts = a("shortcuts", "keyboard", w.show_shortcuts, "F1")
        self.act_about = a("about", "info-circle", self.show_about)
        self.act_reminders = a("reminders", "calendar", lambda: w.reminder_button.show_list(),
                               "Ctrl+Shift+R")
        # the first start's offer, found again later (an empty profile only)
        self.act_load_demo = a("load_demo", "download", lambda: w.offer_demo())

    def _create_menus(self) -> None:
        bar = self.window.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_export])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_settings])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_view = bar.addMenu("")
        self.menu_view.addActions(self.window.page_stack.actions)
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_search, self.act_refresh, self.act_reminders])
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
        self.menu_help.setObjectName("menu_help")
        self.menu_help.addActions([self.act_shortcuts, self.act_load_demo])
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)

    # --- a meeting or an action item for the partner in view ------------------------------------

    def _with_partner(self, then: Callable[[], object], purpose: str) -> None:
        """Run ``then()`` on the open partner's workspace, asking which partner first
        when none is open."""
        # late: import cycle with ui.main_window
        from ui.main_window import PAGE_WORKSPACE

        w = self.window
        if w.open_partner_id():
            w.show_page(PAGE_WORKSPACE)
            then()
            return
        w.show_status(translate("MainWindow", "Choose the partner first."))
        dialog = w.show_search(purpose)
        dialog.chosen.connect(lambda *_: then())

    @Slot()
    def new_meeting(self) -> None:
        self._with_partner(self.window.workspace.new_meeting,
                           translate("MainWindow", "Which partner is the meeting with?"))

    @Slot()
    def new_action_item(self) -> None:
        self._with_partner(self.window.workspace.new_action_item,
                           translate("MainWindow", "Which partner is the action item for?"))

    # --- review packs and the export -------------------------------------------------------------

    @Slot()
    def review_pack(self) -> None:
        """Preview (then print or save) the review pack of the partner in view."""
        # late: off the start path, docs/benchmarks.md
        from ui.packs.pack_actions import open_pack_preview

        w = self.window
        pid = w.current_partner_id()
        if pid:
            open_pack_preview(w.ctx, pid, w)
            return
        w.show_status(translate("MainWindow", "Choose the partner first."))
        dialog = w.show_search(translate("MainWindow", "Whose review pack?"))
        dialog.chosen.connect(lambda _e, _i, partner_id: open_pack_preview(w.ctx, partner_id, w))

    @Slot()
    def review_packs_for_selection(self) -> None:
        """Packs for the partners selected in the Partners table, in the background."""
        # late: import cycle with ui.main_window
        from ui.main_window import PAGE_PARTNERS

        # late: off the start path, docs/benchmarks.md
        from ui.packs.pack_actions import generate_packs

        w = self.window
        ids = w.partners.selected_partner_ids() if w.current_page() == PAGE_PARTNERS else []
        if not ids:
            w.show_page(PAGE_PARTNERS)
            w.show_status(translate("MainWindow", "Select the partners in the table first (Ctrl+A for all shown)."))
            return
        generate_packs(w.ctx, ids, w)

    @Slot()
    def review_packs_this_week(self) -> None:
        # late: off the start path, docs/benchmarks.md
        from ui.packs.pack_actions import generate_packs_due_this_week

        generate_packs_due_this_week(self.window.ctx, self.window)

    @Slot()
    def export_to_excel(self) -> None:
        """File ▸ Export to Excel…: the partner list as the Partners page filters it."""
        # late: off the start path, docs/benchmarks.md
        from ui.export_dialog import ExportDialog

        partners = self.window.partners
        shown = partners.visible_partner_ids()
        filtered = len(shown) < partners.model.rowCount()
        dialog = ExportDialog(self.window.ctx, shown if filtered else None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog

    @Slot()
    def show_about(self) -> None:
        # late: off the start path, docs/benchmarks.md
        from ui.about_dialog import AboutDialog

        AboutDialog(self.window).exec()

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            self.act_search: translate("MainWindow", "&Search…"),
            self.act_refresh: translate("MainWindow", "&Refresh"),
            self.act_new_partner: translate("MainWindow", "&New partner…"),
            self.act_edit_partner: translate("MainWindow", "&Edit partner…"),
            self.act_delete_partner: translate("MainWindow", "&Delete partner…"),
            self.act_undo_delete: translate("MainWindow", "&Undo delete"),
            self.act_new_meeting: translate("MainWindow", "New &meeting"),
            self.act_new_action: translate("MainWindow", "New &action item"),
            self.act_pack: translate("MainWindow", "&Review pack…"),
            self.act_packs_selected: translate("MainWindow", "Review packs for &selected partners…"),
            self.act_packs_week: translate("MainWindow", "Review packs for this &week's visits…"),
            self.act_export: translate("MainWindow", "&Export to Excel…"),
            self.act_settings: translate("MainWindow", "&Settings…"),
            self.act_quit: translate("MainWindow", "&Quit"),
            self.act_shortcuts: translate("MainWindow", "&Keyboard shortcuts"),
            self.act_about: translate("MainWindow", "&About ChannelKeeper"),
            self.act_reminders: translate("MainWindow", "Re&minders…"),
            self.act_load_demo: translate("MainWindow", "Load &demo data…"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.menu_partner.setTitle(translate("MainWindow", "&Partner"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))
