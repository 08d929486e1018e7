"""Typed errors of the local store. Each carries a message fit to show a user."""
from __future__ import annotations

import sqlite3

from sqlcipher3 import dbapi2 as sqlcipher


class StoreError(Exception):
    """Base class of everything the store raises on purpose."""


class ValidationError(StoreError):
    """A value given to the store is not acceptable (empty name, bad date, unknown tier)."""

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        #: which rule of models/contract.py the value broke (None: a domain rule)
        self.code = code


class NotFoundError(StoreError):
    """The record does not exist (or is deleted)."""


class ReadOnlyEntityError(StoreError):
    """Head office owns this entity (KPIs, templates); the laptop only receives it."""


class CorruptDatabaseError(StoreError):
    """The file is not a usable SQLite database. It is left untouched."""


class PlainDatabaseError(StoreError):
    """The file is plain SQLite where an encrypted one was expected (an older profile,
    converted when the profile is opened). It is left untouched."""


class WrongKeyError(StoreError):
    """The key does not unlock the file (or its first page is damaged). Untouched."""


class ProfileLockedError(StoreError):
    """The profile's key could not be had (no passphrase, no recovery key given)."""


class SchemaTooNewError(StoreError):
    """The file was written by a newer ChannelKeeper. It is left untouched."""


class DatabaseLockedError(StoreError):
    """Another ChannelKeeper (or another program) holds the profile."""


class DiskFullError(StoreError):
    """The disk (or the database's size limit) has no room for a write."""


def is_full_error(exc: BaseException) -> bool:
    """Whether SQLite found no room to write ("database or disk is full")."""
    return isinstance(exc, (sqlite3.OperationalError, sqlcipher.OperationalError)) and (
        "is full" in str(exc)
    )


def is_locked_error(exc: BaseException) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return isinstance(exc, (sqlite3.OperationalError, sqlcipher.OperationalError)) and (
        "locked" in str(exc) or "busy" in str(exc)
    )


def is_damage_error(exc: BaseException) -> bool:
    """Whether SQLite met a damaged page (or one that fails its authentication code)."""
    return isinstance(exc, sqlcipher.DatabaseError) and not is_locked_error(exc) and any(
        words in str(exc) for words in ("malformed", "not a database", "corrupt"))
