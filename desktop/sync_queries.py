"""How the sync service names a record in its lists of conflicts and refusals (read
in whichever lane owns the store) and a sync failure for the UI. No Qt here."""
from __future__ import annotations

from models.store import Store
from sync.client.errors import (
    AuthError,
    DemoProfileError,
    InsecureServerError,
    OfflineError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    SyncCancelled,
    SyncInProgress,
    UpdateRequiredError,
    WipeRequested,
)

#: the field that names a record of each entity, best first
TITLE_FIELDS = {
    "partner": ("name_zh", "name_en"), "contact": ("name",), "meeting": ("starts_at",),
    "action_item": ("title",), "checklist_run": ("performed_on",), "kpi_snapshot": ("period",),
    "checklist_template": ("name",), "joint_goal": ("title",), "stage_change": ("changed_on",),
    "touchpoint": ("happened_on",),
}


def record_titles(store: Store, entity_name: str, record_id: str) -> tuple[str, str]:
    """(the record's own name, its partner's name) for lists of conflicts and refusals."""
    if entity_name not in TITLE_FIELDS:
        return record_id, ""
    rows = store.rows(entity_name, "id = ?", [record_id], include_deleted=True)
    if not rows:
        return record_id, ""
    row = rows[0]
    title = next((str(row[k])[:16] if k == "starts_at" else str(row[k])
                  for k in TITLE_FIELDS[entity_name] if row.get(k)), record_id)
    partner_id = row["id"] if entity_name == "partner" else row.get("partner_id")
    partner_name = ""
    if partner_id:
        partners = store.rows("partner", "id = ?", [partner_id], include_deleted=True)
        if partners:
            partner_name = partners[0].get("name_zh") or partners[0].get("name_en") or ""
    return title, partner_name


#: exception class → kind, first match wins (a rate limit is also an AuthError)
_ERROR_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (DemoProfileError, "demo_profile"),
    (WipeRequested, "wipe"),
    (OfflineError, "offline"),
    (RateLimitedError, "rate_limited"),
    (AuthError, "auth"),
    (UpdateRequiredError, "update"),
    (InsecureServerError, "insecure"),
    (SyncInProgress, "busy"),
    (SyncCancelled, "cancelled"),
    (ServerError, "server"),
    (ProtocolError, "protocol"),
    (ValueError, "invalid_url"),
)


def error_kind(exc: BaseException) -> str:
    """What kind of failure an exception is, for the UI to word and act on:
    demo_profile | wipe | offline | auth | rate_limited | update | insecure | invalid_url |
    busy | cancelled |
    server | protocol | local."""
    return next((kind for cls, kind in _ERROR_KINDS if isinstance(exc, cls)), "local")
