"""Pages of a list endpoint: at most ``limit`` rows, then a cursor for the next page.

Every answer that lists rows of a table (partners, conflicts, users, devices) reads one
page along a unique order (keyset paging: ``WHERE (k1, k2) > (cursor) ORDER BY k1, k2
LIMIT n+1``), so a request's work is bounded however large the table grows, and rows
added or removed between pages never make another row be skipped or repeated. The
cursor (``next_after`` in the answer, ``after`` in the next request) is opaque to
clients: the last row's keys, as base64url JSON. ``next_after`` is null on the last
page. docs/sync-protocol.md, section 3, "Lists".
"""
from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from sqlalchemy import Connection, Select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from sync import protocol as p
from sync.server.errors import ApiError


def encode_cursor(keys: list[Any]) -> str:
    raw = json.dumps(keys, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, width: int) -> list[Any]:
    """The keys of a cursor this module made; a 400 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        keys = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        keys = None
    if not isinstance(keys, list) or len(keys) != width \
            or not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in keys):
        raise ApiError(400, p.ERROR_BAD_REQUEST, "after: not a cursor this server gave out.")
    return keys


def read_page(conn: Connection, query: Select, keys: list[ColumnElement], after: str | None,
              limit: int) -> tuple[list[Any], str | None]:
    """One page of ``query`` ordered by ``keys`` (which together identify a row and are
    never NULL); ``after`` is the previous page's cursor. Returns the rows and the next
    page's cursor (None: this was the last page)."""
    limit = max(1, min(int(limit), p.MAX_LIST_LIMIT))
    if after:
        start = decode_cursor(after, len(keys))
        query = query.where(tuple_(*keys) > tuple_(*start) if len(keys) > 1 else keys[0] > start[0])
    rows = conn.execute(query.order_by(*keys).limit(limit + 1)).all()
    if len(rows) <= limit:
        return list(rows), None
    last = rows[limit - 1]._mapping
    return list(rows[:limit]), encode_cursor([last[k] for k in keys])
