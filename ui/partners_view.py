"""The Partners page: every partner in a sortable table with instant filters.

Rows are loaded once per data change in the database lane; filtering by tier, stage, region,
visit status and text happens in memory in the proxy: it keeps up with typing on 5,000 partners.

The page's widgets are built when it is first shown (or first reached for): the app
starts on Today, and building the table and filters, and laying 5,000 rows into the
table, would otherwise hold up the first paint for a page nobody sees yet. The model,
the proxy and the page's actions exist from the start.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain import Stage, Tier, VisitStatus
from models.insights import partner_overviews
from models.partner_filter import partner_filter_texts
from ui import labels
from ui.app_context import AppContext
from ui.empty_state import EmptyState, centred
from ui.partner_columns import PartnerColumns
from ui.partner_table_model import COLUMN, PARTNER_ID_ROLE, PartnerFilterProxy, PartnerTableModel

#: entities whose changes alter a partner's overview row
RELEVANT_ENTITIES = {"partner", "meeting", "action_item", "kpi_snapshot", "contact"}
RELOAD_DELAY_MS = 250
#: what the filter's extra texts are read from (models.partner_filter)
FILTER_TEXT_ENTITIES = {"partner", "contact", "joint_goal"}
#: the page's widgets, built on first use (see ``PartnersView._build``)
_WIDGETS = frozenset({"search", "tier_combo", "stage_combo", "region_combo", "visit_combo",
                      "new_button", "count_label", "table", "table_stack", "empty_state"})


class PartnersView(QWidget):
    """``open_partner(id)``: the user wants this partner's workspace.
    ``new_partner_requested``: the New partner button. ``loaded``: rows arrived. A
    delete is offered back by ``ctx.undo`` (the main window shows the offer)."""

    open_partner = Signal(str)
    edit_partner = Signal(str)
    new_partner_requested = Signal()
    loaded = Signal()
    #: the empty page's "Load demo data…"
    demo_requested = Signal()
    #: the text in the filter box changed (typed or set)
    filter_text_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._request = 0
        # the filter's extra texts are read again only after a change to what they
        # hold, not after every meeting or action item that reloads the list
        self._texts_stale = True
        #: reload by itself after data changes (the main window turns this off and
        #: reloads Partners together with Today)
        self.auto_reload = True
        self.model = PartnerTableModel(self)
        self.proxy = PartnerFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # the table's first order (set again when it is built), kept by every load
        self.proxy.sort(COLUMN["visit_status"], Qt.SortOrder.AscendingOrder)

        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.triggered.connect(self._edit_selected)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.focus_filter_action = QAction(self)
        self.focus_filter_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.focus_filter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.focus_filter_action.triggered.connect(self.focus_filter)
        self.addActions([self.edit_action, self.delete_action, self.focus_filter_action])

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        self._built = False
        self.load_state = "loading"  # then "loaded" or "failed"; never "no partners" before
        self.retranslate()

    # --- the widgets, built on first use ---------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        # reached only for attributes not set: a widget of the page not built yet
        if name in _WIDGETS and not self.__dict__.get("_built", True):
            self._build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def setVisible(self, visible: bool) -> None:
        if visible and not self._built:
            self._build()  # before the page shows, so its first paint has everything
        super().setVisible(visible)

    @property
    def built(self) -> bool:
        return self._built

    def _build(self) -> None:
        self._built = True
        self._empty_for: tuple[str, int] | None = None  # (load state, total) it was worded for
        self.search = QLineEdit()
        self.search.setObjectName("partner_filter_text")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.textChanged.connect(self._update_count)
        self.search.textChanged.connect(self.filter_text_changed)
        self.search.installEventFilter(self)  # Down/Enter move on to the table
        self.tier_combo = self._combo("tier_filter", [t.value for t in Tier])
        self.stage_combo = self._combo("stage_filter", [s.value for s in Stage])
        self.region_combo = self._combo("region_filter", [])
        self.visit_combo = self._combo("visit_filter", [v.value for v in VisitStatus])
        self.tier_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_tier(self.tier_combo.currentData() or ""))
        self.stage_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_stage(self.stage_combo.currentData() or ""))
        self.region_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_region(self.region_combo.currentData() or ""))
        self.visit_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_visit_status(self.visit_combo.currentData() or ""))
        for combo in (self.tier_combo, self.stage_combo, self.region_combo, self.visit_combo):
            combo.currentIndexChanged.connect(self._update_count)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_partner_requested)
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setObjectName("partners_table")
        self.table.setModel(self.proxy)
        # the indicator first: enabling sorting sorts by it at once, and the header's
        # default (first column, descending) would leave names in reverse order within
        # each visit status
        self.table.horizontalHeader().setSortIndicator(COLUMN["visit_status"],
                                                       Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows: review packs are printed for a selection of partners
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # a hidden, fixed-height vertical header keeps filtering 5,000 rows cheap
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.columns = PartnerColumns(self.table, self.model)  # fitted in _retranslate_widgets
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for combo in (self.tier_combo, self.stage_combo, self.region_combo, self.visit_combo):
            bar.addWidget(combo, 1)
        bar.addWidget(self.new_button)
        # a profile without partners says what the page is for instead of an empty table
        self.empty_state = EmptyState("partners_empty")
        self.empty_state.add_step("partners_empty_new", self.new_partner_requested.emit)
        self.empty_state.add_step("partners_empty_demo", self.demo_requested.emit)
        self.empty_state.add_step("partners_empty_clear", self.clear_filters)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(centred(self.empty_state))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table_stack)
        layout.addWidget(self.count_label)

        self._retranslate_widgets()
        self._refresh_regions()
        self._update_count()

    def _combo(self, name: str, values: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem("", "")
        for v in values:
            combo.addItem(v, v)
        return combo

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Load every partner's overview in the database lane; stale answers are dropped."""
        self._request += 1
        request = self._request
        today = self.ctx.today()
        cadence = self.ctx.settings.cadence()
        self.ctx.run_db(lambda s: partner_overviews(s, today, cadence),
                        lambda rows: self._loaded(request, rows), self._load_failed)

    def _loaded(self, request: int, rows: list[Any]) -> None:
        if request == self._request:  # else a newer load is on its way
            self.show_rows(rows)

    def show_rows(self, rows: list[Any]) -> None:
        """Show freshly loaded overviews (from ``reload`` or from the main window)."""
        self._request += 1  # anything still in flight is older than this
        selected = self.selected_partner_id()
        self.load_state = "loaded"
        self.model.set_rows(rows)
        if self._texts_stale:
            self._texts_stale = False
            self._load_filter_texts()
        if self._built:  # else building does the rest
            self._refresh_regions()
            if selected:
                self.select_partner(selected)
            self._update_count()
        self.loaded.emit()

    def _load_filter_texts(self) -> None:
        """Contacts, terms, goals and pinyin for the text filter, after the rows (a
        second job in the lane: never on the way to showing the list)."""
        request = self._request

        def loaded(texts: dict[str, str]) -> None:
            if request == self._request:  # else rows newer than these texts are shown
                self.model.set_filter_texts(texts)

        self.ctx.run_db(partner_filter_texts, loaded, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.status_message.emit(self.tr("Could not load partners: %1").replace("%1", str(exc)))

    def show_failed(self) -> None:
        self.load_state = "failed" if self.load_state == "loading" else self.load_state
        if self._built:
            self._update_count()

    @Slot(object)
    def _on_changed(self, change: Any) -> None:
        if change.entity in FILTER_TEXT_ENTITIES:
            self._texts_stale = True
        if self.auto_reload and change.entity in RELEVANT_ENTITIES:
            self._reload_timer.start()

    def _refresh_regions(self) -> None:
        current = self.region_combo.currentData() or ""
        regions = self.model.regions()
        existing = [self.region_combo.itemData(i) for i in range(1, self.region_combo.count())]
        if existing == regions:
            return
        self.region_combo.blockSignals(True)
        while self.region_combo.count() > 1:
            self.region_combo.removeItem(1)
        for r in regions:
            self.region_combo.addItem(r, r)
        i = self.region_combo.findData(current)
        self.region_combo.setCurrentIndex(max(i, 0))
        self.region_combo.blockSignals(False)
        if i < 0 and current:
            self.proxy.set_region("")

    # --- filtering (public: benchmarks and the main window call these) ------------------------

    def set_filter_text(self, text: str) -> None:
        """Filter the loaded rows as if typed into the search box."""
        self.search.setText(text)

    def set_combo_filter(self, which: str, value: str) -> None:
        """Pick ``value`` ("" for all) in the tier/stage/region/visit combo box."""
        combo = {"tier": self.tier_combo, "stage": self.stage_combo,
                 "region": self.region_combo, "visit_status": self.visit_combo}[which]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def visible_partner_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(PARTNER_ID_ROLE) for r in range(self.proxy.rowCount())]

    @Slot()
    def clear_filters(self) -> None:
        self.search.clear()
        for combo in (self.tier_combo, self.stage_combo, self.region_combo, self.visit_combo):
            combo.setCurrentIndex(0)
        self.search.setFocus()

    @Slot()
    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.table_stack.setCurrentIndex(0 if shown else 1)
        loaded = self.load_state == "loaded"  # else the first load is in the lane, or failed
        loading = self.load_state == "loading"
        if (self.load_state, total) != self._empty_for:  # its words: not on each keystroke
            self._empty_for = (self.load_state, total)
            for step, wanted in (("new", not total), ("demo", not total), ("clear", bool(total))):
                self.empty_state.steps[f"partners_empty_{step}"].setVisible(loaded and wanted)
            if not loaded:
                self.empty_state.set_texts(self.tr("Loading partners…") if loading else
                                           self.tr("The partners could not be loaded."), "", {})
            else:
                self.empty_state.set_texts(
                    self.tr("No partner matches the filter") if total else self.tr("No partners yet"),
                    self.tr("None of your %1 partners matches what the filter asks for; clear "
                            "it to see them all.").replace("%1", str(total)) if total else
                    self.tr("Partners lists every partner you look after, with its tier, "
                            "stage, last visit and warning signs, to filter and open. Add "
                            "your first partner, or load the demo data to look around."),
                    {"partners_empty_new": self.tr("Add a partner…"),
                     "partners_empty_demo": self.tr("Load demo data…"),
                     "partners_empty_clear": self.tr("Clear the filter")})
        if not loaded:
            self.count_label.setText(self.tr("Partners: loading…") if loading else "")
        elif shown == total:
            self.count_label.setText(self.tr("Partners: %1").replace("%1", str(total)))
        else:
            self.count_label.setText(
                self.tr("Partners shown: %1 of %2").replace("%1", str(shown))
                .replace("%2", str(total)))

    # --- selection and actions ---------------------------------------------------------------

    def selected_partner_id(self) -> str | None:
        if not self._built:
            return None
        index = self.table.currentIndex()
        return index.data(PARTNER_ID_ROLE) if index.isValid() else None

    def selected_partner_ids(self) -> list[str]:
        """The selected rows' partners, in the table's order."""
        if not self._built:
            return []
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(PARTNER_ID_ROLE) for i in rows]

    def select_partner(self, partner_id: str) -> bool:
        row = self.model.row_of(partner_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(PARTNER_ID_ROLE)
        if pid:
            self.open_partner.emit(pid)

    @Slot()
    def _edit_selected(self) -> None:
        pid = self.selected_partner_id()
        if pid:
            self.edit_partner.emit(pid)

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selected partner after confirmation (soft delete, undoable)."""
        index = self.table.currentIndex()
        pid = index.data(PARTNER_ID_ROLE) if index.isValid() else None
        if not pid:
            return
        # late: off the start path, docs/benchmarks.md
        from ui.operations.partners import delete_partner
        delete_partner(self.ctx, self, pid, self.model.row_at(self.model.row_of(pid)).display_name)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("Open workspace"))
        open_action.triggered.connect(lambda: self._activated(index))
        menu.addAction(self.edit_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.edit_action.setText(self.tr("Edit partner…"))
        self.delete_action.setText(self.tr("Delete partner…"))
        self.focus_filter_action.setText(self.tr("Filter partners"))
        self.model.retranslate()
        if self._built:
            self._retranslate_widgets()

    def _retranslate_widgets(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter by name, pinyin, region, contact, terms or goals (Ctrl+F)…"))
        self.search.setAccessibleName(self.tr("Filter partners"))
        self.table.setAccessibleName(self.tr("Partners"))
        self.new_button.setText(self.tr("New partner…"))
        self._empty_for = None  # worded again in this language by _update_count
        self.columns.fit()
        for combo, all_text, fn in (
            (self.tier_combo, self.tr("All tiers"), labels.tier_label),
            (self.stage_combo, self.tr("All stages"), labels.stage_label),
            (self.region_combo, self.tr("All regions"), str),
            (self.visit_combo, self.tr("Any visit status"), labels.visit_status_label),
        ):
            combo.setItemText(0, all_text)
            for i in range(1, combo.count()):
                combo.setItemText(i, fn(combo.itemData(i)))
        self._update_count()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """From the filter box, Down goes to the rows and Enter opens the first one."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                self._activated(self.proxy.index(0, 0))
                return True
        return super().eventFilter(obj, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
