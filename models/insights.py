"""What the Today view and the review packs surface: visit cadence, overdue actions,
key dates and the "lying flat" (躺平) warning signs of a partner going quiet."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from models import domain
from models.store import Store

#: look-back window for cancelled meetings as a warning sign
CANCELLED_WINDOW_DAYS = 90
#: sales below this share of target, or three falling periods, count as slipping
SLIPPING_RATIO = 0.9
#: a partner showing at least this many signs is flagged as lying flat
LYING_FLAT_MIN_SIGNS = 2
#: "slower replies": the partner's replies of the last REPLY_WINDOW_DAYS (from our request,
#: a partner-owned action item, to its being done) against its own earlier replies
REPLY_WINDOW_DAYS = 90
REPLY_MIN_RECENT, REPLY_MIN_HISTORY = 2, 3
#: slower means this many times its usual reply time, and at least REPLY_SLOWER_DAYS more
REPLY_SLOWER_RATIO, REPLY_SLOWER_DAYS = 1.5, 3.0
#: an action item's partner is not deleted
NOT_DELETED_PARTNER = "a.partner_id NOT IN (SELECT id FROM partners WHERE deleted = 1)"


class Sign:
    NO_CONTACT = "no_contact"
    PARTNER_ACTIONS_OVERDUE = "partner_actions_overdue"
    MEETINGS_CANCELLED = "meetings_cancelled"
    TARGETS_SLIPPING = "targets_slipping"
    SLOWER_REPLIES = "slower_replies"


@dataclass(slots=True)  # 5,000 of them are made at every start: a third faster, smaller
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
    #: the day the next visit falls due (domain.visit_due_on); None: never met and
    #: nothing to count from
    due_on: dt.date | None = None
    #: the first planned (not yet held) visit from today on
    next_planned: dt.date | None = None
    #: the last touchpoint (greeting, call, gift...): contact that is not a meeting
    last_touch: dt.date | None = None
    #: the partner's average reply in days, recently and before (None: too few replies)
    reply_days_recent: float | None = None
    reply_days_usual: float | None = None
    #: orders the name column by pinyin (models.pinyin.sort_key)
    sort_name: str = ""

    @property
    def display_name(self) -> str:
        return self.name_zh or self.name_en or ""

    @property
    def lying_flat(self) -> bool:
        return len(self.signs) >= LYING_FLAT_MIN_SIGNS


def partner_overviews(
    store: Store, today: dt.date, cadence: dict[str, int] | None = None,
    partner_ids: list[str] | None = None,
) -> list[PartnerOverview]:
    """One row per live partner with its cadence status and warning signs.

    One statement that hands back one finished row per partner (its last visit,
    recent cancellations, open actions, latest three KPI periods) instead of
    60,000 KPI rows for Python to group. This feeds the Today and Partners pages,
    so it is on the cold-start path (docs/benchmarks.md has its cost).
    """
    cadence = domain.cadence_days(cadence)
    iso = today.isoformat()
    where = ""
    params: list[Any] = [
        iso + " 23:59",
        (today - dt.timedelta(days=CANCELLED_WINDOW_DAYS)).isoformat(),
        str(domain.OwnerSide.PARTNER),
        iso,
    ]
    if partner_ids is not None:
        where = f" AND p.id IN ({', '.join('?' for _ in partner_ids)})"
        params += list(partner_ids)
    # every per-partner figure is a seek in a covering index of migration 0006 (a few
    # index entries per partner), rather than a pass over every meeting and KPI row
    latest_kpi = ("(SELECT {col} FROM kpi_snapshots WHERE partner_id = p.id AND deleted = 0"
                  " ORDER BY period DESC LIMIT 1 OFFSET {n})")
    last_touch = ("(SELECT max(happened_on) FROM touchpoints WHERE partner_id = p.id"
                  " AND happened_on <= ?4 AND deleted = 0)")
    last_held = ("coalesce((SELECT max(starts_at) FROM meetings WHERE partner_id = p.id"
                 " AND status {test} AND starts_at <= ?1 AND deleted = 0), '')")
    # a meeting without a status counts as held
    held, unset = last_held.format(test="= 'held'"), last_held.format(test="IS NULL")
    # a planned meeting is not a visit until held; the first one ahead is counted
    # from by a partner never met (domain.visit_due_on)
    planned = ("(SELECT min(starts_at) FROM meetings WHERE partner_id = p.id"
               " AND status = 'planned' AND starts_at >= ?4 AND deleted = 0)")
    # the dates come cut to their day (substr), ready for date.fromisoformat
    rows = store.db.execute(
        "SELECT p.id, p.name_zh, p.name_en, p.tier, p.stage, p.region, p.status,"
        f" substr(nullif(max({held}, {unset}), ''), 1, 10) AS last_met,"
        f" substr(p.created_at, 1, 10), substr({planned}, 1, 10),"
        " (SELECT count(*) FROM meetings WHERE partner_id = p.id AND status = 'cancelled'"
        "  AND starts_at >= ?2 AND deleted = 0) AS cancelled,"
        " a.open_n, a.overdue_n,"
        f" {latest_kpi.format(col='sales', n=0)}, {latest_kpi.format(col='target', n=0)},"
        f" {latest_kpi.format(col='sales', n=1)}, {latest_kpi.format(col='sales', n=2)},"
        f" substr({last_touch}, 1, 10)"
        # partners in the order of their ids (the primary key's index): the seeks
        # above then walk each per-partner index from its start to its end instead of
        # jumping about in it, which reads and decrypts each page once and keeps the
        # work in the processor's cache (docs/benchmarks.md, "the first load's statements")
        " FROM partners p INDEXED BY sqlite_autoindex_partners_1"
        " LEFT JOIN (SELECT partner_id, count(*) AS open_n,"
        "   sum(owner_side = ?3 AND due_on < ?4) AS overdue_n"
        "   FROM action_items WHERE deleted = 0 AND status IN ('open', 'in_progress')"
        "   GROUP BY partner_id) a ON a.partner_id = p.id"
        # sorted (the final order comes below): SQLite then computes every row in the
        # statement's first step, which runs without the interpreter lock beside the
        # GUI thread importing the interface at start; a streamed row waits for the
        # lock each (docs/benchmarks.md, "the first load's order"). Partners of one
        # name stay in the order of their rows, as name_order leaves them in SQL.
        f" WHERE p.deleted = 0{where} ORDER BY coalesce(p.name_zh, p.name_en), p.rowid",
        params,
    ).fetchall()
    sort_keys = partner_sort_keys(store, partner_ids)

    # visit_status per row, inlined: the same rules as domain.visit_due_on and
    # domain.visit_status_for_due; the warning signs as the Sign names say
    days_of = {str(t): dt.timedelta(days=cadence[t]) for t in domain.Tier if t in cadence}
    overdue, due, ok = (str(domain.VisitStatus.OVERDUE), str(domain.VisitStatus.DUE),
                        str(domain.VisitStatus.OK))
    due_soon = domain.DUE_SOON_DAYS
    replies = reply_times(store, today, partner_ids)
    day = dt.date.fromisoformat
    out: list[tuple[tuple[str, str], PartnerOverview]] = []
    for (pid, name_zh, name_en, tier, stage, region, status, last, created, first_planned,
         cancelled, open_n, overdue_n, sales, target, s1, s2, touched) in rows:
        limit = (days_of[tier] if tier in days_of
                 else dt.timedelta(days=cadence[domain.Tier(tier)]))
        planned_on = day(first_planned) if first_planned else None
        if last:
            met = day(last)
            age = (today - met).days
            due_on = met + limit
        else:
            met = age = None
            if created:
                due_on = day(created) + limit
                if planned_on is not None and planned_on > due_on:
                    due_on = planned_on
            else:
                due_on = None
        if due_on is None:
            visit = overdue
        else:
            left = (due_on - today).days
            visit = overdue if left < 0 else due if left <= due_soon else ok
        last_touch = day(touched) if touched else None
        signs = []
        # a touchpoint within the cadence is contact too (not a visit: the visit
        # status above stays the meetings')
        if visit == overdue and (last_touch is None or today - last_touch > limit):
            signs.append(Sign.NO_CONTACT)
        if overdue_n:
            signs.append(Sign.PARTNER_ACTIONS_OVERDUE)
        if cancelled:
            signs.append(Sign.MEETINGS_CANCELLED)
        if targets_slipping(sales, target, s1, s2):
            signs.append(Sign.TARGETS_SLIPPING)
        recent = usual = None
        if pid in replies:
            recent, usual = replies[pid]
            if slower_replies(recent, usual):
                signs.append(Sign.SLOWER_REPLIES)
        sort_key = sort_keys.get(pid)
        name = (name_zh if name_zh is not None else name_en) or ""  # SQL's coalesce
        out.append(((name if sort_key is None else sort_key, name), PartnerOverview(
            pid, name_zh, name_en, tier, stage, region, status, met, age, visit,
            open_n or 0, overdue_n or 0, cancelled or 0,
            sales / target if sales is not None and target else None, signs, due_on,
            planned_on, last_touch, recent, usual,
            sort_key or (name_zh or name_en or "").casefold())))
    # ordered as name_order orders partners in SQL: the pinyin sort key, else the
    # name; then the name (the text order of SQLite's BINARY collation is Python's,
    # code point by code point)
    out.sort(key=itemgetter(0))
    return [ov for _key, ov in out]


def partner_sort_keys(store: Store, partner_ids: list[str] | None = None) -> dict[str, str]:
    """{partner id: the pinyin sort key of its search document} (a partner whose
    record waits in the search backlog has none). All partners' in one pass over the
    index of migration 0010, rather than a look-up per partner in the index of every
    record's document, which reads that whole index when the app starts
    (docs/benchmarks.md, "the first load's order")."""
    if partner_ids is None:
        rows = store.db.execute(
            "SELECT entity_id, sort_key FROM search_docs WHERE entity = 'partner'"
            " AND sort_key IS NOT NULL").fetchall()
    else:
        rows = store.db.execute(
            "SELECT entity_id, sort_key FROM search_docs WHERE entity_id IN"
            f" ({', '.join('?' for _ in partner_ids)}) AND sort_key IS NOT NULL",
            list(partner_ids)).fetchall()
    return dict(rows)


def slower_replies(recent: float | None, usual: float | None) -> bool:
    """Whether the partner's recent replies are markedly slower than its own usual."""
    if recent is None or usual is None:
        return False
    return recent >= usual * REPLY_SLOWER_RATIO and recent - usual >= REPLY_SLOWER_DAYS


def reply_times(store: Store, today: dt.date, partner_ids: list[str] | None = None
                ) -> dict[str, tuple[float | None, float | None]]:
    """{partner id: (average reply days of the last REPLY_WINDOW_DAYS, before)} for
    partners with replies: a reply is a partner-owned action item from the day we
    asked (opened) to the day it was done. An average with too few replies behind it
    is None. One pass over a covering index of migration 0009."""
    since = (today - dt.timedelta(days=REPLY_WINDOW_DAYS)).isoformat()
    where = ""
    params: list[Any] = [since, REPLY_MIN_RECENT, REPLY_MIN_HISTORY, str(domain.OwnerSide.PARTNER),
                         today.isoformat()]
    if partner_ids is not None:
        where = f" AND partner_id IN ({', '.join('?' for _ in partner_ids)})"
        params += list(partner_ids)
    span = "julianday(done_on) - julianday(opened_on)"
    rows = store.db.execute(
        f"SELECT partner_id, CASE WHEN sum(done_on >= ?1) >= ?2"
        f"  THEN avg(CASE WHEN done_on >= ?1 THEN {span} END) END,"
        f" CASE WHEN sum(done_on < ?1) >= ?3 THEN avg(CASE WHEN done_on < ?1 THEN {span} END) END"
        " FROM action_items WHERE owner_side = ?4 AND done_on IS NOT NULL AND done_on <= ?5"
        f" AND opened_on IS NOT NULL AND deleted = 0{where} GROUP BY partner_id", params,
    ).fetchall()
    return {pid: (recent, usual) for pid, recent, usual in rows}


def targets_slipping(sales: float | None, target: float | None, before: float | None,
                     earlier: float | None) -> bool:
    """The latest period's sales under 90% of its target, or sales falling three
    periods running (``before`` the period ahead of the latest, ``earlier`` the one
    ahead of that)."""
    if sales is None:
        return False
    if target and sales < SLIPPING_RATIO * target:
        return True
    return before is not None and earlier is not None and sales < before < earlier


def _actions_due_where(today: dt.date, soon_days: int, partner_id: str | None,
                       index_only: bool = False) -> tuple[str, list[Any]]:
    """The WHERE clause of ``actions_due``. ``index_only``: for queries that need no
    more than status, due date and deleted flag: the unary + keeps SQLite off the
    (status, due_on) index, which would fetch every row, so that it reads the covering
    index of migration 0006 alone."""
    horizon = (today + dt.timedelta(days=soon_days)).isoformat()
    due = "+a.due_on" if index_only else "a.due_on"
    # a deleted partner's items stay (a delete never cascades) but are not due: the
    # partner is gone from every list. NOT IN a (small) set of deleted ids rather than
    # a test of p.deleted, which would read every partner row the index-only count joins
    where = (f" WHERE a.deleted = 0 AND {domain.loop_open_sql('a.')}"
             f" AND {due} <= ? AND {NOT_DELETED_PARTNER}")
    params: list[Any] = [horizon]
    if partner_id:
        where += " AND a.partner_id = ?"
        params.append(partner_id)
    return where, params


def actions_due(store: Store, today: dt.date, soon_days: int = 7, partner_id: str | None = None,
                limit: int | None = None) -> list[dict]:
    """Open action items overdue or due within ``soon_days``, most urgent first;
    ``limit``: only the first so many (Today shows the most urgent, see
    ``actions_due_counts`` for how many there are in all)."""
    return actions_due_counted(store, today, soon_days, partner_id, limit)[0]


def actions_due_counted(store: Store, today: dt.date, soon_days: int = 7,
                        partner_id: str | None = None, limit: int | None = None
                        ) -> tuple[list[dict], tuple[int, int] | None]:
    """``actions_due``, and ``actions_due_counts`` when the list was cut at ``limit``
    (else None: the list holds them all): counted in the same pass over the index
    that finds where to cut."""
    where, params = _actions_due_where(today, soon_days, partner_id)
    join = " FROM action_items a JOIN partners p ON p.id = a.partner_id"
    iso = today.isoformat()
    counts: tuple[int, int] | None = None
    if limit is not None and limit > 0:
        # the limit-th earliest due date, from the index alone: only rows due by then
        # can be among the first ``limit``, so only those rows are read and sorted
        keys, key_params = _actions_due_where(today, soon_days, partner_id, index_only=True)
        cutoff = store.db.execute(
            "SELECT a.due_on, count(*) OVER (), sum(a.due_on < ?) OVER ()" + join + keys
            + " ORDER BY a.due_on LIMIT 1 OFFSET ?",
            [iso, *key_params, limit - 1]).fetchone()
        if cutoff is not None:
            where += " AND a.due_on <= ?"
            params.append(cutoff[0])
            counts = (cutoff[1], cutoff[2])
    sql = (
        "SELECT a.*, coalesce(p.name_zh, p.name_en) AS partner_name, p.tier AS partner_tier"
        + join + where + " ORDER BY a.due_on, a.severity"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.query(sql, params)
    for r in rows:
        r["overdue"] = r["due_on"] < iso
    return rows, counts


def actions_due_counts(store: Store, today: dt.date, soon_days: int = 7,
                       partner_id: str | None = None) -> tuple[int, int]:
    """How many rows ``actions_due`` returns without a limit, and how many of those
    are overdue (one pass)."""
    where, params = _actions_due_where(today, soon_days, partner_id, index_only=True)
    sql = ("SELECT count(*), coalesce(sum(a.due_on < ?), 0) FROM action_items a"
           " JOIN partners p ON p.id = a.partner_id" + where)
    total, overdue = store.db.execute(sql, [today.isoformat(), *params]).fetchone()
    return total, overdue


def _month_day_window(column: str, today: dt.date, days: int) -> tuple[str, list[Any]]:
    """A SQL test that ``column``'s month and day fall within ``days`` of ``today``:
    a cheap pre-filter, so only candidates reach the exact Python check. 29 February
    always passes (it is celebrated on 1 March in common years)."""
    start, end = today.strftime("%m-%d"), (today + dt.timedelta(days=days)).strftime("%m-%d")
    md = f"substr({column}, 6, 5)"
    # a window reaching into next year wraps round the turn of the year
    joiner = "OR" if (today + dt.timedelta(days=days)).year > today.year else "AND"
    return (f"({md} >= ? {joiner} {md} <= ? OR {md} = '02-29')", [start, end])


def upcoming_key_dates(store: Store, today: dt.date, days: int = 30,
                       partner_id: str | None = None) -> list[dict]:
    """Contacts' birthdays and company anniversaries in the next ``days`` days
    (人情: remembering key dates keeps the relationship warm), nearest first; of
    one partner's contacts when ``partner_id`` is given."""
    return nearest_key_dates(store, today, days, partner_id=partner_id)[0]


def nearest_key_dates(store: Store, today: dt.date, days: int = 30,
                      limit: int | None = None, partner_id: str | None = None
                      ) -> tuple[list[dict], int]:
    """The first ``limit`` (None: all) of ``upcoming_key_dates``, and how many there
    are in all. One statement: SQLite finds each date's next occurrence (29 February
    falls on 1 March in a common year), sorts, counts and cuts, so a big profile's
    thousands of dates a month cost no Python."""
    rows, total, _within = nearest_key_dates_counted(store, today, days, limit, partner_id)
    return rows, total


def nearest_key_dates_counted(store: Store, today: dt.date, days: int = 30,
                              limit: int | None = None, partner_id: str | None = None,
                              within: int = 0) -> tuple[list[dict], int, int]:
    """``nearest_key_dates``, and how many of them all fall within ``within`` days
    (today included): counted by the same statement."""
    def kind_rows(kind: str, order: int) -> tuple[str, list[Any]]:
        test, params = f"c.{kind} IS NOT NULL", []
        if 0 <= days < 365:
            window, params = _month_day_window(f"c.{kind}", today, days)
            test += f" AND {window}"
        if partner_id is not None:
            test += " AND c.partner_id = ?"
            params = [*params, partner_id]
        sql = (f"SELECT c.rowid AS seq, {order} AS kind_order, '{kind}' AS kind,"
               f" c.{kind} AS d"
               " FROM contacts c JOIN partners p ON p.id = c.partner_id AND p.deleted = 0"
               f" WHERE c.deleted = 0 AND {test}")
        return sql, params

    birthdays, p1 = kind_rows("birthday", 0)
    anniversaries, p2 = kind_rows("company_anniversary", 1)
    iso = today.isoformat()
    # this year's occurrence, or next year's when this year's has passed; '+0 days'
    # turns 02-29 of a common year into 03-01
    this_year = f"date('{today.year:04d}' || substr(d, 5, 6), '+0 days')"
    next_year = f"date('{today.year + 1:04d}' || substr(d, 5, 6), '+0 days')"
    rows = store.db.execute(
        f"WITH k AS ({birthdays} UNION ALL {anniversaries}),"
        f" n AS (SELECT *, CASE WHEN {this_year} >= ? THEN {this_year} ELSE {next_year} END"
        "  AS nxt FROM k),"
        " m AS (SELECT *, CAST(round(julianday(nxt) - julianday(?)) AS INTEGER) AS in_days"
        "  FROM n),"
        # counted, sorted and cut on narrow rows; the first ``limit`` read whole after
        " f AS (SELECT seq, kind_order, kind, nxt, in_days, count(*) OVER () AS total,"
        "  sum(in_days < ?) OVER () AS within FROM m WHERE in_days <= ?"
        "  ORDER BY nxt, seq, kind_order LIMIT ?)"
        " SELECT c.id, c.name, c.role, c.partner_id, c.birthday, c.company_anniversary,"
        "  coalesce(p.name_zh, p.name_en), f.kind, f.nxt, f.in_days, f.total, f.within"
        " FROM f JOIN contacts c ON c.rowid = f.seq JOIN partners p ON p.id = c.partner_id"
        " ORDER BY f.nxt, f.seq, f.kind_order",
        [*p1, *p2, iso, iso, within, days, -1 if limit is None else limit],
    ).fetchall()
    from_iso = dt.date.fromisoformat
    out = [{"id": r[0], "name": r[1], "role": r[2], "partner_id": r[3], "birthday": r[4],
            "company_anniversary": r[5], "partner_name": r[6], "kind": r[7],
            "date": from_iso(r[8]), "in_days": r[9]} for r in rows]
    return out, rows[0][10] if rows else 0, rows[0][11] if rows else 0
