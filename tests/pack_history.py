"""A partner with a realistic history for review-pack tests and the pack benchmark:
meetings with Chinese notes, action items in every status, monthly KPIs from head
office and several checklist runs. Deterministic for a given seed."""
from __future__ import annotations

import datetime as dt
import json
import random
import uuid

from models import domain
from models.store import Store
from models.templates import score_run

SENTENCES = [
    "渠道方反馈本季度返点政策不够透明，希望我们每月提供详细的分润明细。",
    "双方同意在下个月联合举办一次区域市场推广活动，由我方提供物料支持。",
    "对方团队的响应速度明显变慢，部分承诺的事项一再拖延，需要重点关注。",
    "我们介绍了新产品的定价策略，渠道方提出希望获得更长的账期。",
    "会议讨论了渠道自身的成长计划，而不只是价格和返点问题。",
    "针对上次复盘中提出的库存积压问题，渠道方已经完成了清理。",
    "渠道方希望我们开放更多的客户数据，以便做出数据驱动的决策。",
    "本次培训覆盖了产品知识、市场趋势和管理方法，参训人员反馈良好。",
    "关于分润规则的调整，双方将在下一次定期沟通会议上再次确认。",
    "渠道方提出在华南地区试点新的合作模式，我方将评估所需资源。",
    "The partner asked for the Q3 sales data in English for their head office.",
    "双方约定每周五前同步一次销售数据和市场反馈，确保信息透明共享。",
]

TITLES = [
    "提供月度分润明细", "整理库存数据并共享", "安排产品培训", "确认联合推广预算",
    "回复账期调整申请", "更新专属政策文件", "跟进客户投诉", "提交季度销售预测",
    "Send the English sales report", "准备共创会议议程",
]


def long_note(rng: random.Random, sentences: int) -> str:
    """A note of several paragraphs made of realistic sentences."""
    paras = []
    while sentences > 0:
        n = min(sentences, rng.randint(2, 6))
        paras.append("".join(rng.choice(SENTENCES) for _ in range(n)))
        sentences -= n
    return "\n\n".join(paras)


def make_partner(store: Store, *, name_zh: str = "华东渠道分销商", name_en: str | None = "East China Distribution",
                 tier: str = "core", stage: str = "mature") -> dict:
    return store.create_partner(name_zh=name_zh, name_en=name_en, tier=tier, stage=stage,
                                region="华东", goals="年销售额增长20%")


def add_history(store: Store, partner: dict, today: dt.date, *, months: int = 12,
                meetings: int = 50, actions: int = 150, reviews: int = 4,
                note_sentences: int = 8, seed: int = 7) -> None:
    """Fill ``months`` months before ``today`` with history for ``partner``."""
    rng = random.Random(seed)
    pid, tier = partner["id"], partner["tier"]
    start = today - dt.timedelta(days=months * 30)
    span = (today - start).days
    meeting_rows = []
    for i in range(meetings):
        day = start + dt.timedelta(days=int(span * (i + 0.5) / max(meetings, 1)))
        status = "cancelled" if rng.random() < 0.08 else "held"
        meeting_rows.append({
            "id": str(uuid.uuid4()), "partner_id": pid,
            "type": rng.choice(list(domain.MeetingType)).value, "status": status,
            "starts_at": f"{day.isoformat()} {rng.randint(9, 17):02d}:00",
            "location": rng.choice(["上海办公室", "杭州门店", "线上会议"]),
            "attendees_ours": "王经理、李专员", "attendees_partner": "张总、刘主管",
            "agenda": "回顾上期行动项；讨论本季度目标；市场反馈",
            "notes": long_note(rng, note_sentences),
            "decisions": long_note(rng, 2),
        })
    store.create_many("meeting", meeting_rows)
    action_rows = []
    for i in range(actions):
        opened = start + dt.timedelta(days=rng.randint(0, span))
        severity = rng.choice(list(domain.Severity)).value
        due = domain.response_deadline(tier, severity, opened)
        # old items are mostly closed by now, recent ones mostly still open
        weights = [0.3, 0.2, 0.4, 6] if (today - opened).days > 45 else [3, 2, 1, 2]
        status = rng.choices(list(domain.ActionStatus), weights=weights)[0].value
        row = {
            "id": str(uuid.uuid4()), "partner_id": pid, "title": rng.choice(TITLES) + f" #{i + 1}",
            "owner_side": rng.choice(["ours", "partner"]), "owner_name": rng.choice(["王经理", "张总", None]),
            "severity": severity, "status": status, "opened_on": opened.isoformat(),
            "due_on": due.isoformat(),
        }
        if status != "open":
            started = opened + dt.timedelta(days=rng.randint(0, 12))
            row["started_on"] = min(started, today).isoformat()
        if status in ("done", "feedback_given"):
            row["done_on"] = row["started_on"]
        if status == "feedback_given":
            row["feedback_on"] = row["done_on"]
            row["feedback"] = "已向渠道方反馈处理结果"
        action_rows.append(row)
    store.create_many("action_item", action_rows)
    for m in range(months + 1):
        y, mo = today.year, today.month - m
        while mo < 1:
            y, mo = y - 1, mo + 12
        target = 1_000_000 + 20_000 * (months - m)
        store.apply_remote("kpi_snapshot", {
            "id": str(uuid.uuid4()), "partner_id": pid, "period": f"{y:04d}-{mo:02d}",
            "sales": round(target * rng.uniform(0.7, 1.2), -3), "target": target,
            "repurchase_rate": round(rng.uniform(0.2, 0.5), 2), "profit": target * 0.1,
            "active_customers": rng.randint(50, 200),
        }, version=1)
    add_reviews(store, partner, today, reviews, rng)


def add_reviews(store: Store, partner: dict, today: dt.date, count: int, rng: random.Random) -> list[dict]:
    tpl = store.rows("checklist_template", "tier = ? OR tier IS NULL", [partner["tier"]],
                     order_by="tier IS NULL")[0]
    sections = json.loads(tpl["sections"])
    runs = []
    for r in range(count):
        performed = today - dt.timedelta(days=90 * (count - r))
        answers = {}
        for section in sections:
            for it in section["items"]:
                if it["answer_type"] == "yes_no":
                    value = "yes" if rng.random() < 0.6 else "no"
                elif it["answer_type"] == "score_1_5":
                    value = rng.randint(1, 5)
                else:
                    value = "渠道方整体配合度较好，但数据共享仍需加强。"
                comment = "分润规则需要书面确认，渠道方对此有疑问。" if value in ("no", 1, 2) else None
                answers[it["key"]] = {"value": value, "comment": comment}
        score, completion = score_run(sections, answers)
        runs.append(store.create("checklist_run", {
            "partner_id": partner["id"], "template_id": tpl["id"],
            "performed_on": performed.isoformat(), "answers": answers, "score": score,
            "completion": completion,
        }))
    return runs
