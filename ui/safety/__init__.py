"""Dialogs that keep a profile's data safe: unlocking it, its recovery key, damage."""
