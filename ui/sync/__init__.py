"""The sync UI: sign-in, the status area, conflicts, refused changes, Try the demo.

``attach_sync(window, service)`` (sync_controller.py) adds all of it to a main window:
the Sync menu (Sync now F9, Conflicts to review, Refused changes, Sign in/out, Try the
demo), the status-bar widget, and the dialogs. The service is
``desktop.sync_service.SyncService``; ``desktop.sync_service.install(window, ctx,
profile)`` builds both. ``try_demo.add_try_demo_choice(offer_dialog)`` adds "Try the
demo" to the first-start offer.
"""
