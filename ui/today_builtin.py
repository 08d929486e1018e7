"""Today's own lists and their summary cards: visits due, action items due, partners
going quiet, key dates in the next 30 days and this week's planned visits. They are
registered through ``TodayView.add_section`` like any other section (the method's
lists: ui/today_method.py).

Texts use the "TodayView" context, where they were written first."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from ui import labels
from ui.partner_table_model import signs_text
from ui.today_cards import Card
from ui.today_sections import Column, RecordTableModel, TodaySection

if TYPE_CHECKING:
    from ui.today_view import TodayEntry, TodayView

translate = QCoreApplication.translate


def builtin_entries(view: TodayView) -> list[TodayEntry]:
    """Visits, actions, lying flat, key dates and planned visits, in this order (the
    view's ``add_section`` takes each)."""
    # late: import cycle with ui.today_view
    from ui.today_view import TodayEntry

    date = lambda d: d.isoformat() if d else "—"
    figures = lambda: view.data_.figures if view.data_ is not None else None
    fig = lambda name: (lambda: getattr(figures(), name) if figures() else None)

    visits = TodayEntry(
        TodaySection("visits", RecordTableModel([
            Column(lambda: translate("TodayView", "Partner"), lambda r: r.display_name,
                   stretch=True),
            Column(lambda: translate("TodayView", "Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: translate("TodayView", "Last visit"), lambda r: r.last_met, date),
            Column(lambda: translate("TodayView", "Days since"), lambda r: r.days_since),
            Column(lambda: translate("TodayView", "Status"), lambda r: r.visit_status,
                   labels.visit_status_label),
        ], partner_key="id", status=lambda r: r.visit_status, parent=view)),
        title=lambda: translate("TodayView", "Visits due"),
        empty=lambda: translate("TodayView",
                                "Every partner has been visited within its cadence."),
        cards=[
            Card("visits_overdue", lambda: translate("TodayView", "Visits overdue"),
                 fig("visits_overdue"), lambda r: r.visit_status == "overdue", "overdue",
                 lambda: translate("TodayView",
                                   "Partners not visited within their tier's cadence.")),
            Card("visits_due", lambda: translate("TodayView", "Visits due this week"),
                 fig("visits_due_week"), lambda r: r.visit_status == "due", "due",
                 lambda: translate("TodayView",
                                   "Partners whose cadence runs out within a week.")),
        ])
    actions = TodayEntry(
        TodaySection("actions", RecordTableModel([
            Column(lambda: translate("TodayView", "Due"), lambda r: r["due_on"]),
            Column(lambda: translate("TodayView", "Action item"), lambda r: r["title"],
                   stretch=True),
            Column(lambda: translate("TodayView", "Owner"), lambda r: r["owner_side"],
                   labels.owner_side_label),
            Column(lambda: translate("TodayView", "Severity"), lambda r: r["severity"],
                   labels.severity_label),
            Column(lambda: translate("TodayView", "Status"), lambda r: r["status"],
                   action_status_text),
            Column(lambda: translate("TodayView", "Partner"), lambda r: r["partner_name"]),
        ], status=_action_status_mark, parent=view)),
        title=lambda: translate("TodayView", "Action items due"),
        empty=lambda: translate("TodayView", "No action item is overdue or due this week."),
        opens="action_item",
        cards=[
            Card("actions_late", lambda: translate("TodayView", "Action items overdue"),
                 fig("actions_late"), lambda r: r.get("late", False), "overdue",
                 lambda: translate("TodayView",
                                   "Open or in progress, and past their due date.")),
            Card("actions_feedback", lambda: translate("TodayView", "Done, awaiting feedback"),
                 fig("actions_awaiting_feedback"), lambda r: r["status"] == "done", "due",
                 lambda: translate("TodayView",
                                   "Done, but the partner has not heard back yet: an item "
                                   "is closed when feedback is given.")),
        ])
    lying_flat = TodayEntry(
        TodaySection("lying_flat", RecordTableModel([
            Column(lambda: translate("TodayView", "Partner"), lambda r: r.display_name),
            Column(lambda: translate("TodayView", "Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: translate("TodayView", "Stage"), lambda r: r.stage,
                   labels.stage_label),
            # shows which signs, sorts by how many
            Column(lambda: translate("TodayView", "Warning signs"), lambda r: r.signs,
                   signs_text, sort=len, stretch=True),
        ], partner_key="id",
            # a warning, not lateness: amber, not red
            status=lambda r: "warning" if len(r.signs) >= 3 else None,
            parent=view)),
        title=lambda: translate("TodayView", "Partners going quiet (\"lying flat\")"),
        empty=lambda: translate("TodayView", "No partner shows several warning signs."),
        cards=[Card("partners_quiet", lambda: translate("TodayView", "Partners going quiet"),
                    fig("partners_quiet"), None, "warning",
                    lambda: translate("TodayView",
                                      "Partners showing two or more warning signs of "
                                      "\"lying flat\" (躺平)."))])
    key_dates = TodayEntry(
        TodaySection("key_dates", RecordTableModel([
            Column(lambda: translate("TodayView", "Date"), lambda r: r["date"], date),
            Column(lambda: translate("TodayView", "In days"), lambda r: r["in_days"]),
            Column(lambda: translate("TodayView", "Occasion"), lambda r: r["kind"], _occasion),
            Column(lambda: translate("TodayView", "Contact"), lambda r: r["name"],
                   stretch=True),
            Column(lambda: translate("TodayView", "Role"), lambda r: r["role"]),
            Column(lambda: translate("TodayView", "Partner"), lambda r: r["partner_name"]),
        ], parent=view)),
        title=lambda: translate("TodayView", "Key dates in the next 30 days"),
        empty=lambda: translate("TodayView", "No birthdays or anniversaries coming up."),
        cards=[Card("key_dates_week", lambda: translate("TodayView", "Key dates this week"),
                    fig("key_dates_week"), None, None,
                    lambda: translate("TodayView",
                                      "Contacts' birthdays and company anniversaries "
                                      "in the next seven days."))])
    # this week's planned visits: Enter opens the partner, Ctrl+Enter starts the
    # meeting (held, now), Ctrl+P prints the partner's pack
    planned = TodayEntry(
        TodaySection("planned", RecordTableModel([
            Column(lambda: translate("TodayView", "When"), lambda r: r.starts_at,
                   lambda s: _when(view, s)),
            Column(lambda: translate("TodayView", "Partner"), lambda r: r.partner_name,
                   stretch=True),
            Column(lambda: translate("TodayView", "Tier"), lambda r: r.tier, labels.tier_label),
            Column(lambda: translate("TodayView", "Type"), lambda r: r.type,
                   labels.meeting_type_label),
            Column(lambda: translate("TodayView", "Location"), lambda r: r.location),
            # a visit of a day gone by that was not held is late
        ], status=lambda r: "overdue" if r.day < view.ctx.today() else None,
            parent=view)),
        title=lambda: translate("TodayView", "Planned visits this week"),
        empty=lambda: translate(
            "TodayView", "No visit planned this week: plan some in the Calendar (Ctrl+4)."),
        cards=[Card("planned_week", lambda: translate("TodayView", "Visits planned this week"),
                    lambda: len(view.data_.planned) if view.data_ is not None else None,
                    lambda r: r.day >= view.ctx.today(), None,
                    lambda: translate("TodayView",
                                      "Enter: open the partner · Ctrl+Enter: start the "
                                      "meeting (held, now) · Ctrl+P: the partner's "
                                      "review pack"))])
    return [visits, actions, lying_flat, key_dates, planned]


def action_status_text(status: str) -> str:
    """An action item's status as Today says it: a done item awaits feedback."""
    if status == "done":
        return translate("TodayView", "Awaiting feedback")
    return labels.action_status_label(status)


def _action_status_mark(row: dict) -> str | None:
    # red only for work that is late; done items wait for feedback, not for work
    return "overdue" if row.get("late") else None


def _occasion(kind: str) -> str:
    if kind == "birthday":
        return translate("TodayView", "Birthday")
    return translate("TodayView", "Company anniversary")


def _when(view: TodayView, starts_at: str) -> str:
    """"Today 10:00", or the weekday and date for another day of the week."""
    day = dt.date.fromisoformat(starts_at[:10])
    if day == view.ctx.today():
        return translate("TodayView", "Today %1").replace("%1", starts_at[11:16])
    name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{name} {starts_at[5:16]}"
