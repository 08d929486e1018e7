"""Qt widgets, dialogs and item models. Reaches data only through the store and sync APIs."""

# before any model or widget exists: see ui/qt_workarounds.py (PySide6 6.12 + Python 3.11)
from ui import qt_workarounds  # noqa: F401
