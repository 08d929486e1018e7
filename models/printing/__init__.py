"""Printed review packs: fonts, words, PDF templates and batch generation (Qt-free)."""
