"""Built-in review checklists (复盘) and checklist scoring.

A template's sections hold items; each item has a stable key, English and Chinese
text, a weight and an answer type. The common pitfalls of the method are items of
every template; tier-specific items follow the tier table of the domain brief.
"""
from __future__ import annotations

import json
from typing import Any

from models.domain import AnswerType


def _item(key: str, en: str, zh: str, weight: float = 1.0, kind: str = AnswerType.YES_NO) -> dict:
    return {"key": key, "text": en, "text_zh": zh, "weight": weight, "answer_type": str(kind)}


_COMMON = {
    "title": "Common pitfalls",
    "title_zh": "常见误区",
    "items": [
        _item("growth", "Did we discuss the partner's own growth, not only price and rebates?",
              "是否讨论了渠道自身的成长，而不只是价格和返点？", 2),
        _item("regular", "Was the review held on schedule?", "复盘是否按期举行？", 1),
        _item("two_way", "Did the partner have a channel to give feedback, and use it?",
              "渠道方是否有反馈渠道并实际使用？", 2),
        _item("data", "Were decisions backed by shared sales and market data?",
              "决策是否基于共享的销售和市场数据？", 2),
        _item("transparent", "Are the revenue-share rules transparent to the partner?",
              "分润规则对渠道方是否透明？", 2),
    ],
}

_HEALTH = {
    "title": "Relationship health",
    "title_zh": "合作健康度",
    "items": [
        _item("satisfaction", "Partner satisfaction with our support", "渠道方对支持的满意度",
              2, AnswerType.SCORE_1_5),
        _item("responsiveness", "Responsiveness of the partner's team", "渠道团队的响应速度",
              1, AnswerType.SCORE_1_5),
        _item("goals_met", "Progress on jointly agreed goals", "联合目标的进展", 2,
              AnswerType.SCORE_1_5),
        _item("observations", "Other observations", "其他观察", 0, AnswerType.TEXT),
    ],
}

BUILTIN_TEMPLATES: list[dict[str, Any]] = [
    {
        "key": "standard-review",
        "name": "Standard review / 标准复盘",
        "tier": None,
        "sections": [_COMMON, _HEALTH],
    },
    {
        "key": "core-review",
        "name": "Core partner review / 核心渠道复盘",
        "tier": "core",
        "sections": [
            _COMMON,
            _HEALTH,
            {
                "title": "Core partner",
                "title_zh": "核心渠道",
                "items": [
                    _item("cocreation", "Was there a co-creation session this period?",
                          "本期是否开展了共创活动？", 2),
                    _item("dedicated_policy", "Is the dedicated policy up to date?",
                          "专属政策是否已更新？", 1),
                ],
            },
        ],
    },
    {
        "key": "strategic-review",
        "name": "Strategic partner review / 战略渠道复盘",
        "tier": "strategic",
        "sections": [
            _COMMON,
            _HEALTH,
            {
                "title": "Strategic partnership",
                "title_zh": "战略合作",
                "items": [
                    _item("milestones", "Are the joint project milestones on track?",
                          "联合项目里程碑是否按计划推进？", 2),
                    _item("risk_sharing", "Is market risk shared as agreed?",
                          "市场风险是否按约定共担？", 1),
                ],
            },
        ],
    },
    {
        "key": "emerging-review",
        "name": "Emerging pilot review / 新兴试点复盘",
        "tier": "emerging",
        "sections": [
            _COMMON,
            _HEALTH,
            {
                "title": "Pilot",
                "title_zh": "试点",
                "items": [
                    _item("trial_support", "Did the pilot get the focused support it needs?",
                          "试点是否获得了所需的重点支持？", 2),
                    _item("growth_incentive", "Are growth incentives paying out?",
                          "成长激励是否已兑现？", 1),
                ],
            },
        ],
    },
]


def template_items(sections: list[dict] | str) -> list[dict]:
    if isinstance(sections, str):
        sections = json.loads(sections)
    return [item for section in sections for item in section.get("items", [])]


def item_value(item: dict, answer: dict | None) -> float | None:
    """An answer's value in 0..1, or None where the item is unanswered or unscored."""
    if not answer or answer.get("value") in (None, ""):
        return None
    value = answer["value"]
    kind = item.get("answer_type")
    if kind == AnswerType.YES_NO:
        return 1.0 if value in (True, "yes", 1, "1") else 0.0
    if kind == AnswerType.SCORE_1_5:
        return (min(5.0, max(1.0, float(value))) - 1.0) / 4.0
    return None


def is_answered(answer: dict | None) -> bool:
    return bool(answer) and answer.get("value") not in (None, "")


def is_failed(item: dict, answer: dict | None) -> bool:
    """A "no", or a score of 2 or less: the items a review pack lists with comments."""
    v = item_value(item, answer)
    return v is not None and v < 0.5


def score_run(sections: list[dict] | str, answers: dict | str | None) -> tuple[float | None, float]:
    """(score 0..100 over the answered scored items, completion 0..1 over all items)."""
    if isinstance(answers, str):
        answers = json.loads(answers)
    answers = answers or {}
    items = template_items(sections)
    if not items:
        return None, 0.0
    answered = sum(1 for it in items if is_answered(answers.get(it["key"])))
    total_w = 0.0
    got = 0.0
    for it in items:
        v = item_value(it, answers.get(it["key"]))
        w = float(it.get("weight", 1.0))
        if v is None or w <= 0:
            continue
        total_w += w
        got += w * v
    score = round(100.0 * got / total_w, 1) if total_w else None
    return score, round(answered / len(items), 3)
