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


#: a number typed with separators ("+86 134 1470 6168", "0531-8888 6666"): 7+ digits
_NUMBER = re.compile(r"(?<!\w)\+?\d[\d \-().]{4,}\d(?!\w)")
#: pinyin with tone numbers ("ji3nan2")
_TONE_NUMBERS = re.compile(r"(?:[a-z]+[1-5])+[a-z]*")
_NUMBER_PARTS = re.compile(r"[,;/，；、\n]")


def digit_keys(value: str | None) -> list[str]:
    """Search tokens for a phone number or an id, however it was typed: its digits
    alone, and every tail of them of 4+ digits (so "6168" or "13414706168" find
    "+86 134 1470 6168"). One value may hold several numbers (comma, semicolon, slash)."""
    if not value:
        return []
    keys: dict[str, None] = {}
    for part in _NUMBER_PARTS.split(value):
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", part))
        if len(digits) >= 5:
            for i in range(len(digits) - 3):
                keys[digits[i:]] = None
    return list(keys)


def _word_forms(word: str) -> list[str]:
    """A Latin query word and the forms its pinyin may be indexed under: without tone
    marks (ǐ → i, ü → v), without tone numbers (ji3nan2 → jinan)."""
    forms = [word]
    plain = "".join(c for c in unicodedata.normalize("NFD", word.replace("ü", "v"))
                    if not unicodedata.combining(c))
    if _TONE_NUMBERS.fullmatch(plain) and any(c.isdigit() for c in plain):
        plain = re.sub(r"[1-5]", "", plain)
    if plain != word:
        forms.append(plain)
    return forms


def _term(forms: list[str]) -> str:
    quoted = ['"' + f.replace('"', '""') + '"*' for f in forms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def query_terms(query: str) -> list[list[str]]:
    """The user's query as terms that must all match, each a list of alternative forms
    (a CJK run, a Latin word and its pinyin forms, a number's digits)."""
    query = unicodedata.normalize("NFKC", query).lower()
    terms: list[list[str]] = []
    numbers = []
    for m in _NUMBER.finditer(query):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 7:
            numbers.append(m)
            terms.append([digits, *_WORD.findall(m.group())])
    for m in reversed(numbers):
        query = query[:m.start()] + " " + query[m.end():]
    for part in _SPLIT.split(query):
        if not part:
            continue
        if _CJK_RUN.fullmatch(part):
            terms.append([part])
        else:
            terms += [_word_forms(w) for w in _WORD.findall(part)]
    return terms


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query, or None if nothing is searchable.

    Every term must match (AND); a Latin word also matches the pinyin and initials of
    names (the ``keys`` column), a number typed with separators also matches its
    digits. User input never reaches FTS5 syntax unquoted.
    """
    clauses: list[str] = []
    for forms in query_terms(query):
        head = forms[0]
        if _CJK_RUN.fullmatch(head):
            if len(head) == 1:
                clauses.append(f'"{head}"*')
            else:
                clauses.append('"' + " ".join(_bigrams(head)) + '"')
        elif head.isdigit() and len(forms) > 1 and len(head) >= 7:
            # the digits, or the groups as typed (a date stays findable as it was)
            groups = " AND ".join(_term([w]) for w in forms[1:])
            clauses.append(f'({_term([head])} OR ({groups}))')
        else:
            clauses.append(_term(forms))
    return " AND ".join(clauses) if clauses else None
