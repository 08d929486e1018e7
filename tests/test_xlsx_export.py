"""Excel export read back with openpyxl: one sheet per kind, row counts, real dates and
numbers, a frozen header, widths that fit Chinese, formula-like text left inert."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from desktop.cli import main
from models.export.xlsx_export import ExportCancelled, ExportRequest, display_width, export_xlsx
from models.store import Store
from tests.keys import open_test_database

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def filled(store):
    a = store.create_partner(name_zh="济南明德科技有限公司", tier="core", stage="mature",
                             revenue_share=12.5, notes="=HYPERLINK(\"http://x\")")
    b = store.create_partner(name_zh="=1+2 渠道", name_en="@SUM(A1)", tier="ordinary",
                             stage="intro", region="-华东")
    for i in range(7):
        store.create_action_item(partner_id=a["id"], title=f"+发送返点方案 {i}", owner_name="张伟",
                                 severity="high", due_on="2026-11-10")
    store.create("meeting", {"partner_id": b["id"], "type": "visit", "status": "held",
                             "starts_at": "2026-10-05 14:30", "notes": "谈分润"})
    store.create("meeting", {"partner_id": b["id"], "type": "visit",
                             "starts_at": "2026-12-05 09:00"})
    tpl = store.published_templates()[0]
    store.create("checklist_run", {"partner_id": a["id"], "template_id": tpl["id"],
                                   "performed_on": "2026-11-02", "score": 82.5,
                                   "completion": 0.75,
                                   "answers": {"x": {"value": "yes", "comment": "分润需要重新谈"}}})
    return store, a, b


def read(path):
    return openpyxl.load_workbook(path).worksheets


def test_every_kind_in_its_own_sheet_with_real_dates_and_numbers(filled, tmp_path):
    store, _a, _b = filled
    out = tmp_path / "all.xlsx"
    counts = export_xlsx(store, ExportRequest(("partners", "actions", "reviews", "meetings"),
                                              today=TODAY), out)
    assert counts == {"partners": 2, "actions": 7, "reviews": 1, "meetings": 2}
    partners, actions, reviews, meetings = read(out)
    assert [s.title for s in (partners, actions, reviews, meetings)] == ["渠道", "任务台账", "复盘", "会议"]
    for sheet, n in ((partners, 2), (actions, 7), (reviews, 1), (meetings, 2)):
        assert sheet.max_row == n + 1 and sheet.freeze_panes == "A2"
    head = [c.value for c in actions[1]]
    row = dict(zip(head, [c.value for c in actions[2]], strict=True))
    assert row["负责人"] == "张伟" and row["紧急程度"] == "高" and row["状态"] == "待处理"
    assert row["响应时限"] == dt.datetime(2026, 11, 10) and actions.cell(2, head.index("响应时限") + 1).is_date
    assert row["逾期天数"] == 10
    head = [c.value for c in meetings[1]]
    assert meetings.cell(2, head.index("时间") + 1).value == dt.datetime(2026, 10, 5, 14, 30)
    head = [c.value for c in reviews[1]]
    row = dict(zip(head, [c.value for c in reviews[2]], strict=True))
    assert row["得分"] == 82.5 and row["完成度（%）"] == 75 and row["回答与备注"] == "分润需要重新谈"
    head = [c.value for c in partners[1]]
    jinan = next(r for r in partners.iter_rows(min_row=2, values_only=True) if r[0].startswith("济南"))
    assert jinan[head.index("分润比例（%）")] == 12.5  # a number, not text
    # the Chinese name's column is as wide as its text (a CJK character counts two)
    assert partners.column_dimensions["A"].width >= display_width("济南明德科技有限公司")


def test_text_that_looks_like_a_formula_stays_text(filled, tmp_path):
    store, _a, _b = filled
    out = tmp_path / "p.xlsx"
    export_xlsx(store, ExportRequest(("partners", "actions"), lang="en"), out)
    partners, actions = read(out)
    cells = [c for row in partners.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    cells += [c for row in actions.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=1+2 渠道", "@SUM(A1)", "-华东", "+发送返点方案 0"}
    for c in risky:
        assert c.data_type == "s" and c.quotePrefix, c.value  # text, and stays text on edit
    # no formula anywhere in the file
    raw = openpyxl.load_workbook(out, data_only=False)
    assert not [c for ws in raw.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_partners_with_the_current_filter_and_meetings_in_a_period(filled, tmp_path):
    store, _a, b = filled
    out = tmp_path / "f.xlsx"
    assert export_xlsx(store, ExportRequest(("partners",), partner_ids=(b["id"],)), out) == {"partners": 1}
    assert export_xlsx(store, ExportRequest(("meetings",), start=dt.date(2026, 10, 1),
                                            end=dt.date(2026, 10, 31)), out) == {"meetings": 1}
    assert read(out)[0].max_row == 2


def test_a_cancelled_export_leaves_no_file(filled, tmp_path, monkeypatch):
    store, _a, _b = filled
    monkeypatch.setattr("models.export.xlsx_export.PROGRESS_EVERY", 2)
    out = tmp_path / "c.xlsx"
    with pytest.raises(ExportCancelled):
        export_xlsx(store, ExportRequest(("actions",)), out, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_export_command(tmp_path, capsys):
    root = tmp_path / "profile"
    s = Store(open_test_database(root / "channelkeeper.db"))
    p = s.create_partner(name_zh="华东渠道", tier="core", stage="mature")
    s.create_action_item(partner_id=p["id"], title="发送返点方案")
    s.db.conn.close()
    out = tmp_path / "actions.xlsx"
    assert main(["export", "actions", "--profile", str(root), "--out", str(out)]) == 0
    assert "1" in capsys.readouterr().out
    assert read(out)[0].max_row == 2
    assert main(["export", "meetings", "--profile", str(root), "--out", str(out),
                 "--from", "2026-12-01", "--to", "2026-11-01"]) == 2
    assert "ends before it starts" in capsys.readouterr().err
    assert main(["export", "partners", "--profile", str(root),
                 "--out", str(tmp_path / "missing" / "x.xlsx")]) == 2
