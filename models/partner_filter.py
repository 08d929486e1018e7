"""What the Partners page's filter box looks through, per partner: besides the names
and the region, its contacts (names, roles, phones, WeChat, e-mail), the agreement's
terms, its goals, and the pinyin and initials of its name and its contacts' names
with their phone digits (the search index's keys, models/search_index.py).

Read in one pass in the database lane after the list is shown (never on the start
path); the filter then stays an in-memory substring test per keystroke.
"""
from __future__ import annotations

from typing import Any

#: the partner's own fields the filter reads (names and region come from the list)
PARTNER_FIELDS = ("incentive_scheme", "service_terms", "risk_terms", "goals", "address")


def partner_filter_texts(store: Any) -> dict[str, str]:
    """{partner id: lower-cased text} of every live partner (only what has any)."""
    db = store.db
    cols = {r[1] for r in db.execute("PRAGMA table_info(partners)")}
    fields = [f for f in PARTNER_FIELDS if f in cols]
    parts: dict[str, list[str]] = {}

    def add(pid: str, text: str | None) -> None:
        if text:
            parts.setdefault(pid, []).append(text)

    concat = " || ' ' || ".join(f"coalesce({f}, '')" for f in fields)
    for pid, text in db.execute(f"SELECT id, {concat} FROM partners WHERE deleted = 0"):
        add(pid, text.strip())
    for pid, text in db.execute(
            "SELECT partner_id, group_concat(coalesce(name, '') || ' ' || coalesce(role, '') || ' '"
            " || coalesce(phone, '') || ' ' || coalesce(wechat, '') || ' ' || coalesce(email, ''),"
            " ' ') FROM contacts WHERE deleted = 0 GROUP BY partner_id"):
        add(pid, text)
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'joint_goals'").fetchone():
        for pid, text in db.execute(
                "SELECT partner_id, group_concat(coalesce(title, '') || ' ' || coalesce(metric, ''), ' ')"
                " FROM joint_goals WHERE deleted = 0 GROUP BY partner_id"):
            add(pid, text)
    # the pinyin, initials and phone digits the search index keeps for names and contacts
    for pid, keys in db.execute(
            "SELECT d.partner_id, group_concat(f.keys, ' ') FROM search_docs d"
            " JOIN search_fts f ON f.rowid = d.docid"
            " WHERE d.entity IN ('partner', 'contact') AND f.keys != '' GROUP BY d.partner_id"):
        add(pid, keys)
    return {pid: " ".join(texts).casefold() for pid, texts in parts.items() if pid}
