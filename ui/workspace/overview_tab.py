"""The Overview tab: profile and agreement terms (editable; the tier strategy's terms
as agreed, the tier's defaults where none were agreed), cadence status and warning
signs with the method's remedies, contacts, and head office's KPIs with a trend."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import insights, playbook
from models.domain import PartnerStatus, Stage, Tier
from models.errors import NotFoundError, StoreError, ValidationError
from models.workspace import partner_profile, partner_status
from ui import labels, playbook_text, theme
from ui.app_context import AppContext
from ui.focus_order import set_tab_order
from ui.operations.partners import save_partner_now, update_partner
from ui.validation_text import error_text
from ui.workspace import overview_status
from ui.workspace.contacts_panel import ContactsPanel
from ui.workspace.db_jobs import run_db
from ui.workspace.kpi_sparkline import KpiSparkline
from ui.workspace.remedies_box import RemediesBox

_TEXT_FIELDS = ("name_zh", "name_en", "region", "address", "incentive_scheme", "service_terms",
                "risk_terms", "agreement_start", "agreement_end")
#: the tier strategy's parts, by the partner field holding each as agreed
_TERM_PARTS = {field: part for part, field in playbook.TERM_FIELDS.items()}
_PERCENT_FIELDS = ("revenue_share", "rebate")
#: the agreement's terms in the order the form shows them
_TERM_FIELDS = ("incentive_scheme", "service_terms", "risk_terms", "agreement_start",
                "agreement_end")

class OverviewTab(QWidget):
    """Profile edits are saved with Save (Ctrl+S); a refused value is shown next to its
    field and nothing is written."""

    #: the partner's display name changed (for the workspace title)
    partner_loaded = Signal(dict)
    #: the open partner was deleted (here, in the Partners list, or by sync)
    partner_missing = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner: dict[str, Any] | None = None
        self._overview: insights.PartnerOverview | None = None
        self._dirty = False
        # the status line's colours are written into its rich text: redo it on a switch
        theme.changes().changed.connect(self._show_status)
        self.edits: dict[str, QLineEdit] = {n: QLineEdit(self) for n in (*_TEXT_FIELDS, *_PERCENT_FIELDS)}
        self.edits["revenue_share"].setPlaceholderText(self.tr("percent, e.g. 12.5"))
        self.edits["rebate"].setPlaceholderText(self.tr("percent, e.g. 3"))
        self.tier_combo = self._combo([(t, labels.tier_label(t)) for t in Tier])
        self.stage_combo = self._combo([(s, labels.stage_label(s)) for s in Stage])
        self.stage_reason = QLineEdit(self)
        self.stage_reason.setPlaceholderText(self.tr("Why the partner moves to this stage"))
        self.stage_focus = QLabel(self)
        self.stage_focus.setWordWrap(True)
        theme.set_tone(self.stage_focus, "muted")
        self.tier_strategy = QLabel(self)
        self.tier_strategy.setWordWrap(True)
        theme.set_tone(self.tier_strategy, "muted")
        for name in ("agreement_start", "agreement_end"):
            self.edits[name].setPlaceholderText("YYYY-MM-DD")
        self.status_combo = self._combo([(s, labels.partner_status_label(s)) for s in PartnerStatus])
        self.goals_edit = QPlainTextEdit(self)
        self.goals_edit.setTabChangesFocus(True)
        self.goals_edit.setPlaceholderText(
            self.tr("Free notes on goals; the agreed joint goals are on the Goals tab"))
        self.goals_edit.setMaximumHeight(90)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(
            self.tr("Background, relationship notes, what matters to this partner"))
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.save_button = QPushButton(self.tr("Save profile"), self)
        self.save_button.setToolTip(self.tr("Save the profile and terms (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_profile)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.clicked.connect(self.revert)
        self.save_action = QAction(self.tr("Save profile"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_profile)
        self.addAction(self.save_action)
        for edit in self.edits.values():
            edit.textEdited.connect(self._mark_dirty)
        for combo in (self.tier_combo, self.stage_combo, self.status_combo):
            combo.activated.connect(self._mark_dirty)
        self.tier_combo.currentIndexChanged.connect(self._show_playbook)
        self.stage_combo.currentIndexChanged.connect(self._show_playbook)
        self.stage_reason.textEdited.connect(self._mark_dirty)
        self.goals_edit.textChanged.connect(self._mark_dirty)
        self.notes_edit.textChanged.connect(self._mark_dirty)

        profile = QGroupBox(self.tr("Profile"), self)
        pf = self._profile_form = QFormLayout(profile)
        pf.addRow(self.tr("Name (Chinese)"), self.edits["name_zh"])
        pf.addRow(self.tr("Name (English)"), self.edits["name_en"])
        row = QHBoxLayout()
        for label, combo in ((self.tr("Tier"), self.tier_combo), (self.tr("Stage"), self.stage_combo),
                             (self.tr("Status"), self.status_combo)):
            row.addWidget(QLabel(label, self))
            row.addWidget(combo, 1)
        pf.addRow(row)
        pf.addRow(self.stage_focus)
        pf.addRow(self.tr("Why this stage"), self.stage_reason)
        pf.addRow(self.tr("Region"), self.edits["region"])
        pf.addRow(self.tr("Address"), self.edits["address"])
        terms = QGroupBox(self.tr("Agreement terms"), self)
        tf = QFormLayout(terms)
        tf.addRow(self.tr("Revenue share %"), self.edits["revenue_share"])
        tf.addRow(self.tr("Rebate %"), self.edits["rebate"])
        tf.addRow(self.tier_strategy)
        tf.addRow(self.tr("Incentive"), self.edits["incentive_scheme"])
        tf.addRow(self.tr("Service"), self.edits["service_terms"])
        tf.addRow(self.tr("Risk sharing"), self.edits["risk_terms"])
        dates = QHBoxLayout()
        dates.addWidget(self.edits["agreement_start"], 1)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.edits["agreement_end"], 1)
        tf.addRow(self.tr("Agreement"), dates)
        tf.addRow(self.tr("Goal notes"), self.goals_edit)
        save_row = QHBoxLayout()
        save_row.addWidget(self.error_label, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)

        self.cadence_label, self.signs_label, self.renewal_label, self.key_dates_label, self.kpi_label = (
            self._wrapped_label() for _ in range(5))
        self.renewal_label.hide()
        self.remedies_box = RemediesBox(ctx, lambda: (self._partner or {}).get("id"), self)
        self.remedies, self.remedy_button = self.remedies_box.list, self.remedies_box.button
        self.addAction(self.remedies_box.action)
        cadence = QGroupBox(self.tr("Visit cadence and warning signs"), self)
        cl = QVBoxLayout(cadence)
        cl.addWidget(self.cadence_label)
        cl.addWidget(self.renewal_label)
        cl.addWidget(self.signs_label)
        cl.addWidget(self.remedies_box)
        cl.addWidget(self.key_dates_label)
        self.sparkline = KpiSparkline(self)
        kpi = QGroupBox(self.tr("KPIs (head office)"), self)
        kl = QVBoxLayout(kpi)
        kl.addWidget(self.kpi_label)
        kl.addWidget(self.sparkline)
        legend = QLabel(self.tr("Sales (solid) against target (dashed), last 12 periods"), self)
        theme.set_tone(legend, "muted")
        kl.addWidget(legend)
        self.contacts = ContactsPanel(ctx, self)
        contacts = QGroupBox(self.tr("Contacts"), self)
        QVBoxLayout(contacts).addWidget(self.contacts)

        notes = QGroupBox(self.tr("Notes"), self)
        QVBoxLayout(notes).addWidget(self.notes_edit)
        left = QVBoxLayout()
        left.addWidget(profile)
        left.addWidget(terms)
        left.addWidget(notes, 1)
        left.addLayout(save_row)
        right = QVBoxLayout()
        right.addWidget(cadence)
        right.addWidget(kpi)
        right.addWidget(contacts, 1)
        # the page scrolls rather than growing the window past a 1366x768 screen
        # (tests/test_real_screens.py): it holds more than such a screen shows
        content = QWidget()
        grid = QGridLayout(content)
        scroll = QScrollArea(self)
        scroll.setObjectName("overview_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # Tab reads the left column down (the form as laid out), then the right one
        e = self.edits
        set_tab_order(scroll, e["name_zh"], e["name_en"], self.tier_combo, self.stage_combo,
                      self.status_combo, self.stage_reason, e["region"], e["address"],
                      e["revenue_share"], e["rebate"], *(e[n] for n in _TERM_FIELDS),
                      self.goals_edit, self.notes_edit, self.revert_button, self.save_button,
                      self.remedies, self.remedy_button, *self.contacts.tab_chain)
        self._set_dirty(False)
        self._show_playbook()

    def _wrapped_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        return label

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        for value, text in items:
            combo.addItem(text, str(value))
        return combo

    # --- loading ---------------------------------------------------------------------------

    def set_partner(self, partner_id: str | None) -> None:
        if self._partner is None or self._partner["id"] != partner_id:
            self._partner = None
            self._set_dirty(False)
        self.contacts.set_partner(partner_id)
        self.reload(partner_id)

    def reload(self, partner_id: str | None = None) -> None:
        partner_id = partner_id or (self._partner or {}).get("id")
        if partner_id is None:
            return
        today = self._ctx.today()
        cadence = overview_status.cadence_of(self._ctx.settings)
        # the form first; the signs (slower on a big portfolio) follow
        run_db(self._ctx, lambda store: partner_profile(store, partner_id, today),
               on_done=self._loaded, on_error=self._load_failed)
        run_db(self._ctx, lambda store: partner_status(store, partner_id, today, cadence),
               on_done=lambda ov: self._status_loaded(partner_id, ov),
               on_error=lambda _exc: None)  # the profile job reports a missing partner

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError):
            self.partner_missing.emit()
        else:
            self._ctx.status_message.emit(str(exc))

    def _loaded(self, data: dict[str, Any]) -> None:
        partner = data["partner"]
        if self._partner is not None and self._partner["id"] != partner["id"]:
            return
        self._partner = partner
        if not self._dirty:  # never overwrite what the user is typing
            self._fill(partner)
        self.sparkline.set_series(data["kpis"])
        self.kpi_label.setText(overview_status.kpi_text(data["kpis"]))
        self.key_dates_label.setText(overview_status.key_dates_text(data["key_dates"]))
        self.partner_loaded.emit(partner)

    def _status_loaded(self, partner_id: str, ov: insights.PartnerOverview | None) -> None:
        if (self._partner or {}).get("id") == partner_id:
            self._overview = ov
            self._show_status()

    def _fill(self, partner: dict[str, Any]) -> None:
        for name in _TEXT_FIELDS:
            self.edits[name].setText(partner.get(name) or "")
        for name in _PERCENT_FIELDS:
            v = partner.get(name)
            self.edits[name].setText("" if v is None else f"{v:g}")
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(partner.get("tier"))))
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(partner.get("stage"))))
        self.status_combo.setCurrentIndex(
            max(0, self.status_combo.findData(partner.get("status") or "active")))
        for name, edit in (("goals", self.goals_edit), ("notes", self.notes_edit)):
            edit.blockSignals(True)
            edit.setPlainText(partner.get(name) or "")
            edit.blockSignals(False)
        self.stage_reason.clear()
        self._set_dirty(False)
        self._show_playbook()
        self._show_renewal(partner)

    def _show_renewal(self, partner: dict[str, Any]) -> None:
        text, tone = overview_status.renewal_notice(partner, self._ctx.today())
        self.renewal_label.setText(text)
        theme.set_tone(self.renewal_label, tone)
        self.renewal_label.setVisible(bool(text))

    @Slot()
    def _show_playbook(self) -> None:
        """The chosen stage's focus and the chosen tier's strategy (the defaults the
        empty terms follow); a stage move asks why."""
        tier, stage = self.tier_combo.currentData(), self.stage_combo.currentData()
        self.stage_focus.setText(self.tr("Focus at this stage: %1")
                                 .replace("%1", playbook_text.stage_focus(stage)))
        self.tier_strategy.setText(
            self.tr("%1 tier: %2. Terms left empty follow the tier's strategy.")
            .replace("%1", labels.tier_label(tier)).replace("%2", playbook_text.tier_maintenance(tier)))
        defaults = playbook_text.tier_strategy(tier)
        for field, part in _TERM_PARTS.items():
            self.edits[field].setPlaceholderText(defaults[part])
        moved = self._partner is not None and stage != self._partner.get("stage")
        self._profile_form.setRowVisible(self.stage_reason, moved)

    @Slot()
    def _show_status(self) -> None:
        ov = self._overview
        texts = overview_status.status_texts(ov, overview_status.cadence_of(self._ctx.settings))
        self.cadence_label.setText(texts[0])
        self.signs_label.setText(texts[1])
        self.remedies_box.show_for(ov is not None and bool(ov.signs))  # the method's remedies

    # --- editing ---------------------------------------------------------------------------

    @Slot()
    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def _clear_errors(self) -> None:
        self.error_label.hide()
        for edit in self.edits.values():
            theme.set_invalid(edit, False)

    def show_error(self, message: str, field: str | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if field in self.edits:
            theme.set_invalid(self.edits[field], True)
            self.edits[field].setFocus()

    def changes(self) -> dict[str, Any] | None:
        """The edited values, or None after showing why they cannot be saved."""
        values: dict[str, Any] = {n: self.edits[n].text() for n in _TEXT_FIELDS}
        for name in _PERCENT_FIELDS:
            text = self.edits[name].text().strip().rstrip("%").replace(",", ".")
            if not text:
                values[name] = None
                continue
            try:
                number = float(text)
            except ValueError:
                number = -1.0
            if not 0 <= number <= 100:
                self.show_error(self.tr("Enter a percentage between 0 and 100."), name)
                return None
            values[name] = number
        if not (values["name_zh"].strip() or values["name_en"].strip()):
            self.show_error(self.tr("A partner needs a Chinese or an English name."), "name_zh")
            return None
        values["tier"] = self.tier_combo.currentData()
        values["stage"] = self.stage_combo.currentData()
        values["status"] = self.status_combo.currentData()
        values["goals"] = self.goals_edit.toPlainText()
        values["notes"] = self.notes_edit.toPlainText()
        return values

    @Slot()
    def save_profile(self) -> None:
        self.save(wait=False)

    def save(self, *, wait: bool) -> bool:
        """Save the edited profile in the background, or now (``wait``: True when it
        is saved; what cannot be saved is shown beside its field, and the edits stay)."""
        if self._partner is None or not self._dirty:
            return True
        self._clear_errors()
        values = self.changes()
        if values is None:
            return False
        partner_id, reason = self._partner["id"], self.stage_reason.text().strip() or None
        if not wait:
            update_partner(self._ctx, partner_id, values, on_done=self._saved,
                           on_error=self._save_failed, stage_reason=reason)
            return True
        try:
            self._saved(save_partner_now(self._ctx, partner_id, values, stage_reason=reason))
        except StoreError as exc:
            self._save_failed(exc)
        return not self._dirty

    def _saved(self, row: dict[str, Any]) -> None:
        self._set_dirty(False)
        self._partner = row
        self.stage_reason.clear()
        self._show_playbook()
        self._show_renewal(row)
        self._ctx.status_message.emit(self.tr("Profile saved."))

    def _save_failed(self, exc: BaseException) -> None:
        self.show_error(error_text(exc), getattr(exc, "field", None) if isinstance(exc, ValidationError)
                        else None)

    def form_state(self) -> dict[str, Any] | None:
        """The form's unsaved edits (None: there are none), to carry them across a
        rebuild of the tab (a language switch): ``restore_form`` puts them back."""
        if not self._dirty:
            return None
        combos = (self.tier_combo, self.stage_combo, self.status_combo)
        return {"edits": {n: e.text() for n, e in self.edits.items()},
                "combos": [c.currentData() for c in combos], "partner": self._partner,
                "texts": [e.toPlainText() for e in (self.goals_edit, self.notes_edit)],
                "reason": self.stage_reason.text()}

    def restore_form(self, state: dict[str, Any]) -> None:
        for name, text in state["edits"].items():
            self.edits[name].setText(text)
        for combo, value in zip((self.tier_combo, self.stage_combo, self.status_combo),
                                state["combos"], strict=True):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        for edit, text in zip((self.goals_edit, self.notes_edit), state["texts"], strict=True):
            edit.setPlainText(text)
        self.stage_reason.setText(state["reason"])
        self._partner = state["partner"]
        self._set_dirty(True)
        self._show_playbook()

    @Slot()
    def revert(self) -> None:
        self._clear_errors()
        if self._partner is not None:
            self._fill(self._partner)
