"""Search results as people read them: each hit with its partner's name and a snippet
of the text that matched, the match marked, a page at a time.

The index holds segmented text (bigrams, pinyin keys), not what the user wrote, so
the snippet is cut from the record itself: the first of its fields where a term of
the query stands (a Chinese word, a word's start, a number's digits however they were
spaced, or the characters a pinyin word reads). Only the hits of one page are read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from models import pinyin, search
from models.schema import entity
from models.search_index import answer_texts

#: hits per page (the palette and ``main.py search``)
PAGE = 50
#: characters of a snippet
SNIPPET_WIDTH = 80
#: characters shown before the first match
LEAD = 10


@dataclass(frozen=True)
class Snippet:
    text: str
    #: (start, end) of each match in ``text``
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The text with each match between ``before`` and ``after``."""
        out, at = [], 0
        for start, end in self.spans:
            out += [self.text[at:start], before, self.text[start:end], after]
            at = end
        out.append(self.text[at:])
        return "".join(out)


@dataclass(frozen=True)
class Found:
    entity: str
    entity_id: str
    partner_id: str | None
    title: str
    partner_name: str
    snippet: Snippet


def find(store: Any, text: str, *, limit: int = PAGE, offset: int = 0) -> tuple[list[Found], bool]:
    """One page of hits for ``text`` (``offset`` hits skipped) and whether more follow."""
    hits = store.search(text, limit=limit + 1, offset=offset)
    more = len(hits) > limit
    hits = hits[:limit]
    terms = search.query_terms(text)
    # one read per kind of record and one for the partners' names, not two per hit
    rows: dict[str, dict[str, Any]] = {}
    for name in {h.entity for h in hits}:
        rows.update(_rows_by_id(store, name, [h.entity_id for h in hits if h.entity == name]))
    partner_ids = list({h.partner_id for h in hits if h.partner_id})
    names = {pid: (r.get("name_zh") or r.get("name_en") or "")
             for pid, r in _rows_by_id(store, "partner", partner_ids).items()}
    out = []
    for h in hits:
        row = rows.get(h.entity_id)
        fields = record_texts(h.entity, row, h.title) if row else [h.title]
        out.append(Found(h.entity, h.entity_id, h.partner_id, h.title,
                         names.get(h.partner_id or "", ""), snippet(fields, terms)))
    return out, more


def _rows_by_id(store: Any, entity_name: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    table = entity(entity_name).table
    return {r["id"]: r for r in store.query(
        f"SELECT * FROM {table} WHERE deleted = 0 AND id IN ({', '.join('?' for _ in ids)})", ids)}


def record_texts(entity_name: str, row: dict[str, Any], title: str) -> list[str]:
    """The texts of a record a snippet may come from: its title, then its body fields."""
    ent = entity(entity_name)
    if entity_name == "checklist_run":
        return [title, *answer_texts(row.get("answers"))]
    texts = [str(row[f]) for f in ent.search_title if row.get(f)] or [title]
    return texts + [str(row[f]) for f in ent.search_body if row.get(f)]


def snippet(texts: list[str], terms: list[list[str]], width: int = SNIPPET_WIDTH) -> Snippet:
    """The first text where a term matches, cut to ``width`` around its first match,
    with every match in the cut marked; the first text as it is if none matches."""
    for text in texts:
        spans = _spans(text, terms)
        if not spans:
            continue
        # a few characters of context before the match: a narrow column still shows it
        start = max(0, spans[0][0] - LEAD)
        end = min(len(text), start + width)
        cut = text[start:end].replace("\n", " ")  # one line (same length)
        prefix = "…" if start else ""
        shown = tuple((a - start + len(prefix), min(b, end) - start + len(prefix))
                      for a, b in spans if a >= start and a < end)
        return Snippet(prefix + cut + ("…" if end < len(text) else ""), shown)
    first = (texts[0] if texts else "").replace("\n", " ")
    return Snippet(first[:width] + ("…" if len(first) > width else ""))


def _spans(text: str, terms: list[list[str]]) -> list[tuple[int, int]]:
    lower = text.lower()
    found: list[tuple[int, int]] = []
    digits_at = [i for i, c in enumerate(text) if c.isdigit()]
    digits = "".join(text[i] for i in digits_at)
    for forms in terms:
        for form in forms:
            if not form:
                continue
            if form.isdigit() and len(form) >= 3:
                at = digits.find(form)
                if at >= 0:
                    found.append((digits_at[at], digits_at[at + len(form) - 1] + 1))
                    break
            pattern = re.escape(form) if search._CJK_RUN.fullmatch(form) else r"(?<!\w)" + re.escape(form)
            hits = [(m.start(), m.end()) for m in re.finditer(pattern, lower)]
            if hits:
                found += hits
                break
            if form.isascii() and form.isalpha():
                span = pinyin.match_span(text, form)
                if span:
                    found.append(span)
                    break
    return _merged(found)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
