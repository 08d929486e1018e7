"""Search text segmentation that works for Chinese.

SQLite's unicode61 tokenizer treats a whole run of Chinese characters as one token,
and the trigram tokenizer matches only 3+ characters, yet most Chinese words are two
characters long. So the store indexes CJK runs as overlapping bigrams (the approach
of Lucene's CJKAnalyzer): 渠道管理 is indexed as "渠道 道管 管理". A query of n ≥ 2
CJK characters becomes the phrase of its n-1 bigrams, which must stand at
consecutive positions: an exact substring match. A single CJK character becomes a
prefix query on the bigrams (the last character of a run is also indexed alone). Latin words stay words and match by prefix, so
"distrib" finds "distributor".
"""
from __future__ import annotations

import re
import unicodedata
from operator import add

# CJK Unified Ideographs (+ extension A, compatibility), kana and hangul are segmented
# into bigrams; everything else is left for unicode61 to split into words.
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # extension A
    "\u4e00-\u9fff"  # unified ideographs
    "\uac00-\ud7af"  # hangul
    "\uf900-\ufaff"  # compatibility ideographs
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_SPLIT = re.compile(f"([{_CJK}]+)")
_WORD = re.compile(r"\w+", re.UNICODE)


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


# Full-width punctuation Chinese text is full of, each mapped by NFKC to one ASCII
# character that takes part in no composition: replacing them first gives NFKC's own
# result, and most notes are then already normalized (a quick check, not a rewrite).
_FULLWIDTH_PUNCTUATION = (("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"),
                          ("！", "!"), ("？", "?"))


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster for typical Chinese notes."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _FULLWIDTH_PUNCTUATION:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def segment(text: str | None) -> str:
    """Turn text into the form stored in the full-text index: each CJK run becomes its
    bigrams followed by its last character, everything else is left for unicode61.

    This runs for every record a first sync pulls (100,000 meetings), so it stays in C
    where it can: one split, and per run one ``join`` of the bigrams.
    """
    if not text:
        return ""
    parts = _SPLIT.split(_nfkc(text).lower())
    # the split's capture group puts the CJK runs at the odd positions
    for i in range(1, len(parts), 2):
        run = parts[i]
        if len(run) > 1:
            # the run's last character also stands alone, so that a one-character
            # query (a prefix query on bigrams) finds it too; it comes after the
            # bigrams and so never splits a phrase
            parts[i] = " ".join(map(add, run, run[1:])) + " " + run[-1]
    return " ".join(parts)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query, or None if nothing is searchable.

    Every term must match (AND). User input never reaches FTS5 syntax unquoted.
    """
    query = unicodedata.normalize("NFKC", query).lower()
    clauses: list[str] = []
    for part in _SPLIT.split(query):
        if not part:
            continue
        if _CJK_RUN.fullmatch(part):
            if len(part) == 1:
                clauses.append(f'"{part}"*')
            else:
                clauses.append('"' + " ".join(_bigrams(part)) + '"')
        else:
            for word in _WORD.findall(part):
                clauses.append('"' + word.replace('"', '""') + '"*')
    return " AND ".join(clauses) if clauses else None
