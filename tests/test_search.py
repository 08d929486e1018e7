from __future__ import annotations

import pytest

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
    assert search.segment("渠道管理 ABC") == "渠道 道管 管理 理 abc"
    assert search.match_expression("渠道") == '"渠道"'
    assert search.match_expression("!!") is None
