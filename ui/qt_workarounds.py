"""A start-up cost of PySide6 (``skip_feature_scan``). Imported by ``ui/__init__``
(and ``desktop/jobs``); ``desktop/app`` imports it before anything else.

PySide6 6.12.0 on Python 3.11 also loses references to ``None`` and ``True``, which
aborts the interpreter within minutes; the app therefore stays on the 6.11 series
(pinned in ``pyproject.toml`` and ``requirements.lock``), which has neither defect.
``tests/test_workspace_refcount_guard.py`` runs the failing pattern in a child process
with nothing patched, so a PySide6 that brings the defect back fails the suite.
"""
from __future__ import annotations

import sys


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


skip_feature_scan()
