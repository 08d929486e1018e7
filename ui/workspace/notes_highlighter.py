"""Shows which note lines already became action items (the "→ " lines) at a glance."""
from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from models.meeting_templates import is_converted

CONVERTED_COLOR = QColor("#1565c0")


class NotesHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._converted = QTextCharFormat()
        self._converted.setForeground(CONVERTED_COLOR)

    def highlightBlock(self, text: str) -> None:
        if is_converted(text):
            self.setFormat(0, len(text), self._converted)
