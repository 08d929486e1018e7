"""Workarounds for two reference-counting defects of PySide6 6.12.0 on Python 3.11,
and for a start-up cost of PySide6 (3., ``skip_feature_scan``). Imported by
``ui/__init__`` (and ``desktop/jobs``), so that every widget, item model and signal,
in the app and in tests, is covered before the first one exists; ``desktop/app``
imports it before anything else.

1. Each time a Python override called by C++ returns ``None`` (``QAbstractItemModel
   .data`` for every role it does not answer, ``headerData``…), one reference to
   ``None`` is lost.
2. Each ``SignalInstance.emit()`` called from Python returns ``True`` without taking a
   reference to it (every db job, store change and autosave emits).

On Python 3.12+ these objects are immortal and nothing happens; on 3.11 their counts
(a few thousand at start-up) reach zero within minutes of use and the interpreter
aborts ("deallocating None", "bool_dealloc"). These objects are never meant to be
freed, so we give them the effectively infinite count that 3.12 gives them.
PySide6-Essentials 6.11.3 has neither defect, but QtPdf (the pack preview) ships on
its own only from 6.12. Remove this module once a fixed PySide6 is the minimum.

3. After PySide6 is imported, it reads the source of every module imported later, to
   find modules that opt into its ``__feature__`` syntax. On the app's start path
   that was 87 source files (~7 ms of a ~0.2 s start); see ``skip_feature_scan``.
"""
from __future__ import annotations

import ctypes
import os
import sys

from PySide6.QtCore import QObject, Signal

#: far more decrements than any session can make, far from overflowing Py_ssize_t
RESERVE = 1 << 60

_applies = sys.implementation.name == "cpython" and sys.version_info < (3, 12)
#: set only by the test that shows the defects are real (the control run)
DISABLE_ENV = "CHANNELKEEPER_NO_QT_WORKAROUNDS"


def _add_references(obj: object, n: int) -> None:
    # CPython < 3.12: ob_refcnt is the object's first field
    ctypes.c_ssize_t.from_address(id(obj)).value += n


def _has_reserve(obj: object) -> bool:
    return sys.getrefcount(obj) > RESERVE // 2


def make_none_immortal() -> bool:
    """Protect ``None`` from the bindings' missing reference. Idempotent."""
    if not _applies:
        return False
    if not _has_reserve(None):
        _add_references(None, RESERVE)
    return True


class _Probe(QObject):
    ping = Signal()


def emit_leaks(samples: int = 20) -> bool:
    """Whether emitting a signal from Python loses a reference to ``True`` here."""
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(samples)]
    # ``results`` holds ``samples`` references if emit returned owned ones
    leaked = before + samples - sys.getrefcount(True)
    if leaked > 0:
        _add_references(True, leaked)  # the probe's own leak, given back
    del results
    return leaked >= samples // 2


def make_bools_immortal() -> bool:
    """Give True and False their reserve if (and only if) emits leak here. Idempotent;
    returns whether the reserve is in place. Topping up from a timer would not do:
    the emits since the last top-up are still missing when the interpreter exits."""
    if not _applies:
        return False
    if _has_reserve(True):
        return True
    if not emit_leaks():
        return False
    _add_references(True, RESERVE)
    _add_references(False, RESERVE)
    return True


def install() -> None:
    make_none_immortal()
    make_bools_immortal()


def skip_feature_scan() -> bool:
    """PySide6 reads the source file of every module imported after it
    (``inspect.getsource``) to see whether it says "PySide6", for its opt-in
    ``from __feature__ import`` syntax: ~80 files on the app's start path, ~5 ms.
    ChannelKeeper never uses ``__feature__``; every module gets the answer a module
    that uses PySide6 without features gets (0: "no feature"), without the read.
    Returns whether this PySide6 has the scan (else nothing is changed)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside_without_features
    return True


def _uses_pyside_without_features(module: object) -> bool:
    return True


if not os.environ.get(DISABLE_ENV):
    install()
skip_feature_scan()
