"""Planned visits as an iCalendar (.ics) file that Outlook, DingTalk (钉钉) and WeCom
(企业微信) calendars import: one VEVENT per planned meeting, the partner's address as
its location, the agenda as its description. Each event's UID is derived from the
meeting's id alone, so exporting again after a change updates the imported event
instead of adding a second one (its SEQUENCE follows the meeting's edits)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.domain import MeetingStatus
from models.printing.pack_labels import PackText
from models.store import Store

#: the UID's domain part: stable across machines and exports
UID_DOMAIN = "channelkeeper.app"
#: how long a visit is assumed to take when exported
VISIT_MINUTES = 90
#: China Standard Time: the app stores meetings in local wall-clock time
TZID = "Asia/Shanghai"


@dataclass(frozen=True, slots=True)
class IcsVisit:
    meeting_id: str
    starts_at: str
    partner_name: str
    meeting_type: str
    address: str | None
    location: str | None
    agenda: str | None
    version: int
    updated_at: str


def uid_of(meeting_id: str) -> str:
    return f"{meeting_id}@{UID_DOMAIN}"


def planned_visits(store: Store, start: dt.date | None = None, end: dt.date | None = None,
                   meeting_ids: list[str] | None = None) -> list[IcsVisit]:
    """The planned meetings from ``start`` to ``end`` (inclusive), or the ones named."""
    where, params = ["m.deleted = 0", "m.status = ?"], [str(MeetingStatus.PLANNED)]
    if start is not None:
        where.append("m.starts_at >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("m.starts_at <= ?")
        params.append(end.isoformat() + " 23:59")
    if meeting_ids is not None:
        where.append(f"m.id IN ({', '.join('?' for _ in meeting_ids)})")
        params += meeting_ids
    rows = store.db.execute(
        "SELECT m.id, m.starts_at, coalesce(p.name_zh, p.name_en, ''), m.type, p.address,"
        " m.location, m.agenda, m.version, m.updated_at FROM meetings m"
        " JOIN partners p ON p.id = m.partner_id AND p.deleted = 0"
        f" WHERE {' AND '.join(where)} ORDER BY m.starts_at, m.id", params).fetchall()
    return [IcsVisit(*r) for r in rows]


def ics_bytes(visits: list[IcsVisit], lang: str = "zh_CN") -> bytes:
    """The calendar file's bytes; the event's summary says "<type>: <partner>" in
    ``lang`` ("zh_CN" or "en")."""
    # late: off the start path, docs/benchmarks.md
    from icalendar import Calendar, Event

    words = PackText(lang)

    try:
        tz: dt.tzinfo = ZoneInfo(TZID)
    except ZoneInfoNotFoundError:  # no time-zone data here: China keeps +08:00 all year
        tz = dt.timezone(dt.timedelta(hours=8), "CST")
    cal = Calendar()
    cal.add("prodid", "-//ChannelKeeper//渠道管家//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "计划拜访" if words.is_chinese else "Planned visits")
    for v in visits:
        starts = dt.datetime.strptime(v.starts_at[:16], "%Y-%m-%d %H:%M").replace(tzinfo=tz)
        event = Event()
        event.add("uid", uid_of(v.meeting_id))
        event.add("dtstamp", _utc(v.updated_at))
        event.add("dtstart", starts)
        event.add("dtend", starts + dt.timedelta(minutes=VISIT_MINUTES))
        event.add("sequence", int(v.version or 0))
        kind = words.value(v.meeting_type) if v.meeting_type else ""
        event.add("summary", f"{kind}: {v.partner_name}" if kind else v.partner_name)
        place = v.location or v.address
        if place:
            event.add("location", place)
        if v.agenda:
            event.add("description", v.agenda)
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


def _utc(stamp: str | None) -> dt.datetime:
    """The store's UTC stamp ("YYYY-MM-DD HH:MM:SS") as an aware datetime."""
    try:
        return dt.datetime.fromisoformat((stamp or "")[:19]).replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def write_ics(path: Path, data: bytes) -> None:
    """Written whole or not at all (a temporary file renamed over the target)."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def export_ics(store: Store, path: Path, start: dt.date | None = None,
               end: dt.date | None = None, meeting_ids: list[str] | None = None,
               lang: str = "zh_CN") -> int:
    """Write the planned visits (a range, or the ones named) to ``path``; how many."""
    visits = planned_visits(store, start, end, meeting_ids)
    write_ics(path, ics_bytes(visits, lang))
    return len(visits)
