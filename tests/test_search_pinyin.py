"""Pinyin, initials and phone digits find what Chinese users type; names sort by pinyin."""
from __future__ import annotations

import datetime as dt

import pytest
from pypinyin import Style, lazy_pinyin

from models import demo_data, pinyin, search
from models.database import open_memory_database
from models.insights import partner_overviews
from models.search_index import name_order
from models.store import Store

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo():
    store = Store(open_memory_database())
    demo_data.generate(store, partners=60, meetings=200, actions=200, seed=3, today=TODAY)
    return store


def _ids(store, query, entity):
    return {h.entity_id for h in store.search(query, limit=500) if h.entity == entity}


def test_every_demo_partner_is_found_by_full_pinyin_and_initials(demo):
    partners = demo.rows("partner")
    assert len(partners) == 60
    named = [p for p in partners if p["name_zh"]]
    assert len(named) > 40
    for p in named:
        name = p["name_zh"]
        full = "".join(lazy_pinyin(name))
        initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
        for query in (full, initials, full[:5], initials[:3] + name[3:5],
                      " ".join(lazy_pinyin(name, style=Style.TONE3)[:2])):
            assert p["id"] in _ids(demo, query, "partner"), (name, query)


def test_every_demo_contact_is_found_by_pinyin_and_by_the_digits_of_its_phone(demo):
    for c in demo.rows("contact")[:80]:
        assert c["id"] in _ids(demo, "".join(lazy_pinyin(c["name"])), "contact"), c["name"]
        digits = "".join(ch for ch in c["phone"] if ch.isdigit())
        for query in (digits, digits[2:], digits[-4:], c["phone"], digits[2:5] + "-" + digits[5:]):
            assert c["id"] in _ids(demo, query, "contact"), (c["phone"], query)


def test_pinyin_forms(store):
    p = store.create_partner(name_zh="济南明德科技有限公司", tier="core", stage="mature")
    store.create_partner(name_zh="重庆长安渠道", tier="core", stage="mature")
    for query in ("jnmd", "jinan", "jn明德", "jǐnán", "ji3nan2", "mingde", "JINAN",
                  "jinanmingdekejiyouxiangongsi"):
        assert _ids(store, query, "partner") == {p["id"]}, query
    assert _ids(store, "jnmx", "partner") == set()
    # heteronyms: the phrase reading and each character's first reading
    assert len(_ids(store, "chongqing", "partner")) == 1
    assert len(_ids(store, "zhongqing", "partner")) == 1  # 重's common reading
    c = store.create("contact", {"partner_id": p["id"], "name": "曾小明", "phone": "+86 134 1470 6168"})
    assert _ids(store, "zengxiaoming", "contact") == {c["id"]}  # the surname reading
    assert _ids(store, "zxm", "contact") == {c["id"]}
    assert _ids(store, "13414706168", "contact") == {c["id"]}
    assert _ids(store, "134 1470 6168", "contact") == {c["id"]}


def test_a_date_typed_in_full_still_finds_its_meeting(store, partner):
    m = store.create("meeting", {"partner_id": partner["id"], "type": "visit",
                                 "starts_at": "2026-11-20 10:00"})
    assert _ids(store, "2026-11-20", "meeting") == {m["id"]}


def test_review_answers_and_comments_are_searchable(store, partner):
    tpl = store.published_templates()[0]
    run = store.create("checklist_run", {
        "partner_id": partner["id"], "template_id": tpl["id"], "performed_on": "2026-11-02",
        "answers": {"a": {"value": 4, "comment": "分润比例需要重新谈"}, "b": {"value": "yes"}}})
    assert _ids(store, "分润", "checklist_run") == {run["id"]}
    hit = next(h for h in store.search("分润") if h.entity_id == run["id"])
    assert "2026-11-02" in hit.title and tpl["name"] in hit.title


def test_names_sort_by_pinyin_in_lists(store):
    for name in ("上海贸易", "乌鲁木齐商行", "北京渠道", "南京分销", "安徽总代"):
        store.create_partner(name_zh=name, tier="ordinary", stage="intro")
    names = [o.name_zh for o in partner_overviews(store, TODAY)]
    assert names == ["安徽总代", "北京渠道", "南京分销", "上海贸易", "乌鲁木齐商行"]
    p = store.rows("partner")[0]
    for name in ("张伟", "安娜", "曾敏", "李雷"):
        store.create("contact", {"partner_id": p["id"], "name": name})
    contacts = [c["name"] for c in store.for_partner("contact", p["id"], order=["name"])]
    assert contacts == ["安娜", "曾敏", "李雷", "张伟"]


def test_overviews_come_in_the_order_name_order_gives_in_sql():
    """partner_overviews sorts in Python by the keys it reads in one pass; the
    order is the one SQL's name_order gives, partners waiting for the search index
    (no sort key yet, ordered by their name) and names in Latin letters included."""
    store = Store(open_memory_database())
    demo_data.generate(store, partners=40, meetings=0, actions=0, seed=5, today=TODAY)
    made = [store.create_partner(name_zh=zh, name_en=en, tier="ordinary", stage="intro")["id"]
            for zh, en in (("安徽总代", None), (None, "Zeta Trading"), ("", "Alpha"),
                           ("北京渠道", "BJ"), ("北京渠道", "BJ 2"), (None, "alpha"))]
    # without a sort key, "Zeta Trading" comes before "alpha" (text order, as in SQL)
    waiting = [r["id"] for r in store.rows("partner")[::7]] + [made[1], made[5]]
    store.db.execute(f"DELETE FROM search_docs WHERE entity_id IN ({', '.join('?' for _ in waiting)})",
                     waiting)
    in_sql = [r["id"] for r in store.rows("partner", order_by=name_order("partner"))]
    overviews = partner_overviews(store, TODAY)
    assert [o.id for o in overviews] == in_sql
    assert {o.id for o in overviews if o.sort_name == o.display_name.casefold()} >= set(waiting)
    # (two partners of one name may come either way round, in SQL too)
    names = [o.display_name for o in overviews]
    some = [o.id for o in overviews if names.count(o.display_name) == 1][3:9]
    assert [o.id for o in partner_overviews(store, TODAY, partner_ids=some[::-1])] == some


def test_partners_of_one_name_come_in_the_order_they_were_added():
    """Ties in the name order keep the partners' row order (as name_order in SQL does),
    whatever order their ids sort in: here the ids run the other way round."""
    store = Store(open_memory_database())
    for pid in ("p-3", "p-2", "p-1"):
        store.apply_remote("partner", {"id": pid, "name_zh": "同名渠道", "tier": "core",
                                       "stage": "intro"}, version=1)
    store.create_partner(name_zh="安徽总代", tier="ordinary", stage="intro")
    got = [o.id for o in partner_overviews(store, TODAY)]
    assert got[1:] == ["p-3", "p-2", "p-1"]
    assert got == [r["id"] for r in store.rows("partner", order_by=name_order("partner"))]
    assert [o.id for o in partner_overviews(store, TODAY, partner_ids=["p-1", "p-3"])] == [
        "p-3", "p-1"]


def test_sort_key_orders_by_syllable_then_tone():
    assert sorted(["妈", "马", "骂", "麻"], key=pinyin.sort_key) == ["妈", "麻", "马", "骂"]
    assert pinyin.sort_key("ABC") < pinyin.sort_key("北京")


def test_match_span_finds_the_characters_read():
    assert pinyin.match_span("山东济南明德", "jinan") == (2, 4)
    assert pinyin.match_span("济南明德", "jnmd") == (0, 4)
    assert pinyin.match_span("济南明德", "xyz") is None


def test_query_terms_keep_user_input_quoted():
    assert search.match_expression('jn"明德') == '"jn"* AND "明德"'


def test_search_command_prints_entity_id_title_and_marked_snippet(tmp_path, capsys):
    from desktop.cli import main
    from tests.keys import open_test_database

    root = tmp_path / "profile"
    s = Store(open_test_database(root / "channelkeeper.db"))
    p = s.create_partner(name_zh="济南明德科技", tier="core", stage="mature")
    c = s.create("contact", {"partner_id": p["id"], "name": "王丽", "phone": "+86 134 1470 6168"})
    for i in range(3):
        s.create("meeting", {"partner_id": p["id"], "type": "visit",
                             "starts_at": f"2026-11-2{i} 10:00", "notes": f"第{i}次讨论返点政策"})
    s.db.conn.close()
    assert main(["search", "--profile", str(root), "jn明德"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"partner\t{p['id']}\t济南明德科技\t[济南明德]科技"]
    assert main(["search", "--profile", str(root), "13414706168"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"contact\t{c['id']}\t王丽\t+86 [134 1470 6168]"]
    assert main(["search", "--profile", str(root), "返点", "--limit", "2"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2 and "--offset 2" in captured.err
    assert all("讨论[返点]政策" in line for line in captured.out.splitlines())
    assert main(["search", "--profile", str(root), "返点", "--offset", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["search", "--profile", str(root), "nothing-like-it"]) == 1


def test_an_upgrade_re_indexes_at_open_when_small_else_leaves_it_to_the_background(monkeypatch):
    from models import migrations
    from models.database import Database, connect

    def old_file() -> Database:
        db = Database(connect(":memory:", None))
        migrations.apply(db, stop_before="0010_search_pinyin_keys")
        for i, name in enumerate(("济南明德", "青岛海岸", "烟台新港")):
            db.conn.execute(
                "INSERT INTO partners (id, version, created_at, updated_at, deleted, name_zh,"
                " tier, stage) VALUES (?, 0, '2026-11-01', '2026-11-01', 0, ?, 'core', 'mature')",
                [f"00000000-0000-4000-8000-00000000000{i}", name])
        return db

    small = old_file()
    migrations.apply(small)
    assert [h.title for h in Store(small).search("jnmd")] == ["济南明德"]  # at open
    monkeypatch.setattr(migrations, "OPEN_INDEX_LIMIT", 2)
    big = old_file()
    migrations.apply(big)
    store = Store(big)
    assert store.search_backlog_pending() and store.search_backlog_count() == 3
    assert store.search("jnmd") == []  # until the background indexing (SearchBacklog) runs
    while store.index_backlog(2):
        pass
    assert [h.title for h in store.search("qdha")] == ["青岛海岸"]
