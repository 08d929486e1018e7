"""Shows which note lines already became action items (the "→ " lines) and which
are internal (never printed in a partner's pack, models.internal_lines) at a glance."""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from models.internal_lines import is_internal
from models.meeting_templates import is_converted
from ui import theme


class NotesHighlighter(QSyntaxHighlighter):
    """Converted lines in the info colour (their "→ " says it without the colour),
    internal lines muted and in italics."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._converted = QTextCharFormat()
        self._internal = QTextCharFormat()
        self._internal.setFontItalic(True)  # italic says it without the colour
        self._set_colours()
        theme.changes().changed.connect(self._theme_changed)

    def _set_colours(self) -> None:
        self._converted.setForeground(theme.color("info"))
        self._internal.setForeground(theme.color("muted"))

    @Slot()
    def _theme_changed(self) -> None:
        self._set_colours()
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if is_internal(text):
            self.setFormat(0, len(text), self._internal)
        elif is_converted(text):
            self.setFormat(0, len(text), self._converted)
