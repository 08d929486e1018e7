"""The sync UI: sign-in, the status area, conflicts, refused changes, Try the demo.

``attach_sync(window, service)`` (sync_controller.py) adds all of it to the main window.
"""
