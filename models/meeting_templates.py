"""Agenda templates per meeting type, and the conventions of typed meeting notes.

Qt-free on purpose: the agenda text ships in English and Simplified Chinese here (not
through Qt's translations) so packs, sync and tests can build the same agenda. A
regular review's agenda carries over the partner's open action items, so nothing
agreed last time is forgotten (反馈闭环).

Note-line conventions (used when a line of notes becomes an action item):

- a line starting with ``@partner``, ``@对方``, ``@渠道``, ``partner:``, ``对方:`` or
  ``渠道:`` (half- or full-width colon) is owned by the partner;
- ``@ours``, ``@我方``, ``ours:`` or ``我方:`` is owned by us (also the default);
- leading bullets (``-``, ``*``, ``•``, ``1.``, ``1)``) are dropped from the title;
- a converted line is marked with ``CONVERTED_MARK`` so it is visibly done and is not
  converted twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from models.domain import MeetingType, OwnerSide, loop_open_sql
from models.pack_data import signatory

#: the prefix written in front of a note line that became an action item
CONVERTED_MARK = "→ "

_AGENDAS: dict[str, dict[str, list[str]]] = {
    MeetingType.REGULAR_REVIEW: {
        "en": [
            "Follow-up on open action items",
            "Sales, stock and market feedback since the last meeting (shared figures)",
            "The partner's problems and suggestions",
            "Progress on jointly agreed goals",
            "New action items, owners and response deadlines",
        ],
        "zh": [
            "跟进未关闭的行动项",
            "上次会议以来的销售、库存与市场反馈（共享数据）",
            "渠道方的问题与建议",
            "联合目标进展",
            "新的行动项、负责人与响应期限",
        ],
    },
    MeetingType.QUARTERLY_REVIEW: {
        "en": [
            "Quarter results against the jointly agreed targets",
            "Revenue share and rebates: settlement and transparency",
            "Walk through the review checklist",
            "The partner's own growth: team, customers, capabilities",
            "Goals and joint activities for next quarter",
        ],
        "zh": [
            "本季度业绩对照联合目标",
            "分润与返点：结算与透明度",
            "逐项复盘检查清单",
            "渠道自身的成长：团队、客户、能力",
            "下季度目标与联合活动",
        ],
    },
    MeetingType.TRAINING: {
        "en": [
            "Training topic and goals (product / market / management)",
            "Participants and their questions",
            "Exercises and hands-on practice",
            "What the partner will apply next, and how we follow up",
        ],
        "zh": [
            "培训主题与目标（产品 / 市场 / 管理）",
            "参训人员及其问题",
            "练习与实操",
            "渠道方后续落地计划及跟进方式",
        ],
    },
    MeetingType.JOINT_CAMPAIGN: {
        "en": [
            "Campaign goal, target customers and period",
            "Shared budget and resources from each side",
            "Responsibilities and timeline",
            "Success measures and how we share the data",
        ],
        "zh": [
            "活动目标、目标客户与周期",
            "双方投入的预算与资源",
            "分工与时间表",
            "成功指标与数据共享方式",
        ],
    },
    MeetingType.VISIT: {
        "en": [
            "How business is going; anything new at the partner",
            "Problems raised by the partner",
            "Relationship: key people, upcoming dates and occasions",
            "Agreed next steps",
        ],
        "zh": [
            "经营近况与渠道方的新情况",
            "渠道方提出的问题",
            "关系维护：关键人物、近期重要日期",
            "约定的下一步",
        ],
    },
    MeetingType.AD_HOC: {
        "en": ["Reason for the meeting", "Discussion", "Decisions and next steps"],
        "zh": ["会议缘由", "讨论要点", "决定与下一步"],
    },
}

_CARRY_OVER = {
    "en": ("Open action items carried over from the last meeting:",
           "Other open action items:", "partner", "ours", "due"),
    "zh": ("上次会议遗留的未关闭行动项：", "其他未关闭的行动项：", "渠道方", "我方", "期限"),
}


def language_of(code: str | None) -> str:
    """"zh" for any Chinese UI language ("zh_CN", "zh"), else "en"."""
    return "zh" if (code or "").lower().startswith("zh") else "en"


def agenda_points(meeting_type: str, lang: str = "en") -> list[str]:
    """The agenda points of a meeting type in ``lang`` ("en" or "zh")."""
    points = _AGENDAS.get(meeting_type) or _AGENDAS[MeetingType.AD_HOC]
    return list(points[language_of(lang)])


def _item_line(item: dict[str, Any], lang: str) -> str:
    words = _CARRY_OVER[lang]
    side = words[2] if item.get("owner_side") == OwnerSide.PARTNER else words[3]
    who = f"{side}: {item['owner_name']}" if item.get("owner_name") else side
    due = f", {words[4]} {item['due_on']}" if item.get("due_on") else ""
    return f"   - {item.get('title', '')} ({who}{due})"


def build_agenda(
    meeting_type: str,
    lang: str = "en",
    open_items: list[dict[str, Any]] | None = None,
    last_meeting_id: str | None = None,
) -> str:
    """The agenda text of a new meeting.

    For a regular review, ``open_items`` (the partner's action items not yet closed
    with feedback) are listed under the first point: those agreed at the last meeting
    (``meeting_id == last_meeting_id``) first, then any other open ones.
    """
    lang = language_of(lang)
    points = agenda_points(meeting_type, lang)
    lines: list[str] = []
    for n, point in enumerate(points, 1):
        lines.append(f"{n}. {point}")
        if n == 1 and meeting_type == MeetingType.REGULAR_REVIEW and open_items:
            from_last = [i for i in open_items if last_meeting_id and i.get("meeting_id") == last_meeting_id]
            others = [i for i in open_items if i not in from_last]
            for heading, group in ((_CARRY_OVER[lang][0], from_last), (_CARRY_OVER[lang][1], others)):
                if group:
                    lines.append(f"   {heading}")
                    lines.extend(_item_line(i, lang) for i in group)
    return "\n".join(lines)


@dataclass(frozen=True)
class ActionLine:
    """What a typed note line says about the action item it becomes."""

    title: str
    owner_side: str


_PARTNER_PREFIX = re.compile(r"^(?:@(?:partner|对方|渠道)\b[:：]?|(?:partner|对方|渠道)\s*[:：])\s*", re.IGNORECASE)
_OURS_PREFIX = re.compile(r"^(?:@(?:ours|我方)\b[:：]?|(?:ours|我方)\s*[:：])\s*", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•·]|\d+[.)、])\s*")


def is_converted(line: str) -> bool:
    return line.lstrip().startswith(CONVERTED_MARK.strip())


def parse_action_line(line: str) -> ActionLine | None:
    """The action item a note line describes, or None for a blank or converted line."""
    text = line.strip()
    if not text or is_converted(text):
        return None
    text = _BULLET.sub("", text)
    side = OwnerSide.OURS
    if m := _PARTNER_PREFIX.match(text):
        side = OwnerSide.PARTNER
        text = text[m.end():]
    elif m := _OURS_PREFIX.match(text):
        text = text[m.end():]
    text = text.strip()
    if not text:
        return None
    return ActionLine(title=text, owner_side=str(side))


def mark_converted(line: str) -> str:
    """The line as shown after conversion: indentation kept, mark in front."""
    stripped = line.lstrip()
    return line[: len(line) - len(stripped)] + CONVERTED_MARK + stripped


def agenda_for(store: Any, partner_id: str, meeting_type: str, lang: str = "en",
               exclude_meeting_id: str | None = None) -> str:
    """A new meeting's agenda for a partner: the type's template, and for a regular
    review the partner's open action items, those of its last meeting first. Written
    in the partner's preferred language when it has one (the agenda ends up in the
    pack left on its table), else in ``lang`` (the UI's)."""
    partner = store.find("partner", partner_id) or {}
    lang = partner.get("language") or lang
    if meeting_type != MeetingType.REGULAR_REVIEW:
        return build_agenda(meeting_type, lang)
    last = store.rows(
        "meeting", "partner_id = ? AND id != ? AND coalesce(status, 'held') = 'held'",
        [partner_id, exclude_meeting_id or ""], order_by="starts_at DESC", limit=1)
    items = store.rows(
        "action_item", f"partner_id = ? AND {loop_open_sql()}",
        [partner_id], order_by="coalesce(due_on, opened_on), opened_on")
    return build_agenda(meeting_type, lang, items, last[0]["id"] if last else None)


_NAMES = re.compile(r"[、,，;；/]+|\s{2,}")


def attendee_names(text: str | None) -> list[str]:
    """The names in an attendees field ("王总、李经理", "Anna, Ben")."""
    return [n.strip() for n in _NAMES.split(text or "") if n.strip()]


def default_owner(store: Any, meeting_id: str | None, owner_side: str) -> str | None:
    """Who owns an action item typed in a meeting's notes, unless the user says:
    ours: the manager (the name in Settings), else our first attendee; the
    partner's: the partner's first attendee, else its most senior contact."""
    meeting = store.find("meeting", meeting_id) if meeting_id else None
    if owner_side == OwnerSide.PARTNER:
        names = attendee_names((meeting or {}).get("attendees_partner"))
        if names:
            return names[0]
        if meeting is None:
            return None

        person = signatory(store.rows("contact", "partner_id = ?", [meeting["partner_id"]]), [])
        return person["name"] if person else None
    mine = store.get_setting("manager_name")
    if mine:
        return mine
    names = attendee_names((meeting or {}).get("attendees_ours"))
    return names[0] if names else None
