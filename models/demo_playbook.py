"""The demo portfolio's playbook records: agreement terms, the stage moves that
brought each partner where it is, touchpoints (greetings, gifts, calls, training)
and joint goals measured by head office's KPIs or in words.

They draw from random generators of their own, so the rest of a seed's portfolio
stays as it was before these records existed (models/demo_data.py).
"""
from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from typing import Any

from models import demo_text as T
from models import domain
from models.demo_plan import TIER_TARGET, PartnerPlan, in_year
from models.domain import Stage, Tier


class PlaybookRows:
    """The playbook records of one generated portfolio."""

    def __init__(self, seed: int, existing: int, today: dt.date) -> None:
        self.rng = random.Random(f"{seed}/playbook")
        self.id_rng = random.Random(f"{seed}/{existing}/playbook")
        self.today = today

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def agreement(self, p: PartnerPlan, row: dict[str, Any], named: int) -> None:
        """The agreement's dates (every fifth one up for renewal within two months) and,
        for core and strategic partners, service and risk terms of their own.
        ``named``: how many partner names were given so far."""
        r = self.rng
        if named % 5 == 1:
            end = self.today + dt.timedelta(days=r.randint(5, 55))
        else:
            end = self.today + dt.timedelta(days=r.randint(90, 600))
        row["agreement_end"] = end
        row["agreement_start"] = in_year(end, end.year - 2) + dt.timedelta(days=1)
        if p.tier in (Tier.CORE, Tier.STRATEGIC) and not p.international:
            row["service_terms"] = r.choice(T.SERVICE_TERMS_ZH) or None
            row["risk_terms"] = r.choice(T.RISK_TERMS_ZH) or None

    def stage_rows(self, p: PartnerPlan) -> Iterator[dict[str, Any]]:
        """The moves that brought the partner to its stage, a few months apart."""
        r = self.rng
        stages = list(Stage)
        reasons = T.STAGE_REASONS_EN if p.international else T.STAGE_REASONS_ZH
        day = self.today
        moves = []
        for k in range(stages.index(Stage(p.stage)), 0, -1):
            day -= dt.timedelta(days=r.randint(60, 160))
            moves.append((day, str(stages[k - 1]), str(stages[k])))
        for day, before, after in reversed(moves):
            yield {"id": self.new_id(), "partner_id": p.id, "changed_on": day,
                   "from_stage": before, "to_stage": after, "reason": r.choice(reasons)}

    def touch_rows(self, p: PartnerPlan) -> Iterator[dict[str, Any]]:
        """Greetings, gifts, calls, messages and training sessions. Partners meant to
        look overdue or lying flat had their last one long ago (they count as contact)."""
        r = self.rng
        notes = T.TOUCH_NOTES_EN if p.international else T.TOUCH_NOTES_ZH
        quiet = p.health in ("overdue", "flat")
        for _ in range(r.choice((1, 2, 3, 3, 4))):
            kind = r.choice(list(notes))
            ago = r.randint(120, 330) if quiet else r.randint(3, 200)
            yield {"id": self.new_id(), "partner_id": p.id,
                   "contact_id": r.choice(p.contact_ids) if p.contact_ids else None,
                   "happened_on": self.today - dt.timedelta(days=ago), "kind": kind,
                   "note": r.choice(notes[kind])}

    def goal_rows(self, p: PartnerPlan, index: int) -> Iterator[dict[str, Any]]:
        """An annual sales goal of this year measured by head office's sales KPI, its
        current and previous quarters as stages, and for every third partner a goal
        measured in words; agreed at the partner's latest held meeting."""
        r = self.rng
        zh = not p.international
        year = self.today.year
        quarter = (self.today.month - 1) // 3 + 1
        months = [k for k in p.kpi_targets if k.startswith(f"{year}-")]
        monthly = (sum(p.kpi_targets[k] for k in months) / len(months) if months
                   else TIER_TARGET[Tier(p.tier)])
        meeting = max(p.held, key=lambda m: m[1])[0] if p.held else None
        annual = self.new_id()
        ours = T.OUR_COMMITMENT_ZH if zh else T.OUR_COMMITMENT_EN
        theirs = T.PARTNER_COMMITMENT_ZH if zh else T.PARTNER_COMMITMENT_EN
        yield {"id": annual, "partner_id": p.id, "period": str(year), "kpi": "sales",
               "title": f"{year} {T.GOAL_SALES_ZH if zh else T.GOAL_SALES_EN}",
               "target": round(monthly * 12, -3), "status": str(domain.GoalStatus.AGREED),
               "our_commitment": r.choice(ours), "partner_commitment": r.choice(theirs),
               "meeting_id": meeting}
        for q, status in ((quarter - 1, domain.GoalStatus.ACHIEVED), (quarter, domain.GoalStatus.ON_TRACK)):
            if q < 1:
                continue
            yield {"id": self.new_id(), "partner_id": p.id, "period": f"{year}-Q{q}",
                   "kpi": "sales", "parent_id": annual,
                   "title": f"Q{q} {T.GOAL_QUARTER_ZH if zh else T.GOAL_QUARTER_EN}",
                   "target": round(monthly * 3, -3),
                   "status": str(status if p.health != "flat" else domain.GoalStatus.AT_RISK),
                   "meeting_id": meeting}
        if quarter == 1:  # the previous quarter belongs to last year: a stage of its own
            yield {"id": self.new_id(), "partner_id": p.id, "period": f"{year}-Q2",
                   "kpi": "sales", "parent_id": annual,
                   "title": f"Q2 {T.GOAL_QUARTER_ZH if zh else T.GOAL_QUARTER_EN}",
                   "target": round(monthly * 3, -3), "status": str(domain.GoalStatus.PROPOSED)}
        if index % 3 == 0:
            title, metric, target = r.choice(T.GOAL_OTHER_ZH if zh else T.GOAL_OTHER_EN)
            done = target * (r.uniform(0.2, 0.5) if p.health == "flat" else r.uniform(0.7, 1.1))
            yield {"id": self.new_id(), "partner_id": p.id, "period": str(year), "title": title,
                   "metric": metric, "target": target, "actual": round(done),
                   "status": str(domain.GoalStatus.AGREED), "our_commitment": r.choice(ours),
                   "partner_commitment": r.choice(theirs), "meeting_id": meeting}
