"""The local store keeps the field contract (models/contract.py) on every write: a
value the server would refuse is refused here with a message, and nothing is saved."""
from __future__ import annotations

import json

import pytest

from models import contract
from models.errors import ValidationError


def _unchanged(store, before: dict) -> None:
    assert store.get("partner", before["id"]) == before
    assert len(store.outbox()) == 1  # only the partner's own create


@pytest.mark.parametrize("changes, code", [
    ({"revenue_share": float("inf")}, contract.NOT_FINITE),
    ({"revenue_share": "Infinity"}, contract.NOT_FINITE),
    ({"rebate": float("nan")}, contract.NOT_FINITE),
    ({"rebate": "1e999"}, contract.NOT_FINITE),
    ({"rebate": 1e16}, contract.OUT_OF_RANGE),
    ({"notes": "长" * (contract.LONG_TEXT_MAX + 1)}, contract.TOO_LONG),
    ({"region": "r" * (contract.SHORT_TEXT_MAX + 1)}, contract.TOO_LONG),
    ({"notes": "before \ud800 after"}, contract.BAD_TEXT),
    ({"name_zh": "a\x00b"}, contract.BAD_TEXT),
])
def test_a_bad_value_is_refused_and_nothing_is_saved(store, partner, changes, code):
    with pytest.raises(ValidationError) as err:
        store.update("partner", partner["id"], changes)
    assert err.value.code == code and err.value.field == next(iter(changes))
    assert len(str(err.value)) < 300  # the value is quoted short, never whole
    _unchanged(store, partner)


def test_long_text_up_to_the_limit_is_kept(store, partner):
    text = "纪" * contract.LONG_TEXT_MAX
    assert store.update("partner", partner["id"], {"notes": text})["notes"] == text


@pytest.mark.parametrize("entity_id", ["../../etc/passwd", "c" * 36, "A" * 8 + "-0000-4000-8000-" + "0" * 12,
                                       "0f8fad5b-d9cb-469f-a165-70867728950e/.."])
def test_ids_must_be_uuids(store, entity_id):
    with pytest.raises(ValidationError) as err:
        store.create("partner", {"name_zh": "x", "tier": "core", "stage": "mature"}, entity_id=entity_id)
    assert err.value.code == contract.BAD_ID
    assert store.count("partner") == 0 and store.outbox() == []


def test_a_reference_must_be_an_id(store, partner):
    with pytest.raises(ValidationError) as err:
        store.create("contact", {"partner_id": "../" + partner["id"], "name": "x"})
    assert err.value.code == contract.BAD_ID and err.value.field == "partner_id"


def test_checklist_answers_deep_or_not_finite_are_refused(store, partner):
    template = store.published_templates()[0]
    base = {"partner_id": partner["id"], "template_id": template["id"], "performed_on": "2026-11-20"}
    for answers, code in (("[" * 5000 + "]" * 5000, contract.TOO_DEEP),
                          ({"a": [[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}, contract.TOO_DEEP),
                          ('{"a": NaN}', contract.BAD_JSON), ({"a": float("inf")}, contract.NOT_FINITE)):
        with pytest.raises(ValidationError) as err:
            store.create("checklist_run", {**base, "answers": answers})
        assert err.value.code == code, answers
    # brackets inside strings are text, not nesting
    deep_text = json.dumps({"k": {"value": 1, "comment": "[" * 40}})
    assert store.create("checklist_run", {**base, "answers": deep_text})["answers"] == deep_text
    assert store.count("checklist_run") == 1


def test_dates_have_a_year_range_and_offsets_keep_the_wall_clock(store, partner):
    meeting = {"partner_id": partner["id"], "type": "visit"}
    for bad in ("0001-01-01 10:00", "9999-12-31 10:00", "2026-11-20 10:00 and more"):
        with pytest.raises(ValidationError) as err:
            store.create("meeting", {**meeting, "starts_at": bad})
        assert err.value.field == "starts_at"
    row = store.create("meeting", {**meeting, "starts_at": "2026-11-20T10:00:00+08:00"})
    assert row["starts_at"] == "2026-11-20 10:00"  # the time at the place, not shifted to UTC
    with pytest.raises(ValidationError) as err:
        store.create("contact", {"partner_id": partner["id"], "name": "x", "birthday": "1850-01-01"})
    assert err.value.code == contract.OUT_OF_RANGE and err.value.field == "birthday"


def test_whole_numbers_stay_whole():
    from models.schema import entity, normalise

    kpi = entity("kpi_snapshot")
    assert normalise(kpi, "active_customers", "12") == 12
    assert normalise(kpi, "active_customers", 12.0) == 12
    for bad in (12.5, "12.5", 2**60, "inf"):
        with pytest.raises(ValidationError):
            normalise(kpi, "active_customers", bad)
