"""Display names of the domain's vocabulary, through Qt's translation (context "Labels")."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def tier_label(value: str | None) -> str:
    return {
        "core": _t("Core"),
        "ordinary": _t("Ordinary"),
        "emerging": _t("Emerging"),
        "strategic": _t("Strategic"),
    }.get(value or "", value or "")


def stage_label(value: str | None) -> str:
    return {
        "intro": _t("Intro"),
        "running_in": _t("Running-in"),
        "mature": _t("Mature"),
        "advanced": _t("Advanced"),
    }.get(value or "", value or "")


def partner_status_label(value: str | None) -> str:
    return {"active": _t("Active"), "paused": _t("Paused"), "ended": _t("Ended")}.get(
        value or "", value or ""
    )


def meeting_type_label(value: str | None) -> str:
    return {
        "regular_review": _t("Regular review"),
        "quarterly_review": _t("Quarterly review"),
        "training": _t("Training"),
        "joint_campaign": _t("Joint campaign"),
        "visit": _t("Visit"),
        "ad_hoc": _t("Ad hoc"),
    }.get(value or "", value or "")


def meeting_status_label(value: str | None) -> str:
    return {"planned": _t("Planned"), "held": _t("Held"), "cancelled": _t("Cancelled")}.get(
        value or "", value or ""
    )


def owner_side_label(value: str | None) -> str:
    return {"ours": _t("Ours"), "partner": _t("Partner")}.get(value or "", value or "")


def severity_label(value: str | None) -> str:
    return {
        "low": _t("Low"),
        "medium": _t("Medium"),
        "high": _t("High"),
        "critical": _t("Critical"),
    }.get(value or "", value or "")


def action_status_label(value: str | None) -> str:
    return {
        "open": _t("Open"),
        "in_progress": _t("In progress"),
        "done": _t("Done"),
        "feedback_given": _t("Feedback given"),
    }.get(value or "", value or "")


def visit_status_label(value: str | None) -> str:
    return {"ok": _t("On track"), "due": _t("Due"), "overdue": _t("Overdue")}.get(
        value or "", value or ""
    )


def sign_label(value: str) -> str:
    return {
        "no_contact": _t("No contact within cadence"),
        "partner_actions_overdue": _t("Partner-owned actions overdue"),
        "meetings_cancelled": _t("Meetings cancelled"),
        "targets_slipping": _t("Targets slipping"),
    }.get(value, value)
