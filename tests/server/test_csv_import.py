"""Head-office CSV imports: encodings, line-numbered errors, all-or-nothing."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from sync.server.csv_import import import_kpis, import_partners
from sync.server.db import ENTITY_TABLES, assignments
from sync.server.errors import ApiError

PARTNERS = (
    "name_zh,name_en,tier,stage,region,revenue_share,manager\n"
    "华东渠道分销商,East China Distribution,core,mature,华东,12.5,li.na\n"
    "成都新锐科技,,新兴试点渠道,磨合,西南,,\n"
    ",Global Strategic Partners Ltd,strategic,advanced,,8,li.na\n"
)


def _count(engine, entity):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ENTITY_TABLES[entity])).scalar_one()


def test_utf8_with_bom_imports_and_assigns(server):
    server.add_user("li.na")
    result = import_partners(server.app_engine, server.settings, ("\ufeff" + PARTNERS).encode("utf-8"))
    assert result == {"rows": 3, "created": 3, "updated": 0, "assigned": 2, "encoding": "utf-8"}
    c = server.client("li.na")
    names = {(p["name_zh"], p["name_en"]) for p in c.get("/api/partners").json()["partners"]}
    assert names == {("华东渠道分销商", "East China Distribution"), (None, "Global Strategic Partners Ltd")}
    # Chinese tier and stage names were understood
    with server.app_engine.connect() as conn:
        t = ENTITY_TABLES["partner"]
        row = conn.execute(select(t).where(t.c.name_zh == "成都新锐科技")).mappings().one()
    assert (row["tier"], row["stage"], row["status"]) == ("emerging", "running_in", "active")
    # importing again updates instead of duplicating
    again = import_partners(server.app_engine, server.settings, PARTNERS.replace("12.5", "13").encode())
    assert (again["created"], again["updated"]) == (0, 1) and _count(server.app_engine, "partner") == 3


def test_gbk_file_from_excel_is_decoded_and_reported(server):
    result = import_partners(server.app_engine, server.settings, PARTNERS.replace(",li.na", ",").encode("gbk"))
    assert result["encoding"] == "gb18030" and result["created"] == 3
    with server.app_engine.connect() as conn:
        t = ENTITY_TABLES["partner"]
        assert conn.execute(select(t.c.id).where(t.c.name_zh == "华东渠道分销商")).first() is not None


def test_undecodable_file_is_refused_with_a_clear_message(server):
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, b"name_zh,tier,stage\n\xff\xfe\xfa\x80\x81,core,intro\n")
    assert "UTF-8" in err.value.message
    assert _count(server.app_engine, "partner") == 0


def test_bad_row_names_its_line_and_nothing_is_half_imported(server):
    server.add_user("li.na")
    bad = PARTNERS + "坏数据渠道,,platinum,mature,,,\n"
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, bad.encode())
    assert err.value.extra["line"] == 5 and "line 5" in err.value.message and "platinum" in err.value.message
    assert _count(server.app_engine, "partner") == 0
    with server.app_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(assignments)).scalar_one() == 0
    # an unknown manager, and an unknown column, are named too
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, PARTNERS.replace("8,li.na", "8,nobody").encode())
    assert "line 4" in err.value.message and "nobody" in err.value.message
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, b"name_zh,tier,stage,colour\nx,core,intro,red\n")
    assert "line 1" in err.value.message and "colour" in err.value.message


def test_import_over_the_admin_api(server):
    server.add_user("boss", "admin")
    server.add_user("li.na")
    boss = server.client("boss")
    r = boss.post("/api/admin/import/partners", content=PARTNERS.encode("gbk"),
                  headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["encoding"] == "gb18030"
    r = boss.post("/api/admin/import/partners", content=(PARTNERS + "x,,core,nowhere,,,\n").encode(),
                  headers={"Content-Type": "text/csv"})
    assert r.status_code == 400 and r.json()["line"] == 5
    li = server.client("li.na")
    r = li.post("/api/admin/import/partners", content=PARTNERS.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 403


def test_kpi_import_replaces_a_month_and_reaches_the_manager(server):
    server.add_user("li.na")
    import_partners(server.app_engine, server.settings, PARTNERS.encode())
    kpis = ("partner,period,sales,target,repurchase_rate,profit,active_customers\n"
            "华东渠道分销商,2026-09,1800000,2000000,0.31,210000,420\n"
            "East China Distribution,2026-10,2100000,2000000,0.33,250000,431\n")
    assert import_kpis(server.app_engine, server.settings, kpis.encode())["created"] == 2
    result = import_kpis(server.app_engine, server.settings, kpis.replace("1800000", "1850000").encode())
    assert (result["created"], result["updated"]) == (0, 2) and _count(server.app_engine, "kpi_snapshot") == 2
    with pytest.raises(ApiError) as err:
        import_kpis(server.app_engine, server.settings, (kpis + "华东渠道分销商,2026-13,1,1,0,0,0\n").encode())
    assert "line 4" in err.value.message
    with pytest.raises(ApiError) as err:
        import_kpis(server.app_engine, server.settings, (kpis + "无此渠道,2026-11,1,1,0,0,0\n").encode())
    assert "line 4" in err.value.message
    c = server.client("li.na")
    body = c.get("/api/sync/pull").json()
    sales = sorted(ch["row"]["sales"] for ch in body["changes"] if ch["entity"] == "kpi_snapshot")
    assert sales == [1850000.0, 2100000.0]


def _many_partners(n: int, manager: str = "") -> bytes:
    lines = ["name_zh,name_en,tier,stage,region,manager"]
    lines += [f"批量渠道{i:06d},Bulk Partner {i:06d},core,mature,华东,{manager}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_a_big_import_lets_pushes_through_while_it_runs(server):
    """The counter is held per batch: a manager's push is answered while a 10,000-row
    import is still being written (it used to wait for the whole file)."""
    import threading

    from tests.server.conftest import op, pull_all, push

    uid = server.add_user("li.na")
    own = server.partner("自己的渠道", uid)
    c = server.client("li.na")
    done = threading.Event()
    result: dict = {}

    def run() -> None:
        result.update(import_partners(server.app_engine, server.settings, _many_partners(10_000, "li.na")))
        done.set()

    t = threading.Thread(target=run)
    t.start()
    while _count(server.app_engine, "partner") <= 1:  # the first batch is committed
        assert not done.wait(0.01), "the import committed nothing before it ended"
    out = push(c, op("partner", own, {"notes": [None, "pushed during the import"]}, seq=1))
    assert out[0]["outcome"] in ("applied", "merged")
    assert not done.is_set(), "the push waited for the whole import"
    t.join(300)
    assert result["created"] == 10_000 and result["assigned"] == 10_000
    assert _count(server.app_engine, "partner") == 10_001
    # every change number is distinct and a pull from zero delivers them all
    changes, _cursor, _removed = pull_all(c)
    assert len({ch["id"] for ch in changes if ch["entity"] == "partner"}) == 10_001


def test_a_bad_row_after_the_first_batch_still_imports_nothing(server):
    from sync.server.csv_import import BATCH_ROWS

    bad = _many_partners(BATCH_ROWS + 200) + "坏数据渠道,,platinum,mature,,\n".encode()
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, bad)
    assert f"line {BATCH_ROWS + 202}" in err.value.message
    assert _count(server.app_engine, "partner") == 0


def test_name_lookups_use_an_index(server, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the plan is read from SQLite")
    with server.app_engine.connect() as conn:
        for col in ("name_zh", "name_en"):
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT id FROM partners WHERE {col} = 'x' AND deleted = 0"))
            assert f"ix_partners_{col}" in plan, plan


def test_an_id_in_the_file_must_be_a_uuid(server):
    """The id column becomes the record's id when nothing matches: the field contract's
    form only (a path-like id would later become a file name on a laptop)."""
    for bad_id in ("../../etc/passwd", "P-001", "x" * 40):
        with pytest.raises(ApiError) as err:
            import_partners(server.app_engine, server.settings,
                            f"id,name_zh,tier,stage\n{bad_id},路径渠道,core,mature\n".encode())
        assert "line 2" in err.value.message and "UUID" in err.value.message
    assert _count(server.app_engine, "partner") == 0
    good = "0f8fad5b-d9cb-469f-a165-70867728950e"
    import_partners(server.app_engine, server.settings, f"id,name_zh,tier,stage\n{good},好渠道,core,mature\n".encode())
    assert _count(server.app_engine, "partner") == 1


def test_an_import_killed_between_batches_completes_when_run_again(server, db_url, tmp_path):
    """The write phase is not one transaction: a server fault between batches (here a
    real SIGKILL of `server import-partners`) leaves the batches written, and running
    the same file again completes it without duplicates."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    server.add_user("li.na")
    csv_file = tmp_path / "partners.csv"
    csv_file.write_bytes(_many_partners(10_000, "li.na"))
    command = [sys.executable, str(root / "main.py"), "server", "import-partners", str(csv_file),
               "--db", db_url]
    proc = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while _count(server.app_engine, "partner") == 0:
            assert proc.poll() is None, "the import ended before its first batch was seen"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    written = _count(server.app_engine, "partner")
    assert 0 < written < 10_000
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["created"], result["updated"]) == (10_000 - written, 0)
    assert _count(server.app_engine, "partner") == 10_000
    with server.app_engine.connect() as conn:
        t = ENTITY_TABLES["partner"]
        assert conn.execute(select(func.count(func.distinct(t.c.name_zh)))).scalar_one() == 10_000
        assert conn.execute(select(func.count()).select_from(assignments)
                            .where(assignments.c.revoked_seq.is_(None))).scalar_one() == 10_000


def _xlsx(rows: list[list]) -> bytes:
    """A workbook as Excel writes it: the header, then typed cells (numbers, dates)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("ignored").append(["name_zh", "tier"])  # only the first sheet counts
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_PARTNERS = [
    ["name_zh", "name_en", "tier", "stage", "region", "revenue_share", "manager"],
    ["华东渠道分销商", "East China Distribution", "core", "mature", "华东", 12.5, "li.na"],
    ["成都新锐科技", None, "新兴试点渠道", "磨合", "西南", None, None],
    [None, "Global Strategic Partners Ltd", "strategic", "advanced", None, 8, "li.na"],
]


def test_an_excel_workbook_imports_like_a_csv_file(server):
    server.add_user("li.na")
    result = import_partners(server.app_engine, server.settings, _xlsx(XLSX_PARTNERS))
    assert result == {"rows": 3, "created": 3, "updated": 0, "assigned": 2, "encoding": "xlsx"}
    with server.app_engine.connect() as conn:
        t = ENTITY_TABLES["partner"]
        row = conn.execute(select(t).where(t.c.name_zh == "华东渠道分销商")).mappings().one()
    assert row["revenue_share"] == 12.5 and row["tier"] == "core"
    # KPIs: a month Excel turned into a date, figures as numbers
    import datetime as dt

    kpis = _xlsx([["partner", "period", "sales", "target", "active_customers"],
                  ["华东渠道分销商", dt.datetime(2026, 3, 1), 1250000, 1500000.0, 42],
                  ["成都新锐科技", "2026-04", 88000.5, None, None]])
    assert import_kpis(server.app_engine, server.settings, kpis)["created"] == 2
    with server.app_engine.connect() as conn:
        k = ENTITY_TABLES["kpi_snapshot"]
        got = conn.execute(select(k.c.period, k.c.sales, k.c.active_customers)
                           .order_by(k.c.period)).all()
    assert [tuple(r) for r in got] == [("2026-03", 1250000, 42), ("2026-04", 88000.5, None)]


def test_an_excel_workbook_with_a_bad_row_is_refused_whole_naming_the_row(server):
    server.add_user("li.na")
    bad = [*XLSX_PARTNERS, ["坏数据渠道", None, "platinum", "mature"]]
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, _xlsx(bad))
    assert err.value.extra["line"] == 5 and "row 5" in err.value.message
    assert "platinum" in err.value.message and "nothing was imported" in err.value.message
    assert _count(server.app_engine, "partner") == 0
    with server.app_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(assignments)).scalar_one() == 0
    kpis = _xlsx([["partner", "period", "sales"], ["nobody", "2026-03", 1]])
    with pytest.raises(ApiError) as err:
        import_kpis(server.app_engine, server.settings, kpis)
    assert "row 2" in err.value.message and _count(server.app_engine, "kpi_snapshot") == 0
    # a CSV file after a workbook is spoken of in lines again
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, b"name_zh,tier,stage\nx,gold,intro\n")
    assert "line 2" in err.value.message


def test_a_damaged_workbook_is_refused_with_a_clear_message(server):
    with pytest.raises(ApiError) as err:
        import_partners(server.app_engine, server.settings, b"PK\x03\x04 not really a zip")
    assert "Excel workbook" in err.value.message and _count(server.app_engine, "partner") == 0


def test_the_batches_of_an_import_look_nothing_up(server, db_url):
    """The partners a file names are looked up once for the whole file; the batches
    then only write. (Each batch used to look its names up in the table it was
    filling: on PostgreSQL with the statistics of a table it last saw empty, every
    lookup read the whole growing table: 100,000 partners took 116 s.)"""
    if db_url.startswith("sqlite"):
        pytest.skip("the scans are counted by PostgreSQL's statistics views")
    from sync.server.csv_import import BATCH_ROWS

    uid = server.add_user("li.na")
    server.partner("批量渠道000003", uid)  # one row of the file exists already: updated
    scans = ("SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) "
             "FROM pg_stat_user_tables WHERE relname IN ('partners', 'assignments')")

    def table_reads() -> int:
        time.sleep(1.2)  # a backend publishes its table statistics at most once a second
        with server.app_engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
            return int(conn.exec_driver_sql(scans).scalar())

    before = table_reads()
    batches = 16
    result = import_partners(server.app_engine, server.settings,
                             _many_partners(batches * BATCH_ROWS, "li.na"))
    assert (result["created"], result["updated"]) == (batches * BATCH_ROWS - 1, 1)
    assert result["assigned"] == batches * BATCH_ROWS - 1  # the existing one was li.na's
    # the lookups of the whole file (the two name columns in chunks, assignments) and
    # the update: a handful however many batches (it was three reads a batch)
    assert table_reads() - before < batches, "the import's batches looked rows up"
