"""What the Today view and the review packs surface: visit cadence, overdue actions,
key dates and the "lying flat" (躺平) warning signs of a partner going quiet."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models import domain
from models.store import Store

#: look-back window for cancelled meetings as a warning sign
CANCELLED_WINDOW_DAYS = 90
#: sales below this share of target, or three falling periods, count as slipping
SLIPPING_RATIO = 0.9
#: a partner showing at least this many signs is flagged as lying flat
LYING_FLAT_MIN_SIGNS = 2


class Sign:
    NO_CONTACT = "no_contact"
    PARTNER_ACTIONS_OVERDUE = "partner_actions_overdue"
    MEETINGS_CANCELLED = "meetings_cancelled"
    TARGETS_SLIPPING = "targets_slipping"


@dataclass
class PartnerOverview:
    id: str
    name_zh: str | None
    name_en: str | None
    tier: str
    stage: str
    region: str | None
    status: str | None
    last_met: dt.date | None
    days_since: int | None
    visit_status: str
    open_actions: int = 0
    overdue_partner_actions: int = 0
    cancelled_recent: int = 0
    target_ratio: float | None = None
    signs: list[str] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return self.name_zh or self.name_en or ""

    @property
    def lying_flat(self) -> bool:
        return len(self.signs) >= LYING_FLAT_MIN_SIGNS


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def partner_overviews(
    store: Store, today: dt.date, cadence: dict[str, int] | None = None,
    partner_ids: list[str] | None = None,
) -> list[PartnerOverview]:
    """One row per live partner with its cadence status and warning signs (a few
    grouped queries, not one per partner: this feeds a 5,000-row table)."""
    cadence = cadence or domain.DEFAULT_CADENCE_DAYS
    iso = today.isoformat()
    where = ""
    params: list[Any] = []
    if partner_ids is not None:
        where = f" AND id IN ({', '.join('?' for _ in partner_ids)})"
        params = list(partner_ids)
    partners = store.query(
        "SELECT id, name_zh, name_en, tier, stage, region, status FROM partners"
        f" WHERE deleted = 0{where} ORDER BY coalesce(name_zh, name_en)",
        params,
    )
    last_met = dict(
        store.db.execute(
            "SELECT partner_id, max(starts_at) FROM meetings WHERE deleted = 0"
            " AND coalesce(status, 'held') = 'held' AND starts_at <= ? GROUP BY partner_id",
            [iso + " 23:59"],
        ).fetchall()
    )
    cancelled = dict(
        store.db.execute(
            "SELECT partner_id, count(*) FROM meetings WHERE deleted = 0 AND status = 'cancelled'"
            " AND starts_at >= ? GROUP BY partner_id",
            [(today - dt.timedelta(days=CANCELLED_WINDOW_DAYS)).isoformat()],
        ).fetchall()
    )
    open_actions: dict[str, int] = {}
    overdue_partner: dict[str, int] = {}
    for pid, side, due, n in store.db.execute(
        "SELECT partner_id, owner_side, due_on < ?, count(*) FROM action_items"
        " WHERE deleted = 0 AND status IN ('open', 'in_progress') GROUP BY 1, 2, 3",
        [iso],
    ).fetchall():
        open_actions[pid] = open_actions.get(pid, 0) + n
        if side == domain.OwnerSide.PARTNER and due:
            overdue_partner[pid] = overdue_partner.get(pid, 0) + n
    kpis: dict[str, list[tuple[float | None, float | None]]] = {}
    for pid, sales, target in store.db.execute(
        "SELECT partner_id, sales, target FROM kpi_snapshots WHERE deleted = 0"
        " ORDER BY partner_id, period DESC"
    ).fetchall():
        lst = kpis.setdefault(pid, [])
        if len(lst) < 3:
            lst.append((sales, target))

    out: list[PartnerOverview] = []
    for p in partners:
        met = _date(last_met.get(p["id"]))
        status = domain.visit_status(met, p["tier"], today, cadence)
        ov = PartnerOverview(
            **p,
            last_met=met,
            days_since=(today - met).days if met else None,
            visit_status=str(status),
            open_actions=open_actions.get(p["id"], 0),
            overdue_partner_actions=overdue_partner.get(p["id"], 0),
            cancelled_recent=cancelled.get(p["id"], 0),
        )
        history = kpis.get(p["id"], [])
        if history and history[0][0] is not None and history[0][1]:
            ov.target_ratio = history[0][0] / history[0][1]
        if status == domain.VisitStatus.OVERDUE:
            ov.signs.append(Sign.NO_CONTACT)
        if ov.overdue_partner_actions:
            ov.signs.append(Sign.PARTNER_ACTIONS_OVERDUE)
        if ov.cancelled_recent:
            ov.signs.append(Sign.MEETINGS_CANCELLED)
        if _slipping(history):
            ov.signs.append(Sign.TARGETS_SLIPPING)
        out.append(ov)
    return out


def _slipping(history: list[tuple[float | None, float | None]]) -> bool:
    """Latest sales under 90% of target, or sales falling three periods running."""
    if not history:
        return False
    sales, target = history[0]
    if sales is not None and target and sales < SLIPPING_RATIO * target:
        return True
    values = [s for s, _ in history]
    return len(values) == 3 and None not in values and values[0] < values[1] < values[2]  # type: ignore[operator]


def actions_due(store: Store, today: dt.date, soon_days: int = 7, partner_id: str | None = None) -> list[dict]:
    """Open action items overdue or due within ``soon_days``, most urgent first."""
    horizon = (today + dt.timedelta(days=soon_days)).isoformat()
    sql = (
        "SELECT a.*, coalesce(p.name_zh, p.name_en) AS partner_name, p.tier AS partner_tier"
        " FROM action_items a JOIN partners p ON p.id = a.partner_id"
        " WHERE a.deleted = 0 AND a.status IN ('open', 'in_progress', 'done')"
        " AND a.due_on <= ?"
    )
    params: list[Any] = [horizon]
    if partner_id:
        sql += " AND a.partner_id = ?"
        params.append(partner_id)
    sql += " ORDER BY a.due_on, a.severity"
    rows = store.query(sql, params)
    for r in rows:
        r["overdue"] = r["due_on"] < today.isoformat()
    return rows


def upcoming_key_dates(store: Store, today: dt.date, days: int = 30) -> list[dict]:
    """Contacts' birthdays and company anniversaries in the next ``days`` days
    (人情: remembering key dates keeps the relationship warm)."""
    out: list[dict] = []
    for c in store.query(
        "SELECT c.id, c.name, c.role, c.partner_id, c.birthday, c.company_anniversary,"
        " coalesce(p.name_zh, p.name_en) AS partner_name FROM contacts c"
        " JOIN partners p ON p.id = c.partner_id AND p.deleted = 0"
        " WHERE c.deleted = 0 AND (c.birthday IS NOT NULL OR c.company_anniversary IS NOT NULL)"
    ):
        for kind in ("birthday", "company_anniversary"):
            d = _date(c[kind])
            if d is None:
                continue
            nxt = _next_occurrence(d, today)
            if (nxt - today).days <= days:
                out.append({**c, "kind": kind, "date": nxt, "in_days": (nxt - today).days})
    out.sort(key=lambda r: r["date"])
    return out


def _next_occurrence(d: dt.date, today: dt.date) -> dt.date:
    for year in (today.year, today.year + 1):
        try:
            cand = d.replace(year=year)
        except ValueError:  # 29 February in a common year
            cand = dt.date(year, 3, 1)
        if cand >= today:
            return cand
    return cand
