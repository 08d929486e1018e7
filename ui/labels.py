"""Display names of the domain's vocabulary, through Qt's translation (context "Labels").

Each call spells out ``QCoreApplication.translate("Labels", ...)``: lupdate only
extracts calls it can see, not a wrapper function."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tier_label(value: str | None) -> str:
    return {
        "core": QCoreApplication.translate("Labels", "Core"),
        "ordinary": QCoreApplication.translate("Labels", "Ordinary"),
        "emerging": QCoreApplication.translate("Labels", "Emerging"),
        "strategic": QCoreApplication.translate("Labels", "Strategic"),
    }.get(value or "", value or "")


def stage_label(value: str | None) -> str:
    return {
        "intro": QCoreApplication.translate("Labels", "Intro"),
        "running_in": QCoreApplication.translate("Labels", "Running-in"),
        "mature": QCoreApplication.translate("Labels", "Mature"),
        "advanced": QCoreApplication.translate("Labels", "Advanced"),
    }.get(value or "", value or "")


def partner_status_label(value: str | None) -> str:
    return {
        "active": QCoreApplication.translate("Labels", "Active"),
        "paused": QCoreApplication.translate("Labels", "Paused"),
        "ended": QCoreApplication.translate("Labels", "Ended"),
    }.get(value or "", value or "")


def meeting_type_label(value: str | None) -> str:
    return {
        "regular_review": QCoreApplication.translate("Labels", "Regular review"),
        "quarterly_review": QCoreApplication.translate("Labels", "Quarterly review"),
        "training": QCoreApplication.translate("Labels", "Training"),
        "joint_campaign": QCoreApplication.translate("Labels", "Joint campaign"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
        "ad_hoc": QCoreApplication.translate("Labels", "Ad hoc"),
    }.get(value or "", value or "")


def meeting_status_label(value: str | None) -> str:
    return {
        "planned": QCoreApplication.translate("Labels", "Planned"),
        "held": QCoreApplication.translate("Labels", "Held"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }.get(value or "", value or "")


def owner_side_label(value: str | None) -> str:
    return {
        "ours": QCoreApplication.translate("Labels", "Ours"),
        "partner": QCoreApplication.translate("Labels", "Partner"),
    }.get(value or "", value or "")


def severity_label(value: str | None) -> str:
    return {
        "low": QCoreApplication.translate("Labels", "Low"),
        "medium": QCoreApplication.translate("Labels", "Medium"),
        "high": QCoreApplication.translate("Labels", "High"),
        "critical": QCoreApplication.translate("Labels", "Critical"),
    }.get(value or "", value or "")


def feedback_channel_label(value: str | None) -> str:
    return {
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "wechat": QCoreApplication.translate("Labels", "WeChat"),
        "in_person": QCoreApplication.translate("Labels", "In person"),
        "email": QCoreApplication.translate("Labels", "E-mail"),
    }.get(value or "", value or "")


def action_status_label(value: str | None) -> str:
    return {
        "open": QCoreApplication.translate("Labels", "Open"),
        "in_progress": QCoreApplication.translate("Labels", "In progress"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "feedback_given": QCoreApplication.translate("Labels", "Feedback given"),
    }.get(value or "", value or "")


def visit_status_label(value: str | None) -> str:
    return {
        "ok": QCoreApplication.translate("Labels", "On track"),
        "due": QCoreApplication.translate("Labels", "Due"),
        "overdue": QCoreApplication.translate("Labels", "Overdue"),
    }.get(value or "", value or "")


def sign_label(value: str) -> str:
    return {
        "no_contact": QCoreApplication.translate("Labels", "No contact within cadence"),
        "partner_actions_overdue": QCoreApplication.translate(
            "Labels", "Partner-owned actions overdue"),
        "meetings_cancelled": QCoreApplication.translate("Labels", "Meetings cancelled"),
        "targets_slipping": QCoreApplication.translate("Labels", "Targets slipping"),
        "slower_replies": QCoreApplication.translate("Labels", "Slower replies"),
    }.get(value, value)


def goal_status_label(value: str | None) -> str:
    return {
        "proposed": QCoreApplication.translate("Labels", "Proposed"),
        "agreed": QCoreApplication.translate("Labels", "Agreed"),
        "on_track": QCoreApplication.translate("Labels", "On track"),
        "at_risk": QCoreApplication.translate("Labels", "At risk"),
        "achieved": QCoreApplication.translate("Labels", "Achieved"),
        "missed": QCoreApplication.translate("Labels", "Missed"),
    }.get(value or "", value or "")


def goal_kpi_label(value: str | None) -> str:
    return {
        "sales": QCoreApplication.translate("Labels", "Sales"),
        "profit": QCoreApplication.translate("Labels", "Profit"),
        "repurchase_rate": QCoreApplication.translate("Labels", "Repurchase rate"),
        "active_customers": QCoreApplication.translate("Labels", "Active customers"),
    }.get(value or "", value or "")


def touchpoint_kind_label(value: str | None) -> str:
    return {
        "greeting": QCoreApplication.translate("Labels", "Greeting"),
        "gift": QCoreApplication.translate("Labels", "Gift"),
        "call": QCoreApplication.translate("Labels", "Call"),
        "message": QCoreApplication.translate("Labels", "Message"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
        "training": QCoreApplication.translate("Labels", "Training"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }.get(value or "", value or "")
