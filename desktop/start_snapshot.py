"""The start-up snapshot: the first load's result (Today and the partner table) kept
in the profile, so the next start can show it at once instead of after ~0.2 s of
queries on a big profile.

It is exact, never stale: it is shown only when its key matches the profile now:
the database's data generation (``Store.data_generation``, moved by every committed
write), the date (what is due depends on it), the settings that shape the lists
(visit cadence, list lengths), the schema and this file's format. It is saved after
the first load of a session, after each reload that a change caused (at a quiet
moment: a session that ends without closing still leaves a current one), and again
at close if the data or the day moved on; at
close also for each of the next three days (computed for that date), so that the
next morning's first start, or Monday's, finds one too; ``main.py sync`` and
``demo-data`` do the same after they change the data. The
window still runs the normal first load in the background after showing it; a
different answer (a write path that did not move the generation) replaces what is
shown and is logged.

A missing, damaged or foreign file is ignored (and logged), never shown. The file is
plain values (dicts, lists, text, numbers) in Python's marshal format, which reads
them three times faster than JSON (~3 ms for 5,000 partners instead of ~11, on the
start path), and reading it runs no code (unlike pickle). A CRC-32 of the payload is
checked first, so a torn or damaged file is never handed to the reader.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import marshal
import os
import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models import insights
from models.migrations import known_names
from models.store import Store
from models.today import ACTIONS_SOON_DAYS, KEY_DATES_DAYS, LIST_LIMIT, TodayData, first_load

log = logging.getLogger(__name__)

#: bump when the file's layout or the meaning of what it holds changes
FORMAT = 2
#: a file per day: start-snapshot-2026-11-27.bin
FILE_PREFIX, FILE_SUFFIX = "start-snapshot-", ".bin"
#: what earlier versions wrote (removed when a new one is saved)
OLD_FILE_NAMES = ("start-snapshot.json", "start-snapshot.bin")
#: days after today whose first load is kept at close too (Friday's close covers Monday)
DAYS_AHEAD = 3
#: the file: MAGIC, then FORMAT, the payload's length and CRC-32, then the payload
MAGIC = b"CKSNAP"
_HEADER = struct.Struct(">BII")
#: marshal's own format version: plain values read the same in every Python 3
MARSHAL_VERSION = 4
_OVERVIEW_FIELDS = [f.name for f in dataclasses.fields(insights.PartnerOverview)]

FirstLoad = tuple[list[insights.PartnerOverview], TodayData]


def snapshot_key(generation: int, today: dt.date, cadence: dict[str, int]) -> dict[str, Any]:
    """Everything the first load's result depends on."""
    return {
        "format": FORMAT,
        "python": list(sys.version_info[:2]),
        "schema": known_names()[-1],
        "generation": generation,
        "date": today.isoformat(),
        "cadence": dict(sorted(cadence.items())),
        "lists": [LIST_LIMIT, ACTIONS_SOON_DAYS, KEY_DATES_DAYS],
    }


# --- to and from plain values ----------------------------------------------------------


def _table(rows: list[list[Any]], columns: list[str]) -> dict[str, Any]:
    """Rows as lists under their column names (named once, not in every row), dates
    as ISO text with their columns listed, so reading needs no per-value hook."""
    if any(len(r) != len(columns) for r in rows):
        raise ValueError("rows of one list have different columns")
    dates = sorted({i for r in rows for i, v in enumerate(r) if isinstance(v, dt.date)})
    for i in dates:
        for r in rows:
            if r[i] is not None:
                if type(r[i]) is not dt.date:
                    raise TypeError(f"{columns[i]}: only dates can be kept, not {r[i]!r}")
                r[i] = r[i].isoformat()
    # one object per distinct text (tiers, stages, regions, dates…): marshal writes
    # the repeats as references, and reading makes a third fewer objects
    same: dict[str, str] = {}
    for r in rows:
        for i, v in enumerate(r):
            if type(v) is str:
                r[i] = same.setdefault(v, v)
    return {"columns": columns, "dates": dates, "rows": rows}


def _lists(table: dict[str, Any]) -> list[list[Any]]:
    rows, from_iso = table["rows"], dt.date.fromisoformat
    for i in table["dates"]:
        for r in rows:
            if r[i] is not None:
                r[i] = from_iso(r[i])
    return rows


def _dict_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    columns = list(rows[0]) if rows else []
    return _table([[r.get(c, _MISSING) for c in columns] for r in rows], columns)


def _dicts(table: dict[str, Any]) -> list[dict[str, Any]]:
    columns = table["columns"]
    return [dict(zip(columns, row, strict=True)) for row in _lists(table)]


_MISSING = object()  # not a plain value: a row without one of the columns cannot be saved


def encode(overviews: list[insights.PartnerOverview], data: TodayData) -> dict[str, Any]:
    """The first load as plain values. Today's visits and lying-flat lists are the
    partner table's own rows, so they are kept as positions in it."""
    position = {id(o): i for i, o in enumerate(overviews)}
    return {
        "overviews": _table([[getattr(o, f) for f in _OVERVIEW_FIELDS] for o in overviews],
                            _OVERVIEW_FIELDS),
        "visits": [position[id(o)] for o in data.visits],
        "lying_flat": [position[id(o)] for o in data.lying_flat],
        "actions": _dict_table(data.actions),
        "key_dates": _dict_table(data.key_dates),
        "actions_total": data.actions_total,
        "actions_overdue": data.actions_overdue,
        "key_dates_total": data.key_dates_total,
    }


def to_bytes(plain: dict[str, Any]) -> bytes:
    """The file's bytes for plain values (only dicts, lists, text, numbers, None)."""
    payload = marshal.dumps(plain, MARSHAL_VERSION)
    return MAGIC + _HEADER.pack(FORMAT, len(payload), zlib.crc32(payload)) + payload


def from_bytes(raw: bytes) -> dict[str, Any]:
    """The plain values of a file written by ``to_bytes``; ValueError when it is not
    one, is of another format, or is torn or damaged (TypeError: it holds no dict)."""
    start = len(MAGIC) + _HEADER.size
    if len(raw) < start or not raw.startswith(MAGIC):
        raise ValueError("not a start-up snapshot")
    fmt, length, crc = _HEADER.unpack_from(raw, len(MAGIC))
    if fmt != FORMAT:
        raise ValueError(f"snapshot format {fmt}, this version reads {FORMAT}")
    payload = raw[start:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        raise ValueError("the snapshot is torn or damaged (length or checksum differ)")
    plain = marshal.loads(payload)
    if not isinstance(plain, dict):
        raise TypeError("the snapshot holds no table of values")
    return plain


def decode(plain: dict[str, Any]) -> FirstLoad:
    if plain["overviews"]["columns"] != _OVERVIEW_FIELDS:
        raise ValueError("the snapshot's partner rows have other fields")
    overview = insights.PartnerOverview
    overviews = [overview(*row) for row in _lists(plain["overviews"])]
    data = TodayData(
        visits=[overviews[i] for i in plain["visits"]],
        actions=_dicts(plain["actions"]),
        key_dates=_dicts(plain["key_dates"]),
        lying_flat=[overviews[i] for i in plain["lying_flat"]],
        actions_total=plain["actions_total"],
        actions_overdue=plain["actions_overdue"],
        key_dates_total=plain["key_dates_total"],
    )
    return overviews, data


# --- the file ---------------------------------------------------------------------------


class StartSnapshot:
    """The snapshots of one profile, a file per day. ``shown``: what the window may
    show at once (None unless today's file matched the profile when ``load`` read it).

    At close the first load is kept for today and, computed for those dates, for the
    next ``DAYS_AHEAD`` days: what is due depends on the date, so without them the
    first start of every day (the next morning's, Monday's after a Friday) would have
    to wait for the queries."""

    def __init__(self, cache_dir: Path, today: Callable[[], dt.date],
                 cadence: Callable[[], dict[str, int]]) -> None:
        self.cache_dir = Path(cache_dir)
        self._today = today
        self._cadence = cadence
        self.shown: FirstLoad | None = None
        self.shown_generation: int | None = None
        self._shown_day: dt.date | None = None
        #: per day, the key of what its file holds (None: nothing usable); days not
        #: in it are read from the file when needed
        self._saved_keys: dict[dt.date, dict[str, Any] | None] = {}
        #: how long reading and decoding took (the start-up benchmark reports it)
        self.read_ms = 0.0

    def path_for(self, day: dt.date) -> Path:
        return self.cache_dir / f"{FILE_PREFIX}{day.isoformat()}{FILE_SUFFIX}"

    @property
    def path(self) -> Path:
        """Today's file."""
        return self.path_for(self._today())

    def key(self, generation: int) -> dict[str, Any]:
        return snapshot_key(generation, self._today(), self._cadence())

    def load(self, generation: int) -> FirstLoad | None:
        """Read today's file; keep and return its first load if it matches
        ``generation``, the date and the settings."""
        started = time.perf_counter()
        day = self._today()
        path = self.path_for(day)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("start-up snapshot %s not read: %s", path, exc)
            return None
        try:
            stored = from_bytes(raw)
            key, plain = stored["key"], stored["data"]
            self._saved_keys[day] = key
            if key != self.key(generation):
                log.info("start-up snapshot is for other data or settings; not shown")
                return None
            shown = decode(plain)
        except (ValueError, EOFError, KeyError, TypeError, IndexError, AttributeError,
                RecursionError) as exc:
            log.warning("start-up snapshot %s is damaged or foreign, ignored: %s", path, exc)
            self._saved_keys[day] = None
            return None
        self.shown, self._shown_day = shown, day
        self.shown_generation = generation
        self.read_ms = (time.perf_counter() - started) * 1000
        return shown

    def differs_from_shown(self, overviews: list[insights.PartnerOverview],
                           data: TodayData) -> bool:
        """Whether a fresh first load differs from what ``load`` handed out (database
        lane; plain Python equality of every row and value, so the interpreter lock
        goes back and forth with the GUI thread as usual)."""
        if self.shown is None or (overviews, data) == self.shown:
            return False
        # what the file holds is wrong, and so may be the days ahead saved with it:
        # the next save of each replaces it
        day = self._shown_day or self._today()
        self._saved_keys.update({day + dt.timedelta(days=k): None for k in range(DAYS_AHEAD + 1)})
        return True

    def save(self, generation: int, today: dt.date, cadence: dict[str, int],
             overviews: list[insights.PartnerOverview], data: TodayData) -> bool:
        """Keep a first load for the date ``today``, read at ``generation`` (read
        *before* its queries: a write in between makes it look older, never newer).
        False if it was kept already."""
        key = snapshot_key(generation, today, cadence)
        if key == self._saved_key(today):
            return False
        payload = to_bytes({"key": key, "data": encode(overviews, data)})
        path = self.path_for(today)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(payload)
            os.replace(tmp, path)
        except OSError as exc:  # a cache: the app works without it
            log.warning("start-up snapshot %s not saved: %s", path, exc)
            tmp.unlink(missing_ok=True)
            return False
        self._saved_keys[today] = key
        self._remove_past_files()
        return True

    def _saved_key(self, day: dt.date) -> dict[str, Any] | None:
        """The key of the file kept for ``day`` (None: none, or not usable)."""
        if day not in self._saved_keys:
            try:
                key = from_bytes(self.path_for(day).read_bytes())["key"]
            except (OSError, ValueError, EOFError, KeyError, TypeError, RecursionError):
                key = None
            self._saved_keys[day] = key if isinstance(key, dict) else None
        return self._saved_keys[day]

    def _remove_past_files(self) -> None:
        today = self._today()
        try:
            files = list(self.cache_dir.iterdir())
        except OSError:
            return
        for path in files:
            name = path.name
            past = False
            if name.startswith(FILE_PREFIX) and name.endswith(FILE_SUFFIX):
                try:
                    past = dt.date.fromisoformat(name[len(FILE_PREFIX):-len(FILE_SUFFIX)]) < today
                except ValueError:
                    past = False
            if past or name in OLD_FILE_NAMES or (name.startswith(FILE_PREFIX)
                                                   and name.endswith(".tmp")):
                try:  # a cache's leftovers (a torn write's .tmp too): never an error
                    path.unlink(missing_ok=True)
                except OSError as exc:
                    log.warning("old start-up snapshot %s not removed: %s", path, exc)

    def refresh(self, store: Store) -> int:
        """At close, in the database lane: keep a fresh first load for today and the
        next ``DAYS_AHEAD`` days wherever the data, the day or the settings moved on
        since its file was written. Returns how many files were written."""
        generation = store.data_generation()
        today, cadence = self._today(), self._cadence()
        written = 0
        for ahead in range(DAYS_AHEAD + 1):
            day = today + dt.timedelta(days=ahead)
            if self._saved_key(day) == snapshot_key(generation, day, cadence):
                continue
            generation, overviews, data, _ms = first_load(store, day, cadence)
            written += self.save(generation, day, cadence, overviews, data)
        return written

    def discard(self) -> None:
        """Remove every file (benchmarks: a start without a snapshot)."""
        for ahead in range(-1, DAYS_AHEAD + 1):
            self.path_for(self._today() + dt.timedelta(days=ahead)).unlink(missing_ok=True)
        self._saved_keys.clear()
