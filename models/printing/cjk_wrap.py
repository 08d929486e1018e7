"""Chinese line breaking for reportlab paragraphs (wordWrap="CJK").

reportlab's CJK splitters know the Japanese rules but not the Chinese ones: their
list of characters that may not start a line lacks the full-width comma, semicolon,
colon, question and exclamation marks and closing quotes, and they ignore characters
that may not end a line (opening brackets and quotes). A Chinese pack then shows
lines starting with "，". These splitters apply both rules (标点避头尾): closing
punctuation hangs at the end of the line, opening punctuation moves to the next
line, and runs of Latin letters are still kept together.

reportlab has two code paths (one styled run of text, or several), so both are
replaced; ``install`` does it once per process.
"""
from __future__ import annotations

from collections.abc import Sequence
from unicodedata import category

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

#: reportlab's own splitters, kept for comparison (tests) before ``install`` replaces them
STOCK_FRAG_SPLIT = rl_paragraph.cjkFragSplit
STOCK_WORD_SPLIT = rl_paragraph.wordSplit

#: may not start a line (避头): closing punctuation, Chinese and Western
CANNOT_START = ALL_CANNOT_START + "，；：！？、。”’）》〉」』】〕｝…·～%℃"
#: may not end a line (避尾): opening brackets and quotes
CANNOT_END = ALL_CANNOT_END + "“‘（《〈「『【〔｛"


def break_points(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                 forced: Sequence[bool] | None = None) -> list[tuple[int, int, float, bool]]:
    """Lines as (start, end, width used, ended by a forced break), filling greedily."""
    lines: list[tuple[int, int, float, bool]] = []
    n = len(chars)
    i = start = 0
    used = 0.0
    max_width = max_widths[0]
    while i < n:
        c = chars[i]
        used += widths[i]
        i += 1
        hard = bool(forced and forced[i - 1])
        if not ((used > max_width + _FUZZ and used > 0) or hard):
            continue
        if not hard:
            # chars[i - 1] overflowed. Inside a Latin word, go back to the word's start
            # (no further than mid-line: a very long word is cut instead).
            if c and ord(c[0]) < 0x3000:
                for j in range(i - 2, (start + i) >> 1, -1):
                    cj = chars[j]
                    if cj and (category(cj[0]) == "Zs" or ord(cj[0]) >= 0x3000):
                        if j + 1 < i - 1:
                            i = j + 2  # the glyph after the break point now overflows
                        break
            # closing punctuation hangs in the margin; anything else moves down
            if chars[i - 1] not in CANNOT_START and i > start + 1:
                i -= 1
            # only one mark may hang: before a second closing mark ("。”"), the last
            # character moves down with both marks
            while i < n and i > start + 2 and chars[i] and chars[i] in CANNOT_START:
                i -= 1
            # an opening bracket or quote never ends a line: it moves down with its word
            while i > start + 2 and chars[i - 1] and chars[i - 1] in CANNOT_END:
                i -= 1
            used = sum(widths[start:i])
        lines.append((start, i, used, hard))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start = i
        used = 0.0
    if start < n:
        lines.append((start, n, sum(widths[start:n]), False))
    return lines


def _line_width(max_widths: Sequence[float], index: int) -> float:
    return max_widths[min(index, len(max_widths) - 1)]


#: glyph widths per (font, size): measuring one character at a time is the hot path
_widths: dict[tuple[str, float], dict[str, float]] = {}


def word_split(word: str, maxWidths: float | Sequence[float], fontName: str,
               fontSize: float, encoding: str = "utf8") -> list[list]:
    """reportlab.lib.textsplit.wordSplit with Chinese rules (one run of text)."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    widths_list = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    cache = _widths.setdefault((fontName, fontSize), {})
    widths = []
    for c in word:
        w = cache.get(c)
        if w is None:
            w = cache[c] = stringWidth(c, fontName, fontSize)
        widths.append(w)
    return [
        [_line_width(widths_list, k) - used, word[s:e].strip()]
        for k, (s, e, used, _) in enumerate(break_points(word, widths, widths_list))
    ]


def _glyph_width(u: object, max_width: float) -> float:
    w = u.width  # type: ignore[attr-defined]
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


def cjk_frag_split(frags: list, maxWidths: Sequence[float], calcBounds: bool,
                   encoding: str = "utf8") -> rl_paragraph.ParaLines:
    """reportlab.platypus.paragraph.cjkFragSplit with Chinese rules (styled runs)."""
    glyphs: list = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            glyphs.extend(rl_paragraph.cjkU(t, f, encoding) for t in text)
        else:
            glyphs.append(rl_paragraph.cjkU(text, f, encoding))
    widths = [_glyph_width(g, maxWidths[0]) for g in glyphs]
    forced = [hasattr(g.frag, "lineBreak") for g in glyphs]
    lines = []
    for k, (s, e, used, hard) in enumerate(break_points(glyphs, widths, maxWidths, forced)):
        max_width = _line_width(maxWidths, k)
        lines.append(rl_paragraph.makeCJKParaLine(
            glyphs[s:e], max_width, used, max_width - used, hard, calcBounds))
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def install() -> None:
    """Make reportlab's CJK paragraphs use these rules (idempotent)."""
    rl_paragraph.cjkFragSplit = cjk_frag_split
    rl_paragraph.wordSplit = word_split
