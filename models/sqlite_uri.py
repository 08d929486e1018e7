"""SQLite ``file:`` URIs built from paths, never by string formatting: a profile or
server folder may contain spaces, Chinese characters, ``#``, ``?`` or ``%`` (all of
which a formatted URI misreads), and Windows paths have drive letters."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode


def sqlite_uri(path: str | Path, **params: str) -> str:
    """``file:`` URI of ``path`` (made absolute) with query parameters, for
    ``sqlite3.connect(uri, uri=True)``, e.g. ``sqlite_uri(p, mode="ro")``."""
    uri = Path(path).resolve().as_uri()
    return f"{uri}?{urlencode(params)}" if params else uri
