"""Tab order set in one call: ``set_tab_order(a, b, c)`` makes Tab go a → b → c
(tests/test_keyboard_focus.py checks that pages and forms read in order)."""
from __future__ import annotations

import itertools

from PySide6.QtWidgets import QWidget


def set_tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in this order (each moved after the one before).
    They must be in one window already: Qt ignores the order of two widgets in
    different windows (a widget not yet in the tree is a window of its own) with only a
    warning, so that is a ValueError here."""
    for first, second in itertools.pairwise(widgets):
        if first.window() is not second.window():
            raise ValueError(f"set_tab_order: {first.objectName() or type(first).__name__} and "
                             f"{second.objectName() or type(second).__name__} are not in one "
                             "window yet; set the order once both are in the widget tree")
        QWidget.setTabOrder(first, second)
