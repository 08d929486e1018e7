"""A guard against a reference-count bug of PySide6 6.12.0.

Every ``Signal.emit()`` called from Python there drops one reference to ``True`` (the
bool it returns is handed back without the reference it owes). On Python 3.11 ``True``
is an ordinary object: after enough emits (every background job's callback is one)
the interpreter aborts with "Fatal Python error: bool_dealloc", at the latest while
shutting down. ``pin_bools`` checks once whether the running PySide6 has the bug and,
only then, gives ``True`` a reserve of references no program could use up (as Python
3.12 does for every bool by making it immortal). A fixed PySide6 leaves it a no-op.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

#: references added to True: a billion emits' worth
RESERVE = 1 << 30

_pinned = False


class _Probe(QObject):
    ping = Signal()


def emit_drops_true() -> bool:
    """Whether ``Signal.emit`` loses a reference to True in this PySide6."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 4


def pin_bools() -> bool:
    """Apply the guard once per process when needed; True when it was applied."""
    global _pinned
    if _pinned:
        return True
    if sys.implementation.name != "cpython" or not emit_drops_true():
        return False
    # ob_refcnt is the first field of every CPython object
    ctypes.c_ssize_t.from_address(id(True)).value += RESERVE
    _pinned = True
    return True
