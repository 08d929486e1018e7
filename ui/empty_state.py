"""What a page without data shows: what the page is for, and the next steps as
buttons (add a partner, load the demo data, sign in, plan a visit). One widget, so
every page's empty state looks and reads the same; ``EmptyOr`` puts it in the place
of a list (or a form) while there is nothing to show."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

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


class EmptyOr(QStackedWidget):
    """``content`` (a list, a form), or ``state`` in its place while there is nothing
    to show: after ``watch(model)`` whenever the model has no rows, else as
    ``set_empty`` says. The state sits at the top of the room, its paragraph no wider
    than ``MAX_WIDTH``."""

    def __init__(self, content: QWidget, state: EmptyState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{state.objectName()}_or_content")
        self.content = content
        self.state = state
        state.setMaximumWidth(MAX_WIDTH)
        holder = QWidget()
        # a row with a stretch: the wrapped paragraph's height is asked at the width
        # the state gets (the column's, without it, and its lines are cut)
        row = QHBoxLayout()
        row.addWidget(state, 1)
        row.addStretch(0)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(theme.space("m"), 0, theme.space("m"), 0)
        layout.addLayout(row)
        layout.addStretch(1)
        self.addWidget(content)
        self.addWidget(holder)
        self._model: QAbstractItemModel | None = None

    def watch(self, model: QAbstractItemModel) -> EmptyOr:
        """Empty exactly while ``model`` has no rows (from now on)."""
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self._model_changed)
        self._model_changed()
        return self

    def _model_changed(self, *_args: object) -> None:
        if self._model is not None:
            self.set_empty(self._model.rowCount() == 0)

    def set_empty(self, empty: bool) -> None:
        # a keyboard user on the list stays in place: the stacked layout hands the
        # focus to the state's first step, and back (tests/test_empty_states.py)
        self.setCurrentIndex(1 if empty else 0)

    def is_empty(self) -> bool:
        return self.currentIndex() == 1
