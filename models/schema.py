"""What each entity holds: the single description the store, sync and UI share.

Every synced table has the same bookkeeping columns (``META_COLUMNS``) beside its
fields: the laptop-generated UUID, the server version it was last based on, local
timestamps for display, and a tombstone flag (deletes are soft).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from models import contract, domain
from models.contract import LONG_TEXT_MAX
from models.errors import ValidationError

META_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted", "deleted_at")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | int | real | date | datetime | bool | json | ref | period
    required: bool = False
    choices: tuple[str, ...] | None = None
    ref: str | None = None  # entity a "ref" field points at
    #: most characters of a text field; None: models.contract's limit for its entity
    #: (long text or short)
    max_length: int | None = None

    @property
    def sql_type(self) -> str:
        return {"int": "INTEGER", "bool": "INTEGER", "real": "REAL"}.get(self.kind, "TEXT")


@dataclass(frozen=True)
class Entity:
    name: str
    table: str
    fields: tuple[Field, ...]
    #: head office owns it: the laptop receives it through sync and never edits it
    read_only: bool = False
    #: the field holding the owning partner's id (scope for sync and tombstones)
    partner_field: str | None = "partner_id"
    #: fields fed to the search index as (title, body)
    search_title: tuple[str, ...] = ()
    search_body: tuple[str, ...] = ()
    #: fields holding long text that must never be silently overwritten on merge
    long_text: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise ValidationError(f"{self.name} has no field {name!r}", field=name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def text_limit(self, f: Field) -> int:
        """Most characters a text value of ``f`` may have (models/contract.py)."""
        if f.max_length is not None:
            return f.max_length
        return contract.LONG_TEXT_MAX if f.name in self.long_text else contract.SHORT_TEXT_MAX


def _enum(e: type) -> tuple[str, ...]:
    return tuple(m.value for m in e)


PARTNER = Entity(
    "partner",
    "partners",
    (
        Field("name_zh"),
        Field("name_en"),
        Field("tier", required=True, choices=_enum(domain.Tier)),
        Field("stage", required=True, choices=_enum(domain.Stage)),
        Field("status", choices=_enum(domain.PartnerStatus)),
        Field("region"),
        Field("address"),
        Field("revenue_share", "real"),  # percent of revenue shared with the partner
        Field("rebate", "real"),  # percent rebate
        Field("incentive_scheme", max_length=LONG_TEXT_MAX),
        Field("goals"),  # jointly agreed goals (联合目标制定), free text before joint_goal
        Field("notes"),
        # the agreement (制度): its dates, and the tier strategy's terms as agreed with
        # this partner (incentive_scheme above is the incentive term); empty: the tier's
        Field("agreement_start", "date"),
        Field("agreement_end", "date"),
        Field("service_terms", max_length=LONG_TEXT_MAX),
        Field("risk_terms", max_length=LONG_TEXT_MAX),
        # the partner's preferred language: generated agendas and its packs (None: the UI's)
        Field("language", choices=domain.PARTNER_LANGUAGES),
    ),
    partner_field=None,
    search_title=("name_zh", "name_en"),
    search_body=("region", "address", "incentive_scheme", "goals", "notes", "service_terms",
                 "risk_terms"),
    long_text=("goals", "notes"),
    indexes=(("tier",), ("region",)),
)

CONTACT = Entity(
    "contact",
    "contacts",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("name", required=True),
        Field("role"),
        Field("phone"),
        Field("email"),
        Field("wechat"),
        Field("birthday", "date"),
        Field("company_anniversary", "date"),
        Field("festivals"),  # comma-separated festivals the relationship observes
        Field("notes", max_length=LONG_TEXT_MAX),
    ),
    search_title=("name",),
    search_body=("role", "phone", "email", "wechat", "notes"),
    indexes=(("partner_id",),),
)

MEETING = Entity(
    "meeting",
    "meetings",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("type", required=True, choices=_enum(domain.MeetingType)),
        Field("status", choices=_enum(domain.MeetingStatus)),
        Field("starts_at", "datetime", required=True),
        Field("location"),
        Field("attendees_ours", max_length=LONG_TEXT_MAX),
        Field("attendees_partner", max_length=LONG_TEXT_MAX),
        Field("agenda"),
        Field("notes"),
        Field("decisions"),
    ),
    search_title=("location",),
    search_body=("agenda", "notes", "decisions", "attendees_ours", "attendees_partner"),
    long_text=("agenda", "notes", "decisions"),
    indexes=(("partner_id", "starts_at"), ("starts_at",)),
)

ACTION_ITEM = Entity(
    "action_item",
    "action_items",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("meeting_id", "ref", ref="meeting"),
        Field("title", required=True),
        Field("details"),
        Field("owner_side", required=True, choices=_enum(domain.OwnerSide)),
        Field("owner_name"),
        Field("severity", required=True, choices=_enum(domain.Severity)),
        Field("status", required=True, choices=_enum(domain.ActionStatus)),
        Field("opened_on", "date", required=True),
        Field("due_on", "date"),  # response deadline, derived from tier and severity
        Field("started_on", "date"),
        Field("done_on", "date"),
        Field("feedback_on", "date"),
        Field("feedback", max_length=LONG_TEXT_MAX),  # what the partner was told (反馈闭环)
        Field("feedback_channel", choices=_enum(domain.FeedbackChannel)),  # and how
    ),
    search_title=("title",),
    search_body=("details", "owner_name", "feedback"),
    long_text=("details",),
    indexes=(("partner_id",), ("status", "due_on"), ("meeting_id",)),
)

CHECKLIST_TEMPLATE = Entity(
    "checklist_template",
    "checklist_templates",
    (
        Field("name", required=True),
        Field("tier", choices=_enum(domain.Tier)),  # None: applies to every tier
        Field("sections", "json", required=True),
        Field("published", "bool"),
    ),
    read_only=True,
    partner_field=None,
)

CHECKLIST_RUN = Entity(
    "checklist_run",
    "checklist_runs",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("template_id", "ref", required=True, ref="checklist_template"),
        Field("performed_on", "date", required=True),
        Field("answers", "json"),  # {item_key: {"value": ..., "comment": ...}}
        Field("score", "real"),
        Field("completion", "real"),
        # the partner's lifecycle stage when the review was made: which of the
        # template's stage sections it walks (None: only the sections of every stage)
        Field("stage", choices=_enum(domain.Stage)),
    ),
    # a review's title is its date and template; its body the text of its answers and
    # comments (models/search_index.py builds both)
    search_title=("performed_on",),
    search_body=("answers",),
    indexes=(("partner_id", "performed_on"),),
)

KPI_SNAPSHOT = Entity(
    "kpi_snapshot",
    "kpi_snapshots",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("period", required=True),  # YYYY-MM
        Field("sales", "real"),
        Field("target", "real"),
        Field("repurchase_rate", "real"),
        Field("profit", "real"),
        Field("active_customers", "int"),
    ),
    read_only=True,
    indexes=(("partner_id", "period"),),
)

JOINT_GOAL = Entity(
    "joint_goal",
    "joint_goals",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("title", required=True),  # what
        Field("metric"),  # how it is measured, in words
        Field("kpi", choices=_enum(domain.GoalKpi)),  # or by a head-office KPI figure
        Field("target", "real"),
        Field("actual", "real"),  # progress so far when no KPI measures it
        Field("period", "period", required=True),  # "2026" (annual) or "2026-Q3" (a stage)
        Field("parent_id", "ref", ref="joint_goal"),  # the annual goal a stage belongs to
        Field("our_commitment", max_length=LONG_TEXT_MAX),
        Field("partner_commitment", max_length=LONG_TEXT_MAX),
        Field("status", required=True, choices=_enum(domain.GoalStatus)),
        Field("meeting_id", "ref", ref="meeting"),  # where both sides agreed it
    ),
    indexes=(("partner_id", "period"),),
)

STAGE_CHANGE = Entity(
    "stage_change",
    "stage_changes",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("changed_on", "date", required=True),
        Field("from_stage", choices=_enum(domain.Stage)),
        Field("to_stage", required=True, choices=_enum(domain.Stage)),
        Field("reason", max_length=LONG_TEXT_MAX),
    ),
    indexes=(("partner_id", "changed_on"),),
)

TOUCHPOINT = Entity(
    "touchpoint",
    "touchpoints",
    (
        Field("partner_id", "ref", required=True, ref="partner"),
        Field("contact_id", "ref", ref="contact"),
        Field("happened_on", "date", required=True),
        Field("kind", required=True, choices=_enum(domain.TouchpointKind)),
        Field("note", max_length=LONG_TEXT_MAX),
    ),
    indexes=(("partner_id", "happened_on"),),
)

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        PARTNER, CONTACT, MEETING, ACTION_ITEM, CHECKLIST_TEMPLATE, CHECKLIST_RUN, KPI_SNAPSHOT,
        JOINT_GOAL, STAGE_CHANGE, TOUCHPOINT,
    )
}


def entity(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise ValidationError(f"unknown entity {name!r}") from None


# --- value normalisation ---------------------------------------------------------------


def parse_date(value: object, field_name: str = "date") -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        text = str(value).strip()
        try:
            if len(text) != 10:
                raise ValueError(text)
            d = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{field_name}: {contract.show(value)} is not a valid date (expected YYYY-MM-DD)",
                field=field_name,
            ) from None
    contract.check_year(d.year, field_name)
    return d.isoformat()


def parse_datetime(value: object, field_name: str = "datetime") -> str | None:
    """A wall-clock time "YYYY-MM-DD HH:MM". A value with a UTC offset keeps its
    wall-clock time and drops the offset (models/contract.py says why)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        d = dt.datetime.combine(value, dt.time())
    else:
        text = str(value).strip()
        try:
            if len(text) > 40:
                raise ValueError(text)
            d = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{field_name}: {contract.show(value)} is not a valid date and time "
                "(expected YYYY-MM-DD HH:MM)",
                field=field_name,
            ) from None
    contract.check_year(d.year, field_name)
    return d.replace(tzinfo=None, microsecond=0).isoformat(sep=" ", timespec="minutes")


_PERIOD = re.compile(r"(\d{4})(-Q[1-4])?\Z")


def parse_period(value: object, field_name: str = "period") -> str:
    """A goal's period: a year "2026", or one of its quarters "2026-Q3"."""
    text = str(value).strip().upper()
    m = _PERIOD.match(text)
    if m is None:
        raise ValidationError(f"{field_name}: {contract.show(value)} is not a period (expected "
                              "a year such as 2026 or a quarter such as 2026-Q3)", field=field_name)
    contract.check_year(int(m.group(1)), field_name)
    return text


def normalise(ent: Entity, name: str, value: object) -> object:
    """Validate one field value against models/contract.py and the entity's rules;
    return it in its stored form (raises ValidationError)."""
    f = ent.field(name)
    if isinstance(value, str) and f.kind not in ("json",):
        value = value.strip()
    if value in (None, ""):
        if f.required:
            raise ValidationError(f"{ent.name}: {name} must not be empty", field=name)
        return None
    if f.choices is not None:
        v = str(value)
        if v not in f.choices:
            raise ValidationError(
                f"{ent.name}: {name} {contract.show(v)} is not one of {', '.join(f.choices)}",
                field=name,
            )
        return v
    if f.kind == "date":
        return parse_date(value, name)
    if f.kind == "datetime":
        return parse_datetime(value, name)
    if f.kind == "int":
        return contract.check_int(value, name, f"{ent.name}: {name}")
    if f.kind == "bool":
        number = contract.check_int(value, name, f"{ent.name}: {name}")
        if number not in (0, 1):
            raise ValidationError(f"{ent.name}: {name} must be 0 or 1", field=name,
                                  code=contract.OUT_OF_RANGE)
        return number
    if f.kind == "real":
        return contract.check_real(value, name, f"{ent.name}: {name}")
    if f.kind == "json":
        return contract.check_json(value, name, f"{ent.name}: {name}")
    if f.kind == "ref":
        return contract.check_id(value, name, f"{ent.name}: {name}")
    if f.kind == "period":
        return parse_period(value, name)
    if not isinstance(value, str):
        if not isinstance(value, int | float):
            raise ValidationError(f"{ent.name}: {name} must be text", field=name)
        value = str(value)
    return contract.check_text(value, name, ent.text_limit(f), f"{ent.name}: {name}")
