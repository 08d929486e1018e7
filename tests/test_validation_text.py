"""A value refused under the field contract is explained in the user's language."""
from __future__ import annotations

import pytest

from models import contract
from models.errors import ValidationError
from ui.validation_text import error_text


@pytest.fixture
def chinese_app(qapp):
    from desktop.app import install_language

    assert install_language("zh_CN") == "zh_CN"
    yield
    install_language("en")


@pytest.mark.parametrize("code, chinese", [
    (contract.TOO_LONG, "文字太长"), (contract.BAD_TEXT, "无法保存的字符"),
    (contract.NOT_FINITE, "普通数字"), (contract.OUT_OF_RANGE, "超出允许范围"),
    (contract.NOT_WHOLE, "整数"), (contract.TOO_DEEP, "答案无法保存"), (contract.BAD_ID, "编号无效"),
])
def test_each_rule_has_its_sentence(chinese_app, store, partner, code, chinese):
    exc = ValidationError("partner: notes: the text has 100,001 characters", field="notes", code=code)
    assert chinese in error_text(exc)


def test_a_real_refusal_from_the_store_reads_in_chinese(chinese_app, store, partner):
    with pytest.raises(ValidationError) as err:
        store.update("partner", partner["id"], {"notes": "x" * (contract.LONG_TEXT_MAX + 1)})
    assert error_text(err.value).startswith("文字太长")
    assert error_text(ValueError("other")) == "other"  # anything else: its own message
