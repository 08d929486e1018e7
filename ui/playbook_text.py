"""The method's playbook words, through Qt's translation (context "Playbook"): each
lifecycle stage's focus, each tier's strategy, the remedies for a partner lying flat.

Each call spells out ``QCoreApplication.translate`` so lupdate sees it (ui/labels.py
says why)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def stage_focus(stage: str | None) -> str:
    """What maintenance focuses on at a lifecycle stage (生命周期)."""
    return {
        "intro": QCoreApplication.translate(
            "Playbook", "Choose the right partner; make the rules and incentives explicit."),
        "running_in": QCoreApplication.translate(
            "Playbook", "Timely feedback, tolerance of mistakes, fast response to problems."),
        "mature": QCoreApplication.translate(
            "Playbook", "Deep information sharing, joint marketing campaigns, data-driven decisions."),
        "advanced": QCoreApplication.translate(
            "Playbook", "Co-innovation projects, opening more resources, sharing risk."),
    }.get(stage or "", "")


def tier_strategy(tier: str | None) -> dict[str, str]:
    """The tier's default strategy (渠道分层): incentive, service, risk sharing."""
    return {
        "core": {"incentive": QCoreApplication.translate("Playbook", "High revenue share"),
                 "service": QCoreApplication.translate("Playbook", "Custom service"),
                 "risk_sharing": QCoreApplication.translate("Playbook", "Joint investment")},
        "ordinary": {"incentive": QCoreApplication.translate(
                         "Playbook", "Industry-standard incentives, paid automatically"),
                     "service": QCoreApplication.translate("Playbook", "Online training"),
                     "risk_sharing": QCoreApplication.translate("Playbook", "None")},
        "emerging": {"incentive": QCoreApplication.translate("Playbook", "Growth incentives"),
                     "service": QCoreApplication.translate("Playbook", "Special support"),
                     "risk_sharing": QCoreApplication.translate(
                         "Playbook", "We carry part of the trial costs")},
        "strategic": {"incentive": QCoreApplication.translate("Playbook", "Project dividends"),
                      "service": QCoreApplication.translate("Playbook", "Industry resources"),
                      "risk_sharing": QCoreApplication.translate("Playbook", "Shared market risk")},
    }.get(tier or "", {"incentive": "", "service": "", "risk_sharing": ""})


def tier_maintenance(tier: str | None) -> str:
    return {
        "core": QCoreApplication.translate("Playbook", "Deep co-creation, dedicated policy"),
        "ordinary": QCoreApplication.translate("Playbook", "Standard process, automatic incentives"),
        "emerging": QCoreApplication.translate("Playbook", "Flexible trial and error, focused support"),
        "strategic": QCoreApplication.translate("Playbook", "Joint innovation, shared resources"),
    }.get(tier or "", "")


def remedy_title(key: str) -> str:
    """A remedy for a partner lying flat (躺平), as the action item it becomes."""
    return {
        "shared_interests": QCoreApplication.translate(
            "Playbook", "Re-examine our shared interests with the partner"),
        "transparency": QCoreApplication.translate(
            "Playbook", "Share more: sales, profit and market feedback both sides can see"),
        "incentives": QCoreApplication.translate(
            "Playbook", "Pair incentives with clear consequences"),
        "solutions": QCoreApplication.translate(
            "Playbook", "Offer a solution to the partner's real problem"),
        "simpler": QCoreApplication.translate(
            "Playbook", "Simplify the processes the partner has to follow"),
    }.get(key, key)
