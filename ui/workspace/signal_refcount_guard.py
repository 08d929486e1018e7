"""A guard against a PySide6 6.12.0 reference-counting bug that aborts the app.

With PySide6 6.12.0 on Python 3.11, every ``SignalInstance.emit()`` called from
Python returns ``True`` without taking a reference to it, so each emit lowers the
reference count of ``True`` by one. Python 3.11's ``True`` is not immortal: after a
few thousand emits (about 2,900 in a started app: every db job, every store change,
every autosave) the count reaches zero and the process dies with "Fatal Python
error: bool_dealloc". Typing meeting notes for half an hour would do it.

The guard measures the leak once (``emit_leaks()``) and, only if it is there, gives
``True`` and ``False`` a reserve of 2**30 references — what Python 3.12 does by
making them immortal. Topping up from a timer is not enough: the emits since the
last top-up are still missing when the interpreter releases everything at exit, and
it aborts there. Remove this module once the app runs on a PySide6 without the bug
(or on Python 3.12+).
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

#: references added to True and False: more emits than a session can make
RESERVE = 1 << 30

_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks(samples: int = 20) -> bool:
    """Whether emitting a signal from Python loses a reference to ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(samples)]
    # ``results`` holds ``samples`` references if emit returned owned ones
    leaked = before + samples - sys.getrefcount(True)
    if leaked > 0:
        _add_references(True, leaked)  # the probe's own leak, given back
    del results
    return leaked >= samples // 2


def _add_references(obj: object, n: int) -> None:
    # CPython 3.11: ob_refcnt is the object's first field
    ctypes.c_ssize_t.from_address(id(obj)).value += n


def install() -> bool:
    """Give True and False their reserve if (and only if) emits leak here.
    Idempotent; returns whether the reserve is in place."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not emit_leaks():
        return False
    _add_references(True, RESERVE)
    _add_references(False, RESERVE)
    _installed = True
    return True
