"""The Today page: what needs attention now, at a glance.

A row of summary cards (visits overdue, due this week, action items late, awaiting
feedback, partners going quiet, key dates this week), each opening the list behind
it; the list, most urgent first, with a details pane that shows the selected row in
full; and a small trend of visits kept to cadence over the last twelve weeks. On a
profile without partners the page says what it is for and offers the first steps.

One database job loads the lists and the figures (``models.today.load_today``); a
second one, after they are on screen, the trend and the sections other features
register. A change to the data reloads them after a short pause, so a burst of
edits costs one reload.

Each list shows its most urgent ``LIST_LIMIT`` rows, with the total in its title and
a "Show all" link: a big profile has thousands of due actions, and loading and laying
them all out would hold up the first paint for rows nobody scrolls to.

Adding a section (and its cards) is one call, ``add_section`` (see
/work/notes/today-api.md and ``TodayEntry``); Today's own sections are registered
that way too (ui/today_builtin.py), and so are the method's (ui/today_method.py).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models import insights
from models.store import Change, Store
from models.today import KEY_DATES_DAYS, LIST_LIMIT, TodayData, due_actions, load_today
from models.today_figures import TodayFigures, cadence_trend
from ui import theme
from ui.app_context import AppContext
from ui.empty_state import EmptyState
from ui.focus_order import set_tab_order
from ui.today_builtin import builtin_entries
from ui.today_cards import Card, SummaryCard
from ui.today_details import DetailsPane
from ui.today_method import method_entries
from ui.today_sections import TodaySection
from ui.today_trend import TrendChart

RELEVANT_ENTITIES = {"partner", "meeting", "action_item", "contact", "kpi_snapshot",
                     "joint_goal", "touchpoint"}
#: the changes that may move the trend of visits kept to cadence
TREND_ENTITIES = {"partner", "meeting"}
RELOAD_DELAY_MS = 300
#: a card is at least this wide (px): more cards than fit a row wrap onto the next
#: (nine fit one row of a 1366 px screen, or of 1920 px at 150%)
CARD_MIN_WIDTH = 115

#: ``load(store, today, cadence)`` of a registered section, run in the database lane
SectionLoad = Callable[[Store, dt.date, dict], Sequence[Any]]


@dataclass
class TodayEntry:
    """A list of the Today page and the cards that open it (``add_section``)."""

    section: TodaySection
    title: Callable[[], str]
    #: what the empty list says (only when the profile has partners: an empty
    #: profile says so itself)
    empty: Callable[[], str]
    cards: list[Card] = field(default_factory=list)
    #: rows from the database lane after each load (None: the view sets them itself)
    load: SectionLoad | None = None
    #: what a row opens: "partner", or an entity whose record the workspace shows
    opens: str = "partner"


class TodayView(QWidget):
    """``open_partner(id)`` when a row is opened; ``open_record(partner id, entity,
    record id)`` for a record; ``loaded`` after each load of the lists;
    ``new_partner_requested``, ``demo_requested``: the empty page's first steps."""

    open_partner = Signal(str)
    open_record = Signal(str, str, str)
    #: the review pack of this partner, asked from this week's planned visits
    pack_requested = Signal(str)
    loaded = Signal()
    #: the trend and the registered sections' rows are on screen
    extras_loaded = Signal()
    new_partner_requested = Signal()
    demo_requested = Signal()
    #: the empty page's "Sign in…": head office's partners come with the first sync
    sign_in_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._request = 0
        self._extras_request = 0
        #: the day and cadence the trend on screen was computed for, and whether a
        #: change since may have moved it
        self._trend_key: tuple | None = None
        self._trend_stale = True
        #: reload by itself after data changes (the main window turns this off and
        #: reloads Today together with Partners)
        self.auto_reload = True
        self.data_: TodayData | None = None
        self.entries: list[TodayEntry] = []
        self.cards: list[SummaryCard] = []
        self._per_row = 0
        self._current: TodaySection | None = None

        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        theme.set_text_style(self.heading, "title")
        self.first_steps = EmptyState("today_first_steps")
        self.first_steps.add_step("first_steps_new_partner", self.new_partner_requested.emit)
        self.first_steps.add_step("first_steps_load_demo", self.demo_requested.emit)
        # shown by whoever can sign in (the main window, when sync is there)
        self.first_steps.add_step("first_steps_sign_in", self.sign_in_requested.emit).hide()
        self.first_steps.hide()
        self.card_group = QButtonGroup(self)
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(8)
        self.list_stack = QStackedWidget()
        self.details = DetailsPane()
        self.details.open_requested.connect(self._open_current)
        self.trend_title = QLabel()
        self.trend_title.setWordWrap(True)
        self.trend = TrendChart()
        self.trend_title.setBuddy(self.trend)
        side = QVBoxLayout()
        side.addWidget(self.details, 1)
        side.addWidget(self.trend_title)
        side.addWidget(self.trend)
        body = QHBoxLayout()
        body.addWidget(self.list_stack, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.first_steps)
        layout.addLayout(self.card_grid)
        layout.addLayout(body, 1)

        self._register_builtin()

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        self.show_section(self.visits)
        self.retranslate()

    # --- registration -------------------------------------------------------------------------

    def add_section(self, entry: TodayEntry) -> TodaySection:
        """Add a list (after the ones there) with its cards. Its rows come from
        ``entry.load`` in the database lane after every load of the page, or from
        whoever calls ``entry.section.set_rows``."""
        self.entries.append(entry)
        section = entry.section
        self.list_stack.addWidget(section)
        section.current_changed.connect(lambda s=section: self._current_changed(s))
        if entry.opens == "partner":
            section.activated.connect(lambda pid, _rid: self.open_partner.emit(pid))
        else:
            section.activated.connect(
                lambda pid, rid, e=entry.opens: self.open_record.emit(pid, e, rid))
        for card in entry.cards:
            button = SummaryCard(card)
            button.clicked.connect(lambda _=False, c=card, s=section: self.open_card(c, s))
            self.card_group.addButton(button)
            self.cards.append(button)
            button.refresh()
        self._per_row = 0
        self._layout_cards()
        # Tab reads the page: the cards in their visual order, the lists, the details, the trend
        set_tab_order(*self.cards, *(e.section.view for e in self.entries), self.details,
                      self.trend)
        return section

    def _layout_cards(self) -> None:
        """All cards in one row when the page is wide enough, else in even rows."""
        fit = max(1, (self.width() - 2 * theme.space("l")) // CARD_MIN_WIDTH)
        rows = -(-len(self.cards) // fit) if self.cards else 1
        per_row = -(-len(self.cards) // rows) if self.cards else 1
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for button in self.cards:
            self.card_grid.removeWidget(button)
        for n, button in enumerate(self.cards):
            self.card_grid.addWidget(button, n // per_row, n % per_row)
        for column in range(self.card_grid.columnCount()):
            self.card_grid.setColumnStretch(column, 1 if column < per_row else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_cards()

    def card(self, name: str) -> SummaryCard:
        return next(c for c in self.cards if c.card.name == name)

    def _register_builtin(self) -> None:
        """Today's own lists (ui/today_builtin.py), then the method's (ui/today_method.py)."""
        (self.visits, self.actions, self.lying_flat, self.key_dates,
         self.planned) = [self.add_section(entry) for entry in builtin_entries(self)]
        self.planned.view.installEventFilter(self)
        # the method's lists: joint goals at risk, agreements to renew
        for entry in method_entries(self):
            self.add_section(entry)

        for section in (self.visits, self.lying_flat):
            # their full lists are in memory already
            section.show_all_requested.connect(lambda s=section: self._show_all(s))
        self.actions.show_all_requested.connect(lambda: self._load_all(self.actions))
        self.key_dates.show_all_requested.connect(lambda: self._load_all(self.key_dates))

    def selected_planned(self) -> Any:
        """The planned visit selected in this week's list (None: none)."""
        return self.planned.current_row()

    def start_selected_meeting(self) -> None:
        """Start the selected planned visit: held at the real time, then opened."""
        # late: off the start path, docs/benchmarks.md
        from ui.operations.meetings import hold_meeting

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

    def sections(self) -> list[TodaySection]:
        return [e.section for e in self.entries]

    # --- the cards and the list they open -----------------------------------------------------

    def open_card(self, card: Card, section: TodaySection) -> None:
        """Show ``section`` with the cursor on the card's first row, and focus it."""
        self.card(card.name).setChecked(True)
        self.show_section(section)
        section.select_first(card.match)
        section.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_section(self, section: TodaySection) -> None:
        """Show ``section``'s list (its first card checked, unless one of its cards
        already is)."""
        self._current = section
        self.list_stack.setCurrentWidget(section)
        own = [b for b in self.cards if self._section_of(b.card) is section]
        if own and not any(b.isChecked() for b in own):
            own[0].setChecked(True)
        self._current_changed(section)

    def current_section(self) -> TodaySection:
        return self._current or self.visits

    def _section_of(self, card: Card) -> TodaySection | None:
        for entry in self.entries:
            if card in entry.cards:
                return entry.section
        return None

    def _current_changed(self, section: TodaySection) -> None:
        if section is self._current:
            self.details.show_row(section)

    def _open_current(self) -> None:
        section = self.current_section()
        index = section.view.currentIndex()
        if index.isValid():
            section._activated(index)

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
        # retranslate sizes the columns, once for all of them
        self.visits.set_rows(data.visits, fit=False)
        self.actions.set_rows(data.actions, data.actions_total, fit=False)
        self.key_dates.set_rows(data.key_dates, data.key_dates_total, fit=False)
        self.lying_flat.set_rows(data.lying_flat, fit=False)
        self.planned.set_rows(data.planned, fit=False)
        self.retranslate()
        self.loaded.emit()
        self._load_extras()

    def _load_extras(self) -> None:
        """The trend and the registered sections' rows, in one job after the lists
        are on screen (the first paint never waits for them)."""
        self._extras_request += 1
        request = self._extras_request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        loads = [(e.section, e.load) for e in self.entries if e.load is not None]
        # the trend reads months of visits: only again when they may have changed
        trend_key = (today, tuple(sorted(cadence.items())))
        want_trend = self._trend_stale or trend_key != self._trend_key
        self._trend_stale = False

        def load(store: Store) -> tuple[list | None, list]:
            trend = cadence_trend(store, today, cadence) if want_trend else None
            return trend, [(section, fn(store, today, cadence)) for section, fn in loads]

        def shown(result: tuple[list | None, list]) -> None:
            if request != self._extras_request:
                self._trend_stale = self._trend_stale or want_trend
                return
            trend, rows = result
            if trend is not None:
                self._trend_key = trend_key
                self.trend.set_weeks(trend)
            for section, section_rows in rows:
                section.set_rows(section_rows, fit=False)
            self.retranslate()
            self.extras_loaded.emit()

        self.ctx.run_db(load, shown, self._load_failed)

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
        if section is self.actions:
            fetch: Callable[[Store], list[dict]] = lambda s: due_actions(s, today, None)
        else:
            fetch = lambda s: insights.upcoming_key_dates(s, today, KEY_DATES_DAYS)

        def shown(rows: list[dict]) -> None:
            if request == self._request:
                section.set_rows(rows, fit=False)
                self.retranslate()

        self.ctx.run_db(fetch, shown, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.status_message.emit(self.tr("Could not load Today: %1").replace("%1", str(exc)))
        self.show_failed()

    def show_failed(self) -> None:
        """A load failed: the lists still waiting for their first rows say so."""
        for section in self.sections():
            if section.load_state == "loading":
                section.load_state = "failed"
        self.retranslate()

    def _on_changed(self, change: Change) -> None:
        if change.entity in TREND_ENTITIES:
            self._trend_stale = True
        if self.auto_reload and change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    # --- language -----------------------------------------------------------------------------

    def figures(self) -> TodayFigures | None:
        return self.data_.figures if self.data_ is not None else None

    def retranslate(self) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("Today, %1").replace(
            "%1", locale.toString(self.ctx.today(), QLocale.FormatType.LongFormat)))
        figures = self.figures()
        no_partners = figures is not None and figures.partners == 0
        self.first_steps.setVisible(no_partners)
        self.first_steps.set_texts(
            self.tr("Welcome: no partners yet"),
            self.tr("Today shows what needs your attention: visits due by each tier's "
                    "cadence, action items that are late or waiting for feedback, partners "
                    "going quiet and key dates coming up. It fills as you add partners and "
                    "meetings."),
            {"first_steps_new_partner": self.tr("Add a partner…"),
             "first_steps_load_demo": self.tr("Load demo data…"),
             "first_steps_sign_in": self.tr("Sign in to get your partners…")})
        for entry in self.entries:
            # an empty profile has nothing to be up to date with: it says so
            empty = (self.tr("No partners yet. Add your first partner (Ctrl+Shift+N) "
                             "or load the demo data to look around.")
                     if no_partners else entry.empty())
            entry.section.set_texts(entry.title(), empty)
            entry.section.model.retranslate()
            entry.section.fit_columns()
        for button in self.cards:
            button.refresh()
        self.planned.view.setToolTip(self.tr(
            "Enter: open the partner · Ctrl+Enter: start the meeting (held, now) · "
            "Ctrl+P: the partner's review pack"))
        self.trend.retranslate()
        self.trend_title.setText(self.trend.summary())
        self.details.show_row(self.current_section())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
