"""Shared pieces of the workspace tests: a real file-backed store behind a real
JobRunner and AppContext, and a partner with realistic data (imported by the
tests/test_workspace_*.py files; pytest puts tests/ on sys.path)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop.jobs import JobRunner
from models.store import Store
from tests.keys import open_test_database
from ui.app_context import AppContext

TODAY = dt.date(2026, 11, 27)


class Harness:
    """A store on a real SQLite file, its db lane and the UI's AppContext."""

    def __init__(self, path: Path, today: dt.date = TODAY, settings: Any = None) -> None:
        self.path = path
        self.store = Store(open_test_database(path))
        self.jobs = JobRunner()
        self.ctx = AppContext(self.store, self.jobs, settings=settings, today=lambda: today)

    def db(self, fn):
        """Run fn(store) in the db lane (the store's thread) and return its result."""
        return self.ctx.call_db(fn)

    def close(self) -> None:
        self.jobs.db.wait_idle(10)
        self.jobs.shutdown()
        self.store.db.conn.close()


def add_partner(store: Store, **overrides: Any) -> dict[str, Any]:
    values = {"name_zh": "华东渠道分销商", "name_en": "East China Distribution", "tier": "core",
                  "stage": "mature", "region": "华东", "address": "上海市浦东新区张江路 88 号",
                  "revenue_share": 12.5, "rebate": 3, "incentive_scheme": "季度阶梯返点",
                  "goals": "2026 年销售额 1200 万；新增 30 家门店"}
    values.update(overrides)
    return store.create_partner(**values)


def add_history(store: Store, partner_id: str, today: dt.date = TODAY) -> dict[str, Any]:
    """A realistic past: a held meeting with action items, contacts and KPIs."""
    last = store.create("meeting", {
        "partner_id": partner_id, "type": "regular_review", "status": "held",
        "starts_at": f"{today - dt.timedelta(days=20)} 14:00", "location": "上海办公室",
        "attendees_ours": "王磊, 李娜", "attendees_partner": "陈总, 赵经理",
        "notes": "渠道反映补货周期太长，门店缺货。\n→ 我方：缩短补货周期到 7 天",
    })
    training = store.create("meeting", {
        "partner_id": partner_id, "type": "training", "status": "held",
        "starts_at": f"{today - dt.timedelta(days=60)} 10:00", "location": "杭州门店",
    })
    a1 = store.create_action_item(partner_id=partner_id, meeting_id=last["id"],
                                  title="缩短补货周期到 7 天", owner_name="王磊", severity="high",
                                  opened_on=today - dt.timedelta(days=20))
    a2 = store.create_action_item(partner_id=partner_id, title="提交季度库存报表",
                                  owner_side="partner", owner_name="赵经理",
                                  opened_on=today - dt.timedelta(days=40))
    closed = store.create_action_item(partner_id=partner_id, title="更新返点结算表",
                                      opened_on=today - dt.timedelta(days=50))
    store.set_action_status(closed["id"], "feedback_given", feedback="已向陈总发送新结算表")
    store.create("contact", {"partner_id": partner_id, "name": "陈总", "role": "总经理",
                             "phone": "138 0000 1234", "wechat": "chen_zong",
                             "birthday": "1975-12-08", "festivals": "春节, 中秋节"})
    store.create("contact", {"partner_id": partner_id, "name": "赵经理", "role": "采购经理",
                             "email": "zhao@example.cn", "company_anniversary": "2018-03-01"})
    for n in range(12):
        year, month0 = divmod(today.year * 12 + today.month - 12 + n, 12)
        month = month0 + 1
        store.apply_remote("kpi_snapshot", {
            "id": f"kpi-{partner_id[:8]}-{n}", "partner_id": partner_id,
            "period": f"{year}-{month:02d}", "sales": 800_000 + 25_000 * n - (60_000 if n == 11 else 0),
            "target": 900_000, "repurchase_rate": 0.42 + n / 100,
        }, version=1)
    return {"last_meeting": last, "training": training, "open_items": [a1, a2], "closed_item": closed}


# --- typing ---------------------------------------------------------------------------


def type_text(widget: Any, text: str) -> None:
    """Type as a user would: ASCII as key presses, Chinese as an input method commits
    it (QTest.keyClicks only knows ASCII keys and aborts on anything else)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest

    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QCoreApplication.sendEvent(widget.focusProxy() or widget, event)


# --- fixtures (imported by the test modules) -------------------------------------------

import pytest


@pytest.fixture
def harness(tmp_path):
    h = Harness(tmp_path / "channelkeeper.db")
    yield h
    h.close()


@pytest.fixture
def seeded(harness):
    """(partner, history) of a core partner with meetings, actions, contacts, KPIs."""
    partner = harness.db(add_partner)
    history = harness.db(lambda s: add_history(s, partner["id"]))
    return partner, history


@pytest.fixture
def workspace(qtbot, harness, seeded):
    from ui.workspace.partner_workspace import PartnerWorkspace

    w = PartnerWorkspace(harness.ctx)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.open_partner(seeded[0]["id"])
    qtbot.waitUntil(lambda: w.name_label.text() == "华东渠道分销商", timeout=5000)
    yield w
    w.close()  # flushes pending autosave
    harness.jobs.db.wait_idle(10)
    w.deleteLater()


@pytest.fixture(name="type_text")
def type_text_fixture():
    """``type_text(widget, text)``: typing with ASCII keys and input-method commits."""
    return type_text
