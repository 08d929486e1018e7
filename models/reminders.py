"""What the app reminds the manager of (while it runs, and in a summary at start):
response deadlines reached, partner-owned items to chase, visits due, agreements up
for renewal, contacts' birthdays and work anniversaries, and the festivals stored on
contacts (greetings go out a few days before). Plain Python: the app's tray
notifications and ``main.py reminders`` share it.

One scan is a handful of indexed statements, each counting all it finds and handing
back only the first few (a big portfolio has thousands of due items); the visits
come from the partners' overviews the app has already loaded for Today."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import domain, festivals, insights
from models.store import Store

KINDS = ("response", "chase", "visit", "renewal", "birthday", "anniversary", "festival")
#: how many days ahead a scan looks unless told
DEFAULT_DAYS = 7
#: agreements are brought up this many days before they end
RENEWAL_DAYS = 60
#: reminders of each kind a scan hands back (all are counted)
PER_KIND = 20
#: profile settings: the kinds turned off (comma-separated) and the snooze
OFF_KEY = "reminders/off"
SNOOZE_KEY = "reminders/snoozed_until"


@dataclass(slots=True)
class Reminder:
    kind: str
    #: the day it falls on (a deadline, a due visit, a birthday, a festival)
    day: dt.date
    partner_id: str | None
    partner_name: str
    #: what: an action item's title, a contact's name, a festival's key
    subject: str
    entity: str = ""
    record_id: str = ""
    #: festivals: how many contacts observe it
    count: int = 1


@dataclass
class ReminderScan:
    today: dt.date
    days: int
    items: list[Reminder] = field(default_factory=list)
    #: how many of each kind there are in all (items holds the first few)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def of(self, kind: str) -> list[Reminder]:
        return [r for r in self.items if r.kind == kind]


@dataclass(frozen=True)
class ReminderPrefs:
    enabled: frozenset[str] = frozenset(KINDS)
    snoozed_until: dt.date | None = None

    def snoozed(self, today: dt.date) -> bool:
        return self.snoozed_until is not None and today <= self.snoozed_until


def load_prefs(store: Store) -> ReminderPrefs:
    off = {k.strip() for k in (store.get_setting(OFF_KEY) or "").split(",") if k.strip()}
    snooze = store.get_setting(SNOOZE_KEY)
    try:
        until = dt.date.fromisoformat(snooze) if snooze else None
    except ValueError:
        until = None
    return ReminderPrefs(frozenset(k for k in KINDS if k not in off), until)


def save_prefs(store: Store, prefs: ReminderPrefs) -> None:
    with store.transaction():
        store.set_setting(OFF_KEY, ",".join(k for k in KINDS if k not in prefs.enabled))
        store.set_setting(SNOOZE_KEY,
                          prefs.snoozed_until.isoformat() if prefs.snoozed_until else None)


def scan(store: Store, today: dt.date, days: int = DEFAULT_DAYS,
         kinds: frozenset[str] | set[str] | None = None,
         overviews: list[insights.PartnerOverview] | None = None,
         cadence: dict[str, int] | None = None,
         key_dates: list[dict] | None = None) -> ReminderScan:
    """Everything to remind of from ``today`` to ``today + days`` (deadlines and
    visits already past are included: they are what most needs doing). ``kinds``:
    only these (default: all); ``overviews``: the partners' overviews for ``today``
    when already loaded (else they are computed); ``key_dates``: every key date of at
    least the next ``days`` days when already loaded (Today's list, when complete)."""
    kinds = set(KINDS if kinds is None else kinds)
    out = ReminderScan(today, days)
    _actions(store, out, today, today + dt.timedelta(days=days), kinds)
    if "visit" in kinds:
        if overviews is None:
            overviews = insights.partner_overviews(store, today, cadence)
        due = sorted((o for o in overviews if o.visit_status != domain.VisitStatus.OK
                      and o.next_planned is None
                      and o.status != domain.PartnerStatus.ENDED),
                     key=lambda o: o.due_on or dt.date.min)
        out.counts["visit"] = len(due)
        out.items += [Reminder("visit", o.due_on or today, o.id, o.display_name, o.tier,
                               "partner", o.id) for o in due[:PER_KIND]]
    if "renewal" in kinds:
        _renewals(store, out, today)
    if kinds & {"birthday", "anniversary"}:
        _key_dates(store, out, today, days, kinds, key_dates)
    if "festival" in kinds:
        _festivals(store, out, today, days)
    return out


def _actions(store: Store, out: ReminderScan, today: dt.date, horizon: dt.date,
             kinds: set[str]) -> None:
    """Response deadlines (our items due by ``horizon``) and items to chase (the
    partner's, overdue): both counted in one pass over the covering index of
    migration 0006 (named: the planner otherwise takes an index on owner_side and
    reads every item's row, a hundred times slower on a big profile); the first
    PER_KIND of each walk the (status, due_on) index in date order and stop."""
    # items of deleted partners are left out; there are seldom any such partners, so
    # their ids are read once (usually none) rather than tested in every statement
    gone = [pid for (pid,) in store.db.execute("SELECT id FROM partners WHERE deleted = 1")]
    live = " a.deleted = 0"
    if gone:
        live += f" AND a.partner_id NOT IN ({', '.join('?' for _ in gone)})"
    tests = {"response": ("ours", "<=", horizon.isoformat()),
             "chase": ("partner", "<", today.isoformat())}
    wanted = [k for k in tests if k in kinds]
    if not wanted:
        return
    sums = ", ".join(f"coalesce(sum(a.owner_side = '{tests[k][0]}' AND a.due_on {tests[k][1]} ?),"
                     " 0)" for k in wanted)
    counts = store.db.execute(
        f"SELECT {sums} FROM action_items a INDEXED BY idx_action_items_overview"
        " WHERE a.status IN ('open', 'in_progress') AND a.due_on <= ? AND" + live,
        [*(tests[k][2] for k in wanted), horizon.isoformat(), *gone]).fetchone()
    for kind, n in zip(wanted, counts, strict=True):
        out.counts[kind] = n
        if not n:
            continue
        side, op, bound = tests[kind]
        first: list[tuple[str, int]] = []
        for status in ("open", "in_progress"):
            first += store.db.execute(
                "SELECT a.due_on, a.rowid FROM action_items a INDEXED BY"
                f" idx_action_items_status_due_on WHERE a.status = ? AND a.due_on {op} ?"
                f" AND a.owner_side = ? AND{live} ORDER BY a.due_on LIMIT ?",
                [status, bound, side, *gone, PER_KIND]).fetchall()
        rowids = [r for _, r in sorted(first)[:PER_KIND]]
        rows = store.db.execute(
            "SELECT a.id, a.partner_id, coalesce(p.name_zh, p.name_en, ''), a.title, a.due_on"
            " FROM action_items a JOIN partners p ON p.id = a.partner_id"
            f" WHERE a.rowid IN ({', '.join('?' for _ in rowids)}) ORDER BY a.due_on, a.rowid",
            rowids).fetchall()
        out.items += [Reminder(kind, dt.date.fromisoformat(due[:10]), pid, name, title or "",
                               "action_item", rid) for rid, pid, name, title, due in rows]


def _renewals(store: Store, out: ReminderScan, today: dt.date) -> None:
    """Agreements ending within RENEWAL_DAYS, or ended in the last month unrenewed."""
    where = (" FROM partners WHERE deleted = 0 AND agreement_end IS NOT NULL"
             " AND agreement_end >= ? AND agreement_end <= ?"
             " AND coalesce(status, 'active') != 'ended'")
    params = [(today - dt.timedelta(days=30)).isoformat(),
              (today + dt.timedelta(days=RENEWAL_DAYS)).isoformat()]
    rows = store.db.execute(
        "SELECT id, coalesce(name_zh, name_en, ''), agreement_end" + where
        + " ORDER BY agreement_end", params).fetchall()
    out.counts["renewal"] = len(rows)
    out.items += [Reminder("renewal", dt.date.fromisoformat(end[:10]), pid, name, "",
                           "partner", pid) for pid, name, end in rows[:PER_KIND]]


def _key_dates(store: Store, out: ReminderScan, today: dt.date, days: int,
               kinds: set[str], loaded: list[dict] | None) -> None:
    if loaded is None:
        rows, _total = insights.nearest_key_dates(store, today, days)
    else:
        rows = [r for r in loaded if r["in_days"] <= days]
    for kind, column in (("birthday", "birthday"), ("anniversary", "company_anniversary")):
        if kind not in kinds:
            continue
        mine = [r for r in rows if r["kind"] == column]
        out.counts[kind] = len(mine)
        out.items += [Reminder(kind, r["date"], r["partner_id"], r["partner_name"] or "",
                               r["name"] or "", "contact", r["id"]) for r in mine[:PER_KIND]]


def _festivals(store: Store, out: ReminderScan, today: dt.date, days: int) -> None:
    """One reminder per festival coming up, with how many contacts observe it; the
    contacts are found by the festival's names in their festivals field."""
    out.counts["festival"] = 0
    for key, day in festivals.within(today, days):
        aliases = festivals.BY_KEY[key].aliases
        test = " OR ".join("lower(c.festivals) LIKE ?" for _ in aliases)
        rows = store.db.execute(
            "SELECT c.festivals, c.partner_id, coalesce(p.name_zh, p.name_en, '')"
            " FROM contacts c JOIN partners p ON p.id = c.partner_id AND p.deleted = 0"
            f" WHERE c.deleted = 0 AND c.festivals IS NOT NULL AND ({test})",
            [f"%{a}%" for a in aliases]).fetchall()
        # the LIKE finds candidates ("中秋" in "中秋节"); the parse confirms each one
        observers = [(pid, name) for text, pid, name in rows if key in festivals.parse(text)]
        if observers:
            out.counts["festival"] += 1
            first_pid, first_name = observers[0]
            out.items.append(Reminder("festival", day, first_pid, first_name, key,
                                      count=len(observers)))
