"""Users, devices and tokens.

Passwords are argon2 hashes. Tokens are random strings the server stores only as
sha256 hashes: a stolen database does not yield usable tokens. Every sign-in registers
a device; revoking it kills its tokens at once because each request checks it.
Failed sign-ins are counted in the database (not process memory) so the limit holds
across server workers (sync/server/throttle.py); passwords follow
sync/server/passwords.py.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from sync import protocol as p
from sync.server import dialect, passwords, throttle
from sync.server.config import ServerSettings
from sync.server.db import devices, read_tx, server_epoch, tokens, users, write_tx
from sync.server.errors import ApiError

ROLES = ("manager", "admin")
_hashers: dict[tuple[int, int], tuple[PasswordHasher, str]] = {}


def hasher(settings: ServerSettings) -> tuple[PasswordHasher, str]:
    """The argon2 hasher for these settings, and a dummy hash verified when the user does
    not exist (so response time does not reveal which names exist)."""
    key = (settings.argon2_time_cost, settings.argon2_memory_kib)
    if key not in _hashers:
        h = PasswordHasher(time_cost=key[0], memory_cost=key[1])
        _hashers[key] = (h, h.hash("not a real password"))
    return _hashers[key]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the signed-in user and the device they signed in on."""

    user_id: str
    username: str
    role: str
    device_id: str
    #: head office marked this device lost (remote wipe) and it has not confirmed yet
    wipe: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(conn: Connection, settings: ServerSettings, username: str, role: str, password: str) -> str:
    username = username.strip()
    if not username:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The user name must not be empty.")
    if role not in ROLES:
        raise ApiError(400, p.ERROR_BAD_REQUEST, f"Role must be one of {', '.join(ROLES)}.")
    passwords.check(password, username)
    dialect.serialize_writers(conn, f"user {username}")  # two admins adding one name: one wins
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise ApiError(409, p.ERROR_BAD_REQUEST, f"User {username!r} already exists.")
    user_id = str(uuid.uuid4())
    conn.execute(insert(users).values(
        id=user_id, username=username, role=role, password_hash=hasher(settings)[0].hash(password),
        created_at=settings.stamp(), disabled=0,
    ))
    return user_id


def set_password(conn: Connection, settings: ServerSettings, username: str, password: str) -> bool:
    """Give a user a new password (hashed as at creation); False when there is no such
    user. Tokens already issued stay valid (revoke the devices to end them)."""
    if len(password) < 8:
        raise ApiError(400, p.ERROR_BAD_REQUEST, "The password needs at least 8 characters.")
    result = conn.execute(update(users).where(users.c.username == username.strip()).values(
        password_hash=hasher(settings)[0].hash(password)))
    return bool(result.rowcount)


def _issue(conn: Connection, settings: ServerSettings, user: Any, device_id: str) -> dict[str, Any]:
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = settings.stamp()
    for token, kind, ttl in ((access, "access", settings.access_ttl),
                             (refresh, "refresh", settings.refresh_ttl)):
        conn.execute(insert(tokens).values(
            token_hash=token_hash(token), kind=kind, device_id=device_id, user_id=user.id,
            created_at=now, expires_at=settings.stamp(ttl),
        ))
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "bearer",
        "expires_in": int(settings.access_ttl),
        "refresh_expires_in": int(settings.refresh_ttl),
        "device_id": device_id,
        "user": {"id": user.id, "username": user.username, "role": user.role},
        "server_epoch": server_epoch(conn),
    }


def login(
    engine: Engine, settings: ServerSettings, username: str, password: str, client: str,
    device_name: str, device_key: str | None = None,
) -> dict[str, Any]:
    """Sign in and register a new device. The attempt is counted before the password
    is checked (sync/server/throttle.py); a ``device_key`` from an earlier sign-in of
    this user on this laptop puts the attempt under that laptop's own limit."""
    name = username.strip()
    key_hash = token_hash(device_key) if device_key else None
    with read_tx(engine) as conn:
        user = conn.execute(select(users).where(users.c.username == name)).first()
        trusted = None
        if user is not None and key_hash:
            trusted = conn.execute(select(devices.c.id).where(
                devices.c.trust_key_hash == key_hash, devices.c.user_id == user.id,
                devices.c.revoked_at.is_(None))).first()
    limits = throttle.limits_for(settings, name, client, key_hash if trusted else None)
    throttle.charge(engine, settings, limits)
    ph, dummy = hasher(settings)
    try:
        ok = ph.verify(user.password_hash if user else dummy, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.disabled:
        raise ApiError(401, p.ERROR_UNAUTHORIZED, "Wrong user name or password.")
    new_key = secrets.token_urlsafe(32)
    with write_tx(engine) as conn:
        throttle.refund(conn, limits)
        if trusted is not None:
            # one key per laptop: the one it presented is replaced by the new one
            conn.execute(update(devices).where(devices.c.id == trusted.id).values(trust_key_hash=None))
        device_id = str(uuid.uuid4())
        conn.execute(insert(devices).values(
            id=device_id, user_id=user.id, name=(device_name or "device")[:200],
            created_at=settings.stamp(), last_seen_at=settings.stamp(), last_seq=0,
            trust_key_hash=token_hash(new_key),
        ))
        return {**_issue(conn, settings, user, device_id), "device_key": new_key}


def refresh(engine: Engine, settings: ServerSettings, refresh_token: str) -> dict[str, Any]:
    """A new token pair for a valid refresh token, which dies in the exchange.

    The exchange is one conditional UPDATE (``used_at IS NULL``): of several concurrent
    refreshes with one token exactly one wins, on SQLite and PostgreSQL alike. A token
    presented again after it was rotated is refused; past ``refresh_reuse_grace`` that
    is taken as a stolen copy in use, and the whole sign-in (every token of the device,
    the family of OAuth refresh-token rotation) is revoked."""
    now = settings.stamp()
    with write_tx(engine) as conn:
        tok = conn.execute(select(tokens).where(
            tokens.c.token_hash == token_hash(refresh_token), tokens.c.kind == "refresh"
        )).first()
        if tok is None or tok.revoked_at:
            raise ApiError(401, p.ERROR_UNAUTHORIZED, "Please sign in again.")
        reused = tok.used_at is not None and _reuse_is_theft(settings, tok.used_at)
        if reused:
            # the committed revocation must survive the error raised below
            conn.execute(update(tokens).where(tokens.c.device_id == tok.device_id,
                                              tokens.c.revoked_at.is_(None))
                         .values(revoked_at=now))
        elif tok.used_at is None:
            device = conn.execute(select(devices).where(devices.c.id == tok.device_id)).first()
            if device is None or device.revoked_at:
                raise ApiError(401, p.ERROR_DEVICE_REVOKED, "This device was signed out by an administrator.")
            if tok.expires_at <= now:
                raise ApiError(401, p.ERROR_TOKEN_EXPIRED, "Your session has expired: please sign in again.")
            user = conn.execute(select(users).where(users.c.id == tok.user_id)).first()
            if user is None or user.disabled:
                raise ApiError(401, p.ERROR_UNAUTHORIZED, "Please sign in again.")
            won = conn.execute(update(tokens).where(
                tokens.c.token_hash == tok.token_hash, tokens.c.used_at.is_(None),
                tokens.c.revoked_at.is_(None)).values(used_at=now)).rowcount == 1
            if won:
                conn.execute(update(devices).where(devices.c.id == device.id).values(last_seen_at=now))
                return _issue(conn, settings, user, device.id)
    if reused:
        raise ApiError(401, p.ERROR_UNAUTHORIZED, "This sign-in was already renewed: please sign in again.")
    # rotated moments ago by a concurrent request (which got the new pair)
    raise ApiError(401, p.ERROR_UNAUTHORIZED, "This sign-in was just renewed by another request.")


def _reuse_is_theft(settings: ServerSettings, used_at: str) -> bool:
    return _parse(used_at) + _seconds(settings.refresh_reuse_grace) <= settings.now()


def access_query(*extra: Any) -> Any:
    """The statement that checks an access token (bound parameter ``token_hash``): its
    sign-in, user and device, plus ``extra`` columns an endpoint reads in the same
    statement (a push: the device's last sequence number and the server epoch)."""
    return (select(tokens.c.user_id, tokens.c.device_id, tokens.c.expires_at, tokens.c.revoked_at,
                   users.c.username, users.c.role, users.c.disabled,
                   devices.c.revoked_at.label("device_revoked_at"),
                   devices.c.wipe_requested_at, devices.c.wiped_at, *extra)
            .join(users, users.c.id == tokens.c.user_id)
            .join(devices, devices.c.id == tokens.c.device_id)
            .where(tokens.c.token_hash == bindparam("token_hash"), tokens.c.kind == "access"))


_ACCESS = access_query()
_ACCESS_COLUMNS = frozenset(c.name for c in _ACCESS.selected_columns)


def _unsigned() -> ApiError:
    return ApiError(401, p.ERROR_UNAUTHORIZED, "Sign in first.", headers={"WWW-Authenticate": "Bearer"})


class Caller:
    """The access token of a request, checked inside the transaction that serves it
    (``identify``): the sync endpoints read and write in one transaction, and checking
    the token there costs no transaction (nor thread hand-off) of its own. Revocation,
    expiry and a wipe request take effect at once, as the check reads the rows of the
    same transaction. ``admit`` is the endpoint's own check of the caller (the wipe
    rule, the request log's user name)."""

    def __init__(self, settings: ServerSettings, token: str | None,
                 admit: Callable[[Principal], None] | None = None) -> None:
        if not token:
            raise _unsigned()
        self.settings, self.token, self.admit = settings, token, admit

    def identify(self, conn: Connection, query: Any = _ACCESS) -> tuple[Principal, Any]:
        """Who is calling, and the row of ``query`` (an ``access_query``); raises
        ApiError 401/410 when the token does not admit the request."""
        row = conn.execute(query, {"token_hash": token_hash(self.token)}).first()
        who = _principal(self.settings, row)
        if self.admit is not None:
            self.admit(who)
        return who, row


class Known:
    """A caller identified already (in-process callers of pull and verify: commands,
    tests), with ``Caller.identify``'s shape: only the query's ``extra`` columns are
    read (scalar subqueries, which need no token row)."""

    def __init__(self, who: Principal) -> None:
        self.who = who

    def identify(self, conn: Connection, query: Any = _ACCESS) -> tuple[Principal, Any]:
        extra = [c for c in query.selected_columns if c.name not in _ACCESS_COLUMNS]
        return self.who, conn.execute(select(*extra)).first() if extra else None


def as_caller(who: Caller | Known | Principal) -> Caller | Known:
    return Known(who) if isinstance(who, Principal) else who


def authenticate(engine: Engine, settings: ServerSettings, access_token: str | None) -> Principal:
    """The caller of a request that does not check its token in its own transaction."""
    caller = Caller(settings, access_token)
    with read_tx(engine) as conn:
        return caller.identify(conn)[0]


def _principal(settings: ServerSettings, row: Any) -> Principal:
    if row is not None and row.device_revoked_at:
        raise ApiError(401, p.ERROR_DEVICE_REVOKED, "This device was signed out by an administrator.")
    if row is None or row.revoked_at or row.disabled:
        raise ApiError(401, p.ERROR_UNAUTHORIZED, "Sign in again.",
                       headers={"WWW-Authenticate": "Bearer"})
    if row.expires_at <= settings.stamp():
        raise ApiError(401, p.ERROR_TOKEN_EXPIRED, "The access token has expired: refresh it.",
                       headers={"WWW-Authenticate": "Bearer"})
    return Principal(row.user_id, row.username, row.role, row.device_id,
                     wipe=bool(row.wipe_requested_at and not row.wiped_at))


def request_wipe(conn: Connection, device_id: str, now: str) -> Any:
    """Mark a device lost: its next contact pushes what it holds, erases the profile
    and confirms. Its tokens keep working until then (a revoked device could not be
    told). Returns the device row before the change (None: no such device)."""
    row = conn.execute(select(devices).where(devices.c.id == device_id)).first()
    if row is not None and row.revoked_at is None and row.wipe_requested_at is None:
        conn.execute(update(devices).where(devices.c.id == device_id)
                     .values(wipe_requested_at=now))
    return row


def confirm_wiped(conn: Connection, device_id: str, now: str) -> None:
    """The laptop erased its profile: record when, and end the device's sessions."""
    conn.execute(update(devices).where(devices.c.id == device_id).values(wiped_at=now))
    revoke_device(conn, device_id, now)


def revoke_device(conn: Connection, device_id: str, now: str) -> bool:
    res = conn.execute(update(devices).where(devices.c.id == device_id).values(revoked_at=now))
    conn.execute(update(tokens).where(tokens.c.device_id == device_id, tokens.c.revoked_at.is_(None))
                 .values(revoked_at=now))
    return bool(res.rowcount)


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _seconds(s: float) -> dt.timedelta:
    return dt.timedelta(seconds=s)
