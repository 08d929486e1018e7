"""Request and response shapes of the HTTP API (they make /openapi.json match the
protocol document)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: more names than record types exist only as repeats
MAX_VERIFY_NAMES = 100


class RequestBody(BaseModel):
    """What a client sends: an unknown field is a 400 naming it, not silently dropped
    (a typo in a field name would otherwise lose data without a word)."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    error: str
    message: str


class LoginRequest(RequestBody):
    # bounded: every attempt reads and hashes what it is sent
    username: str = Field(max_length=100)
    password: str = Field(max_length=1024)
    device_name: str = Field("device", max_length=200)
    #: from an earlier sign-in of this user on this laptop: its own attempt limit
    device_key: str | None = Field(None, max_length=100)


class RefreshRequest(RequestBody):
    refresh_token: str = Field(max_length=100)


class UserOut(BaseModel):
    id: str
    username: str
    role: str


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_expires_in: int
    device_id: str
    user: UserOut
    server_epoch: str
    #: sign-in only: keep it (keyring) and send it with the next sign-in of this user
    device_key: str | None = None


class MeOut(BaseModel):
    user: UserOut
    device_id: str
    last_seq: int
    server_epoch: str


class PushOp(BaseModel):
    """The shape of one op (docs/sync-protocol.md section 4). Documentation only: the
    server checks each op on its own against sync/op_contract.py, so one bad op is
    answered ``rejected`` instead of failing the whole request."""

    op_id: str = Field(description="a UUID, unique per device")
    seq: int = Field(ge=1, le=2**63 - 1)
    entity: str
    entity_id: str = Field(description="a UUID")
    op: Literal["create", "update", "delete"]
    changes: dict[str, list[Any]]
    base_version: int = Field(0, ge=0, le=2**63 - 1)
    created_at: str | None = None


class PushRequest(RequestBody):
    ops: list[dict[str, Any]] = Field(description="ops shaped as PushOp, in outbox order; "
                                                  "each is checked on its own")


class OpResult(BaseModel):
    op_id: str
    seq: int | None  # None when the op's own seq was unusable
    entity: str
    entity_id: str
    outcome: Literal["applied", "merged", "conflict", "rejected"]
    version: int | None = None
    reason: str | None = None
    message: str | None = None
    conflicts: list[str] = []
    duplicate: bool = False
    #: rejected for now only (protocol.RETRY_REASONS): send it again later
    retry: bool = False


class PushResponse(BaseModel):
    results: list[OpResult]
    last_seq: int
    server_epoch: str


class ChangeOut(BaseModel):
    entity: str
    id: str
    version: int
    deleted: int
    row: dict[str, Any]


class PullResponse(BaseModel):
    changes: list[ChangeOut]
    cursor: str
    has_more: bool
    reset: bool
    phase: Literal["changes", "backfill"]
    scope_removed: list[str]
    open_conflicts: int
    server_epoch: str
    #: with ``reset``: "epoch" | "user" | "purged" (protocol.RESET_*)
    reset_reason: str | None = None
    #: tombstones numbered up to this may have been purged (sync.server.retention)
    purged_through: int = 0


class VerifyRequest(RequestBody):
    # each name costs a scan of the caller's scope: a bounded list (repeats are
    # answered once), names no longer than the longest record type
    entities: list[Annotated[str, Field(max_length=40)]] | None = Field(None, max_length=MAX_VERIFY_NAMES)


class EntityDigest(BaseModel):
    count: int
    hash: str


class VerifyResponse(BaseModel):
    entities: dict[str, EntityDigest]
    as_of: int


class SnapshotResponse(BaseModel):
    rows: list[ChangeOut]
    next_after: str | None
    as_of: int


class ConflictOut(BaseModel):
    id: str
    entity: str
    entity_id: str
    partner_id: str | None
    field: str
    kind: str
    server_value: Any = None
    incoming_value: Any = None
    base_value: Any = None
    op_id: str | None
    device_id: str | None
    user: str | None
    created_at: str
    resolved_at: str | None
    resolved_by: str | None
    resolution: str | None


class ConflictList(BaseModel):
    conflicts: list[ConflictOut]
    #: the next page's ``after`` (sync/server/paging.py); null on the last page
    next_after: str | None = None


class ResolveRequest(RequestBody):
    choice: Literal["server", "incoming", "custom"]
    value: Any = None


class NewUser(RequestBody):
    username: str = Field(max_length=100)
    role: Literal["manager", "admin"]
    password: str = Field(max_length=1024)


class AssignRequest(RequestBody):
    partner: str
    username: str


class UnassignRequest(RequestBody):
    partner: str
    username: str | None = None


class TemplateIn(RequestBody):
    key: str
    name: str
    tier: str | None = None
    sections: list[dict[str, Any]]
    published: bool = True
