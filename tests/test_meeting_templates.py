"""Agenda templates per meeting type and the note-line conventions (Qt-free)."""
from __future__ import annotations

import pytest

from models.domain import MeetingType
from models.meeting_templates import (
    CONVERTED_MARK,
    agenda_points,
    build_agenda,
    is_converted,
    language_of,
    mark_converted,
    parse_action_line,
)


@pytest.mark.parametrize("meeting_type", [t.value for t in MeetingType])
def test_every_type_has_an_agenda_in_both_languages(meeting_type):
    en, zh = agenda_points(meeting_type, "en"), agenda_points(meeting_type, "zh_CN")
    assert en and len(en) == len(zh)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in zh)
    assert not any(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in en)


def test_types_have_different_agendas():
    texts = {tuple(agenda_points(t.value)) for t in MeetingType}
    assert len(texts) == len(MeetingType)


def test_regular_review_carries_over_open_items_last_meeting_first():
    items = [
        {"title": "补货周期缩短", "owner_side": "ours", "owner_name": "王磊", "due_on": "2026-12-01",
         "meeting_id": "m-old"},
        {"title": "提交季度库存报表", "owner_side": "partner", "owner_name": None, "due_on": None,
         "meeting_id": "m-last"},
    ]
    text = build_agenda("regular_review", "zh", items, last_meeting_id="m-last")
    assert text.startswith("1. 跟进未关闭的行动项")
    assert text.index("上次会议遗留") < text.index("提交季度库存报表") < text.index("其他未关闭")
    assert text.index("其他未关闭") < text.index("补货周期缩短")
    assert "渠道方" in text and "我方: 王磊" in text and "2026-12-01" in text
    en = build_agenda("regular_review", "en", items, last_meeting_id="m-last")
    assert "carried over from the last meeting" in en and "partner)" in en


def test_other_types_do_not_list_action_items():
    items = [{"title": "补货周期缩短", "owner_side": "ours"}]
    assert "补货周期缩短" not in build_agenda("training", "zh", items)
    assert "补货周期缩短" not in build_agenda("regular_review", "zh", [])


@pytest.mark.parametrize(
    ("line", "title", "side"),
    [
        ("  - 下周前提交库存报表", "下周前提交库存报表", "ours"),
        ("对方：提供门店名单", "提供门店名单", "partner"),
        ("渠道: 确认促销预算", "确认促销预算", "partner"),
        ("@partner send the stock report", "send the stock report", "partner"),
        ("@对方 安排培训场地", "安排培训场地", "partner"),
        ("我方：核对返点", "核对返点", "ours"),
        ("2. Check rebate settlement", "Check rebate settlement", "ours"),
    ],
)
def test_parse_action_line(line, title, side):
    parsed = parse_action_line(line)
    assert parsed is not None
    assert (parsed.title, parsed.owner_side) == (title, side)


def test_blank_and_converted_lines_are_not_actions():
    assert parse_action_line("   ") is None
    assert parse_action_line("对方：") is None
    marked = mark_converted("  对方：提供门店名单")
    assert marked == "  " + CONVERTED_MARK + "对方：提供门店名单"
    assert is_converted(marked) and parse_action_line(marked) is None


def test_language_of():
    assert language_of("zh_CN") == "zh" and language_of("en") == "en" and language_of(None) == "en"


def test_a_partners_agenda_is_written_in_its_preferred_language(store):
    """The agenda ends up in the pack on the partner's table: the partner's language
    wins over the interface's; without one the interface's is used."""
    from models.meeting_templates import agenda_for

    zh = store.create_partner(name_zh="华东渠道", tier="core", stage="mature", language="zh_CN")
    en = store.create_partner(name_en="Harbour Trading", tier="core", stage="mature", language="en")
    plain = store.create_partner(name_zh="无偏好渠道", tier="core", stage="mature")
    assert agenda_for(store, zh["id"], "visit", "en").startswith("1. 经营近况")
    assert agenda_for(store, en["id"], "regular_review", "zh_CN").startswith(
        "1. Follow-up on open action items")
    assert agenda_for(store, plain["id"], "visit", "en").startswith("1. How business is going")
    assert agenda_for(store, plain["id"], "visit", "zh_CN").startswith("1. 经营近况")
