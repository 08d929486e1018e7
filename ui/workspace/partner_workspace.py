"""The partner workspace: tabs for one partner (overview, meetings, actions, reviews,
joint goals, relationship).

The main window creates one ``PartnerWorkspace`` and calls ``open_partner``; it binds
Ctrl+N to ``new_meeting`` and Ctrl+J to ``new_action_item`` (so the workspace does not,
which would make those shortcuts ambiguous). Data comes only through ``ctx.run_db``;
after any committed write the tabs concerned reload (coalesced, so a sync applying
thousands of records costs one reload per tab).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.store import Change
from ui import labels, theme
from ui.app_context import AppContext
from ui.undo import UndoOffer
from ui.workspace.actions_tab import ActionsTab
from ui.workspace.autosave import RETRY_MS
from ui.workspace.db_jobs import run_db
from ui.workspace.goals_tab import GoalsTab
from ui.workspace.meetings_tab import MeetingsTab
from ui.workspace.overview_tab import OverviewTab
from ui.workspace.relationship_tab import RelationshipTab
from ui.workspace.reviews_tab import ReviewsTab
from ui.workspace.undo_banner import UndoBanner

#: entity → the tabs that show it
_CONCERNS = {
    "partner": ("overview", "relationship"),
    "contact": ("contacts", "relationship"),
    "meeting": ("meetings", "overview", "goals", "relationship"),
    "action_item": ("actions", "overview"),
    "kpi_snapshot": ("overview", "goals"),
    "joint_goal": ("goals",),
    "stage_change": ("relationship",),
    "touchpoint": ("relationship", "overview"),
    "checklist_run": ("reviews",),
    "checklist_template": ("reviews",),
}
RELOAD_DELAY_MS = 80


class PartnerWorkspace(QWidget):
    """Everything about one partner; the main window shows it when a partner is opened."""

    #: the open partner's display name (for the window title)
    title_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id: str | None = None
        self._stale: set[str] = set()
        self._remote_meetings: set[str] = set()
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_stale)

        self.name_label = QLabel(self)
        self.name_label.setObjectName("workspaceTitle")
        theme.set_text_style(self.name_label, "title")
        self.facts_label = QLabel(self)
        theme.set_tone(self.facts_label, "muted")
        self.banner = UndoBanner(ctx.undo, self)
        ctx.undo.restored.connect(self._restored)
        self.tabs = QTabWidget(self)
        self._tab_actions: list[QAction] = []
        self._build_tabs()
        self.tabs.currentChanged.connect(lambda _i: self._reload_stale())
        self._retranslate_timer = QTimer(self, singleShot=True, interval=0)
        self._retranslate_timer.timeout.connect(self._rebuild_for_language)

        head = QHBoxLayout()
        head.addWidget(self.name_label)
        head.addWidget(self.facts_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

        ctx.changed.connect(self._on_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self._show_empty()

    def _build_tabs(self) -> None:
        """Create the tabs (again after a language switch: every text is built anew)."""
        ctx = self._ctx
        self.overview = OverviewTab(ctx, self)
        self.meetings = MeetingsTab(ctx, self)
        self.actions_tab = ActionsTab(ctx, self)
        self.reviews = ReviewsTab(ctx, self)
        self.goals = GoalsTab(ctx, self)
        self.relationship = RelationshipTab(ctx, self)
        self.tabs.addTab(self.overview, self.tr("&Overview"))
        self.tabs.addTab(self.meetings, self.tr("&Meetings"))
        self.tabs.addTab(self.actions_tab, self.tr("&Action items"))
        self.tabs.addTab(self.reviews, self.tr("&Reviews"))
        self.tabs.addTab(self.goals, self.tr("&Goals"))
        self.tabs.addTab(self.relationship, self.tr("Re&lationship"))
        for act in self._tab_actions:
            self.removeAction(act)
            act.deleteLater()
        self._tab_actions = []
        for n in range(self.tabs.count()):
            act = QAction(self.tr("Show tab %1").replace("%1", self.tabs.tabText(n).replace("&", "")), self)
            act.setShortcut(QKeySequence(f"Alt+{n + 1}"))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, i=n: self.tabs.setCurrentIndex(i))
            self.addAction(act)
            self._tab_actions.append(act)
        self.overview.partner_loaded.connect(self._partner_loaded)
        self.overview.partner_missing.connect(self._partner_missing)
        self.meetings.editor.action_created.connect(lambda _id: self._mark_stale("actions"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # removing and installing translators sends several events: rebuild once
            self._retranslate_timer.start()
        super().changeEvent(event)

    @Slot()
    def _rebuild_for_language(self) -> None:
        if not self.flush():
            # edits the database refused live in the tabs' autosavers: rebuild once
            # they are written
            QTimer.singleShot(RETRY_MS, self._retranslate_timer.start)
            return
        index = self.tabs.currentIndex()
        editing = self.meetings.editor.meeting_id()
        profile = self.overview.form_state()
        old = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.blockSignals(True)
        self.tabs.clear()
        for widget in old:
            widget.hide()
            widget.deleteLater()
        self._build_tabs()
        self.tabs.setCurrentIndex(max(0, index))
        self.tabs.blockSignals(False)
        self.banner.retranslate()
        self._show_empty()
        if self._partner_id is not None:
            partner_id, self._partner_id = self._partner_id, None
            self.open_partner(partner_id)
            if profile is not None:
                self.overview.restore_form(profile)
            if editing:
                self.meetings.select_later(editing)

    # --- the main window's interface ---------------------------------------------------------

    def current_partner_id(self) -> str | None:
        return self._partner_id

    @Slot(str)
    def open_partner(self, partner_id: str) -> bool:
        """Show a partner; edits pending for the previous one are saved first, its
        profile's unsaved edits after asking (False: the user stays with them)."""
        if partner_id != self._partner_id:
            if not self._settle_profile():
                return False
            self.flush()
            self.banner.dismiss()
        self._partner_id = partner_id
        # db jobs run in order: the tab in view loads first
        tabs = [self.overview, self.meetings, self.actions_tab, self.reviews, self.goals,
                self.relationship]
        current = self.tabs.currentWidget()
        for tab in sorted(tabs, key=lambda t: t is not current):
            tab.set_partner(partner_id)
        return True

    def _settle_profile(self) -> bool:
        """The profile's unsaved edits, before the partner shown changes or the window
        closes: True to go on (saved, or let go by the user), False to stay."""
        if not self.overview.is_dirty():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window(), self.tr("Unsaved profile"),
            self.tr("Save the changes to the profile of %1?").replace("%1", self.name_label.text()),
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Discard:
            self.overview.revert()
            return True
        if answer == buttons.Save and self.overview.save(wait=True):
            return True
        self.tabs.setCurrentWidget(self.overview)  # a refused value is shown there
        return False

    @Slot()
    def new_meeting(self) -> None:
        """Ctrl+N: start a meeting for the open partner and put the cursor in its notes."""
        if self._partner_id is None:
            return
        self.tabs.setCurrentWidget(self.meetings)
        self.meetings.new_meeting()

    @Slot()
    def new_action_item(self) -> None:
        """Ctrl+J: add an action item for the open partner."""
        if self._partner_id is None:
            return
        self.tabs.setCurrentWidget(self.actions_tab)
        self.actions_tab.new_item()

    def show_record(self, entity: str, entity_id: str) -> None:
        """Select a record (a search hit) in its tab, opening its partner if needed."""

        def find(store) -> str | None:
            row = store.find(entity, entity_id)
            if row is None:
                return None
            return row["id"] if entity == "partner" else row.get("partner_id")

        def found(partner_id: str | None) -> None:
            if partner_id is None:
                self._ctx.status_message.emit(self.tr("That record no longer exists."))
                return
            if partner_id != self._partner_id and not self.open_partner(partner_id):
                return
            if entity == "meeting":
                self.tabs.setCurrentWidget(self.meetings)
                self.meetings.select(entity_id)
            elif entity == "action_item":
                self.tabs.setCurrentWidget(self.actions_tab)
                self.actions_tab.select(entity_id)
            elif entity == "checklist_run":
                self.tabs.setCurrentWidget(self.reviews)
                self.reviews.select_later(entity_id)
                self.reviews.reload()
            elif entity == "joint_goal":
                self.tabs.setCurrentWidget(self.goals)
                self.goals.select(entity_id)
            elif entity == "touchpoint":
                self.tabs.setCurrentWidget(self.relationship)
                self.relationship.select_later(entity_id)
                self.relationship.reload()
            else:
                self.tabs.setCurrentWidget(self.overview)
                if entity == "contact":
                    self.overview.contacts.select(entity_id)

        run_db(self._ctx, find, on_done=found)

    def shortcut_actions(self) -> list[QAction]:
        """The workspace's keyboard commands (for Help → Keyboard shortcuts)."""
        found: list[QAction] = []
        for widget in [self, *self.findChildren(QWidget)]:
            for action in widget.actions():
                if not action.shortcut().isEmpty() and action not in found:
                    found.append(action)
        return found

    def flush(self) -> bool:
        """Save what autosave still holds (switching partner, closing, quitting): True
        when all is written; what the database refused is kept and tried again."""
        meetings = self.meetings.editor.flush()
        reviews = self.reviews.flush()
        return meetings and reviews

    def save_before_closing(self) -> bool:
        """Write every edit before the window closes; True to go on closing. While the
        database refuses (another program holding it, a full disk) the user chooses:
        try again, keep working with the window open, or close without those edits.
        The profile's unsaved edits are asked about first."""
        if not self._settle_profile():
            return False
        while not self.flush():
            savers = (self.meetings.editor.saver, self.reviews.saver)
            reason = next((s.last_failure for s in savers if s.keeps_refused()), "")
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Edits not saved"),
                              self.tr("Some of your edits could not be saved."),
                              parent=self.window())
            box.setInformativeText(reason + "\n\n" + self.tr(
                "They are kept while ChannelKeeper stays open. Try again once the "
                "database is free, or keep working and close later."))
            retry = box.addButton(self.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
            discard = box.addButton(self.tr("Close without them"),
                                    QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(retry)
            box.setEscapeButton(keep)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is discard:
                return True
            if clicked is not retry:
                return False
        return True

    # --- keeping up with changes ------------------------------------------------------------

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        if self._partner_id is None:
            return
        if change.entity == "partner" and change.kind != "bulk" and self._partner_id not in change.ids:
            return
        for tab in _CONCERNS.get(change.entity, ()):
            self._mark_stale(tab)
        if change.entity == "meeting" and change.kind == "remote":
            self._remote_meetings.update(change.ids)

    def _mark_stale(self, tab: str) -> None:
        self._stale.add(tab)
        self._reload_timer.start()

    def _visible_tabs(self) -> set[str]:
        current = self.tabs.currentWidget()
        names = {self.overview: {"overview", "contacts"}, self.meetings: {"meetings"},
                 self.actions_tab: {"actions"}, self.reviews: {"reviews"}, self.goals: {"goals"},
                 self.relationship: {"relationship"}}
        return names.get(current, set())

    @Slot()
    def _reload_stale(self) -> None:
        # hidden tabs reload when shown: typing notes must not re-query the overview
        visible = self._visible_tabs() if self.isVisible() else set()
        stale = self._stale & visible
        self._stale -= stale
        if "overview" in stale:
            self.overview.reload()
        if "contacts" in stale:
            self.overview.contacts.reload()
        if "meetings" in stale:
            remote, self._remote_meetings = self._remote_meetings, set()
            editing = self.meetings.editor.meeting_id()
            if editing in remote:
                run_db(self._ctx, lambda store: store.find("meeting", editing),
                                 on_done=lambda row: row and self.meetings.refresh_editor_from(row))
            self.meetings.reload()
        if "actions" in stale:
            self.actions_tab.reload()
        if "reviews" in stale:
            self.reviews.reload()
        if "goals" in stale:
            self.goals.reload()
        if "relationship" in stale:
            self.relationship.reload()

    # --- display -----------------------------------------------------------------------------

    def _show_empty(self) -> None:
        self.name_label.setText(self.tr("No partner open"))
        self.facts_label.clear()

    @Slot(dict)
    def _partner_loaded(self, partner: dict[str, Any]) -> None:
        name = partner.get("name_zh") or partner.get("name_en") or ""
        other = partner.get("name_en") if partner.get("name_zh") else None
        self.name_label.setText(name)
        facts = [labels.tier_label(partner.get("tier")), labels.stage_label(partner.get("stage")),
                 partner.get("region") or "", other or ""]
        self.facts_label.setText("  ·  ".join(f for f in facts if f))
        self.title_changed.emit(name)

    @Slot()
    def _partner_missing(self) -> None:
        self.name_label.setText(self.tr("This partner has been deleted"))
        self.facts_label.clear()
        self.title_changed.emit("")

    @Slot(object)
    def _restored(self, offer: UndoOffer) -> None:
        """A record deleted here is back: select it once its tab reloads."""
        tab = {"meeting": self.meetings, "action_item": self.actions_tab,
               "checklist_run": self.reviews, "joint_goal": self.goals,
               "touchpoint": self.relationship}.get(offer.entity)
        if tab is not None:
            tab.select_later(offer.record_id)
            tab.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        # the window closing or another view replacing us: nothing typed may wait
        self.flush()
        super().hideEvent(event)
