from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import search


@pytest.fixture
def filled(store, partner):
    store.create("meeting", {"partner_id": partner["id"], "type": "regular_review",
                             "starts_at": "2026-11-20 10:00",
                             "notes": "讨论了返点政策和渠道激励。Rebates for distributors discussed."})
    store.create_action_item(partner_id=partner["id"], title="发送返点方案")
    store.create("contact", {"partner_id": partner["id"], "name": "王丽", "role": "采购经理",
                             "wechat": "wangli_88"})
    other = store.create_partner(name_en="Northwind Resellers", tier="ordinary", stage="intro")
    store.create("meeting", {"partner_id": other["id"], "type": "visit",
                             "starts_at": "2026-11-21 10:00", "notes": "Quarterly pricing talk."})
    return store


@pytest.mark.parametrize(
    "query, entities",
    [
        ("渠道", {"partner", "meeting"}),
        ("返点", {"meeting", "action_item"}),
        ("激励", {"meeting"}),
        ("采购", {"contact"}),
        ("华东渠道分销商", {"partner"}),
        ("商", {"partner"}),  # last character of a run
        ("distrib", {"partner", "meeting"}),  # partial English word
        ("northwind", {"partner"}),
        ("wangli", {"contact"}),
        ("返点 rebates", {"meeting"}),  # every word must match
    ],
)
def test_search_finds(filled, query, entities):
    assert {h.entity for h in filled.search(query)} == entities


def test_two_characters_must_be_adjacent(filled):
    assert filled.search("渠激") == []  # both characters occur, never side by side


def test_search_ignores_fts_syntax(filled):
    for q in ['"', "AND", "NEAR(", "*", "渠道 OR", ")("]:
        filled.search(q)  # must not raise


def test_deleted_records_leave_the_index(filled):
    hit = filled.search("激励")[0]
    filled.delete("meeting", hit.entity_id)
    assert filled.search("激励") == []


def test_trigram_alone_would_not_do(store):
    """Why the bigram index exists: SQLite's trigram tokenizer misses 2-character words
    and LIKE on a trigram table fails for CJK on this SQLite."""
    db = store.db
    db.execute("CREATE VIRTUAL TABLE tri USING fts5(t, tokenize='trigram')")
    db.execute("INSERT INTO tri VALUES ('讨论了返点政策')")
    assert db.execute("SELECT count(*) FROM tri WHERE tri MATCH '\"返点\"'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM tri WHERE tri MATCH '\"返点政\"'").fetchone()[0] == 1


def test_segment_forms():
    assert search.segment("渠道管理 ABC").split() == ["渠道", "道管", "管理", "理", "abc"]
    assert search.segment("ｈｅｌｌｏ，渠道（①）a渠b").split() == [
        "hello,", "渠道", "道", "(1)a", "渠", "b"]
    assert search.match_expression("渠道") == '"渠道"'
    assert search.match_expression("!!") is None


def reference_segment(text: str) -> list[str]:
    """The index's tokens spelled out slowly: NFKC, lower case, each CJK run as its
    bigrams then its last character, the rest split on whitespace."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens: list[str] = []
    for part in re.split(f"([{search._CJK}]+)", text):
        if re.fullmatch(f"[{search._CJK}]+", part):
            tokens += [part[i:i + 2] for i in range(len(part) - 1)] + [part[-1]]
        else:
            tokens += part.split()
    return tokens


# Chinese text with full-width punctuation and other NFKC-changing characters, mixed
# with any characters at all
_TEXT = st.lists(st.one_of(st.sampled_from(list("渠道管理返点，。：；（）！？　ｈｅｌＡＢ１①ﬁ")),
                           st.characters()), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fast_segment_gives_the_reference_tokens(text):
    assert search._nfkc(text) == unicodedata.normalize("NFKC", text)
    assert search.segment(text).split() == reference_segment(text)
