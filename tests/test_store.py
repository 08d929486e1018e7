from __future__ import annotations

import pytest

from models.errors import NotFoundError, ReadOnlyEntityError, ValidationError


def test_create_and_get_partner(store, partner):
    got = store.get("partner", partner["id"])
    assert got["name_zh"] == "华东渠道分销商"
    assert got["tier"] == "core" and got["version"] == 0


def test_ids_are_uuids(partner):
    import uuid

    assert uuid.UUID(partner["id"]).version == 4


@pytest.mark.parametrize(
    "values, field",
    [
        ({"tier": "core", "stage": "mature"}, "name_zh"),
        ({"name_zh": "  ", "tier": "core", "stage": "mature"}, "name_zh"),
        ({"name_en": "X", "tier": "gold", "stage": "mature"}, "tier"),
        ({"name_en": "X", "tier": "core", "stage": "adult"}, "stage"),
    ],
)
def test_bad_partner_values_are_refused(store, values, field):
    with pytest.raises(ValidationError) as err:
        store.create("partner", values)
    assert err.value.field == field
    assert store.count("partner") == 0
    assert store.outbox() == []


def test_invalid_date_names_the_field(store, partner):
    with pytest.raises(ValidationError, match="starts_at"):
        store.create("meeting", {"partner_id": partner["id"], "type": "visit", "starts_at": "2026-13-45"})


def test_update_records_old_and_new(store, partner):
    store.update("partner", partner["id"], {"stage": "advanced", "region": "华东"})
    ops = store.outbox()
    assert [o["op"] for o in ops] == ["create", "update"]
    assert ops[1]["changes"] == {"stage": ["mature", "advanced"]}  # region unchanged: not sent


def test_no_op_update_writes_nothing(store, partner):
    store.update("partner", partner["id"], {"tier": "core"})
    assert len(store.outbox()) == 1


def test_delete_is_soft_and_does_not_cascade(store, partner):
    m = store.create("meeting", {"partner_id": partner["id"], "type": "visit",
                                 "starts_at": "2026-11-01 10:00", "notes": "笔记"})
    a = store.create_action_item(partner_id=partner["id"], title="跟进")
    store.delete("partner", partner["id"])
    with pytest.raises(NotFoundError):
        store.get("partner", partner["id"])
    assert store.get("partner", partner["id"], include_deleted=True)["deleted"] == 1
    assert store.get("meeting", m["id"])["notes"] == "笔记"
    assert store.get("action_item", a["id"])["deleted"] == 0
    assert store.outbox()[-1]["op"] == "delete"
    store.restore("partner", partner["id"])
    assert store.get("partner", partner["id"])["deleted"] == 0


def test_head_office_entities_are_read_only(store, partner):
    with pytest.raises(ReadOnlyEntityError):
        store.create("kpi_snapshot", {"partner_id": partner["id"], "period": "2026-10"})
    store.apply_remote("kpi_snapshot", {"id": "k1", "partner_id": partner["id"], "period": "2026-10",
                                        "sales": 10.0, "target": 12.0}, version=3)
    assert store.get("kpi_snapshot", "k1")["version"] == 3
    assert all(o["entity"] != "kpi_snapshot" for o in store.outbox())


def test_action_deadline_from_tier_and_severity(store, partner):
    a = store.create_action_item(partner_id=partner["id"], title="返点争议", severity="critical",
                                 opened_on="2026-11-02")
    assert a["due_on"] == "2026-11-03"  # core + critical: one day


def test_action_loop_stamps_dates(store, partner):
    a = store.create_action_item(partner_id=partner["id"], title="x")
    a = store.set_action_status(a["id"], "feedback_given", feedback="已电话告知")
    assert a["started_on"] and a["done_on"] and a["feedback_on"]
    a = store.set_action_status(a["id"], "in_progress")
    assert a["started_on"] and a["done_on"] is None and a["feedback_on"] is None


def test_reference_to_missing_partner_is_refused(store):
    with pytest.raises(ValidationError, match="partner_id"):
        store.create("contact", {"partner_id": "nope", "name": "李"})


def test_listeners_hear_after_commit(store, partner):
    heard = []
    store.subscribe(heard.append)
    with store.transaction():
        store.update("partner", partner["id"], {"region": "华南"})
        assert heard == []
    assert [(c.entity, c.kind) for c in heard] == [("partner", "update")]


def test_for_partner_orders_by_named_fields_only(store, partner):
    for day in ("2026-11-01", "2026-11-20", "2026-10-05"):
        store.create("meeting", {"partner_id": partner["id"], "type": "visit",
                                 "starts_at": f"{day} 10:00"})
    newest = store.for_partner("meeting", partner["id"], order=["-starts_at"])
    assert [m["starts_at"][:10] for m in newest] == ["2026-11-20", "2026-11-01", "2026-10-05"]
    assert len(store.for_partner("meeting", partner["id"], order=["starts_at"], limit=1)) == 1
    with pytest.raises(ValidationError):
        store.for_partner("meeting", partner["id"], order=["starts_at; DROP TABLE meetings"])
    with pytest.raises(ValidationError):
        store.for_partner("partner", partner["id"])
