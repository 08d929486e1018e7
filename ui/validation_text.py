"""The words a user sees when the store refuses a value under the field contract
(models/contract.py): one translated sentence per rule, the store's own message for
anything else."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models import contract
from models.errors import DatabaseLockedError, DiskFullError, ValidationError


def error_text(exc: BaseException) -> str:
    """A message for a failed save, in the user's language where the rule is known."""
    if isinstance(exc, DatabaseLockedError):
        return QCoreApplication.translate(
            "Validation", "The database is busy: another program is writing to it. Nothing "
                          "was saved; close the other program or try again in a moment.")
    if isinstance(exc, DiskFullError):
        return QCoreApplication.translate(
            "Validation", "The disk is full: nothing was saved. Free some space on it and "
                          "try again.")
    code = getattr(exc, "code", None) if isinstance(exc, ValidationError) else None
    if code == contract.TOO_LONG:
        return QCoreApplication.translate(
            "Validation", "This text is too long to save. Shorten it, or split it over "
                          "several records.")
    if code == contract.BAD_TEXT:
        return QCoreApplication.translate(
            "Validation", "This text holds a character that cannot be saved (an invisible "
                          "control character or a broken symbol). Retype it or paste it "
                          "again as plain text.")
    if code == contract.NOT_FINITE:
        return QCoreApplication.translate(
            "Validation", "Enter an ordinary number (not Infinity or NaN).")
    if code == contract.OUT_OF_RANGE:
        return QCoreApplication.translate(
            "Validation", "This value is out of range: check the number or the year.")
    if code == contract.NOT_WHOLE:
        return QCoreApplication.translate(
            "Validation", "Enter a whole number.")
    if code in (contract.TOO_DEEP, contract.BAD_JSON):
        return QCoreApplication.translate(
            "Validation", "The answers of this review cannot be saved: they are too large "
                          "or malformed.")
    if code == contract.BAD_ID:
        return QCoreApplication.translate(
            "Validation", "This record refers to something with an invalid id; it was not "
                          "saved.")
    # late: off the start path, docs/benchmarks.md
    from models import planning

    if code == planning.NOT_PLANNED:
        return QCoreApplication.translate(
            "Validation", "Only a planned meeting can be moved or started; this one is "
                          "already held or cancelled.")
    return str(exc)
