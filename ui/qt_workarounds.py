"""Workarounds for defects in the Qt bindings we ship with; imported by ``ui/__init__``
so that every widget and item model, in the app and in tests, is covered.

PySide6 6.12.0 drops one reference to ``None`` each time a Python override called by
C++ returns ``None`` (``QAbstractItemModel.data`` for every role it does not answer,
``headerData``…). On Python 3.12+ ``None`` is immortal and nothing happens; on 3.11
its count (a few thousand at start-up) reaches zero after a few hundred cells are
painted and the interpreter aborts with "deallocating None". ``None`` is never meant
to be freed, so we give it the effectively infinite count that 3.12 gives it.
"""
from __future__ import annotations

import ctypes
import sys

#: far more decrements than any session can make, far from overflowing Py_ssize_t
_IMMORTAL_BOOST = 1 << 60


def make_none_immortal() -> bool:
    """Protect ``None`` from the bindings' missing reference (CPython < 3.12 only).
    Returns whether anything was done; calling it again is harmless."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _IMMORTAL_BOOST // 2:
        refcount.value += _IMMORTAL_BOOST
    return True


make_none_immortal()
