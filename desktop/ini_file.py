"""A profile's settings.ini read and written by plain Python, in QSettings' INI dialect.

The file was written by Qt's ``QSettings`` (IniFormat) before; reading it without Qt
lets the commands that show no window (``pack``, ``sync``, ``demo-data``, ``server``)
start without loading PySide6. The dialect is kept both ways, so a file written here
reads the same in QSettings (an older ChannelKeeper, a support engineer's tool) and
one QSettings wrote reads the same here: values are escaped as
``QSettings::iniEscapedString`` does, a value starting with ``@`` is doubled, byte
strings are ``@ByteArray(...)``. Keys we do not know are kept as they were.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

GENERAL = "General"

_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t", "\v": "\\v", '"': '\\"', "\\": "\\\\"}
_UNESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
              '"': '"', "'": "'", "\\": "\\", "?": "?"}
_HEX = re.compile(r"[0-9a-fA-F]+")
_OCTAL = re.compile(r"[0-7]{1,3}")


def escape(text: str, *, raw_bytes: bool = False) -> str:
    """One value as QSettings writes it (``raw_bytes``: code points are bytes, and
    those outside printable ASCII are written as ``\\x`` escapes)."""
    out: list[str] = []
    needs_quotes = False
    escape_next_if_digit = False
    for ch in text:
        if ch in ";,=":
            needs_quotes = True
        if escape_next_if_digit and ch in "0123456789abcdefABCDEF":
            # a hex digit right after \x.. would be read as part of that escape
            out.append(f"\\x{ord(ch):x}")
            continue
        escape_next_if_digit = False
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            escape_next_if_digit = ch == "\0"
        elif ord(ch) <= 0x1F or (raw_bytes and ord(ch) >= 0x7F):
            out.append(f"\\x{ord(ch):x}")
            escape_next_if_digit = True
        else:
            out.append(ch)
    result = "".join(out)
    if needs_quotes or result[:1] == " " or result[-1:] == " ":
        result = f'"{result}"'
    return result


def unescape(raw: str) -> list[str]:
    """A stored value as QSettings reads it: a list of strings (commas outside quotes
    separate them), quotes removed, escapes resolved, spaces outside quotes dropped at
    either end of each string."""
    parts: list[str] = []
    current: list[tuple[str, bool]] = []  # (character, kept: quoted or escaped)
    quoted = False
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            parts.append(_trimmed(current))
            current = []
        elif ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            i += 2
            if nxt == "x" and (m := _HEX.match(raw, i)):
                current.append((chr(int(m.group(), 16)), True))
                i = m.end()
            elif m := _OCTAL.match(raw, i - 1):
                current.append((chr(int(m.group(), 8)), True))
                i = m.end()
            else:
                current.append((_UNESCAPES.get(nxt, nxt), True))
            continue
        else:
            current.append((ch, quoted))
        i += 1
    parts.append(_trimmed(current))
    return parts


def _trimmed(chars: list[tuple[str, bool]]) -> str:
    start, end = 0, len(chars)
    while start < end and not chars[start][1] and chars[start][0].isspace():
        start += 1
    while end > start and not chars[end - 1][1] and chars[end - 1][0].isspace():
        end -= 1
    return "".join(ch for ch, _ in chars[start:end])


def encode_value(value: str | bytes | int | bool) -> str:
    if isinstance(value, bytes):
        return escape("@ByteArray(" + value.decode("latin-1") + ")", raw_bytes=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return escape("@" + text if text.startswith("@") else text)


def decode_value(raw: str) -> str | bytes:
    """The stored text (``@ByteArray(...)``: bytes); a list is joined back with ", "."""
    parts = unescape(raw)
    text = ", ".join(parts)
    if len(parts) == 1 and text.startswith("@ByteArray(") and text.endswith(")"):
        return text[len("@ByteArray("):-1].encode("latin-1", errors="replace")
    return text[1:] if text.startswith("@@") else text


class IniFile:
    """The sections and raw values of one INI file; ``save`` replaces it atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sections: dict[str, dict[str, str]] = {}
        self.reload()

    def reload(self) -> None:
        self.sections = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        section = self.sections.setdefault(GENERAL, {})
        for line in text.splitlines():
            line = line.strip()
            if not line or line[0] in ";#":
                continue
            if line.startswith("[") and line.endswith("]"):
                section = self.sections.setdefault(line[1:-1].strip() or GENERAL, {})
            elif "=" in line:
                key, raw = line.split("=", 1)
                section[key.strip()] = raw.strip()

    def get(self, key: str) -> str | bytes | None:
        section, name = _split(key)
        raw = self.sections.get(section, {}).get(name)
        return None if raw is None else decode_value(raw)

    def set(self, key: str, value: str | bytes | int | bool) -> None:
        section, name = _split(key)
        self.sections.setdefault(section, {})[name] = encode_value(value)

    def save(self) -> None:
        lines: list[str] = []
        for section, values in self.sections.items():
            if not values:
                continue
            lines.append(f"[{section}]")
            lines += [f"{key}={raw}" for key, raw in values.items()]
            lines.append("")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write("\n".join(lines))
            os.replace(tmp, self.path)  # a crash leaves the old file or the new, never half
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _split(key: str) -> tuple[str, str]:
    section, _, name = key.rpartition("/")
    return section or GENERAL, name
