"""The sync UI: sign-in, the status area, conflicts, refused changes, Try the demo.

``SyncController`` (sync_controller.py), built by the main window over the service
it is given, adds all of it: the Sync menu (Sync now F9, Conflicts to review, Refused
changes, Sign in/out, Try the demo), the status-bar widget, and the dialogs. The
service is typed by ``ui.services.SyncApi``; ``desktop.sync_service.SyncService``
is the one the app builds. ``try_demo.add_try_demo_choice(offer_dialog)`` adds "Try the
demo" to the first-start offer.
"""
