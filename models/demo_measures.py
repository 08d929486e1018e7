"""How the demo partners measure up: checklist runs scored by the real templates at
their latest held meetings, and twelve months of head-office KPIs per partner (sales
against target, repurchase, profit, active customers), falling for those "lying flat".

They draw from the generator's main random generator, in the generator's order
(models/demo_data.py), so a seed gives the same portfolio as it always did.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from models import demo_text as T
from models.demo_plan import STAGE_REPURCHASE, TIER_TARGET, PartnerPlan
from models.domain import Stage, Tier
from models.store import Store
from models.templates import AnswerType, score_run, template_items


class MeasureRows:
    """Checklist runs and KPI snapshots, drawn from ``rng`` with ids from ``new_id``."""

    def __init__(self, rng: random.Random, new_id: Callable[[], str]) -> None:
        self.rng = rng
        self.new_id = new_id

    def checklist_rows(self, store: Store, plans: list[PartnerPlan]) -> Iterator[dict[str, Any]]:
        templates = store.rows("checklist_template", "published = 1", order_by="name")
        by_tier = {t["tier"]: t for t in templates}
        r = self.rng
        for p in plans:
            tpl = by_tier.get(p.tier) or by_tier.get(None)
            if tpl is None:
                return
            items = template_items(tpl["sections"], p.stage)
            for _mid, day in sorted(p.held, key=lambda m: m[1], reverse=True)[:2]:
                answers = {}
                fill = 1.0 if r.random() < 0.7 else r.uniform(0.4, 0.9)
                for item in items:
                    if r.random() > fill:
                        continue
                    answers[item["key"]] = self.answer(item, p)
                score, completion = score_run(tpl["sections"], answers, p.stage)
                yield {
                    "id": self.new_id(),
                    "partner_id": p.id,
                    "template_id": tpl["id"],
                    "performed_on": day,
                    "answers": answers,
                    "score": score,
                    "completion": completion,
                    "stage": p.stage,
                }

    def answer(self, item: dict, p: PartnerPlan) -> dict[str, Any]:
        r = self.rng
        good = 0.45 if p.health == "flat" else 0.8
        kind = item["answer_type"]
        if kind == AnswerType.YES_NO:
            value: Any = "yes" if r.random() < good else "no"
        elif kind == AnswerType.SCORE_1_5:
            value = r.choice((3, 4, 4, 5, 5)) if r.random() < good else r.choice((1, 2, 2, 3))
        else:
            value = r.choice(T.NOTES_EN if p.international else T.NOTES_ZH)
        answer = {"value": value}
        if value in ("no", 1, 2) or r.random() < 0.1:
            comment = r.choice(
                T.CHECKLIST_COMMENTS_EN if p.international else T.CHECKLIST_COMMENTS_ZH
            )
            if comment:
                answer["comment"] = comment
        return answer

    def kpi_rows(self, p: PartnerPlan, periods: list[str]) -> Iterator[dict[str, Any]]:
        r = self.rng
        target = TIER_TARGET[Tier(p.tier)] * r.uniform(0.6, 1.6)
        growth = r.uniform(0.0, 0.03)
        repurchase = STAGE_REPURCHASE[Stage(p.stage)]
        customers = r.randint(20, 400)
        for k, period in enumerate(periods):
            target *= 1 + growth
            from_end = len(periods) - 1 - k
            if p.health == "flat" and from_end < 3:
                ratio = 0.86 - 0.07 * (3 - from_end) + r.uniform(-0.02, 0.02)  # falling
            else:
                ratio = r.gauss(1.02, 0.06)
            sales = target * max(0.2, ratio)
            p.kpi_targets[period] = target
            yield {
                "id": self.new_id(),
                "partner_id": p.id,
                "period": period,
                "sales": round(sales, 2),
                "target": round(target, 2),
                "repurchase_rate": round(max(0.02, repurchase + r.uniform(-0.05, 0.05)), 3),
                "profit": round(sales * r.uniform(0.06, 0.18), 2),
                "active_customers": max(1, int(customers * max(0.2, ratio))),
            }
