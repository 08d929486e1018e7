"""Line operations of the meeting editor's notes (ui/workspace/meeting_editor.py),
each one undo step that keeps the cursor where it was: a line marked internal or
unmarked (Ctrl+Shift+I), a line turned into an action item and marked "→ "
(Ctrl+Shift+A). Messages are translated in the editor's context."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCursor

from models.domain import Severity
from models.internal_lines import is_internal, toggle_internal
from models.meeting_templates import mark_converted, parse_action_line
from ui.operations.action_items import create_action_from_notes
from ui.workspace.ui_language import ui_language

INTERNAL_SHORTCUT = "Ctrl+Shift+I"


def toggle_internal_line(editor: Any) -> None:
    """Mark the line under the cursor internal, or unmark it, in whichever of the
    notes, decisions or agenda has the focus (the notes otherwise); one undo step."""
    if editor._meeting is None:
        return
    edit = next((e for e in (editor.decisions_edit, editor.agenda_edit) if e.hasFocus()),
                editor.notes_edit)
    cursor = edit.textCursor()
    block = cursor.block()
    old_text = block.text()
    if not old_text.strip():
        editor._ctx.status_message.emit(QCoreApplication.translate("MeetingEditor", "Put the cursor on a line of text to mark it internal."))
        return
    new_text = toggle_internal(old_text, ui_language(editor._ctx))
    column = cursor.positionInBlock()
    change = QTextCursor(block)
    change.beginEditBlock()
    change.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    change.insertText(new_text)
    change.endEditBlock()
    cursor = edit.textCursor()
    cursor.setPosition(block.position() + max(0, min(len(new_text),
                                                     column + len(new_text) - len(old_text))))
    edit.setTextCursor(cursor)


def convert_current_line(editor: Any) -> None:
    """Turn the notes line under the cursor into an action item and mark it."""
    if editor._meeting is None:
        return
    cursor = editor.notes_edit.textCursor()
    block = cursor.block()
    if is_internal(block.text()):
        # an action item is printed in the partner's copy: our judgement stays a note
        editor._ctx.status_message.emit(QCoreApplication.translate(
            "MeetingEditor",
            "An internal line stays in the notes: action items are printed in the "
            "partner's copy. Unmark it (%1) first to make it an action item.")
            .replace("%1", INTERNAL_SHORTCUT))
        return
    parsed = parse_action_line(block.text())
    if parsed is None:
        editor._ctx.status_message.emit(
            QCoreApplication.translate("MeetingEditor", "Put the cursor on a line of notes that is not converted yet."))
        return
    severity = editor.severity_combo.currentData()
    values = {
        "partner_id": editor._meeting["partner_id"],
        "meeting_id": editor._meeting["id"],
        "title": parsed.title,
        "owner_side": parsed.owner_side,
        "severity": severity,
        "opened_on": editor._ctx.today(),
        "owner_name": editor.owner_edit.text().strip() or None,
    }
    # mark the line at once, as one undo step, keeping the cursor where it was
    column = cursor.positionInBlock()
    old_text = block.text()
    marked = mark_converted(old_text)
    edit = QTextCursor(block)
    edit.beginEditBlock()
    edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    edit.insertText(marked)
    edit.endEditBlock()
    cursor = editor.notes_edit.textCursor()
    cursor.setPosition(block.position() + min(len(marked), column + len(marked) - len(old_text)))
    editor.notes_edit.setTextCursor(cursor)
    editor.severity_combo.setCurrentIndex(editor.severity_combo.findData(str(Severity.MEDIUM)))
    editor.owner_edit.clear()

    def created(row: dict[str, Any]) -> None:
        editor._ctx.status_message.emit(
            QCoreApplication.translate("MeetingEditor", "Action item created: %1 (owner: %2)").replace("%1", row["title"])
            .replace("%2", row.get("owner_name") or QCoreApplication.translate("MeetingEditor", "nobody yet")))
        editor.action_created.emit(row["id"])

    def failed(exc: BaseException) -> None:
        editor._ctx.status_message.emit(
            QCoreApplication.translate("MeetingEditor", "Could not create the action item: %1").replace("%1", str(exc)))

    create_action_from_notes(editor._ctx, values, on_done=created, on_error=failed)
