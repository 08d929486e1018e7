"""Realistic demo data: a channel manager's portfolio after a year of work.

``generate`` fills a store with partners of every tier and lifecycle stage, their
contacts (with key dates, some coming up soon), a year of meetings with notes in
Chinese and English, action items at every step of the closed loop, checklist runs
scored by the real templates, and twelve months of head-office KPIs. Some partners
are healthy, some due for a visit, some overdue, and some show the "lying flat"
(躺平) signs the Today view surfaces.

Every local record goes through ``Store.create_many`` (so the outbox holds them, as
for anything typed by hand); KPIs are head-office data and arrive through
``Store.apply_remote``. The content is deterministic for a seed. It scales to
5,000 partners and 100,000 meetings: the plan is made in memory first (small
tuples), then written in batches of one transaction each, without per-row queries.

This module plans partners, contacts, meetings and action items and writes everything;
models/demo_plan.py holds the portfolio's shape and the partner plan,
models/demo_measures.py the checklist runs and KPIs, models/demo_playbook.py the
playbook records (terms, stage moves, touchpoints, joint goals).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from models import demo_marks, domain, work_days
from models import demo_text as T
from models.demo_measures import MeasureRows
from models.demo_plan import (
    BATCH,
    HEALTH_WEIGHTS,
    KPI_MONTHS,
    MEETING_TYPE_WEIGHTS,
    OUR_TEAM,
    SEVERITY_WEIGHTS,
    TIER_ATTENTION,
    TIER_WEIGHTS,
    PartnerPlan,
    Progress,
    chunks,
    in_year,
)
from models.demo_playbook import PlaybookRows
from models.domain import ActionStatus, MeetingStatus, OwnerSide, Severity, Stage, Tier
from models.internal_lines import MARKERS
from models.store import Store


def generate(
    store: Store,
    *,
    partners: int = 60,
    meetings: int = 600,
    actions: int = 600,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill ``store`` with a demo portfolio; returns how many records of each kind."""
    if partners < 1 or meetings < 0 or actions < 0:
        raise ValueError("partners must be at least 1; meetings and actions not negative")
    first = demo_marks.max_outbox_seq(store) + 1
    try:
        return _Generator(store, seed, today or dt.date.today(), progress).run(
            partners, meetings, actions
        )
    finally:
        # also after a failure half-way: what was written is demo data all the same
        demo_marks.mark_generated(store, first, demo_marks.max_outbox_seq(store))


class _Generator:
    def __init__(self, store: Store, seed: int, today: dt.date, progress: Progress | None) -> None:
        self.store = store
        self.rng = random.Random(seed)
        # Ids are deterministic on an empty store; a second run (demo-data --force)
        # salts them with what is already there, so they never collide.
        existing = store.query("SELECT count(*) AS n FROM partners")[0]["n"]
        self.id_rng = random.Random(f"{seed}/{existing}")
        # the playbook records (goals, touchpoints, stage moves, terms) draw from their
        # own generator, so the rest of a seed's portfolio stays as it was before them
        self.playbook = PlaybookRows(seed, existing, today)
        self.play_rng = self.playbook.rng  # partners' replies draw from it too
        self.measures = MeasureRows(self.rng, self._new_id)
        self.today = today
        self.progress = progress
        self.done = 0
        self.total = 0
        self.used_names: set[str] = set()

    # --- driver --------------------------------------------------------------------------

    def run(self, n_partners: int, n_meetings: int, n_actions: int) -> dict[str, int]:
        plans = self._plan_partners(n_partners)
        partner_rows = [self._partner_row(p) for p in plans]
        contact_rows = [c for p in plans for c in self._contact_rows(p)]
        meeting_plan = self._plan_meetings(plans, n_meetings)
        n_runs = sum(min(2, len(p.held)) for p in plans)  # see MeasureRows.checklist_rows
        stage_rows = [m for p in plans for m in self.playbook.stage_rows(p)]
        touch_rows = [t for p in plans for t in self.playbook.touch_rows(p)]
        n_goals = 3 * n_partners + len(plans[::3])  # see PlaybookRows.goal_rows
        self.total = (
            len(partner_rows)
            + len(contact_rows)
            + len(meeting_plan)
            + n_actions
            + n_runs
            + n_partners * KPI_MONTHS
            + len(stage_rows) + len(touch_rows) + n_goals
        )
        self._tick(0)
        self._write("partner", partner_rows)
        self._write("contact", contact_rows)
        self._write("meeting", (self._meeting_row(plans[i], *rest) for i, *rest in meeting_plan))
        self._write("action_item", self._action_rows(plans, n_actions))
        runs = self._write("checklist_run", self.measures.checklist_rows(self.store, plans))
        kpis = self._write_kpis(plans)
        self._write("stage_change", stage_rows)
        self._write("touchpoint", touch_rows)
        goals = self._write("joint_goal", [g for i, p in enumerate(plans)
                                           for g in self.playbook.goal_rows(p, i)])
        return {
            "partners": len(partner_rows),
            "contacts": len(contact_rows),
            "meetings": len(meeting_plan),
            "action_items": n_actions,
            "checklist_runs": runs,
            "kpi_snapshots": kpis,
            "stage_changes": len(stage_rows),
            "touchpoints": len(touch_rows),
            "joint_goals": goals,
        }

    def _tick(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(min(self.done, self.total), self.total)

    def _write(self, entity_name: str, rows: Iterable[dict[str, Any]]) -> int:
        written = 0
        for chunk in chunks(rows, BATCH):
            written += self.store.create_many(entity_name, chunk)
            self._tick(len(chunk))
        return written

    def _new_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def _pick(self, weights: dict[Any, float]) -> Any:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    # --- partners and contacts -------------------------------------------------------

    def _plan_partners(self, n: int) -> list[PartnerPlan]:
        combos = [(t, s) for t in Tier for s in Stage]  # every tier x stage first
        healths = list(HEALTH_WEIGHTS)
        plans = []
        for i in range(n):
            tier, stage = (
                combos[i]
                if i < len(combos)
                else (self._pick(TIER_WEIGHTS), self.rng.choice(list(Stage)))
            )
            health = (
                healths[i % len(healths)] if i < 2 * len(healths) else self._pick(HEALTH_WEIGHTS)
            )
            plans.append(
                PartnerPlan(self._new_id(), str(tier), str(stage), health, international=(i % 7 == 3))
            )
        return plans

    def _partner_row(self, p: PartnerPlan) -> dict[str, Any]:
        r = self.rng
        status = domain.PartnerStatus.ACTIVE
        roll = r.random()
        if p.health == "flat" and roll < 0.25 or roll < 0.06:
            status = domain.PartnerStatus.PAUSED
        elif roll > 0.97:
            status = domain.PartnerStatus.ENDED
        share = {Tier.CORE: 12, Tier.STRATEGIC: 10, Tier.EMERGING: 8, Tier.ORDINARY: 6}[
            Tier(p.tier)
        ]
        row: dict[str, Any] = {
            "id": p.id,
            "tier": p.tier,
            "stage": p.stage,
            "status": str(status),
            "revenue_share": round(share + r.uniform(-1.5, 2.5), 1),
            "rebate": round(r.uniform(1.0, 5.0), 1),
            # agendas and packs in the partner's language
            "language": "en" if p.international else "zh_CN",
        }
        if p.international:
            region, cities = r.choice(T.REGIONS_EN)
            city = r.choice(cities)
            name = self._unique(
                lambda: (
                    f"{r.choice(T.NAME_PREFIX_EN)} {r.choice(T.NAME_KIND_EN)} "
                    f"{r.choice(T.NAME_SUFFIX_EN)}"
                )
            )
            row.update(
                name_en=name,
                region=region,
                address=f"{r.randint(1, 400)} Harbour Road, {city}",
                incentive_scheme=r.choice(T.INCENTIVES_EN),
                goals=r.choice(T.GOALS_EN),
                notes="International reseller; meetings mostly by video call.",
            )
        else:
            region, cities = r.choice(T.REGIONS_ZH)
            city = r.choice(cities)
            name = self._unique(
                lambda: (
                    f"{city}{r.choice(T.NAME_PREFIX_ZH)}"
                    f"{r.choice(T.NAME_TRADE_ZH)}{r.choice(T.NAME_KIND_ZH)}"
                )
            )
            row.update(
                name_zh=name,
                region=region,
                address=f"{city}市{r.choice(T.DISTRICTS_ZH)}{r.choice(T.ROADS_ZH)}{r.randint(1, 999)}号",
                incentive_scheme=r.choice(T.INCENTIVES_ZH),
                goals=r.choice(T.GOALS_ZH),
            )
            if r.random() < 0.3:
                row["notes"] = r.choice(T.NOTES_ZH)
        self.playbook.agreement(p, row, len(self.used_names))
        return row

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(20):
            name = make()
            if name not in self.used_names:
                break
        n = 2
        base = name
        while name in self.used_names:  # large portfolios exhaust the combinations
            name = f"{base} ({n})"
            n += 1
        self.used_names.add(name)
        return name

    def _contact_rows(self, p: PartnerPlan) -> Iterator[dict[str, Any]]:
        r = self.rng
        for k in range(r.choice((1, 2, 2, 3, 3, 4))):
            if p.international:
                name = f"{r.choice(T.FIRST_EN)} {r.choice(T.LAST_EN)}"
                role, festivals = r.choice(T.ROLES_EN), r.choice(T.FESTIVALS_EN)
                email = name.lower().replace(" ", ".") + "@example.com"
                wechat = None
            else:
                name = r.choice(T.SURNAMES_ZH) + r.choice(T.GIVEN_ZH)
                role, festivals = r.choice(T.ROLES_ZH), r.choice(T.FESTIVALS_ZH)
                email = f"contact{r.randint(100, 9999)}@example.cn"
                wechat = f"wx_{r.randint(10_000_000, 99_999_999)}"
            # about one contact in six has a birthday or anniversary in the next 30 days
            soon = self.today + dt.timedelta(days=r.randint(0, 29))
            birthday = in_year(
                soon if k == 0 and r.random() < 0.17 else self._any_day(), r.randint(1965, 1998)
            )
            anniversary = None
            if r.random() < 0.5:
                base = soon if r.random() < 0.08 else self._any_day()
                anniversary = in_year(base, r.randint(2008, self.today.year - 1))
            p.contacts.append(name)
            contact_id = self._new_id()
            p.contact_ids.append(contact_id)
            yield {
                "id": contact_id,
                "partner_id": p.id,
                "name": name,
                "role": role,
                "phone": f"+86 1{r.randint(30, 99)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
                if not p.international
                else f"+{r.randint(30, 99)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                "email": email,
                "wechat": wechat,
                "birthday": birthday,
                "company_anniversary": anniversary,
                "festivals": festivals or None,
            }

    def _any_day(self) -> dt.date:
        return dt.date(2001, 1, 1) + dt.timedelta(days=self.rng.randint(0, 364))

    # --- meetings --------------------------------------------------------------------

    def _plan_meetings(self, plans: list[PartnerPlan], n: int) -> list[tuple]:
        """(partner index, id, type, status, starts_at) for every meeting, oldest first,
        so the search index's newest-first order follows the calendar."""
        r = self.rng
        weights = [TIER_ATTENTION[Tier(p.tier)] for p in plans]
        counts = [0] * len(plans)
        for i in r.choices(range(len(plans)), weights=weights, k=n):
            counts[i] += 1
        out = []
        for i, (p, k) in enumerate(zip(plans, counts, strict=True)):
            cadence = domain.DEFAULT_CADENCE_DAYS[p.tier]
            due_from = cadence - domain.DUE_SOON_DAYS
            if p.health == "ok":
                last_age = r.randint(1, max(1, due_from - 1))
            elif p.health == "due":
                last_age = r.randint(due_from, cadence)
            else:
                last_age = r.randint(cadence + 5, min(360, cadence + 120))
            for j in range(k):
                if j == 0:
                    age, status = last_age, MeetingStatus.HELD
                elif j == 1 and p.health in ("due", "overdue"):
                    # the manager has planned the next visit, within the next two weeks
                    age, status = -r.randint(0, 13), MeetingStatus.PLANNED
                elif j == 1 and p.health == "flat":
                    age, status = r.randint(1, 80), MeetingStatus.CANCELLED
                else:
                    roll = r.random()
                    if roll < 0.04:
                        age, status = r.randint(1, 365), MeetingStatus.CANCELLED
                    elif roll < 0.09 and p.health != "flat":
                        age, status = -r.randint(1, 45), MeetingStatus.PLANNED
                    else:
                        age, status = r.randint(last_age, 365), MeetingStatus.HELD
                day = self.today - dt.timedelta(days=age)
                if status == MeetingStatus.PLANNED:
                    day = work_days.next_working_day(day)  # visits go on working days
                when = dt.datetime.combine(
                    day, dt.time(r.choice((9, 10, 11, 14, 15, 16)), r.choice((0, 30))))
                mtype = self._pick(MEETING_TYPE_WEIGHTS)
                mid = self._new_id()
                if status == MeetingStatus.HELD:
                    p.held.append((mid, when.date()))
                out.append((i, mid, str(mtype), str(status), when))
        out.sort(key=lambda m: m[4])
        return out

    def _meeting_row(
        self, p: PartnerPlan, mid: str, mtype: str, status: str, when: dt.datetime
    ) -> dict:
        r = self.rng
        zh = not p.international
        notes_pool, agenda_pool, decision_pool = (
            (T.NOTES_ZH, T.AGENDA_ZH, T.DECISIONS_ZH)
            if zh
            else (T.NOTES_EN, T.AGENDA_EN, T.DECISIONS_EN)
        )
        row: dict[str, Any] = {
            "id": mid,
            "partner_id": p.id,
            "type": mtype,
            "status": status,
            "starts_at": when,
            "location": r.choice(T.LOCATIONS_ZH if zh else T.LOCATIONS_EN),
            "attendees_ours": "、".join(r.sample(OUR_TEAM, r.randint(1, 2))),
            "attendees_partner": "、".join(
                r.sample(p.contacts, min(len(p.contacts), r.randint(1, 2)))
            ),
            "agenda": "\n".join(
                f"{n}. {a}" for n, a in enumerate(r.sample(agenda_pool, r.randint(2, 4)), 1)
            ),
        }
        if status == MeetingStatus.HELD:
            row["notes"] = ("" if zh else " ").join(r.sample(notes_pool, r.randint(2, 5)))
            if p.health == "flat" or r.random() < 0.3:
                # our judgement on a line of its own, marked internal (never in a partner copy)
                marker = MARKERS["zh" if zh else "en"]
                row["notes"] += "\n" + marker + r.choice(
                    T.NOTES_INTERNAL_ZH if zh else T.NOTES_INTERNAL_EN)
            row["decisions"] = "\n".join(r.sample(decision_pool, r.randint(1, 2)))
        elif status == MeetingStatus.CANCELLED:
            row["notes"] = (
                "对方临时取消，改期待定。" if zh else "Cancelled by the partner at short notice."
            )
        return row

    # --- action items ------------------------------------------------------------------

    def _action_rows(self, plans: list[PartnerPlan], n: int) -> Iterator[dict[str, Any]]:
        r = self.rng
        weights = [TIER_ATTENTION[Tier(p.tier)] for p in plans]
        for i in r.choices(range(len(plans)), weights=weights, k=n):
            p = plans[i]
            p.actions_seen += 1
            severity = self._pick(SEVERITY_WEIGHTS)
            meeting_id = None
            if p.health == "flat" and p.actions_seen <= 2:
                # the partner promised something and let it slide: the 躺平 sign
                opened = self.today - dt.timedelta(days=r.randint(20, 70))
                status = ActionStatus.OPEN if p.actions_seen == 1 else ActionStatus.IN_PROGRESS
                side = OwnerSide.PARTNER
            else:
                if p.held and r.random() < 0.7:
                    meeting_id, opened = r.choice(p.held)
                else:
                    opened = self.today - dt.timedelta(days=r.randint(0, 365))
                age = (self.today - opened).days
                if age <= 7:
                    status = self._pick(
                        {ActionStatus.OPEN: 50, ActionStatus.IN_PROGRESS: 35, ActionStatus.DONE: 15}
                    )
                elif age <= 30:
                    status = self._pick(
                        {
                            ActionStatus.OPEN: 10,
                            ActionStatus.IN_PROGRESS: 25,
                            ActionStatus.DONE: 25,
                            ActionStatus.FEEDBACK_GIVEN: 40,
                        }
                    )
                else:  # most old items are closed; a few stragglers stay overdue
                    status = self._pick(
                        {
                            ActionStatus.OPEN: 1.5,
                            ActionStatus.IN_PROGRESS: 1.5,
                            ActionStatus.DONE: 2,
                            ActionStatus.FEEDBACK_GIVEN: 95,
                        }
                    )
                side = OwnerSide.PARTNER if r.random() < 0.4 else OwnerSide.OURS
                due = domain.response_deadline(p.tier, severity, opened)
                if (
                    side == OwnerSide.PARTNER
                    and status in domain.ACTION_OPEN_STATUSES[:2]
                    and due < self.today
                ):
                    side = OwnerSide.OURS  # only lying-flat partners let their own items slide
            row = self._action_row(p, meeting_id, opened, status, side, severity)
            if p.health == "flat" and 3 <= p.actions_seen <= 7:
                self._reply(p, row)
            yield row

    def _reply(self, p: PartnerPlan, row: dict[str, Any]) -> None:
        """A request the partner answered: quickly months ago, slowly of late (the
        "slower replies" sign of a partner lying flat)."""
        r = self.play_rng
        if p.actions_seen <= 5:
            opened = self.today - dt.timedelta(days=r.randint(130, 330))
            took = r.randint(1, 4)
        else:
            opened = self.today - dt.timedelta(days=r.randint(45, 75))
            took = r.randint(18, 30)
        done = min(self.today, opened + dt.timedelta(days=took))
        row.update(owner_side=str(OwnerSide.PARTNER), owner_name=r.choice(p.contacts),
                   opened_on=opened, due_on=domain.response_deadline(p.tier, row["severity"], opened),
                   status=str(ActionStatus.DONE), started_on=opened, done_on=done,
                   feedback_on=None, feedback=None, meeting_id=None)

    def _action_row(
        self,
        p: PartnerPlan,
        meeting_id: str | None,
        opened: dt.date,
        status: ActionStatus,
        side: OwnerSide,
        severity: Severity,
    ) -> dict[str, Any]:
        r = self.rng
        zh = not p.international
        due = domain.response_deadline(p.tier, severity, opened)
        row: dict[str, Any] = {
            "id": self._new_id(),
            "partner_id": p.id,
            "meeting_id": meeting_id,
            "title": r.choice(T.ACTIONS_ZH if zh else T.ACTIONS_EN),
            "details": r.choice(T.NOTES_ZH if zh else T.NOTES_EN) if r.random() < 0.6 else None,
            "owner_side": str(side),
            "severity": str(severity),
            "status": str(status),
            "owner_name": r.choice(OUR_TEAM) if side == OwnerSide.OURS else r.choice(p.contacts),
            "opened_on": opened,
            "due_on": due,
        }
        order = list(ActionStatus)
        step = opened
        for st, col in domain.ACTION_STATUS_STAMP.items():
            if order.index(st) <= order.index(status):
                step = min(self.today, step + dt.timedelta(days=r.randint(0, 4)))
                row[col] = step
        if status == ActionStatus.FEEDBACK_GIVEN:
            row["feedback"] = r.choice(T.FEEDBACK_ZH if zh else T.FEEDBACK_EN)
        return row

    # --- KPIs (head office) ------------------------------------------------------------

    def _write_kpis(self, plans: list[PartnerPlan]) -> int:
        first = dt.date(self.today.year, self.today.month, 1)
        periods = []
        y, m = first.year, first.month
        for _ in range(KPI_MONTHS):  # the twelve months before this one, oldest first
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            periods.append(f"{y:04d}-{m:02d}")
        periods.reverse()
        n = 0
        for chunk in chunks(plans, max(1, BATCH // KPI_MONTHS)):
            with self.store.transaction():
                for p in chunk:
                    for row in self.measures.kpi_rows(p, periods):
                        self.store.apply_remote("kpi_snapshot", row, version=1)
                        n += 1
            self._tick(len(chunk) * KPI_MONTHS)
        return n
