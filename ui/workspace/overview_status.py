"""What the Overview tab shows of a partner's state (ui/workspace/overview_tab.py):
the cadence status and warning signs, the contacts' key dates coming up, and head
office's latest KPI figures, in words (translated in the Overview tab's context)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from models import insights, playbook
from models.domain import cadence_days
from ui import labels, theme
from ui.services import AppSettings


def cadence_of(settings: AppSettings) -> dict[str, int]:
    """Days between visits per tier, as the settings say (their ``cadence()``, or a
    plain mapping), the domain's where they say nothing."""
    value = getattr(settings, "cadence", None)
    return cadence_days(value() if callable(value) else value)


def fmt_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def status_texts(ov: insights.PartnerOverview | None, cadence: dict[str, int]) -> tuple[str, str]:
    """The cadence line and the warning signs (rich text) for a partner's overview, both
    empty without one; ``cadence`` is days between visits per tier (``cadence_of``)."""
    if ov is None:
        return "", ""
    status = labels.visit_status_label(ov.visit_status)
    # the status' word in its colour: never the colour alone
    color = theme.hex_color(theme.status_tone(ov.visit_status))
    if ov.last_met is None:
        text = QCoreApplication.translate("OverviewTab", "No meeting held yet.")
    else:
        text = QCoreApplication.translate("OverviewTab", "Last visit %1, %2 days ago.").replace("%1", ov.last_met.isoformat()) \
            .replace("%2", str(ov.days_since))
    cadence_text = (
        f"<b style='color:{color}'>{status}</b> — {text} "
        + QCoreApplication.translate("OverviewTab", "Cadence for this tier: every %1 days.")
        .replace("%1", str(cadence.get(ov.tier))))
    if not ov.signs:
        return cadence_text, QCoreApplication.translate("OverviewTab", "No warning signs.")
    head = QCoreApplication.translate("OverviewTab", "Lying flat? (躺平)") if ov.lying_flat else QCoreApplication.translate("OverviewTab", "Warning signs")
    items = "".join(f"<li>{sign_text(ov, s)}</li>" for s in ov.signs)
    # a warning, not lateness: amber, with the sign
    color = theme.hex_color(theme.status_tone("sign"))
    return cadence_text, f"<b style='color:{color}'>⚠ {head}</b><ul>{items}</ul>"


def sign_text(ov: insights.PartnerOverview, sign: str) -> str:
    text = labels.sign_label(sign)
    if sign == insights.Sign.SLOWER_REPLIES and ov.reply_days_recent is not None:
        text += QCoreApplication.translate("OverviewTab", " (replies take %1 days now, %2 before)") \
            .replace("%1", f"{ov.reply_days_recent:.0f}") \
            .replace("%2", f"{ov.reply_days_usual:.0f}")
    return text


def key_dates_text(dates: list[dict[str, Any]]) -> str:
    """The contacts' birthdays and company anniversaries coming up (rich text, empty
    without any)."""
    if not dates:
        return ""
    parts = []
    for d in dates:
        kind = (QCoreApplication.translate("OverviewTab", "birthday") if d["kind"] == "birthday"
                else QCoreApplication.translate("OverviewTab", "company anniversary"))
        when = (QCoreApplication.translate("OverviewTab", "today") if d["in_days"] == 0
                else QCoreApplication.translate("OverviewTab", "in %1 days").replace("%1", str(d["in_days"])))
        parts.append(f"{d['name']} — {kind}, {d['date'].strftime('%m-%d')} ({when})")
    return (
        "<b>" + QCoreApplication.translate("OverviewTab", "Coming up") + "</b><br>" + "<br>".join(parts))


def kpi_text(kpis: list[dict[str, Any]]) -> str:
    """Head office's latest KPI figures in words (``kpis`` newest first)."""
    if not kpis:
        return QCoreApplication.translate("OverviewTab", "Head office has not sent KPI figures yet.")
    k = kpis[0]
    ratio = ""
    if k.get("sales") is not None and k.get("target"):
        ratio = QCoreApplication.translate("OverviewTab", " (%1% of target)").replace("%1", f"{100 * k['sales'] / k['target']:.0f}")
    rate = k.get("repurchase_rate")
    rate_text = "—" if rate is None else f"{100 * rate:.0f}%" if rate <= 1 else f"{rate:g}%"
    return (
        QCoreApplication.translate("OverviewTab", "Period %1: sales %2 against target %3%4. Repurchase rate %5.")
        .replace("%1", k["period"]).replace("%2", fmt_number(k.get("sales")))
        .replace("%3", fmt_number(k.get("target"))).replace("%4", ratio)
        .replace("%5", rate_text))


def renewal_notice(partner: dict[str, Any], today: dt.date) -> tuple[str, str]:
    """The text and tone ("due" or "overdue") of the agreement's renewal notice; no text
    and no tone while the agreement's end is further away than the notice period (or
    unknown)."""
    end = partner.get("agreement_end")
    if not end:
        return "", ""
    left = (dt.date.fromisoformat(end) - today).days
    if left > playbook.RENEWAL_NOTICE_DAYS:
        return "", ""
    text = (QCoreApplication.translate("OverviewTab", "The agreement ends on %1, in %2 days: prepare the renewal.")
            if left >= 0 else QCoreApplication.translate("OverviewTab", "The agreement ended on %1: renew it or record the new one."))
    return text.replace("%1", end).replace("%2", str(left)), "due" if left >= 0 else "overdue"
