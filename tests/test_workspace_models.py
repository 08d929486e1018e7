"""The workspace's item models on their own (no widgets), checked with Qt's
QAbstractItemModelTester as well as for what they show."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from models.templates import BUILTIN_TEMPLATES
from ui.workspace.actions_tab import ActionTableModel, OpenItemsProxy, next_status
from ui.workspace.meetings_tab import MeetingTableModel
from ui.workspace.row_table_model import IdRole, SortRole
from ui.workspace.run_comparison_model import RunComparisonModel

FAIL = QAbstractItemModelTester.FailureReportingMode.Fatal


def _action(id_, status="open", due="2026-11-20", severity="medium", title="t", side="partner"):
    return {"id": id_, "title": title, "owner_side": side, "owner_name": "赵经理",
            "severity": severity, "due_on": due, "status": status}


def test_action_model_overdue_and_sorting(qapp):
    model = ActionTableModel()
    QAbstractItemModelTester(model, FAIL)
    model.today = dt.date(2026, 11, 27)
    model.set_rows([_action("a", due="2026-11-20", severity="low"),
                    _action("b", due="2026-12-01", severity="critical"),
                    _action("c", status="feedback_given", due="2026-11-01")])
    assert model.rowCount() == 3 and model.columnCount() == 7  # the last: feedback
    assert model.index(0, 4).data() == "2026-11-20 (overdue)"
    assert model.index(1, 4).data() == "2026-12-01"
    assert model.index(2, 4).data() == "2026-11-01"  # closed: never overdue
    assert model.index(0, 1).data() == "Partner" and model.index(1, 3).data() == "Critical"
    assert model.index(1, 3).data(SortRole) < model.index(0, 3).data(SortRole)
    assert model.index(2, 0).data(IdRole) == "c"


def test_open_items_proxy(qapp):
    model = ActionTableModel()
    model.set_rows([_action("a"), _action("b", status="done", side="ours"),
                    _action("c", status="feedback_given", side="ours"),
                    _action("d", status="done", side="partner")])
    proxy = OpenItemsProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FAIL)
    # ours "done" is still open until the partner heard back; the partner's own is closed
    assert proxy.rowCount() == 2
    proxy.set_show_all(True)
    assert proxy.rowCount() == 4


def test_next_status_follows_the_loop():
    assert [next_status(s, "ours") for s in ("open", "in_progress", "done", "feedback_given")] == [
        "in_progress", "done", "feedback_given", None]
    # a partner-owned task ends when done: no feedback to the partner about its own work
    assert [next_status(s, "partner") for s in ("open", "in_progress", "done")] == [
        "in_progress", "done", None]


def test_set_rows_with_the_same_records_updates_in_place(qapp):
    model = MeetingTableModel()
    QAbstractItemModelTester(model, FAIL)
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *a: changes.append(1))
    rows = [{"id": "m1", "starts_at": "2026-11-27 10:00", "type": "visit", "status": "held",
             "location": "杭州"}]
    model.set_rows(rows)
    model.set_rows([{**rows[0], "location": "上海"}])
    assert len(resets) == 1 and len(changes) == 1  # the second load kept the selection
    assert model.index(0, 3).data() == "上海" and model.index(0, 1).data() == "Visit"
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    model.set_rows([*rows, {**rows[0], "id": "m2", "starts_at": "2026-10-01 09:00"}])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "2026-10-01 09:00"


def test_run_comparison_rows_are_items_columns_are_runs(qapp):
    tpl = next(t for t in BUILTIN_TEMPLATES if t["key"] == "core-review")
    templates_by_id = {"t": {"id": "t", "sections": tpl["sections"]}}
    runs = [
        {"id": "r2", "template_id": "t", "performed_on": "2026-11-27", "score": 80.0,
         "completion": 0.5, "answers": '{"growth": {"value": "yes"}}'},
        {"id": "r1", "template_id": "t", "performed_on": "2026-08-20", "score": None,
         "completion": 0.1, "answers": {"satisfaction": {"value": 2, "comment": "慢"}}},
    ]
    model = RunComparisonModel()
    QAbstractItemModelTester(model, FAIL)
    model.set_runs(runs, templates_by_id, "zh")
    assert model.columnCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "2026-11-27"  # newest left
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert labels[0] == "是否讨论了渠道自身的成长，而不只是价格和返点？"
    assert labels[-2:] == ["Score", "Completion"]
    sat = labels.index("渠道方对支持的满意度")
    assert model.index(sat, 1).data() == "2 ✎"
    assert model.index(sat, 1).data(Qt.ItemDataRole.ToolTipRole) == "慢"
    assert model.index(sat, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # failed
    assert model.index(0, 0).data() == "Yes"
    assert [model.index(len(labels) - 2, c).data() for c in range(2)] == ["80", "—"]
    assert [model.index(len(labels) - 1, c).data() for c in range(2)] == ["50%", "10%"]
