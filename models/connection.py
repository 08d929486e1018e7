"""The store's handle on one SQLite connection, without sqlite-utils on the start path.

``open_database`` hands the store a ``Connection``: ``execute``, ``conn`` and
``atomic()`` behave exactly as sqlite-utils' ``Database`` (which the store used
directly before), but importing sqlite-utils costs ~0.09 s (its 4,000-line ``db``
module, click, dateutil, pluggy) on every start of the app. Anything else a caller
asks of it (``table_names()``, ``db["partners"]``, ...) is answered by a sqlite-utils
``Database`` over the same connection, built on first use; migrations use one too.
"""
from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

_savepoints = itertools.count(1)
#: statements that control a transaction themselves (never committed by ``execute``)
_TRANSACTION_WORDS = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class Connection:
    """``execute``/``atomic`` over a ``sqlite3.Connection`` (sqlite-utils semantics)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Database | None = None
        # what sqlite-utils' Database sets on every connection it wraps
        conn.execute("PRAGMA recursive_triggers=on;")

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        """One statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = (self.conn.execute(sql, parameters) if parameters is not None
                      else self.conn.execute(sql))
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and self.conn.in_transaction
                and cursor.description is None
                and sql.lstrip().split(None, 1)[0].upper().rstrip(";") not in _TRANSACTION_WORDS):
            # only a connection in the driver's implicit-transaction mode gets here
            self.conn.execute("COMMIT")
        return cursor

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A transaction; nested blocks are savepoints (as sqlite-utils' ``atomic``)."""
        if self.conn.in_transaction:
            savepoint = f"ck_savepoint_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # an error may already have ended the whole transaction
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def sqlite_utils(self) -> Database:
        """A sqlite-utils ``Database`` over this connection (imported on first use)."""
        if self._full is None:
            from sqlite_utils import Database

            self._full = Database(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        # only reached for what this class lacks: table_names(), tables, schema...
        if name.startswith("__") or name == "_full":
            raise AttributeError(name)
        return getattr(self.sqlite_utils(), name)

    def __getitem__(self, table: str) -> Any:
        return self.sqlite_utils()[table]
