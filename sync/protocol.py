"""The sync protocol's shared vocabulary: versions, headers, outcomes, cursor encoding.

Plain Python with no Qt and no HTTP library: the client engine (sync/client/) and the
reference server (sync/server/) both import it, so a constant changes in one place.
The prose specification is docs/sync-protocol.md.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

#: bumped on any incompatible change of request or response shapes
PROTOCOL_VERSION = 1
#: the oldest client protocol the server still serves
MIN_PROTOCOL_VERSION = 1
#: version of the synced data schema (entities and fields of models/schema.py). 2: joint
#: goals, stage changes and touchpoints (issue 14): new entities, which a laptop of
#: schema 1 could not store, so it must update first (426)
#: 3: a partner's preferred language and an action item's feedback channel (issue 14):
#: additive, a laptop of schema 2 ignores them
SCHEMA_VERSION = 3
MIN_SCHEMA_VERSION = 2

#: every /api/ request carries both headers; /health and /openapi.json do not need them
HEADER_PROTOCOL = "X-ChannelKeeper-Protocol"
HEADER_SCHEMA = "X-ChannelKeeper-Schema"
#: a push names the server epoch the client last saw; another epoch (the server was
#: restored from a backup or replaced) is answered 409 ``epoch_changed`` with nothing
#: applied, so the client can replay what the server lost before anything newer
HEADER_EPOCH = "X-ChannelKeeper-Epoch"
#: HTTP status of "this client is too old (or too new): update required"
UPDATE_REQUIRED_STATUS = 426
ERROR_UPDATE_REQUIRED = "update_required"

API_PREFIX = "/api"
DEFAULT_PORT = 8765
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 5000
MAX_PUSH_OPS = 500
#: rows per page of a list answer (partners, conflicts, users, devices): ``limit`` and
#: ``after`` in the request, ``next_after`` (null on the last page) in the answer
DEFAULT_LIST_LIMIT = 200
MAX_LIST_LIMIT = 1000

#: entities a laptop may write; the others (kpi_snapshot, checklist_template) are
#: head-office data and an op on them is rejected
WRITABLE_ENTITIES = ("partner", "contact", "meeting", "action_item", "checklist_run",
                     "joint_goal", "stage_change", "touchpoint")
#: every entity a pull may deliver
SYNCED_ENTITIES = (
    "partner", "contact", "meeting", "action_item", "checklist_template", "checklist_run",
    "kpi_snapshot", "joint_goal", "stage_change", "touchpoint",
)

# --- push outcomes --------------------------------------------------------------------

OUTCOME_APPLIED = "applied"    # every field taken as sent
OUTCOME_MERGED = "merged"      # taken, and the record also holds others' newer changes
OUTCOME_CONFLICT = "conflict"  # at least one field changed on both sides: see conflicts
OUTCOME_REJECTED = "rejected"  # nothing written; "reason" and "message" say why
OUTCOMES = (OUTCOME_APPLIED, OUTCOME_MERGED, OUTCOME_CONFLICT, OUTCOME_REJECTED)
#: outcomes after which the client may mark the op acknowledged (rejected ones stay
#: visible to the user; they are acknowledged too but must be shown)
DONE_OUTCOMES = OUTCOMES

# reasons of a rejected op
REASON_READ_ONLY = "read_only_entity"
REASON_UNKNOWN_ENTITY = "unknown_entity"
REASON_OUT_OF_SCOPE = "out_of_scope"
REASON_INVALID = "invalid"
REASON_UNKNOWN_RECORD = "unknown_record"
REASONS = (
    REASON_READ_ONLY, REASON_UNKNOWN_ENTITY, REASON_OUT_OF_SCOPE, REASON_INVALID,
    REASON_UNKNOWN_RECORD,
)
#: reasons of a refusal that may change by itself: the record (or one it refers to) may
#: arrive later (another laptop re-sends it to a restored server). The server answers them with ``retry``
#: true and does not keep the answer under the op id, so the client holds the op and
#: sends it again (docs/sync-protocol.md, section 4: "Held ops").
RETRY_REASONS = (REASON_UNKNOWN_RECORD,)

# conflict kinds
CONFLICT_FIELD = "field"            # same field changed differently on both sides
CONFLICT_EDIT_REVIVED = "edit_revived"  # an edit arrived for a record deleted on the server

# error codes in JSON error bodies {"error": code, "message": text}
ERROR_UNAUTHORIZED = "unauthorized"
ERROR_TOKEN_EXPIRED = "token_expired"
ERROR_DEVICE_REVOKED = "device_revoked"
#: 410: head office marked this device lost; it may still push, then must erase its
#: profile and confirm (POST /api/device/wiped)
ERROR_DEVICE_WIPE = "device_wipe"
ERROR_RATE_LIMITED = "rate_limited"
ERROR_FORBIDDEN = "forbidden"
ERROR_NOT_FOUND = "not_found"
ERROR_BAD_REQUEST = "bad_request"
ERROR_BAD_CURSOR = "bad_cursor"
#: 503: the database was unreachable or busy for a moment; retry after Retry-After
ERROR_UNAVAILABLE = "unavailable"
ERROR_EPOCH_CHANGED = "epoch_changed"

# why a pull answered ``reset: true`` (its ``reset_reason``)
RESET_EPOCH = "epoch"    # another server database: restored from a backup, or replaced
RESET_USER = "user"      # the cursor belongs to another user
RESET_PURGED = "purged"  # tombstones newer than the cursor were purged (retention)


def request_headers() -> dict[str, str]:
    """The version headers every client request carries."""
    return {HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: str(SCHEMA_VERSION)}


# --- cursor ---------------------------------------------------------------------------


@dataclass
class Cursor:
    """Where a client's pull stands. Clients treat the encoded form as opaque.

    ``seq``: every change in scope numbered <= seq has been delivered.
    ``grants``: scope grants numbered <= grants have been back-filled.
    ``epoch`` and ``user``: the server database and the user the cursor belongs to; a
    mismatch restarts the pull from zero with ``reset: true``.
    ``backfill``: a back-fill in progress, {"partners": [...], "after": version,
    "grants": target}.
    """

    epoch: str = ""
    user: str = ""
    seq: int = 0
    grants: int = 0
    backfill: dict[str, Any] | None = field(default=None)

    def encode(self) -> str:
        raw = json.dumps(asdict(self), separators=(",", ":"), sort_keys=True)
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """The cursor in ``text``; None for an empty one; ValueError if malformed."""
        if not text:
            return None
        try:
            padded = text + "=" * (-len(text) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            backfill = data.get("backfill")
            if backfill is not None:
                backfill = {
                    "partners": [str(x) for x in backfill["partners"]],
                    "after": int(backfill["after"]),
                    "grants": int(backfill["grants"]),
                }
            cursor = cls(
                epoch=str(data["epoch"]), user=str(data["user"]), seq=int(data["seq"]),
                grants=int(data.get("grants", 0)), backfill=backfill,
            )
            if cursor.seq < 0 or cursor.grants < 0:
                raise ValueError("negative position")
            return cursor
        except (ValueError, KeyError, TypeError, UnicodeError, AttributeError) as exc:
            raise ValueError(f"malformed cursor: {exc}") from None


# --- verify ---------------------------------------------------------------------------


def verify_digest(pairs: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """(count, sha256 hex) of (id, version) pairs, as both sides compute it for verify.

    Lines "id:version\\n" sorted by id, hashed as UTF-8."""
    items = sorted((str(i), int(v)) for i, v in pairs)
    h = hashlib.sha256()
    for i, v in items:
        h.update(f"{i}:{v}\n".encode())
    return len(items), h.hexdigest()
