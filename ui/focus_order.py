"""Tab order set in one call: ``set_tab_order(a, b, c)`` makes Tab go a → b → c
(tests/test_keyboard_focus.py checks that pages and forms read in order)."""
from __future__ import annotations

import itertools

from PySide6.QtWidgets import QWidget


def set_tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in this order (each moved after the one before)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
