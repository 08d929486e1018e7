"""File names made from data: the one place that turns a partner's name or id (or any
text that arrived by sync) into a name that stays inside the folder chosen for it.

Synced ids and names can be anything another laptop or head office typed: ``..``,
slashes of either kind, a drive letter, a name Windows reserves for a device (``CON``,
``NUL``, ``COM1.pdf``), trailing dots or spaces Windows silently drops, control
characters, or hundreds of characters. ``safe_file_name`` keeps letters of every
script (Chinese names are valid file names and stay readable) and replaces the rest;
``file_in_folder`` joins a cleaned name to a folder and checks the result is a direct
child of it, so no caller can build a path from data any other way.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: characters no file system takes in a name (Windows' set covers the POSIX one),
#: plus the control characters and the slash look-alikes ∕ ⁄ ／ ＼ that some tools map
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\u2215\u2044\uff0f\uff3c]')
#: device names Windows reserves in any folder, with or without an extension
#: (``nul.pdf`` is the null device too); superscript digits count as digits there
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
#: bytes of UTF-8 a cleaned name may take: file systems allow 255, and a pack's name
#: adds a date, template and language, and "-2" for a collision, to a partner name
MAX_NAME_BYTES = 150
FALLBACK = "unnamed"


class UnsafePathError(ValueError):
    """A path built from data would not be a direct child of its folder."""


def safe_file_name(text: object, *, fallback: str = FALLBACK,
                   max_bytes: int = MAX_NAME_BYTES) -> str:
    """``text`` as a file name that is valid on Windows, macOS and Linux and names a
    file in the folder it is joined to (never ``..``, a sub-folder, a drive or a
    device). Runs of unusable characters become one ``_``; leading and trailing dots
    and spaces go; a reserved device name gets a ``_`` in front; the result is cut to
    ``max_bytes`` of UTF-8 at a character boundary. Empty after cleaning: the cleaned
    ``fallback``, and when that is empty too, ``unnamed``."""
    cleaned = _clean(str(text) if text is not None else "", max_bytes)
    if cleaned:
        return cleaned
    return _clean(fallback, max_bytes) or FALLBACK


def _clean(text: str, max_bytes: int) -> str:
    text = unicodedata.normalize("NFC", text)
    # format characters (right-to-left overrides, zero-width joiners) disguise a name
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"_{2,}", "_", text)
    text = _trim(text)
    if _is_reserved(text):
        text = "_" + text
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        text = _trim(encoded[:max_bytes].decode("utf-8", errors="ignore"))
    return text


def _trim(text: str) -> str:
    # Windows drops trailing dots and spaces (so "a." and "a" are one file); a leading
    # dot hides a file and makes "." and ".." out of dots alone; underscores at the
    # ends are what is left of separators ("../../x" is "x", not "_.._x")
    return text.strip(" ._\t")


def _is_reserved(name: str) -> bool:
    # Windows reads "CON.pdf", "con .txt" and "COM1.tar.gz" all as the device
    return name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def file_in_folder(folder: str | Path, name: str) -> Path:
    """``folder / name`` for a name made from data: the name is cleaned again (callers
    cannot forget it) and the result must be a direct child of ``folder``."""
    folder = Path(folder)
    # a generous limit: callers compose names (a partner's, a date, an extension) and
    # cut the part that came from data themselves
    safe = safe_file_name(name, max_bytes=240)
    path = folder / safe
    if path.parent != folder or Path(safe).name != safe or Path(safe).is_absolute():
        raise UnsafePathError(f"{name!r} does not name a file inside {folder}")
    return path


def unique_file_name(name: str, used: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... before its extension, so two records with
    the same (or the same cleaned, or case-folded) name get distinct files; ``used``
    holds the case-folded names taken so far and is updated. Windows and macOS compare
    names without case, and a cleaned name may meet one that was clean already."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    suffix = f".{suffix}" if suffix else ""
    candidate, n = name, 2
    while unicodedata.normalize("NFC", candidate).casefold() in used:
        candidate = f"{stem}-{n}{suffix}"
        n += 1
    used.add(unicodedata.normalize("NFC", candidate).casefold())
    return candidate
