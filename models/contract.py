"""The field contract: what a stored or synced value may be, defined once.

Every writer checks values against it: the local store on each write (through
``schema.normalise``, before anything is written), the sync server on each pushed op
(``check_op``: a bad op is rejected on its own), the laptop before it sends an op, and
the JSON encoder (``dumps``). A value the contract accepts can always be stored on
SQLite and PostgreSQL and sent back as JSON, so one record can never stop a pull.

The rules (docs/sync-protocol.md, "The field contract"):

* ids (records, references, op ids): a UUID in its canonical text form, 36 lower-case
  characters (``uuid4`` for records made on a laptop, ``uuid5`` for built-in ones);
* text: at most ``SHORT_TEXT_MAX`` characters, or ``LONG_TEXT_MAX`` for the fields
  meant for long text (notes, goals, agendas...); never NUL nor a lone surrogate;
* numbers: finite (no Infinity or NaN), reals within +-``REAL_MAX``, integers within
  +-``INT_MAX`` (what a JSON number carries exactly) and whole;
* dates: ``YYYY-MM-DD`` with a year from ``YEAR_MIN`` to ``YEAR_MAX``; date-times
  ``YYYY-MM-DD HH:MM``, the wall-clock time where the meeting takes place. A value
  with a UTC offset keeps its wall-clock time and drops the offset (``10:00+08:00``
  is stored as ``10:00``): converting it would move a Shanghai meeting to 02:00;
* JSON values (checklist answers, template sections): nested at most
  ``JSON_MAX_DEPTH`` deep and at most ``JSON_MAX_CHARS`` characters as text, with
  the same rules for the strings and numbers inside;
* a pushed op: ``seq`` from 1 to ``SEQ_MAX``, ``base_version`` from 0 to ``SEQ_MAX``
  (both fit a 64-bit column), ``changes`` a ``{field: [old, new]}`` map.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from models.errors import ValidationError

SHORT_TEXT_MAX = 1_000
#: about 50 printed pages: far beyond a meeting's notes, far below what would make a
#: pull page or a conflict record heavy
LONG_TEXT_MAX = 100_000
REAL_MAX = 1e15
INT_MAX = 2**53 - 1
YEAR_MIN, YEAR_MAX = 1900, 2199
JSON_MAX_DEPTH = 16
JSON_MAX_CHARS = 1_000_000
SEQ_MAX = 2**63 - 1
#: a pushed op's client timestamp (display only) and echoed strings
STAMP_MAX = 40
ID_LENGTH = 36

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")

# error codes (ValidationError.code): the UI words each one in the user's language
BAD_ID = "bad_id"
TOO_LONG = "too_long"
BAD_TEXT = "bad_text"
NOT_FINITE = "not_finite"
OUT_OF_RANGE = "out_of_range"
NOT_WHOLE = "not_whole"
TOO_DEEP = "too_deep"
BAD_JSON = "bad_json"


def show(value: Any, limit: int = 60) -> str:
    """A value as a message may quote it: short, and printable whatever it holds."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def clean_echo(value: Any, limit: int = 100) -> str:
    """A string sent back to a client as received (an op id it needs to match its
    answer), made encodable: lone surrogates and NUL replaced, cut at ``limit``."""
    text = value if isinstance(value, str) else str(value)
    return _BAD_CHARS.sub("\ufffd", text[:limit])


def check_id(value: Any, field: str = "id", where: str | None = None) -> str:
    if not isinstance(value, str) or len(value) != ID_LENGTH or not _UUID.match(value):
        raise ValidationError(f"{where or field}: {show(value)} is not an id (a UUID such as "
                              "0f8fad5b-d9cb-469f-a165-70867728950e)", field=field, code=BAD_ID)
    return value


def _encodable(text: str) -> bool:
    """No lone surrogate (encoding is C-fast; a regex over CJK text is not)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) == ID_LENGTH and _UUID.match(value) is not None


def check_text(value: str, field: str, limit: int = SHORT_TEXT_MAX, where: str | None = None) -> str:
    if len(value) > limit:
        raise ValidationError(f"{where or field}: the text has {len(value):,} characters; at most "
                              f"{limit:,} are allowed", field=field, code=TOO_LONG)
    if "\x00" in value or not _encodable(value):
        raise ValidationError(f"{where or field}: the text holds a character that cannot be stored "
                              "(NUL or a broken surrogate)", field=field, code=BAD_TEXT)
    return value


def check_real(value: Any, field: str, where: str | None = None) -> float:
    if isinstance(value, bool):
        value = int(value)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(f"{where or field}: {show(value)} is not a number", field=field) from None
    if not math.isfinite(number):
        raise ValidationError(f"{where or field}: {show(value)} is not a finite number", field=field,
                              code=NOT_FINITE)
    if abs(number) > REAL_MAX:
        raise ValidationError(f"{where or field}: {show(value)} is out of range (at most {REAL_MAX:g})",
                              field=field, code=OUT_OF_RANGE)
    return number


def check_int(value: Any, field: str, where: str | None = None) -> int:
    if isinstance(value, float) or (isinstance(value, str) and not _looks_int(value)):
        number = check_real(value, field, where)
        if not number.is_integer():
            raise ValidationError(f"{where or field}: {show(value)} is not a whole number", field=field,
                                  code=NOT_WHOLE)
        value = int(number)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{where or field}: {show(value)} is not a number", field=field) from None
    if abs(number) > INT_MAX:
        raise ValidationError(f"{where or field}: {show(value)} is out of range", field=field,
                              code=OUT_OF_RANGE)
    return number


def _looks_int(text: str) -> bool:
    body = text.strip().lstrip("+-")
    return body.isdigit() and len(body) <= 20


def check_year(year: int, field: str, where: str | None = None) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(f"{where or field}: the year {year} is out of range ({YEAR_MIN}-{YEAR_MAX})",
                              field=field, code=OUT_OF_RANGE)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def check_json(value: Any, field: str, where: str | None = None) -> str:
    """A JSON value (given parsed or as text) as the canonical text the store keeps."""
    if isinstance(value, str):
        if len(value) > JSON_MAX_CHARS:
            raise ValidationError(f"{where or field}: the value has {len(value):,} characters; at most "
                                  f"{JSON_MAX_CHARS:,} are allowed", field=field, code=TOO_LONG)
        _check_depth_of_text(value, field, where)
        try:
            parsed = json.loads(value, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            raise ValidationError(f"{where or field} is not valid JSON", field=field, code=BAD_JSON) from None
        _check_tree(parsed, field, where)
        return value
    _check_tree(value, field, where)
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        raise ValidationError(f"{where or field} is not valid JSON", field=field, code=BAD_JSON) from None
    if len(text) > JSON_MAX_CHARS:
        raise ValidationError(f"{where or field}: the value has {len(text):,} characters; at most "
                              f"{JSON_MAX_CHARS:,} are allowed", field=field, code=TOO_LONG)
    return text


def _check_depth_of_text(text: str, field: str, where: str | None = None) -> None:
    """Refuse deep nesting before parsing it (the parser recurses): brackets are
    counted outside the strings of the text."""
    if text.count("[") + text.count("{") <= JSON_MAX_DEPTH:
        return
    depth = 0
    for m in _BRACKETS.finditer(_STRINGS.sub("", text)):
        depth += 1 if m.group() in "[{" else -1
        if depth > JSON_MAX_DEPTH:
            raise ValidationError(f"{where or field}: the value is nested more than {JSON_MAX_DEPTH} "
                                  "levels deep", field=field, code=TOO_DEEP)


def _check_tree(value: Any, field: str, where: str | None = None) -> None:
    """Depth, numbers and strings of a parsed JSON value, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > JSON_MAX_DEPTH:
                raise ValidationError(f"{where or field}: the value is nested more than {JSON_MAX_DEPTH} "
                                      "levels deep", field=field, code=TOO_DEEP)
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, child in items:
                if isinstance(key, str):
                    check_text(key, field, JSON_MAX_CHARS, where)
                stack.append((child, depth + 1))
        elif isinstance(node, str):
            check_text(node, field, JSON_MAX_CHARS, where)
        elif isinstance(node, float) and not math.isfinite(node):
            raise ValidationError(f"{where or field}: the value holds a number that is not finite",
                                  field=field, code=NOT_FINITE)
        elif isinstance(node, int) and not isinstance(node, bool) and abs(node) > INT_MAX:
            raise ValidationError(f"{where or field}: the value holds a number out of range",
                                  field=field, code=OUT_OF_RANGE)


def servable(value: Any) -> bool:
    """Whether a stored value can be sent as JSON at all (what a pull needs)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return _encodable(value)
    return True


def dumps(value: Any) -> str:
    """JSON text of ``value``: never ``Infinity``/``NaN``, never a lone surrogate (a
    ValueError instead), so what is written can always be read and sent again."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    if not _encodable(text):
        raise ValueError("a string holds a broken surrogate")
    return text


def check_seq(value: Any, field: str, low: int, where: str | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{where or field}: {show(value)} is not a whole number", field=field)
    if not low <= value <= SEQ_MAX:
        raise ValidationError(f"{where or field}: {show(value)} is out of range ({low}-{SEQ_MAX})",
                              field=field, code=OUT_OF_RANGE)
    return value
