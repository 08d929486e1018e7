"""Internal lines in meeting text: what stays ours when a pack goes to the partner.

A manager types meeting notes with the partner sitting across the table; some lines
are our judgement ("they reply more slowly — watch for 躺平"). Such a line starts
with the internal marker, the same kind of prefix as "对方:" for a partner-owned
action item:

- ``内部:`` / ``内部：`` / ``@内部``, or ``internal:`` / ``@internal`` (any case);
- leading bullets (``-``, ``*``, ``•``, ``1.``) and the converted mark (``→``) may
  come first.

The meeting editor toggles the marker on the current line (Ctrl+Shift+I) and shows
such lines greyed. A partner copy of a pack leaves these lines out of the notes,
decisions and agenda; the internal copy prints them (marked). Qt-free: the pack
renderer and the editor share it.
"""
from __future__ import annotations

import re

#: what the editor writes in front of a line marked internal, per UI language
MARKERS = {"zh": "内部：", "en": "Internal: "}

_INTERNAL = re.compile(
    r"^(?P<lead>\s*(?:→\s*)?(?:(?:[-*•·]|\d+[.)、])\s*)?)"
    r"(?P<mark>@(?:internal|内部)\b[:：]?\s*|(?:internal|内部)\s*[:：]\s*)",
    re.IGNORECASE,
)


def is_internal(line: str) -> bool:
    """Whether a line of meeting text is marked internal."""
    return _INTERNAL.match(line) is not None


def strip_marker(line: str) -> str:
    """The line without its internal marker (bullets and indentation kept)."""
    m = _INTERNAL.match(line)
    return line if m is None else m.group("lead") + line[m.end():]


def toggle_internal(line: str, lang: str = "en") -> str:
    """Mark a line internal, or unmark it when it already is. The marker goes after
    the indentation, bullets and converted mark, so those keep working."""
    if is_internal(line):
        return strip_marker(line)
    m = re.match(r"^\s*(?:→\s*)?(?:(?:[-*•·]|\d+[.)、])\s*)?", line)
    lead = m.group(0) if m else ""
    marker = MARKERS["zh" if lang.lower().startswith("zh") else "en"]
    return lead + marker + line[len(lead):]


def shared_text(text: str | None) -> str:
    """``text`` without its internal lines, as a partner may read it. Blank lines
    left behind where a whole paragraph was internal collapse to one."""
    if not text:
        return ""
    kept = [line for line in text.split("\n") if not is_internal(line)]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return out.strip("\n")


def has_internal(text: str | None) -> bool:
    return bool(text) and any(is_internal(line) for line in text.split("\n"))
