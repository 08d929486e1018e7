"""The Today page: what needs attention now.

Partners due or overdue for a visit by their tier's cadence, action items overdue
or due soon, contacts' key dates coming up, and partners showing "lying flat" (躺平)
warning signs. One database job loads all four; a change to the data reloads them
after a short pause, so a burst of edits costs one reload.

Each list shows its most urgent ``LIST_LIMIT`` rows, with the total in its title and
a "Show all" link: a big profile has thousands of due actions, and loading and laying
them all out would hold up the first paint for rows nobody scrolls to.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QLocale,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models import insights
from models.today import ACTIONS_SOON_DAYS, KEY_DATES_DAYS, LIST_LIMIT, TodayData, load_today
from ui import labels, theme
from ui.app_context import AppContext
from ui.operations.meetings import hold_meeting
from ui.partner_table_model import signs_text
from ui.today_sections import (
    RECORD_ID_ROLE,
    Column,
    RecordTableModel,
    TodaySection,
)

RELEVANT_ENTITIES = {"partner", "meeting", "action_item", "contact", "kpi_snapshot"}
RELOAD_DELAY_MS = 300


class TodayView(QWidget):
    """``open_partner(id)`` when a row is opened; ``open_record(partner id, entity,
    record id)`` for an action item; ``loaded`` after each load."""

    open_partner = Signal(str)
    open_record = Signal(str, str, str)
    #: the review pack of this partner, asked from this week's planned visits
    pack_requested = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._request = 0
        #: reload by itself after data changes (the main window turns this off and
        #: reloads Today together with Partners)
        self.auto_reload = True
        self.data_: TodayData | None = None
        date = lambda d: d.isoformat() if d else "—"
        self.visits = TodaySection("visits", RecordTableModel([
            Column(lambda: self.tr("Partner"), lambda r: r.display_name),
            Column(lambda: self.tr("Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: self.tr("Last visit"), lambda r: r.last_met, date),
            Column(lambda: self.tr("Days since"), lambda r: r.days_since),
            Column(lambda: self.tr("Status"), lambda r: r.visit_status, labels.visit_status_label),
        ], partner_key="id", urgent=lambda r: r.visit_status == "overdue", parent=self))
        self.actions = TodaySection("actions", RecordTableModel([
            Column(lambda: self.tr("Due"), lambda r: r["due_on"]),
            Column(lambda: self.tr("Action item"), lambda r: r["title"]),
            Column(lambda: self.tr("Owner"), lambda r: r["owner_side"], labels.owner_side_label),
            Column(lambda: self.tr("Severity"), lambda r: r["severity"], labels.severity_label),
            Column(lambda: self.tr("Status"), lambda r: r["status"], labels.action_status_label),
            Column(lambda: self.tr("Partner"), lambda r: r["partner_name"]),
        ], urgent=lambda r: r["overdue"], parent=self))
        self.key_dates = TodaySection("key_dates", RecordTableModel([
            Column(lambda: self.tr("Date"), lambda r: r["date"], date),
            Column(lambda: self.tr("In days"), lambda r: r["in_days"]),
            Column(lambda: self.tr("Occasion"), lambda r: r["kind"], self._occasion),
            Column(lambda: self.tr("Contact"), lambda r: r["name"]),
            Column(lambda: self.tr("Role"), lambda r: r["role"]),
            Column(lambda: self.tr("Partner"), lambda r: r["partner_name"]),
        ], parent=self))
        self.lying_flat = TodaySection("lying_flat", RecordTableModel([
            Column(lambda: self.tr("Partner"), lambda r: r.display_name),
            Column(lambda: self.tr("Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: self.tr("Stage"), lambda r: r.stage, labels.stage_label),
            # shows which signs, sorts by how many
            Column(lambda: self.tr("Warning signs"), lambda r: r.signs,
                   signs_text, sort=len),
        ], partner_key="id", urgent=lambda r: len(r.signs) >= 3, parent=self,
            urgent_status="warning"))  # a warning, not lateness: amber, not red

        # this week's planned visits: Enter opens the partner, Ctrl+Enter starts the
        # meeting (held, now), Ctrl+P prints the partner's pack
        self.planned = TodaySection("planned", RecordTableModel([
            Column(lambda: self.tr("When"), lambda r: r.starts_at, self._when),
            Column(lambda: self.tr("Partner"), lambda r: r.partner_name),
            Column(lambda: self.tr("Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: self.tr("Type"), lambda r: r.type, labels.meeting_type_label),
            Column(lambda: self.tr("Location"), lambda r: r.location),
        ], urgent=lambda r: r.day < self.ctx.today(), parent=self))
        self.planned.view.installEventFilter(self)
        self.planned.activated.connect(lambda pid, _rid: self.open_partner.emit(pid))

        for section in (self.visits, self.key_dates, self.lying_flat):
            section.activated.connect(lambda pid, _rid: self.open_partner.emit(pid))
        self.actions.activated.connect(
            lambda pid, rid: self.open_record.emit(pid, "action_item", rid))
        for section in (self.visits, self.lying_flat):
            # their full lists are in memory already
            section.show_all_requested.connect(lambda s=section: self._show_all(s))
        self.actions.show_all_requested.connect(lambda: self._load_all(self.actions))
        self.key_dates.show_all_requested.connect(lambda: self._load_all(self.key_dates))

        self.heading = QLabel()
        theme.set_text_style(self.heading, "title")
        self.summary = QLabel()
        grid = QGridLayout()
        grid.addWidget(self.visits, 0, 0)
        grid.addWidget(self.actions, 0, 1)
        grid.addWidget(self.lying_flat, 1, 0)
        grid.addWidget(self.key_dates, 1, 1)
        grid.addWidget(self.planned, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        self.retranslate()

    def _occasion(self, kind: str) -> str:
        return self.tr("Birthday") if kind == "birthday" else self.tr("Company anniversary")

    def sections(self) -> list[TodaySection]:
        return [self.visits, self.actions, self.lying_flat, self.key_dates, self.planned]

    def _when(self, starts_at: str) -> str:
        """"Today 10:00", or the weekday and date for another day of the week."""
        day = dt.date.fromisoformat(starts_at[:10])
        if day == self.ctx.today():
            return self.tr("Today %1").replace("%1", starts_at[11:16])
        name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
        return f"{name} {starts_at[5:16]}"

    def selected_planned(self) -> Any:
        """The planned visit selected in this week's list (None: none)."""
        index = self.planned.view.currentIndex()
        if not index.isValid():
            return None
        rid = index.data(RECORD_ID_ROLE)
        rows = (self.planned.model.row_at(r) for r in range(self.planned.model.rowCount()))
        return next((m for m in rows if m.id == rid), None)

    def start_selected_meeting(self) -> None:
        """Start the selected planned visit: held at the real time, then opened."""
        meeting = self.selected_planned()
        if meeting is not None:
            hold_meeting(self.ctx, meeting.id, on_done=lambda _row: self.open_record.emit(
                meeting.partner_id, "meeting", meeting.id))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.planned.view and event.type() == QEvent.Type.KeyPress:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_selected_meeting()
                return True
            if ctrl and event.key() == Qt.Key.Key_P and self.selected_planned() is not None:
                self.pack_requested.emit(self.selected_planned().partner_id)
                return True
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        limits = self.limits()
        self.ctx.run_db(lambda s: load_today(s, today, cadence, None, *limits),
                        lambda data: self._loaded(request, data), self._load_failed)

    def limits(self) -> tuple[int | None, int | None]:
        """How many due actions and key dates a load needs (None: the user asked
        for all of them)."""
        return (None if self.actions.expanded else LIST_LIMIT,
                None if self.key_dates.expanded else LIST_LIMIT)

    def _loaded(self, request: int, data: TodayData) -> None:
        if request == self._request:  # else a newer load is on its way
            self.show_data(data)

    def show_data(self, data: TodayData) -> None:
        """Show freshly loaded data (from ``reload`` or from the main window)."""
        self._request += 1  # anything still in flight is older than this
        self.data_ = data
        # retranslate sizes the columns, once for all four
        self.visits.set_rows(data.visits, fit=False)
        self.actions.set_rows(data.actions, data.actions_total, fit=False)
        self.key_dates.set_rows(data.key_dates, data.key_dates_total, fit=False)
        self.lying_flat.set_rows(data.lying_flat, fit=False)
        self.planned.set_rows(data.planned, fit=False)
        self.retranslate()
        self.loaded.emit()

    def _show_all(self, section: TodaySection) -> None:
        if self.data_ is not None:
            rows = {self.visits: self.data_.visits, self.lying_flat: self.data_.lying_flat}[section]
            section.set_rows(rows, fit=False)
            self.retranslate()

    def _load_all(self, section: TodaySection) -> None:
        """All the due actions or all the key dates, from the database lane."""
        today = self.ctx.today()
        self._request += 1  # a load of the capped list in flight would undo this
        request = self._request
        fetch, days = ((insights.actions_due, ACTIONS_SOON_DAYS) if section is self.actions
                       else (insights.upcoming_key_dates, KEY_DATES_DAYS))

        def shown(rows: list[dict]) -> None:
            if request == self._request:
                section.set_rows(rows, fit=False)
                self.retranslate()

        self.ctx.run_db(lambda s: fetch(s, today, days), shown, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.status_message.emit(self.tr("Could not load Today: %1").replace("%1", str(exc)))

    @Slot(object)
    def _on_changed(self, change: Any) -> None:
        if self.auto_reload and change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("Today, %1").replace(
            "%1", locale.toString(self.ctx.today(), QLocale.FormatType.LongFormat)))
        d = self.data_
        if d is None:
            self.summary.setText(self.tr("Loading…"))
        else:
            overdue_actions = max(d.actions_overdue, sum(1 for a in d.actions if a["overdue"]))
            overdue_visits = sum(1 for v in d.visits if v.visit_status == "overdue")
            self.summary.setText(
                self.tr("Overdue visits: %1 · Overdue action items: %2")
                .replace("%1", str(overdue_visits)).replace("%2", str(overdue_actions)))
        self.visits.set_texts(self.tr("Visits due"),
                              self.tr("Every partner has been visited within its cadence."))
        self.actions.set_texts(self.tr("Action items due"),
                               self.tr("No action item is overdue or due this week."))
        self.lying_flat.set_texts(self.tr("Partners going quiet (\"lying flat\")"),
                                  self.tr("No partner shows several warning signs."))
        self.planned.set_texts(
            self.tr("Planned visits this week"),
            self.tr("No visit planned this week: plan some in the Calendar (Ctrl+4)."))
        self.planned.view.setToolTip(self.tr(
            "Enter: open the partner · Ctrl+Enter: start the meeting (held, now) · "
            "Ctrl+P: the partner's review pack"))
        self.key_dates.set_texts(self.tr("Key dates in the next 30 days"),
                                 self.tr("No birthdays or anniversaries coming up."))
        for section in self.sections():
            section.model.retranslate()
            section.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
