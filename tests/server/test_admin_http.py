"""Head office's HTTP endpoints for KPIs, templates and the demo organisation, through
the real server (SQLite and PostgreSQL): what they write reaches the laptops, bad
input is refused with a clear message and writes nothing, managers are turned away.
Template validation is also driven directly with malformed files (the CLI's path)."""
from __future__ import annotations

import pytest

from sync import protocol as p
from sync.server.admin import load_template_file, validate_template
from sync.server.errors import ApiError
from tests.server.conftest import pull_all

KPI_CSV = "partner,period,sales,target\n华东渠道分销商,2026-10,120000,100000\n"
TEMPLATE = {
    "key": "quarterly-2027", "name": "季度复盘 2027", "tier": "core",
    "sections": [{"title": "增长", "items": [
        {"key": "growth", "text": "Did we discuss growth?", "weight": 2, "answer_type": "yes_no"},
        {"key": "data", "text": "Shared data?", "weight": 1, "answer_type": "yes_no"}]}],
}


@pytest.fixture
def office(server):
    """An admin and a manager with one assigned partner."""
    server.add_user("boss", "admin")
    li = server.add_user("li.na")
    server.east = server.partner("华东渠道分销商", li)
    server.boss = server.client("boss")
    server.li = server.client("li.na")
    return server


def _records(client, entity: str) -> dict[str, dict]:
    changes, _cursor, _removed = pull_all(client)
    return {c["id"]: c for c in changes if c["entity"] == entity}


def _kpis(client) -> list[dict]:
    return [c["row"] for c in _records(client, "kpi_snapshot").values()]


def test_kpis_import_over_http_reaches_the_manager_and_a_second_import_replaces(office):
    r = office.boss.post("/api/admin/import/kpis", content=KPI_CSV.encode("utf-8"),
                         headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    assert (r.json()["rows"], r.json()["created"], r.json()["updated"]) == (1, 1, 0)
    (kpi,) = _kpis(office.li)
    assert (kpi["partner_id"], kpi["period"], kpi["sales"]) == (office.east, "2026-10", 120000)

    again = KPI_CSV.replace("120000", "130000")
    r = office.boss.post("/api/admin/import/kpis", content=again.encode("utf-8"))
    assert r.status_code == 200 and (r.json()["created"], r.json()["updated"]) == (0, 1), r.text
    assert [k["sales"] for k in _kpis(office.li)] == [130000]


@pytest.mark.parametrize("csv, message", [
    ("partner,period,sales\n没有这个渠道,2026-10,1\n", "No partner"),
    ("partner,period,sales\n华东渠道分销商,2026-13,1\n", "is not a month"),
    ("partner,period,sales\n华东渠道分销商,2026-10,很多\n", "sales"),
    ("period,sales\n2026-10,1\n", "partner"),
], ids=["unknown-partner", "bad-month", "not-a-number", "missing-column"])
def test_a_bad_kpi_file_is_refused_whole_with_its_line(office, csv, message):
    good_then_bad = csv if csv.startswith("period") else csv.replace(
        "\n", "\n华东渠道分销商,2026-09,5\n", 1)
    r = office.boss.post("/api/admin/import/kpis", content=good_then_bad.encode("utf-8"))
    assert r.status_code == 400, r.text
    assert r.json()["error"] == p.ERROR_BAD_REQUEST and message in r.json()["message"]
    assert _kpis(office.li) == []  # the good line before it was not written either


def test_managers_cannot_use_the_head_office_endpoints(office):
    for path, kw in (("/api/admin/import/kpis", {"content": KPI_CSV.encode("utf-8")}),
                     ("/api/admin/templates", {"json": TEMPLATE}),
                     ("/api/admin/demo", {})):
        r = office.li.post(path, **kw)
        assert r.status_code == 403, (path, r.text)
    assert _kpis(office.li) == []


def test_a_published_template_reaches_the_laptops_and_republishing_replaces_it(office):
    r = office.boss.post("/api/admin/templates", json=TEMPLATE)
    assert r.status_code == 200, r.text
    (published,) = r.json()["templates"]
    got = _records(office.li, "checklist_template")[published["id"]]["row"]
    assert got["name"] == "季度复盘 2027" and got["tier"] == "core"

    renamed = {**TEMPLATE, "name": "季度复盘 2027（修订）"}
    r = office.boss.post("/api/admin/templates", json=renamed)
    (again,) = r.json()["templates"]
    assert again["id"] == published["id"] and again["version"] > published["version"]
    assert _records(office.li, "checklist_template")[published["id"]]["row"]["name"] == \
        "季度复盘 2027（修订）"


MALFORMED = {
    "no-key": {k: v for k, v in TEMPLATE.items() if k != "key"},
    "no-name": {**TEMPLATE, "name": ""},
    "no-sections": {**TEMPLATE, "sections": []},
    "sections-not-a-list": {**TEMPLATE, "sections": "growth"},
    "section-not-an-object": {**TEMPLATE, "sections": ["growth"]},
    "items-not-a-list": {**TEMPLATE, "sections": [{"title": "x", "items": None}]},
    "items-a-string": {**TEMPLATE, "sections": [{"title": "x", "items": "growth"}]},
    "item-not-an-object": {**TEMPLATE, "sections": [{"title": "x", "items": [3]}]},
    "item-without-text": {**TEMPLATE, "sections": [{"items": [{"key": "a"}]}]},
    "item-key-twice": {**TEMPLATE, "sections": [
        {"items": [{"key": "a", "text": "x"}]}, {"items": [{"key": "a", "text": "y"}]}]},
    "unknown-tier": {**TEMPLATE, "tier": "platinum"},
}


@pytest.mark.parametrize("template", list(MALFORMED.values()), ids=list(MALFORMED))
def test_template_validation_refuses_malformed_input_clearly(template):
    with pytest.raises(ApiError) as exc:
        validate_template(template)
    assert exc.value.status == 400 and exc.value.body()["message"]


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"), ("[1, 2]", "template object"), ('"x"', "template object"),
])
def test_a_template_file_that_is_not_templates_is_refused(text, message):
    with pytest.raises(ApiError, match=message):
        load_template_file(text)


@pytest.mark.parametrize("name", ["no-key", "sections-not-a-list", "section-not-an-object",
                                  "items-not-a-list", "item-without-text", "unknown-tier"])
def test_a_malformed_template_over_http_is_a_clear_400_and_writes_nothing(office, name):
    r = office.boss.post("/api/admin/templates", json=MALFORMED[name])
    assert r.status_code == 400, r.text
    assert r.json()["error"] == p.ERROR_BAD_REQUEST and r.json()["message"]
    builtin_or_none = _records(office.li, "checklist_template")
    assert all(c["row"].get("name") != TEMPLATE["name"] for c in builtin_or_none.values())


def test_the_demo_organisation_is_seeded_once_over_http(server):
    server.add_user("boss", "admin")
    boss = server.client("boss")
    r = boss.post("/api/admin/demo")
    assert r.status_code == 200, r.text
    body = r.json()
    users = {u["username"]: u for u in body["users"]}
    assert users and all(u["password"] for u in users.values())
    manager = next(u for u in users.values() if u["role"] == "manager")
    demo = server.client()
    demo.login(manager["username"], manager["password"], "demo laptop")
    assert _records(demo, "partner"), "the demo manager sees partners"
    r = boss.post("/api/admin/demo")
    assert r.status_code == 409 and "already" in r.json()["message"]
