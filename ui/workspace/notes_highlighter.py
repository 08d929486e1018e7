"""Shows which note lines already became action items (the "→ " lines) and which
are internal (never printed in a partner's pack, models.internal_lines) at a glance."""
from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from models.internal_lines import is_internal
from models.meeting_templates import is_converted

CONVERTED_COLOR = QColor("#1565c0")
INTERNAL_COLOR = QColor("#8a6d3b")


class NotesHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._converted = QTextCharFormat()
        self._converted.setForeground(CONVERTED_COLOR)
        self._internal = QTextCharFormat()
        self._internal.setForeground(INTERNAL_COLOR)
        self._internal.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:
        if is_internal(text):
            self.setFormat(0, len(text), self._internal)
        elif is_converted(text):
            self.setFormat(0, len(text), self._converted)
