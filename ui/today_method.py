"""The method's lists on Today (issue 14): joint goals at risk, and agreements up for
renewal, each with its summary card (registered through ``TodayView.add_section``).

Texts use the "TodayView" context, so they sit with Today's other words."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from models import goals, playbook
from models.store import Store
from ui import labels
from ui.today_cards import Card
from ui.today_sections import Column, RecordTableModel, TodaySection

if TYPE_CHECKING:
    from ui.today_view import TodayEntry, TodayView


#: the changes that may move which goals are at risk
GOAL_INPUTS = {"joint_goal", "kpi_snapshot", "partner"}


class GoalsAtRisk:
    """The goals-at-risk list, read again only after a change that may move it (or on
    a new day): judging every live goal against its KPI months costs a second on a
    5,000-partner profile (docs/benchmarks.md), and Today reloads after every edit.
    ``load`` runs in the database lane; ``changed`` on the GUI thread."""

    def __init__(self) -> None:
        self._rows: list[dict[str, Any]] | None = None
        self._day: dt.date | None = None
        self._generation = 0

    def changed(self, change: Any) -> None:
        if change.entity in GOAL_INPUTS:
            self._generation += 1
            self._rows = None

    def load(self, store: Store, day: dt.date, _cadence: dict) -> list[dict[str, Any]]:
        rows, generation = self._rows, self._generation
        if rows is None or self._day != day:
            rows = goals.goals_at_risk(store, day)
            if generation == self._generation:  # no change arrived meanwhile
                self._rows, self._day = rows, day
        return rows


def _goal_ended(row: dict[str, Any], today: dt.date) -> bool:
    return goals.period_bounds(row["period"])[1] < today


def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{100 * ratio:.0f}%"


def method_entries(view: TodayView) -> list[TodayEntry]:
    """The entries to register, in order (the view's ``add_section`` takes each)."""
    # late: import cycle with ui.today_view
    from ui.today_view import TodayEntry

    today = view.ctx.today
    at_risk = GoalsAtRisk()
    view.ctx.changed.connect(at_risk.changed)
    goal_list = TodaySection("goals_at_risk", RecordTableModel([
        Column(lambda: QCoreApplication.translate("TodayView", "Goal"), lambda r: r["title"],
               stretch=True),
        Column(lambda: QCoreApplication.translate("TodayView", "Period"), lambda r: r["period"]),
        # the share of the target reached so far
        Column(lambda: QCoreApplication.translate("TodayView", "Progress"), lambda r: r.get("ratio"),
               _percent, sort=lambda v: -1 if v is None else v),
        Column(lambda: QCoreApplication.translate("TodayView", "Status"), lambda r: r["status"],
               labels.goal_status_label),
        Column(lambda: QCoreApplication.translate("TodayView", "Partner"), lambda r: r["partner_name"]),
    ], status=lambda r: "overdue" if _goal_ended(r, today()) else "due", parent=view), view)
    renewal_list = TodaySection("agreement_renewals", RecordTableModel([
        Column(lambda: QCoreApplication.translate("TodayView", "Agreement ends"),
               lambda r: r["agreement_end"]),
        Column(lambda: QCoreApplication.translate("TodayView", "In days"), lambda r: r["in_days"]),
        Column(lambda: QCoreApplication.translate("TodayView", "Partner"), lambda r: r["partner_name"],
               stretch=True),
        Column(lambda: QCoreApplication.translate("TodayView", "Tier"), lambda r: r["tier"],
               labels.tier_label),
    ], partner_key="id", status=lambda r: "overdue" if r["in_days"] < 0 else "due",
        parent=view), view)
    return [
        TodayEntry(
            goal_list,
            title=lambda: QCoreApplication.translate("TodayView", "Joint goals at risk"),
            empty=lambda: QCoreApplication.translate("TodayView", "No joint goal is at risk."),
            load=at_risk.load,
            opens="joint_goal",
            cards=[Card("goals_at_risk",
                        lambda: QCoreApplication.translate("TodayView", "Goals at risk"),
                        lambda: goal_list.total if view.data_ is not None else None,
                        None, "due",
                        lambda: QCoreApplication.translate(
                            "TodayView", "Joint goals agreed with partners that are behind "
                            "their period's pace or marked at risk."))]),
        TodayEntry(
            renewal_list,
            title=lambda: QCoreApplication.translate("TodayView", "Agreements to renew"),
            empty=lambda: QCoreApplication.translate(
                "TodayView", "No agreement ends in the next 60 days."),
            load=lambda store, day, _cadence: playbook.renewals_due(store, day),
            cards=[Card("agreements_renew",
                        lambda: QCoreApplication.translate("TodayView", "Agreements to renew"),
                        lambda: renewal_list.total if view.data_ is not None else None,
                        None, "due",
                        lambda: QCoreApplication.translate(
                            "TodayView", "Agreements that end within 60 days (or ended "
                            "lately): prepare the renewal."))]),
    ]
