"""The Today page's details pane: every column of the selected row in full, one per
line and wrapped, so a long action title or a list of warning signs reads without
widening a column; with a button that opens the row (as Enter does in the list)."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui import theme
from ui.today_sections import TodaySection

#: the pane never gets narrower than this (its text wraps within it)
PANE_WIDTH = 260


class DetailsPane(QFrame):
    """``open_requested`` when its button is pressed."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_details")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(PANE_WIDTH)
        self.heading = QLabel()
        theme.set_text_style(self.heading, "subtitle")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("details_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        self.open_button = QPushButton()
        self.open_button.setObjectName("details_open")
        self.open_button.clicked.connect(self.open_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.open_button)
        self._section: TodaySection | None = None
        self.show_row(None)

    def show_row(self, section: TodaySection | None) -> None:
        """The current row of ``section`` (None, or no current row: a hint)."""
        self._section = section
        row = section.current_row() if section is not None else None
        if row is None or section is None:
            self.heading.setText(self.tr("Details"))
            self.body.setText(escape(self.tr(
                "Select a row to read it in full here; Enter opens it.")))
            self.open_button.setEnabled(False)
            self.open_button.setText(self.tr("Open"))
            return
        model = section.model
        source = section.proxy.mapToSource(section.view.currentIndex()).row()
        texts = [model.display_text(source, c) for c in range(model.columnCount())]
        headers = [model.columns[c].header() for c in range(model.columnCount())]
        # the stretching column holds the reason: it heads the pane
        main = next((n for n, c in enumerate(model.columns) if c.stretch), 0)
        self.heading.setText(texts[main])
        lines = []
        for n, (header, text) in enumerate(zip(headers, texts, strict=True)):
            if n == main or not text:
                continue
            shown = escape(text).replace("; ", "<br>")  # one warning sign a line
            lines.append(f"<b>{escape(header)}</b><br>{shown}")
        self.body.setText("<br><br>".join(lines))
        self.open_button.setEnabled(True)
        self.open_button.setText(self.tr("Open"))
