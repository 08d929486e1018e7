"""The method's workspace parts rendered with realistic data, in English and, after a
live language switch, in Simplified Chinese: the Goals tab, the Relationship tab and
the overview's terms, renewal notice and remedies. Screenshots go to a temporary
folder; with CK_WRITE_SCREENSHOTS=1 to docs/images/ (goals-*.png, relationship-*.png,
overview-method-*.png)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from models import playbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations

pytest_plugins = ("workspace_support",)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    if os.environ.get("CK_WRITE_SCREENSHOTS") == "1":
        target = ROOT / "docs" / "images"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path


def _seed_method(store, partner_id: str, meeting_id: str) -> None:
    contact = store.rows("contact", "partner_id = ? AND name = ?", [partner_id, "陈总"])[0]
    annual = store.create("joint_goal", {
        "partner_id": partner_id, "title": "2026 年销售额", "kpi": "sales", "target": 11_000_000,
        "period": "2026", "status": "agreed", "meeting_id": meeting_id,
        "our_commitment": "季度产品培训 + 市场基金 5 万元", "partner_commitment": "新增两名专职销售"})
    for q, target, status in ((3, 2_700_000, "achieved"), (4, 2_800_000, "on_track")):
        store.create("joint_goal", {
            "partner_id": partner_id, "title": f"Q{q} 季度销售额", "kpi": "sales",
            "target": target, "period": f"2026-Q{q}", "status": status, "parent_id": annual["id"],
            "meeting_id": meeting_id})
    store.create("joint_goal", {
        "partner_id": partner_id, "title": "新增门店数", "metric": "新开门店（家）", "target": 30,
        "actual": 8, "period": "2026", "status": "agreed",
        "our_commitment": "门店装修补贴", "partner_commitment": "按计划开拓三个新县市"})
    store.update("partner", partner_id, {"stage": "intro"})  # where it started, before the history
    store.clock = lambda: "2025-06-10 09:00:00"
    playbook.update_partner(store, partner_id, {"stage": "running_in"}, "首单顺利交付，进入磨合期")
    store.clock = lambda: "2026-03-02 09:00:00"
    playbook.update_partner(store, partner_id, {"stage": "mature", "agreement_start": "2025-01-01",
                                                "agreement_end": "2026-12-31",
                                                "service_terms": "专属客服 + 季度上门培训"},
                            "连续两个季度达成目标，合作进入成熟期")
    for day, kind, note in (("2026-09-22", "greeting", "中秋节问候"), ("2026-09-23", "gift", "中秋月饼礼盒"),
                            ("2026-10-15", "training", "线上产品培训：新品功能"),
                            ("2026-11-18", "call", "电话了解旺季备货情况")):
        store.create("touchpoint", {"partner_id": partner_id, "contact_id": contact["id"],
                                    "happened_on": day, "kind": kind, "note": note})


def _shoot(qtbot, workspace, out_dir: Path, lang: str) -> None:
    workspace.tabs.setCurrentWidget(workspace.goals)
    qtbot.waitUntil(lambda: workspace.goals.model.rowCount() == 4, timeout=5000)
    workspace.goals.select(workspace.goals.model.rows()[0]["id"])
    assert workspace.grab().save(str(out_dir / f"goals-{lang}.png"))
    workspace.tabs.setCurrentWidget(workspace.relationship)
    qtbot.waitUntil(lambda: workspace.relationship.touch_model.rowCount() == 4
                    and workspace.relationship.history_model.rowCount() == 2, timeout=5000)
    assert workspace.grab().save(str(out_dir / f"relationship-{lang}.png"))
    workspace.tabs.setCurrentWidget(workspace.overview)
    qtbot.waitUntil(lambda: workspace.overview.remedies_box.isVisibleTo(workspace.overview)
                    and workspace.overview.renewal_label.isVisibleTo(workspace.overview),
                    timeout=5000)
    assert workspace.grab().save(str(out_dir / f"overview-method-{lang}.png"))


def test_method_screenshots_en_and_zh(qtbot, workspace, harness, seeded, out_dir, tmp_path):
    partner, history = seeded
    harness.db(lambda s: _seed_method(s, partner["id"], history["last_meeting"]["id"]))
    _shoot(qtbot, workspace, out_dir, "en")
    assert workspace.goals.model.index(0, 0).data() == "2026 年销售额"
    assert workspace.relationship.training_label.text() == (
        "Training and enablement sessions in the last 12 months: 2")
    qm = update_translations.build_qm("zh_CN", out=tmp_path / "channelkeeper_zh_CN.qm")
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: workspace.tabs.tabText(4) == "目标(&G)", timeout=5000)
        qtbot.waitUntil(lambda: workspace.name_label.text() == "华东渠道分销商", timeout=5000)
        _shoot(qtbot, workspace, out_dir, "zh")
        assert workspace.relationship.training_label.text() == "近 12 个月培训与赋能次数：2"
        assert "本阶段重点" in workspace.overview.stage_focus.text()
    finally:
        QCoreApplication.removeTranslator(translator)
    harness.jobs.db.wait_idle(5)
