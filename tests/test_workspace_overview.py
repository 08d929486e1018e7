"""Overview: profile edits with validation, cadence and warning signs, contacts with
add/edit/delete+undo, KPIs and the sparkline."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRectF, Qt

from models import playbook
from ui.workspace import overview_status
from ui.workspace.kpi_sparkline import KpiSparkline

# harness, seeded, workspace: real store file, JobRunner, AppContext and the widget
pytest_plugins = ("workspace_support",)


def test_profile_shows_partner_terms_cadence_and_kpis(qtbot, workspace):
    ov = workspace.overview
    qtbot.waitUntil(lambda: ov.edits["name_en"].text() == "East China Distribution", timeout=5000)
    assert ov.edits["revenue_share"].text() == "12.5" and ov.edits["rebate"].text() == "3"
    assert ov.tier_combo.currentData() == "core" and ov.stage_combo.currentData() == "mature"
    assert ov.goals_edit.toPlainText().startswith("2026 年销售额")
    assert "20 days ago" in ov.cadence_label.text() and "every 30 days" in ov.cadence_label.text()
    assert "On track" in ov.cadence_label.text()
    assert "Partner-owned actions overdue" in ov.signs_label.text()
    assert "2026-11" in ov.kpi_label.text() and "1,015,000" in ov.kpi_label.text()
    assert "113% of target" in ov.kpi_label.text() and "Repurchase rate 53%" in ov.kpi_label.text()
    assert len(ov.sparkline._periods) == 12
    assert workspace.name_label.text() == "华东渠道分销商"


@pytest.mark.parametrize("kind", ["desktop_settings", "plain_dict"])
def test_cadence_comes_from_settings_when_present(qtbot, harness, seeded, tmp_path, kind):
    from desktop.settings import Settings
    from ui.app_context import AppContext
    from ui.workspace.overview_tab import OverviewTab

    if kind == "desktop_settings":  # the app's settings: cadence() is a method
        settings = Settings(tmp_path / "settings.ini")
        settings.set_cadence({"core": 14})
    else:
        settings = SimpleNamespace(cadence={"core": 14})
    ctx = AppContext(harness.store, harness.jobs, settings, today=harness.ctx.today)
    tab = OverviewTab(ctx)
    qtbot.addWidget(tab)
    tab.set_partner(seeded[0]["id"])
    qtbot.waitUntil(lambda: "every 14 days" in tab.cadence_label.text(), timeout=5000)
    assert "Overdue" in tab.cadence_label.text()
    assert "No contact within cadence" in tab.signs_label.text()
    assert "Lying flat" in tab.signs_label.text()  # two signs now


def test_deleted_partner_is_said_so(qtbot, workspace, harness, seeded):
    titles = []
    workspace.title_changed.connect(titles.append)
    harness.db(lambda s: s.delete("partner", seeded[0]["id"]))
    qtbot.waitUntil(lambda: workspace.name_label.text() == "This partner has been deleted",
                    timeout=5000)
    assert titles[-1] == ""
    harness.db(lambda s: s.restore("partner", seeded[0]["id"]))
    qtbot.waitUntil(lambda: workspace.name_label.text() == "华东渠道分销商", timeout=5000)


def test_empty_name_shows_an_error_and_saves_nothing(qtbot, workspace, harness, seeded, type_text):
    ov = workspace.overview
    qtbot.waitUntil(lambda: ov.edits["name_zh"].text() == "华东渠道分销商", timeout=5000)
    pending = harness.db(lambda s: s.pending_count())
    for name in ("name_zh", "name_en"):
        ov.edits[name].selectAll()
        qtbot.keyClick(ov.edits[name], Qt.Key.Key_Delete)
    type_text(ov.edits["region"], "（华东大区）")
    assert ov.save_button.isEnabled()
    ov.edits["region"].setFocus()  # as where the user was typing
    qtbot.keyClick(ov.edits["region"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ov.error_label.isVisible()
    assert "name" in ov.error_label.text()
    harness.jobs.db.wait_idle(5)
    assert harness.db(lambda s: s.pending_count()) == pending
    row = harness.db(lambda s: s.get("partner", seeded[0]["id"]))
    assert (row["name_zh"], row["region"]) == ("华东渠道分销商", "华东")
    # what the user typed is still there to fix
    assert ov.edits["region"].text() == "华东（华东大区）"
    type_text(ov.edits["name_en"], "East China Distribution Co.")
    ov.save_profile()
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("partner", seeded[0]["id"]))["name_en"]
                    == "East China Distribution Co.", timeout=5000)
    row = harness.db(lambda s: s.get("partner", seeded[0]["id"]))
    assert row["name_zh"] is None and row["region"] == "华东（华东大区）"
    qtbot.waitUntil(lambda: not ov.save_button.isEnabled(), timeout=5000)
    qtbot.waitUntil(lambda: workspace.name_label.text() == "East China Distribution Co.", timeout=5000)


def test_bad_percentage_is_refused(qtbot, workspace, harness, seeded, type_text):
    ov = workspace.overview
    qtbot.waitUntil(lambda: ov.edits["rebate"].text() == "3", timeout=5000)
    ov.edits["rebate"].selectAll()
    type_text(ov.edits["rebate"], "abc")
    ov.save_profile()
    assert "between 0 and 100" in ov.error_label.text()
    ov.edits["rebate"].selectAll()
    type_text(ov.edits["rebate"], "4.5%")
    ov.save_profile()
    qtbot.waitUntil(lambda: harness.db(lambda s: s.get("partner", seeded[0]["id"]))["rebate"] == 4.5,
                    timeout=5000)
    assert not ov.error_label.isVisible()


def test_add_contact_with_bad_date_then_fix(qtbot, workspace, harness, seeded, type_text):
    panel = workspace.overview.contacts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    panel.add_contact()
    dialog = panel.dialog
    type_text(dialog.edits["name"], "刘助理")
    type_text(dialog.edits["wechat"], "liu_zl")
    type_text(dialog.edits["birthday"], "1990-02-30")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "1985-03-08" in dialog.error_label.text()
    assert dialog.edits["name"].text() == "刘助理"
    dialog.edits["birthday"].clear()
    type_text(dialog.edits["birthday"], "1990-02-28")
    dialog.save()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=5000)
    row = harness.db(lambda s: s.rows("contact", "name = ?", ["刘助理"]))[0]
    assert (row["wechat"], row["birthday"], row["partner_id"]) == ("liu_zl", "1990-02-28",
                                                                  seeded[0]["id"])


def test_delete_contact_then_undo(qtbot, workspace, harness):
    panel = workspace.overview.contacts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    panel.view.selectRow(0)
    name = panel.current_row()["name"]
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    assert workspace.banner.isVisible() and name in workspace.banner.message.text()
    workspace.banner.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert harness.db(lambda s: s.rows("contact", "name = ?", [name]))


def test_sparkline_value_axis_starts_at_zero(qtbot):
    spark = KpiSparkline()
    qtbot.addWidget(spark)
    spark.set_series([{"period": "2026-02", "sales": 50.0, "target": 100.0},
                      {"period": "2026-01", "sales": 100.0, "target": 100.0}])
    rect = QRectF(0, 0, 100, 50)
    sales = spark.points(spark._sales, rect)
    assert [p.x() for p in sales] == [0, 100]  # sorted by period, oldest left
    assert sales[0].y() == 0 and sales[1].y() == 25  # 100 at the top, 50 half-way to zero
    assert "2026-02: 50.0 / 100.0" in spark.toolTip()
    spark.resize(240, 80)
    assert not spark.grab().isNull()


def test_upcoming_key_dates_of_contacts(qtbot, workspace):
    ov = workspace.overview
    # 陈总's birthday is 12-08: 11 days after 2026-11-27; 赵经理's anniversary is in March
    qtbot.waitUntil(lambda: "陈总 — birthday, 12-08 (in 11 days)" in ov.key_dates_label.text(),
                    timeout=5000)
    assert "赵经理" not in ov.key_dates_label.text()


def test_show_record_selects_a_contact(qtbot, workspace, harness, seeded):
    contact = harness.db(lambda s: s.rows("contact", "name = ?", ["赵经理"]))[0]
    workspace.tabs.setCurrentWidget(workspace.meetings)
    workspace.show_record("contact", contact["id"])
    panel = workspace.overview.contacts
    qtbot.waitUntil(lambda: (panel.current_row() or {}).get("id") == contact["id"], timeout=5000)
    assert workspace.tabs.currentWidget() is workspace.overview


def test_the_overview_texts_are_values_the_tab_shows(qapp):
    """ui/workspace/overview_status.py turns values into texts; the tab sets its own
    labels (it took the tab and set its state before)."""
    today = dt.date(2026, 12, 3)
    far = (today + dt.timedelta(days=playbook.RENEWAL_NOTICE_DAYS + 1)).isoformat()
    assert overview_status.renewal_notice({"agreement_end": None}, today) == ("", "")
    assert overview_status.renewal_notice({"agreement_end": far}, today) == ("", "")
    text, tone = overview_status.renewal_notice({"agreement_end": "2026-12-13"}, today)
    assert "in 10 days" in text and tone == "due"
    text, tone = overview_status.renewal_notice({"agreement_end": "2026-12-01"}, today)
    assert "ended on 2026-12-01" in text and tone == "overdue"
    assert overview_status.key_dates_text([]) == ""
    text = overview_status.key_dates_text(
        [{"name": "李明", "kind": "birthday", "date": dt.date(1980, 12, 3), "in_days": 0},
         {"name": "王芳", "kind": "anniversary", "date": dt.date(2019, 12, 8), "in_days": 5}])
    assert "李明 — birthday, 12-03 (today)" in text
    assert "王芳 — company anniversary, 12-08 (in 5 days)" in text
    assert overview_status.status_texts(None, {"core": 30}) == ("", "")
    assert "not sent KPI figures" in overview_status.kpi_text([])
