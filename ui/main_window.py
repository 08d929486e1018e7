"""The main window: navigation (Today, Partners, the partner workspace), menus,
keyboard shortcuts and the status bar.

It only arranges views and routes requests between them (its menus and the
commands only they start are ``menus``, ui/main_menus.py); Today and Partners get
their data through its ``loading`` (ui/view_loading.py), the other views load their
own through the AppContext. ``ready`` fires once the first data load is on screen
("cold start to usable window" is measured with it). The partner workspace, the
biggest view, is imported and built when first needed, not before the first paint.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from ui.app_context import AppContext
from ui.main_menus import MainMenus
from ui.pages import Page, PageStack
from ui.partners_view import PartnersView
from ui.reminder_notifier import ReminderButton, ReminderNotifier
from ui.services import SyncApi
from ui.sync.sync_controller import SyncController
from ui.sync.try_demo import CHOICE, add_try_demo_choice
from ui.today_view import TodayView
from ui.undo import UndoOffer
from ui.undo_button import PartnerUndoButton
from ui.view_loading import FirstLoad, ViewLoader

# the dialogs, the workspace and the packs are imported when first opened: together
# they would add about as much again to the start (docs/benchmarks.md, "imports kept
# off the start path")
if TYPE_CHECKING:
    from ui.calendar_view import CalendarView
    from ui.demo_offer import DemoLoader
    from ui.help_dialog import ShortcutsDialog
    from ui.partner_dialog import PartnerDialog
    from ui.search_dialog import SearchDialog
    from ui.settings_dialog import SettingsDialog
    from ui.workspace.partner_workspace import PartnerWorkspace

PAGE_TODAY, PAGE_PARTNERS, PAGE_WORKSPACE, PAGE_CALENDAR = range(4)
STATUS_TIMEOUT_MS = 8000


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
        self.demo_loader: DemoLoader | None = None
        self.today = TodayView(ctx)
        self.partners = PartnersView(ctx)
        self.loading = ViewLoader(ctx, self.today, self.partners, self.show_status, self)
        self.loading.ready.connect(self.ready)
        # reminders: a summary once the first load is on screen, then the tray
        self.reminders = ReminderNotifier(ctx, lambda: self.partners.model.rows() or None, self,
                                          key_dates=self._all_key_dates)
        self.loading.ready.connect(self.reminders.start)
        # started before anything else is built: its answer comes through the event loop
        self.loading.start(first_load)
        self.page_stack = PageStack(self, self.show_status)
        self.nav, self.pages = self.page_stack.nav, self.page_stack.stack
        self._register_pages()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        # a partner's delete is offered back here; the workspace offers its records'
        self.undo_button = PartnerUndoButton(ctx.undo)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.reminder_button = ReminderButton(self.reminders)
        self.statusBar().addPermanentWidget(self.reminder_button)
        self.reminders.open_partner.connect(self.open_partner)
        ctx.undo.offered.connect(self._deleted)
        ctx.undo.restored.connect(self._restored)

        self.menus = MainMenus(self)
        self._connect_views()
        self.retranslate()
        self.sync_service = sync
        self.sync_ui = SyncController(self, sync) if sync is not None else None
        if self.sync_ui is not None:
            # an empty profile's first step can be signing in: head office's partners
            self.today.first_steps.steps["first_steps_sign_in"].show()
            self.today.sign_in_requested.connect(self.sync_ui.show_sign_in)
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

    def _register_pages(self) -> None:
        """The pages, in navigation order (PAGE_TODAY, PAGE_PARTNERS, PAGE_WORKSPACE)."""
        add = self.page_stack.add
        add(Page("today", lambda: self.tr("Today"), lambda: self.tr("&Today"), "Ctrl+1",
                 widget=self.today, icon="sun"))
        add(Page("partners", lambda: self.tr("Partners"), lambda: self.tr("&Partners"),
                 "Ctrl+2", widget=self.partners, icon="building-store"))
        # the biggest view: imported and built when first needed
        add(Page("workspace", lambda: self.tr("Partner workspace"),
                 lambda: self.tr("Partner &workspace"), "Ctrl+3", build=self._build_workspace,
                 icon="briefcase",
                 unavailable=lambda: "" if self.open_partner_id() else self.tr(
                     "No partner is open: open one from Today, Partners or search (Ctrl+K).")))
        add(Page("calendar", lambda: self.tr("Calendar"), lambda: self.tr("&Calendar"),
                 "Ctrl+4", build=self._build_calendar, icon="calendar"))

    def _connect_views(self) -> None:
        self.ctx.status_message.connect(self.show_status)
        self.today.loaded.connect(self._update_badges)
        self.today.open_partner.connect(self.open_partner)
        self.today.open_record.connect(self.open_record)
        self.today.pack_requested.connect(self._open_pack)
        self.partners.open_partner.connect(self.open_partner)
        self.partners.edit_partner.connect(self.edit_partner)
        self.partners.new_partner_requested.connect(self.new_partner)
        # the empty pages' first steps
        self.today.new_partner_requested.connect(self.new_partner)
        self.today.demo_requested.connect(self.offer_demo)
        self.partners.demo_requested.connect(self.offer_demo)

    @property
    def workspace(self) -> PartnerWorkspace:
        """The partner workspace page, built on first use."""
        return self.page_stack.widget(PAGE_WORKSPACE)  # type: ignore[return-value]

    def _build_workspace(self) -> PartnerWorkspace:
        # late: off the start path, docs/benchmarks.md
        from ui.workspace.partner_workspace import PartnerWorkspace

        workspace = PartnerWorkspace(self.ctx)
        workspace.title_changed.connect(self._workspace_title_changed)
        return workspace

    def _all_key_dates(self) -> list[dict] | None:
        """Today's key dates when it holds every one of them (else None)."""
        data = self.today.data_
        if data is None or data.key_dates_total > len(data.key_dates):
            return None
        return data.key_dates

    def _build_calendar(self) -> CalendarView:
        # late: off the start path, docs/benchmarks.md
        from ui.calendar_view import CalendarView

        view = CalendarView(self.ctx)
        view.open_partner.connect(self.open_partner)
        view.open_record.connect(self.open_record)
        view.pack_requested.connect(self._open_pack)
        return view

    @property
    def calendar(self) -> CalendarView:
        """The Calendar page, built on first use."""
        return self.page_stack.widget(PAGE_CALENDAR)  # type: ignore[return-value]

    def _open_pack(self, partner_id: str) -> None:
        # late: off the start path, docs/benchmarks.md
        from ui.packs.pack_actions import open_pack_preview

        open_pack_preview(self.ctx, partner_id, self)

    @property
    def _workspace(self) -> PartnerWorkspace | None:
        return self.page_stack.built(PAGE_WORKSPACE)  # type: ignore[return-value]

    def open_partner_id(self) -> str | None:
        """The partner open in the workspace (None, without building it, if none)."""
        return self._workspace.current_partner_id() if self._workspace else None

    def all_actions(self) -> list[QAction]:
        """Every command of the window, in menu order, then the Partners page's and the
        workspace's own (the shortcuts help lists them)."""
        # every menu of the bar, so added ones (Sync) are listed too
        menus = [a.menu() for a in self.menuBar().actions() if a.menu()]
        workspace_actions = self.workspace.shortcut_actions()
        return [a for menu in menus for a in menu.actions() if not a.isSeparator()] + [
            self.partners.focus_filter_action, self.partners.edit_action,
            self.partners.delete_action, *workspace_actions]

    @Slot()
    def _update_badges(self) -> None:
        """Today's entry counts what is late: overdue visits and overdue action items."""
        figures = self.today.figures()
        if figures is None:
            return
        # the same figures as Today's cards: late work, not done items awaiting feedback
        visits, actions = figures.visits_overdue, figures.actions_late
        self.page_stack.set_badge(
            "today", visits + actions, "overdue",
            lambda: self.tr("Overdue: %1 visits, %2 action items")
            .replace("%1", str(visits)).replace("%2", str(actions)))

    # --- navigation --------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.page_stack.show(page)

    def current_page(self) -> int:
        return self.page_stack.current()

    @Slot(str)
    def open_partner(self, partner_id: str) -> bool:
        """The workspace on the partner (False: on the one before, whose unsaved
        profile the user stayed with)."""
        opened = self.workspace.open_partner(partner_id)
        self.nav.setCurrentRow(PAGE_WORKSPACE)
        return opened

    @Slot(str, str, str)
    def open_record(self, partner_id: str, entity: str, record_id: str) -> None:
        """Open the partner; for a meeting or an action item, point the workspace at it."""
        if self.open_partner(partner_id) and entity not in ("partner", "contact") and record_id:
            self.workspace.show_record(entity, record_id)

    @Slot(str)
    def _workspace_title_changed(self, title: str) -> None:
        self._workspace_title = title
        self._update_title()

    def _update_title(self) -> None:
        base = self.tr("ChannelKeeper")
        self.setWindowTitle(f"{self._workspace_title} — {base}" if self._workspace_title else base)

    # --- commands ----------------------------------------------------------------------------

    def show_search(self, purpose: str = "") -> SearchDialog:
        # late: off the start path, docs/benchmarks.md
        from ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.ctx, self, purpose=purpose)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda entity, rid, pid: self.open_record(pid, entity, rid))
        dialog.open()
        self.search_dialog = dialog  # tests and benchmarks drive the open dialog
        return dialog

    @Slot()
    def new_partner(self) -> PartnerDialog:
        # late: off the start path, docs/benchmarks.md
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

    def current_partner_id(self) -> str | None:
        if self.current_page() == PAGE_PARTNERS:
            return self.partners.selected_partner_id()
        if self.current_page() == PAGE_WORKSPACE:
            return self.open_partner_id()
        return None

    @Slot()
    def edit_current_partner(self) -> None:
        pid = self.current_partner_id()
        if pid:
            self.edit_partner(pid)
        else:
            self.show_status(self.tr("Select a partner to edit."))

    @Slot(str)
    def edit_partner(self, partner_id: str) -> PartnerDialog:
        # late: off the start path, docs/benchmarks.md
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
        pid = self.current_partner_id()
        if not pid:
            self.show_status(self.tr("Select a partner to delete."))
            return
        # late: off the start path, docs/benchmarks.md
        from ui.operations.partners import delete_partner

        delete_partner(self.ctx, self, pid, self._workspace_title or pid)

    @Slot(object)
    def _deleted(self, offer: UndoOffer) -> None:
        if offer.entity == "partner" and self.open_partner_id() == offer.record_id:
            self.show_page(PAGE_PARTNERS)

    @Slot(object)
    def _restored(self, offer: UndoOffer) -> None:
        if offer.entity == "partner":
            self.show_status(self.tr("Partner %1 restored.").replace("%1", offer.name))

    @Slot()
    def show_settings(self) -> SettingsDialog:
        # late: off the start path, docs/benchmarks.md
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.cadence_changed and self.reload())
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        # late: off the start path, docs/benchmarks.md
        from ui.help_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.all_actions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def offer_demo(self) -> str:
        """Offer the demo data (the first start's dialog, with "Try the demo" when
        sync is there) and start what was chosen; returns the choice ("demo",
        "try_demo", "empty"; "refused" on a profile that has partners already: demo
        records mixed into real ones could not be told apart by the user)."""
        # late: off the start path, docs/benchmarks.md
        from ui.demo_offer import DemoLoader, DemoOfferDialog

        partners = self.partners.model.rowCount()
        if partners:
            self.show_status(self.tr(
                "Demo data goes into an empty profile only; this one has %1 partners.")
                .replace("%1", str(partners)))
            return "refused"
        dialog = DemoOfferDialog(self)
        try_demo = ""
        if self.sync_ui is not None:
            add_try_demo_choice(dialog)
            try_demo = CHOICE
        dialog.exec()
        if try_demo and dialog.choice == try_demo and self.sync_ui is not None:
            self.sync_ui.start_try_demo()
        elif dialog.choice == "demo":
            self.demo_loader = DemoLoader(self.ctx, self)
            self.demo_loader.start()
        return dialog.choice

    @Slot(str)
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # --- language and closing ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.menus.retranslate()
        self.page_stack.retranslate()
        self.undo_button.retranslate()
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # the geometry first: it is what the user will see next time
        self.ctx.settings.window_geometry = self.saveGeometry()
        # pending autosaves and writes finish before the store is closed; edits the
        # database refuses keep the window open unless the user lets them go
        if self._workspace is not None and not self._workspace.save_before_closing():
            event.ignore()
            return
        self.ctx.wait_idle(30.0)
        self.closing.emit()
        super().closeEvent(event)
