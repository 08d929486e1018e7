"""The printed pack's words in English and Simplified Chinese.

A pack's language is chosen per pack, independently of the UI's language (a manager
running the app in English may hand a Chinese pack to the partner), so these strings
live in a plain dict rather than in Qt's translator, which follows the UI.
"""
from __future__ import annotations

import datetime as dt
import re

LANGUAGES = ("zh_CN", "en")

_EN: dict[str, str] = {
    "title": "Partner review pack",
    "title_summary": "Partner review — summary",
    "period": "Period",
    "tier": "Tier",
    "stage": "Lifecycle stage",
    "region": "Region",
    "manager": "Channel manager",
    "date": "Date",
    "prepared_on": "Prepared on",
    "page_of": "Page {page} of {pages}",
    "audience_partner": "Partner copy",
    "audience_internal": "Internal copy — not for the partner",
    "note_partner": "Prepared for the review meeting; this copy is for the partner to keep.",
    "note_internal": (
        "For our team only: it holds warning signs, review scores and notes marked "
        "internal. Print a partner copy for the meeting."
    ),
    "contents": "Contents",
    "tile_sales": "Sales vs target",
    "tile_visits": "Meetings held",
    "tile_actions": "Open / overdue actions",
    "tile_score": "Review score",
    "tile_closed": "Actions closed in the period",
    "sec_terms": "Agreed terms",
    "revenue_share": "Revenue share",
    "rebate": "Rebate",
    "incentive_scheme": "Incentives",
    "joint_goals": "Joint goals",
    "no_terms": "No terms recorded yet: agree them at the meeting.",
    "feedback": "Feedback given",
    "next_meeting": "Next meeting: {date}, {type}.",
    "no_next_meeting": "No next meeting planned yet: agree a date at the table.",
    "steps_above": "The {n} open action items listed above are the next steps.",
    "internal_mark": "[Internal] ",
    "role_line": "Title",
    "sign_partner_company": "For {company}",
    # sections
    "sec_summary": "Summary",
    "sec_kpis": "KPIs against target",
    "sec_cadence": "Visit cadence",
    "sec_signs": "Warning signs",
    "sec_meetings": "Meetings in the period",
    "sec_actions": "Action items",
    "sec_open_actions": "Open",
    "sec_done_actions": "Done in the period",
    "sec_response": "Response times against deadlines",
    "sec_checklist": "Review checklist",
    "sec_next_steps": "Next steps",
    "sec_signatures": "Signatures",
    # KPI table and chart
    "month": "Month",
    "sales": "Sales",
    "target": "Target",
    "achieved": "Achieved",
    "repurchase": "Repurchase",
    "total": "Total",
    "chart_caption": "Monthly sales against target (shaded: outside the period)",
    "no_kpis": "No KPI figures from head office for this period.",
    # cadence
    "cadence_rule": "Cadence for this tier: a meeting at least every {days} days.",
    "cadence_kept": "Cadence kept. Meetings held in the period: {n}.",
    "cadence_missed": (
        "Cadence missed. Gaps longer than the cadence: {n}; meetings held: {n_visits}; "
        "longest gap: {gap} days."
    ),
    "gap": "{start} to {end}: {days} days without a meeting",
    "last_visit": "Last meeting: {date} ({days} days ago).",
    "never_visited": "No meeting has been held with this partner yet.",
    # signs
    "no_signs": "No warning signs: the partner is engaged.",
    "lying_flat": "The partner shows signs of \u201clying flat\u201d: act before the relationship cools.",
    "sign_no_contact": "No contact within the cadence",
    "sign_partner_actions_overdue": "Partner-owned actions overdue",
    "sign_meetings_cancelled": "Meetings cancelled recently",
    "sign_targets_slipping": "Targets slipping",
    "sign_slower_replies": "Slower replies",
    # meetings
    "when": "Date",
    "type": "Type",
    "status": "Status",
    "attendees": "Attendees",
    "ours": "Ours",
    "theirs": "Partner",
    "location": "Location",
    "agenda": "Agenda",
    "notes": "Notes",
    "decisions": "Decisions",
    "no_meetings": "No meetings in this period.",
    "meetings_count": "Meetings: {n}",
    # actions
    "action": "Action",
    "owner": "Owner",
    "severity": "Severity",
    "opened": "Opened",
    "deadline": "Response by",
    "closed": "Closed",
    "overdue_days": "{days} days overdue",
    "awaiting_feedback": "awaiting feedback",
    "no_open_actions": "No open action items.",
    "no_done_actions": "No action items closed in this period.",
    "open_summary": "{open} open, of which {overdue} overdue; {done} closed in the period.",
    # responses
    "responded": "Answered",
    "on_time": "On time",
    "median_response": "Median response",
    "median_deadline": "Deadline",
    "days": "{n} d",
    "response_summary": (
        "{responded} items answered in the period, {on_time} on time ({rate}); "
        "median response {median} days against a median deadline of {deadline} days."
    ),
    "response_none": "No action items were answered in this period.",
    "response_open_overdue": "{n} items are still unanswered past their deadline.",
    # checklist
    "score": "Score",
    "completion": "Completion",
    "previous": "Previous review",
    "delta_up": "\u25b2 {delta} points since {date}",
    "delta_down": "\u25bc {delta} points since {date}",
    "delta_same": "\u25c6 unchanged since {date}",
    "first_review": "First review: nothing to compare with yet.",
    "failed_items": "Items needing attention",
    "no_failed": "Every answered item passed.",
    "item": "Item",
    "answer": "Answer",
    "comment": "Comment",
    "change": "Change",
    "no_checklist": "No review checklist has been filled in for this partner yet.",
    "performed_on": "Reviewed on {date}",
    "yes": "Yes",
    "no": "No",
    "better": "better",
    "worse": "worse",
    # next steps and signatures
    "no_next_steps": "No open actions: agree the next steps at the meeting.",
    "sign_partner": "For the partner",
    "sign_manager": "Channel manager",
    "name_line": "Name",
    "signature_line": "Signature",
    "date_line": "Date",
    "quiet_period": "Nothing was recorded for this period: no meetings, actions, KPIs or reviews.",
    "more_in_full": "{n} more in the full pack.",
}

_ZH: dict[str, str] = {
    "title": "渠道复盘资料",
    "title_summary": "渠道复盘摘要",
    "period": "周期",
    "tier": "渠道分层",
    "stage": "生命周期",
    "region": "区域",
    "manager": "渠道经理",
    "date": "日期",
    "prepared_on": "编制日期",
    "page_of": "第 {page} 页，共 {pages} 页",
    "audience_partner": "渠道方版本",
    "audience_internal": "内部版本——请勿交给渠道方",
    "note_partner": "供复盘会议使用，本版本交渠道方留存。",
    "note_internal": "仅供我方内部使用：含预警信号、复盘评分及标为内部的纪要。开会请打印渠道方版本。",
    "contents": "目录",
    "tile_sales": "销售目标完成率",
    "tile_visits": "本期会议",
    "tile_actions": "未完成 / 逾期行动项",
    "tile_score": "复盘得分",
    "tile_closed": "本期完成的行动项",
    "sec_terms": "合作条款",
    "revenue_share": "分润比例",
    "rebate": "返点",
    "incentive_scheme": "激励方案",
    "joint_goals": "联合目标",
    "no_terms": "尚未记录合作条款：请在会上商定。",
    "feedback": "反馈内容",
    "next_meeting": "下次会议：{date}，{type}。",
    "no_next_meeting": "尚未安排下次会议：请在会上约定时间。",
    "steps_above": "上表所列 {n} 项未完成的行动项即为下一步计划。",
    "internal_mark": "【内部】",
    "role_line": "职务",
    "sign_partner_company": "{company}",
    "sec_summary": "概览",
    "sec_kpis": "指标完成情况",
    "sec_cadence": "拜访节奏",
    "sec_signs": "预警信号",
    "sec_meetings": "本期会议",
    "sec_actions": "行动项",
    "sec_open_actions": "未完成",
    "sec_done_actions": "本期已完成",
    "sec_response": "响应时间与时限对比",
    "sec_checklist": "复盘清单",
    "sec_next_steps": "下一步计划",
    "sec_signatures": "签字确认",
    "month": "月份",
    "sales": "销售额",
    "target": "目标",
    "achieved": "完成率",
    "repurchase": "复购率",
    "total": "合计",
    "chart_caption": "每月销售额与目标对比（浅色：周期之外）",
    "no_kpis": "本期暂无总部下发的指标数据。",
    "cadence_rule": "该分层的拜访节奏：至少每 {days} 天会面一次。",
    "cadence_kept": "拜访节奏达标：本期共举行 {n} 次会议。",
    "cadence_missed": "拜访节奏 {n} 次未达标：本期举行 {n_visits} 次会议，最长间隔 {gap} 天。",
    "gap": "{start} 至 {end}：{days} 天未会面",
    "last_visit": "最近一次会议：{date}（{days} 天前）。",
    "never_visited": "尚未与该渠道举行过会议。",
    "no_signs": "无预警信号：渠道合作积极。",
    "lying_flat": "该渠道出现\u201c躺平\u201d迹象：请在关系降温前采取行动。",
    "sign_no_contact": "超出拜访节奏未联系",
    "sign_partner_actions_overdue": "渠道方负责的行动项逾期",
    "sign_meetings_cancelled": "近期会议被取消",
    "sign_targets_slipping": "目标完成下滑",
    "sign_slower_replies": "回复变慢",
    "when": "日期",
    "type": "类型",
    "status": "状态",
    "attendees": "参会人员",
    "ours": "我方",
    "theirs": "渠道方",
    "location": "地点",
    "agenda": "议程",
    "notes": "纪要",
    "decisions": "决议",
    "no_meetings": "本期没有会议。",
    "meetings_count": "共 {n} 次会议",
    "action": "行动项",
    "owner": "负责方",
    "severity": "级别",
    "opened": "提出日期",
    "deadline": "响应时限",
    "closed": "完成日期",
    "overdue_days": "逾期 {days} 天",
    "awaiting_feedback": "待反馈",
    "no_open_actions": "没有未完成的行动项。",
    "no_done_actions": "本期没有完成的行动项。",
    "open_summary": "未完成 {open} 项，其中逾期 {overdue} 项；本期完成 {done} 项。",
    "responded": "已响应",
    "on_time": "按时",
    "median_response": "响应中位数",
    "median_deadline": "时限",
    "days": "{n} 天",
    "response_summary": (
        "本期响应 {responded} 项，按时 {on_time} 项（{rate}）；"
        "响应时间中位数 {median} 天，时限中位数 {deadline} 天。"
    ),
    "response_none": "本期没有响应的行动项。",
    "response_open_overdue": "仍有 {n} 项超过时限未响应。",
    "score": "得分",
    "completion": "完成度",
    "previous": "上次复盘",
    "delta_up": "\u25b2 较 {date} 提高 {delta} 分",
    "delta_down": "\u25bc 较 {date} 下降 {delta} 分",
    "delta_same": "\u25c6 与 {date} 持平",
    "first_review": "首次复盘，暂无可比较的记录。",
    "failed_items": "需要关注的项目",
    "no_failed": "所有已回答的项目均已达标。",
    "item": "项目",
    "answer": "回答",
    "comment": "备注",
    "change": "变化",
    "no_checklist": "该渠道尚未填写复盘清单。",
    "performed_on": "复盘日期：{date}",
    "yes": "是",
    "no": "否",
    "better": "改善",
    "worse": "退步",
    "no_next_steps": "没有未完成的行动项：请在会上商定下一步计划。",
    "sign_partner": "渠道方",
    "sign_manager": "渠道经理",
    "name_line": "姓名",
    "signature_line": "签字",
    "date_line": "日期",
    "quiet_period": "本期没有任何记录：没有会议、行动项、指标或复盘。",
    "more_in_full": "另有 {n} 项，详见完整版。",
}

_VALUES_EN: dict[str, str] = {
    "core": "Core", "ordinary": "Ordinary", "emerging": "Emerging", "strategic": "Strategic",
    "intro": "Intro", "running_in": "Running-in", "mature": "Mature", "advanced": "Advanced",
    "regular_review": "Regular review", "quarterly_review": "Quarterly review",
    "training": "Training", "joint_campaign": "Joint campaign", "visit": "Visit",
    "ad_hoc": "Ad hoc", "planned": "Planned", "held": "Held", "cancelled": "Cancelled",
    "ours": "Ours", "partner": "Partner", "low": "Low", "medium": "Medium", "high": "High",
    "critical": "Critical", "open": "Open", "in_progress": "In progress", "done": "Done",
    "feedback_given": "Feedback given",
}

_VALUES_ZH: dict[str, str] = {
    "core": "金牌核心渠道", "ordinary": "普通分销渠道", "emerging": "新兴试点渠道",
    "strategic": "战略合作渠道", "intro": "初识", "running_in": "磨合", "mature": "成熟",
    "advanced": "进阶", "regular_review": "定期复盘", "quarterly_review": "季度复盘",
    "training": "培训赋能", "joint_campaign": "联合营销", "visit": "拜访", "ad_hoc": "临时沟通",
    "planned": "计划中", "held": "已举行", "cancelled": "已取消", "ours": "我方",
    "partner": "渠道方", "low": "低", "medium": "中", "high": "高", "critical": "紧急",
    "open": "待处理", "in_progress": "处理中", "done": "已完成", "feedback_given": "已反馈",
}

#: what only an internal copy prints: our judgement of the partner. A partner copy
#: never shows these words (tests read every demo partner's partner copy for them);
#: a new internal-only section adds its keys here.
INTERNAL_KEYS = frozenset({
    "audience_internal", "note_internal", "internal_mark", "tile_score",
    "sec_signs", "no_signs", "lying_flat", "sign_no_contact", "sign_partner_actions_overdue",
    "sign_meetings_cancelled", "sign_targets_slipping",
    "sec_cadence", "cadence_rule", "cadence_kept", "cadence_missed", "gap",
    "sec_response", "response_summary", "response_none", "response_open_overdue",
    "sec_checklist", "failed_items", "no_failed", "first_review", "no_checklist",
})

_STRINGS = {"en": (_EN, _VALUES_EN), "zh_CN": (_ZH, _VALUES_ZH)}


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


class PackText:
    """The words and formats of one pack language."""

    def __init__(self, language: str) -> None:
        if language not in _STRINGS:
            raise ValueError(f"unknown pack language {language!r} (use {' or '.join(LANGUAGES)})")
        self.language = language
        self._text, self._values = _STRINGS[language]

    @property
    def is_chinese(self) -> bool:
        return self.language == "zh_CN"

    def __call__(self, key: str, **fmt: object) -> str:
        text = self._text[key]
        return text.format(**fmt) if fmt else text

    def internal_words(self) -> list[str]:
        """The fixed words of the internal-only texts (placeholders cut out), for
        checking that a partner copy holds none of them."""
        words = []
        for key in INTERNAL_KEYS:
            for part in re.split(r"\{[^}]*\}", self._text[key]):
                part = part.strip(" .,;:：；，。()（）▲▼◆[]【】")
                if len(part) >= (4 if self.is_chinese else 6):
                    words.append(part)
        return sorted(set(words))

    def value(self, code: str | None) -> str:
        """Display name of an enumeration value (tier, stage, status, ...)."""
        return self._values.get(code or "", code or "")

    def sign(self, code: str) -> str:
        return self._text.get(f"sign_{code}", code)

    def date(self, d: dt.date | None) -> str:
        if d is None:
            return "—"
        if self.is_chinese:
            return f"{d.year}年{d.month}月{d.day}日"
        return d.strftime("%d %b %Y").lstrip("0")

    def short_date(self, d: dt.date | None) -> str:
        return d.isoformat() if d else "—"

    def month(self, period: str) -> str:
        y, m = period.split("-")
        if self.is_chinese:
            return f"{int(m)}月"
        return dt.date(int(y), int(m), 1).strftime("%b")

    def period(self, start: dt.date, end: dt.date) -> str:
        sep = " 至 " if self.is_chinese else " – "
        return f"{self.date(start)}{sep}{self.date(end)}"

    def partner_name(self, partner: dict) -> str:
        """Name in the pack's language first, the other one beside it."""
        zh, en = partner.get("name_zh"), partner.get("name_en")
        first, second = (zh, en) if self.is_chinese else (en, zh)
        return first or second or ""

    def partner_other_name(self, partner: dict) -> str:
        zh, en = partner.get("name_zh"), partner.get("name_en")
        first, second = (zh, en) if self.is_chinese else (en, zh)
        return second if first and second else ""

    def bilingual(self, text: str) -> str:
        """One language of a name written in both, "English / 中文" (the built-in review
        templates' names, and head office's habit): the pack's; other text unchanged."""
        parts = [p.strip() for p in text.split(" / ")]
        if len(parts) != 2 or not all(parts):
            return text
        zh = [p for p in parts if _has_cjk(p)]
        other = [p for p in parts if not _has_cjk(p)]
        if len(zh) != 1 or len(other) != 1:
            return text
        return zh[0] if self.is_chinese else other[0]

    def checklist_text(self, text_en: str, text_zh: str) -> str:
        return (text_zh or text_en) if self.is_chinese else (text_en or text_zh)

    def percent(self, ratio: float | None) -> str:
        return "—" if ratio is None else f"{ratio * 100:.0f}%"

    def money(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.is_chinese and abs(value) >= 10_000:
            return f"{value / 10_000:,.1f}万"
        return f"{value:,.0f}"
