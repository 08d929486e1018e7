"""What a page without data shows: what the page is for, and the next steps as
buttons (add a partner, load the demo data, sign in). One widget, so every page's
empty state looks and reads the same."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import theme

#: a centred empty state's paragraph is no wider than this (px): short lines read well
MAX_WIDTH = 560


class EmptyState(QWidget):
    """A heading, a paragraph and a row of buttons. ``add_step(name, slot)`` adds a
    button; ``set_texts(heading, text, {name: label})`` (again on a language change)
    words them."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}_heading")
        theme.set_text_style(self.heading, "subtitle")
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName(f"{name}_text")
        self.text.setWordWrap(True)
        self.steps: dict[str, QPushButton] = {}
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.space("s"), 0, theme.space("m"))
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(self._buttons)

    def add_step(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        self._buttons.insertWidget(len(self.steps), button)
        self.steps[name] = button
        return button

    def set_texts(self, heading: str, text: str, steps: dict[str, str]) -> None:
        self.heading.setText(heading)
        self.text.setText(text)
        for name, label in steps.items():
            self.steps[name].setText(label)
            self.steps[name].setAccessibleName(label.replace("…", ""))


def centred(state: EmptyState) -> QWidget:
    """``state`` in the middle of a page (for a page that shows nothing else)."""
    page = QWidget()
    # stretches, not an alignment: an aligned item gets its size hint's height, and
    # the wrapped paragraph needs the height for its width
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(state, 3)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    state.setMaximumWidth(MAX_WIDTH)
    return page
