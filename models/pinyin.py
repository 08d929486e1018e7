"""Pinyin forms of Chinese text, for search keys and for sorting names.

Chinese users look names up by pinyin: in full (``jinan``), by initials (``jnmd``),
mixed (``jinmd``), with tone marks or numbers (``jǐnán``, ``ji3nan2``). The search
index stores, for each CJK run of a name, every suffix of its syllables written out in
full and as initials (济南明德 → ``jinanmingde nanmingde mingde de jnmd nmd md d``), so
a prefix query finds any run of syllables starting at a character boundary.

Heteronyms: a character with one reading costs a dictionary look-up; a run that holds
a character with several readings is read by ``pypinyin.lazy_pinyin``, which uses its
phrase dictionary (重庆 chongqing, 银行 yinhang), and its first dictionary readings are
indexed too. A person's name also gets the surname reading of its first character
(曾 zeng, 单 shan), which dictionaries list after the common one.

``pypinyin`` loads its dictionaries in about 100 ms, so it is imported on first use.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: longest run of characters whose syllable suffixes are indexed (names are short; an
#: address or a note would give quadratic keys)
MAX_RUN = 32

#: surnames whose reading as a surname is not the character's common reading
SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou",
    "查": "zha", "盖": "ge", "乐": "yue", "覃": "qin", "缪": "miao", "秘": "bi",
    "尉": "yu", "万": "wan", "员": "yun", "召": "shao", "种": "chong", "繁": "po",
    "翟": "zhai", "长": "chang", "沈": "shen", "重": "chong", "折": "she", "任": "ren",
}


@cache
def _lib() -> tuple[Any, Any, Any, Any]:
    # late: off the start path, docs/benchmarks.md
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style._tone_convert import to_normal

    return lazy_pinyin, Style, pinyin_dict, to_normal


@lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    """The toneless readings of one character (ü as v), most common first; () if it has none."""
    _, _, pinyin_dict, to_normal = _lib()
    entry = pinyin_dict.get(ord(char))
    if not entry:
        return ()
    return tuple(dict.fromkeys(to_normal(r, v_to_u=False) for r in entry.split(",")))


def syllable_sequences(run: str, *, surname: bool = False) -> list[list[str]]:
    """The readings of a run of Han characters worth indexing: the phrase-aware one,
    the one of each character's first reading, and (``surname``) the surname reading
    of the first character. One list of syllables per reading, no two alike."""
    per_char = [_readings(c) or (c,) for c in run]
    first = [r[0] for r in per_char]
    sequences = [first]
    if any(len(r) > 1 for r in per_char):
        # the phrase-aware reading, shared with sort_key (one pypinyin call per name)
        context = [syl.rstrip("12345") for syl in _tone3_syllables(run)]
        if len(context) == len(run) and context != first:
            sequences.insert(0, context)
    if surname and run[0] in SURNAMES and SURNAMES[run[0]] != sequences[0][0]:
        sequences.append([SURNAMES[run[0]], *sequences[0][1:]])
    return sequences


def search_keys(text: str | None, *, surname: bool = False) -> list[str]:
    """The pinyin tokens of ``text`` for the search index: per Han run and reading, each
    suffix of its syllables in full and as initials."""
    if not text:
        return []
    return list(_search_keys(text, surname))


@lru_cache(maxsize=8192)
def _search_keys(text: str, surname: bool) -> tuple[str, ...]:
    # cached: the same names come back again and again (an owner on 100,000 action items)
    keys: dict[str, None] = {}
    for i, m in enumerate(_HAN_RUN.finditer(text)):
        run = m.group()[:MAX_RUN]
        for seq in syllable_sequences(run, surname=surname and i == 0):
            initials = [s[0] for s in seq]
            for k in range(len(seq)):
                keys["".join(seq[k:])] = None
                keys["".join(initials[k:])] = None
    return tuple(keys)


def sort_key(text: str | None) -> str:
    """A key that orders names the way Chinese readers expect: by pinyin (toneless, then
    by tone, then by the characters), Latin text mixed in by its letters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).strip()
    out: list[str] = []
    tones: list[str] = []
    for part in re.split(f"({_HAN_RUN.pattern})", text):
        if not part:
            continue
        if _HAN_RUN.fullmatch(part):
            for syl in _tone3_syllables(part):
                out.append(syl.rstrip("12345"))
                tones.append(syl[-1] if syl[-1:].isdigit() else "5")
        else:
            out.append(part.casefold())
    # syllables first (an, ang, ba …), tones and then the text itself only break ties
    return " ".join(out) + "\x01" + "".join(tones) + "\x01" + text


@lru_cache(maxsize=65536)
def _tone3(char: str) -> str:
    """A character's first reading with its tone as a digit (hǎo → hao3)."""
    _, _, pinyin_dict, _ = _lib()
    # late: off the start path, docs/benchmarks.md
    from pypinyin.style._tone_convert import to_tone3

    entry = pinyin_dict.get(ord(char))
    return to_tone3(entry.split(",", 1)[0], neutral_tone_with_five=True, v_to_u=False) \
        if entry else char


@lru_cache(maxsize=8192)
def _tone3_syllables(run: str) -> tuple[str, ...]:
    """The syllables of a Han run with tone digits: a dictionary look-up per character,
    the phrase-aware reading only when a character has several readings."""
    if all(len(_readings(c)) <= 1 for c in run):
        return tuple(_tone3(c) for c in run)
    lazy_pinyin, style, _, _ = _lib()
    return tuple(lazy_pinyin(run, style=style.TONE3, neutral_tone_with_five=True,
                             v_to_u=False, errors=lambda s: list(s)))


def match_span(text: str, word: str) -> tuple[int, int] | None:
    """Where in ``text`` a pinyin query word (full syllables, initials or both mixed,
    lower case, no tones) reads, as (start, end) character offsets; None if nowhere."""
    if not word or not _HAN_RUN.search(text):
        return None
    options = [set(_readings(c)) or {c.lower()} for c in text]

    def end_of(w: str, i: int) -> int | None:
        if not w:
            return i
        if i >= len(text):
            return None
        for s in options[i]:
            if s.startswith(w):
                return i + 1  # the query ends inside this syllable
            if w.startswith(s):
                found = end_of(w[len(s):], i + 1)
                if found is not None:
                    return found
        if any(s[:1] == w[0] for s in options[i]):
            return end_of(w[1:], i + 1)
        return None

    for start in range(len(text)):
        if not _HAN_RUN.match(text[start]):
            continue
        end = end_of(word, start)
        if end is not None:
            return start, end
    return None
