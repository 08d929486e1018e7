"""Qt widgets, dialogs and item models. Reaches data only through the store and sync APIs."""

# before any module that imports PySide6: see ui/qt_workarounds.py
from ui import qt_workarounds  # noqa: F401
