"""The internal-line marker of meeting text (models.internal_lines)."""
from __future__ import annotations

import pytest

from models.internal_lines import (
    has_internal,
    is_internal,
    shared_text,
    strip_marker,
    toggle_internal,
)


@pytest.mark.parametrize("line", [
    "内部：对方在看竞品", "内部: 对方在看竞品", "@内部 对方在看竞品", "Internal: watch them",
    "internal:watch them", "@internal watch them", "  - 内部：缩进的要点", "→ 内部：已转成行动项",
    "1. INTERNAL: numbered",
])
def test_marked_lines_are_internal(line):
    assert is_internal(line)


@pytest.mark.parametrize("line", [
    "内部培训安排在下周", "Internals of the order process were discussed", "对方：提交名单",
    "", "双方确认：内部：不是行首",
])
def test_other_lines_are_not(line):
    assert not is_internal(line)


def test_toggle_keeps_bullets_and_the_converted_mark():
    assert toggle_internal("- 看竞品", "zh_CN") == "- 内部：看竞品"
    assert toggle_internal("→ call them", "en") == "→ Internal: call them"
    assert toggle_internal(toggle_internal("  2) 看竞品", "zh_CN")) == "  2) 看竞品"
    assert strip_marker("@internal  x") == "x"


def test_shared_text_drops_internal_lines_and_their_empty_paragraphs():
    text = "共识一\n内部：我们的判断\n\n内部：整段内部\n\n\n共识二"
    assert shared_text(text) == "共识一\n\n共识二"
    assert has_internal(text) and not has_internal(shared_text(text))
    assert shared_text(None) == ""
