"""The meeting editor, made for typing during a conversation.

No Save button: every field autosaves (see ``autosave``). Ctrl+Shift+A turns the
line under the cursor into an action item linked to the meeting and marks the line
with "→ ", so the keyboard never leaves the notes. The severity for the next action
is chosen with Ctrl+Shift+1…4 (low … critical). Ctrl+Shift+I marks the line under
the cursor internal ("内部：" / "Internal: ", see models.internal_lines) or unmarks
it: such lines are greyed here and never printed in the partner's copy of a pack.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import domain
from models.domain import MeetingStatus, MeetingType, Severity
from models.meeting_templates import agenda_for
from ui import labels
from ui.app_context import AppContext
from ui.focus_order import set_tab_order
from ui.workspace import note_lines
from ui.workspace.autosave import Autosaver, SaveIndicator
from ui.workspace.db_jobs import run_db
from ui.workspace.note_lines import INTERNAL_SHORTCUT
from ui.workspace.notes_highlighter import NotesHighlighter
from ui.workspace.ui_language import ui_language

CONVERT_SHORTCUT = "Ctrl+Shift+A"
#: a past meeting opens for reading; this key (or the Edit button) unlocks it
EDIT_SHORTCUT = "F2"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


class MeetingEditor(QWidget):
    """Edits one meeting; ``load(row)`` shows it, ``flush()`` saves what is pending."""

    #: an action item was created from a note line (its id)
    action_created = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meeting: dict[str, Any] | None = None
        #: the agenda as generated: while unchanged, a type change regenerates it
        self._generated_agenda: str | None = None
        self.saver = Autosaver(ctx, "meeting", self)

        self.type_combo = QComboBox(self)
        for t in MeetingType:
            self.type_combo.addItem(labels.meeting_type_label(t), str(t))
        self.status_combo = QComboBox(self)
        for s in MeetingStatus:
            self.status_combo.addItem(labels.meeting_status_label(s), str(s))
        self.starts_edit = QDateTimeEdit(self)
        self.starts_edit.setDisplayFormat(DATETIME_FORMAT)
        self.starts_edit.setCalendarPopup(True)
        self.location_edit = QLineEdit(self)
        self.location_edit.setPlaceholderText(self.tr("Where the meeting takes place"))
        self.ours_edit = QLineEdit(self)
        self.ours_edit.setPlaceholderText(self.tr("Our attendees, comma-separated"))
        self.partner_edit = QLineEdit(self)
        self.partner_edit.setPlaceholderText(self.tr("The partner's attendees"))
        self.agenda_edit = QPlainTextEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText(
            self.tr("Type notes here. %1 turns the current line into an action item; "
                    "start a line with \"对方:\" or \"@partner\" for a partner-owned item.")
            .replace("%1", CONVERT_SHORTCUT)
        )
        self.notes_highlighter = NotesHighlighter(self.notes_edit.document())
        self.decisions_edit = QPlainTextEdit(self)
        self.decisions_edit.setPlaceholderText(self.tr("What was decided"))
        self.decisions_highlighter = NotesHighlighter(self.decisions_edit.document())
        self.agenda_highlighter = NotesHighlighter(self.agenda_edit.document())
        for edit in (self.agenda_edit, self.notes_edit, self.decisions_edit):
            edit.setTabChangesFocus(True)

        self.severity_combo = QComboBox(self)
        for s in Severity:
            self.severity_combo.addItem(labels.severity_label(s), str(s))
        self.severity_combo.setCurrentIndex(self.severity_combo.findData(str(Severity.MEDIUM)))
        self.severity_combo.setToolTip(self.tr("Severity of the next action item (Ctrl+Shift+1…4)"))
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setObjectName("next_action_owner")
        self.owner_edit.setPlaceholderText(self.tr("Owner: default"))
        self.owner_edit.setToolTip(self.tr(
            "Owner of the next action item. Empty: you for our items, the partner's first "
            "attendee (or its senior contact) for the partner's. Change it later in Actions."))
        self.owner_edit.setMaximumWidth(160)
        self.owner_edit.setAccessibleName(self.tr("Owner of the next action item"))
        self.convert_action = QAction(self.tr("Line → action item"), self)
        self.convert_action.setShortcut(QKeySequence(CONVERT_SHORTCUT))
        self.convert_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = self.tr("Turn the current line of the notes into an action item (%1)").replace(
            "%1", CONVERT_SHORTCUT)
        self.convert_action.setToolTip(tip)
        self.convert_action.setStatusTip(tip)
        self.convert_action.triggered.connect(self.convert_current_line)
        self.addAction(self.convert_action)
        self.internal_action = QAction(self.tr("Internal line"), self)
        self.internal_action.setShortcut(QKeySequence(INTERNAL_SHORTCUT))
        self.internal_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = self.tr("Mark the current line internal, or unmark it (%1): internal lines are "
                      "printed only in the internal pack, never in the partner's copy").replace(
            "%1", INTERNAL_SHORTCUT)
        self.internal_action.setToolTip(tip)
        self.internal_action.setStatusTip(tip)
        self.internal_action.triggered.connect(self.toggle_internal_line)
        self.addAction(self.internal_action)
        internal_button = QToolButton(self)
        internal_button.setDefaultAction(self.internal_action)
        internal_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        convert_button = QToolButton(self)
        convert_button.setDefaultAction(self.convert_action)
        convert_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for n, sev in enumerate(Severity, 1):
            act = QAction(self.tr("Next action severity: %1").replace("%1", labels.severity_label(sev)), self)
            act.setShortcut(QKeySequence(f"Ctrl+Shift+{n}"))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, s=str(sev): self.set_next_severity(s))
            self.addAction(act)
        self.indicator = SaveIndicator(self.saver, self)
        # a past meeting is history: it opens for reading, so a stray keystroke never
        # overwrites it, until the user chooses to edit it
        self._editing = True
        self.edit_action = QAction(self.tr("Edit this meeting"), self)
        self.edit_action.setShortcut(QKeySequence(EDIT_SHORTCUT))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.setToolTip(self.tr("A past meeting opens for reading; edit it (%1)")
                                    .replace("%1", EDIT_SHORTCUT))
        self.edit_action.triggered.connect(lambda: self.set_editing(True))
        self.addAction(self.edit_action)
        self.read_only_label = QLabel(self.tr("A past meeting, open for reading."), self)
        self.read_only_label.setObjectName("meeting_read_only")
        self.edit_button = QToolButton(self)
        self.edit_button.setDefaultAction(self.edit_action)
        self.edit_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        head = QGridLayout()
        head.addWidget(QLabel(self.tr("&Type"), buddy=self.type_combo), 0, 0)
        head.addWidget(self.type_combo, 0, 1)
        head.addWidget(QLabel(self.tr("&Status"), buddy=self.status_combo), 0, 2)
        head.addWidget(self.status_combo, 0, 3)
        head.addWidget(QLabel(self.tr("&When"), buddy=self.starts_edit), 0, 4)
        head.addWidget(self.starts_edit, 0, 5)
        head.addWidget(QLabel(self.tr("&Location"), buddy=self.location_edit), 1, 0)
        head.addWidget(self.location_edit, 1, 1, 1, 5)
        head.addWidget(QLabel(self.tr("Our attendees"), buddy=self.ours_edit), 2, 0)
        head.addWidget(self.ours_edit, 2, 1, 1, 2)
        head.addWidget(QLabel(self.tr("Partner's"), buddy=self.partner_edit), 2, 3)
        head.addWidget(self.partner_edit, 2, 4, 1, 2)
        head.setColumnStretch(1, 1)
        head.setColumnStretch(5, 1)

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("&Notes"), buddy=self.notes_edit))
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Severity"), buddy=self.severity_combo))
        tools.addWidget(self.severity_combo)
        tools.addWidget(self.owner_edit)
        tools.addWidget(internal_button)
        tools.addWidget(convert_button)
        tools.addWidget(self.indicator)

        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addLayout(tools)
        notes_layout.addWidget(self.notes_edit, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("A&genda"), buddy=self.agenda_edit))
        side_layout.addWidget(self.agenda_edit, 3)
        side_layout.addWidget(QLabel(self.tr("&Decisions"), buddy=self.decisions_edit))
        side_layout.addWidget(self.decisions_edit, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(notes_box)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        reading = QHBoxLayout()
        reading.addWidget(self.read_only_label)
        reading.addWidget(self.edit_button)
        reading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(reading)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        # Tab goes where a conversation goes: who and where, then straight to the notes,
        # the agenda and decisions beside them, then the notes' tools
        self.tab_chain = (self.edit_button, self.type_combo, self.status_combo,
                          self.starts_edit, self.location_edit, self.ours_edit,
                          self.partner_edit, self.notes_edit, self.agenda_edit,
                          self.decisions_edit, self.severity_combo, self.owner_edit,
                          internal_button, convert_button)
        set_tab_order(*self.tab_chain)

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.status_combo.currentIndexChanged.connect(
            lambda: self._edited("status", self.status_combo.currentData()))
        self.starts_edit.dateTimeChanged.connect(self._starts_changed)
        for name, line in (("location", self.location_edit), ("attendees_ours", self.ours_edit),
                           ("attendees_partner", self.partner_edit)):
            line.textEdited.connect(lambda text, n=name: self._edited(n, text))
        for name, edit in (("agenda", self.agenda_edit), ("notes", self.notes_edit),
                           ("decisions", self.decisions_edit)):
            edit.textChanged.connect(lambda n=name, e=edit: self._edited(n, e.toPlainText()))
        self.load(None)

    # --- loading ---------------------------------------------------------------------------

    def meeting_id(self) -> str | None:
        return self._meeting["id"] if self._meeting else None

    def load(self, row: dict[str, Any] | None, *, generated_agenda: str | None = None) -> None:
        """Show a meeting (None: nothing selected); pending edits of the previous one
        are saved first."""
        self.saver.set_record(row["id"] if row else None, row)
        self._meeting = dict(row) if row else None
        self._generated_agenda = generated_agenda
        widgets = (self.type_combo, self.status_combo, self.starts_edit, self.location_edit,
                   self.ours_edit, self.partner_edit, self.agenda_edit, self.notes_edit,
                   self.decisions_edit)
        for w in widgets:
            w.blockSignals(True)
        try:
            r = row or {}
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(r.get("type"))))
            self.status_combo.setCurrentIndex(
                max(0, self.status_combo.findData(r.get("status") or str(MeetingStatus.HELD))))
            starts = QDateTime.fromString(r.get("starts_at") or "", DATETIME_FORMAT)
            self.starts_edit.setDateTime(starts if starts.isValid() else QDateTime.currentDateTime())
            self.location_edit.setText(r.get("location") or "")
            self.ours_edit.setText(r.get("attendees_ours") or "")
            self.partner_edit.setText(r.get("attendees_partner") or "")
            # setPlainText resets each editor's undo history: Ctrl+Z never crosses meetings
            self.agenda_edit.setPlainText(r.get("agenda") or "")
            self.notes_edit.setPlainText(r.get("notes") or "")
            self.decisions_edit.setPlainText(r.get("decisions") or "")
        finally:
            for w in widgets:
                w.blockSignals(False)
        for w in widgets:
            w.setEnabled(row is not None)
        self.convert_action.setEnabled(row is not None)
        self.internal_action.setEnabled(row is not None)
        self.indicator.record_changed()
        self.set_editing(row is None or not self.is_past(row))

    def is_past(self, row: dict[str, Any]) -> bool:
        """Whether a meeting lies before today (the app's today): history."""
        return (row.get("starts_at") or "")[:10] < self._ctx.today().isoformat()

    def is_editing(self) -> bool:
        return self._editing

    def set_editing(self, editing: bool) -> None:
        """Editable, or open for reading (text selectable and copyable, nothing
        changes; the Edit button and F2 unlock it)."""
        self._editing = editing
        for edit in (self.agenda_edit, self.notes_edit, self.decisions_edit, self.location_edit,
                     self.ours_edit, self.partner_edit):
            edit.setReadOnly(not editing)
        loaded = self._meeting is not None
        for w in (self.type_combo, self.status_combo, self.starts_edit, self.severity_combo,
                  self.owner_edit):
            w.setEnabled(editing and loaded)
        for act in (self.convert_action, self.internal_action):
            act.setEnabled(editing and loaded)
        self.edit_action.setEnabled(loaded and not editing)
        self.read_only_label.setVisible(loaded and not editing)
        self.edit_button.setVisible(loaded and not editing)
        if editing and loaded and self.edit_button.hasFocus():
            self.notes_edit.setFocus()

    def current_values(self) -> dict[str, Any]:
        """What the editor shows, in the store's form."""
        return {
            "type": self.type_combo.currentData(),
            "status": self.status_combo.currentData(),
            "starts_at": self.starts_edit.dateTime().toString(DATETIME_FORMAT),
            "location": self.location_edit.text().strip() or None,
            "attendees_ours": self.ours_edit.text().strip() or None,
            "attendees_partner": self.partner_edit.text().strip() or None,
            "agenda": self.agenda_edit.toPlainText().strip() or None,
            "notes": self.notes_edit.toPlainText().strip() or None,
            "decisions": self.decisions_edit.toPlainText().strip() or None,
        }

    def refresh(self, row: dict[str, Any]) -> None:
        """Show a newer version of the open meeting (from sync). Sync echoes our own
        saves back; when nothing visible changed, the editor (cursor, undo) is left
        alone, and otherwise the cursor stays where it was as far as possible."""
        if row["id"] != self.meeting_id():
            return
        shown = self.current_values()
        if all((row.get(k) or None) == v for k, v in shown.items()):
            self._meeting = dict(row)
            return
        positions = {e: e.textCursor().position()
                     for e in (self.agenda_edit, self.notes_edit, self.decisions_edit)}
        focus = self.focusWidget()
        editing = self._editing
        self.load(row, generated_agenda=self._generated_agenda)
        self.set_editing(editing)
        for edit, pos in positions.items():
            cursor = edit.textCursor()
            cursor.setPosition(min(pos, len(edit.toPlainText())))
            edit.setTextCursor(cursor)
        if focus is not None:
            focus.setFocus()

    def flush(self) -> bool:
        """Save pending edits and wait (closing the window, switching partner): True
        when all is written."""
        return self.saver.flush_now()

    # --- editing ---------------------------------------------------------------------------

    @Slot(QDateTime)
    def _starts_changed(self, when: QDateTime) -> None:
        self._edited("starts_at", when.toString(DATETIME_FORMAT))
        # a held meeting moved into the future is a visit being planned: it must not
        # count for the cadence before it happens
        starts = dt.datetime.strptime(when.toString(DATETIME_FORMAT), "%Y-%m-%d %H:%M")
        if (self.status_combo.currentData() == MeetingStatus.HELD
                and domain.meeting_status_for(starts, self._ctx.now())
                == MeetingStatus.PLANNED):
            self.status_combo.setCurrentIndex(
                self.status_combo.findData(str(MeetingStatus.PLANNED)))

    def _edited(self, field: str, value: Any) -> None:
        if self._meeting is None:
            return
        self._meeting[field] = value
        self.saver.edit({field: value})

    @Slot()
    def _type_changed(self) -> None:
        meeting_type = self.type_combo.currentData()
        self._edited("type", meeting_type)
        if self._meeting is None:
            return
        untouched = self._generated_agenda is not None and (
            self.agenda_edit.toPlainText() == self._generated_agenda)
        if not (untouched or not self.agenda_edit.toPlainText().strip()):
            return  # never overwrite an agenda the user wrote
        partner_id, meeting_id = self._meeting["partner_id"], self._meeting["id"]
        lang = ui_language(self._ctx)

        def agenda(store):
            return agenda_for(store, partner_id, meeting_type, lang, exclude_meeting_id=meeting_id)

        def apply(text: str) -> None:
            if self.meeting_id() == meeting_id and self.type_combo.currentData() == meeting_type:
                self._generated_agenda = text
                self.agenda_edit.setPlainText(text)

        run_db(self._ctx, agenda, on_done=apply)

    def set_next_severity(self, severity: str) -> None:
        self.severity_combo.setCurrentIndex(self.severity_combo.findData(severity))
        self._ctx.status_message.emit(
            self.tr("Next action item: %1 severity").replace("%1", labels.severity_label(severity)))

    @Slot()
    def toggle_internal_line(self) -> None:
        """Mark the line under the cursor internal, or unmark it (ui/workspace/note_lines.py)."""
        note_lines.toggle_internal_line(self)

    @Slot()
    def convert_current_line(self) -> None:
        """Turn the notes line under the cursor into an action item and mark it."""
        note_lines.convert_current_line(self)
