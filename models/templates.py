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

def _stage(stage: str, en: str, zh: str, items: list[dict]) -> dict:
    return {"title": en, "title_zh": zh, "stage": stage, "items": items}


#: one section per lifecycle stage (生命周期), from the stage's focus in the method; a
#: review walks only the section of the partner's stage at the time (checklist_run.stage)
_STAGES = [
    _stage("intro", "Stage: intro", "阶段：初识", [
        _item("intro_rules", "Are the cooperation rules and incentives explicit and explained?",
              "合作规则和激励是否明确并已讲清楚？", 2),
        _item("intro_fit", "Does the partner fit our selection criteria (market, capability)?",
              "渠道是否符合我们的选择标准（市场、能力）？", 1),
    ]),
    _stage("running_in", "Stage: running-in", "阶段：磨合", [
        _item("runin_response", "Did the partner's problems get answers within the response deadlines?",
              "渠道的问题是否在响应时限内得到答复？", 2),
        _item("runin_tolerance", "Were mistakes met with tolerance and a fix rather than blame?",
              "出现失误时是否以包容和改进代替指责？", 1),
    ]),
    _stage("mature", "Stage: mature", "阶段：成熟", [
        _item("mature_sharing", "Did both sides share sales and market information in depth?",
              "双方是否深入共享了销售和市场信息？", 2),
        _item("mature_campaign", "Was there a joint marketing campaign this period?",
              "本期是否开展了联合营销活动？", 1),
    ]),
    _stage("advanced", "Stage: advanced", "阶段：进阶", [
        _item("adv_innovation", "Is a co-innovation project under way?",
              "是否有共创项目在推进？", 2),
        _item("adv_resources", "Did we open more resources and share risk as agreed?",
              "是否按约定开放了更多资源并共担风险？", 1),
    ]),
]

BUILTIN_TEMPLATES: list[dict[str, Any]] = [
    {
        "key": "standard-review",
        "name": "Standard review / 标准复盘",
        "tier": None,
        "sections": [_COMMON, _HEALTH, *_STAGES],
    },
    {
        "key": "ordinary-review",
        "name": "Ordinary partner review / 普通渠道复盘",
        "tier": "ordinary",
        "sections": [
            _COMMON,
            _HEALTH,
            {
                "title": "Ordinary partner",
                "title_zh": "普通分销渠道",
                "items": [
                    _item("standard_process", "Did the standard process run without exceptions?",
                          "标准流程是否运行顺畅、没有例外？", 1),
                    _item("auto_incentives", "Were the automatic incentives paid on time and correctly?",
                          "自动激励是否按时准确发放？", 2),
                    _item("online_training", "Did the partner's team take the online training?",
                          "渠道团队是否参加了线上培训？", 1),
                ],
            },
            *_STAGES,
        ],
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
            *_STAGES,
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
            *_STAGES,
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
            *_STAGES,
        ],
    },
]


def walked_sections(sections: list[dict] | str, stage: str | None) -> list[dict]:
    """The sections a review at lifecycle ``stage`` walks: those of every stage, and
    the one of ``stage`` (None: a review made before stages had sections)."""
    if isinstance(sections, str):
        sections = json.loads(sections)
    return [s for s in sections if s.get("stage") in (None, stage)]


def every_item(sections: list[dict] | str) -> list[dict]:
    """The items of every section, whatever its stage (checking a template)."""
    if isinstance(sections, str):
        sections = json.loads(sections)
    return [item for section in sections for item in section.get("items", [])]


def template_items(sections: list[dict] | str, stage: str | None = None) -> list[dict]:
    """The items a review at ``stage`` walks (see ``walked_sections``)."""
    return [item for section in walked_sections(sections, stage)
            for item in section.get("items", [])]


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


def score_run(sections: list[dict] | str, answers: dict | str | None,
              stage: str | None = None) -> tuple[float | None, float]:
    """(score 0..100 over the answered scored items, completion 0..1 over the items a
    review at ``stage`` walks)."""
    if isinstance(answers, str):
        answers = json.loads(answers)
    answers = answers or {}
    items = template_items(sections, stage)
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
