"""The reference central server: ``create_app(db_url)`` builds the FastAPI app.

Routes are thin: they check the caller and hand over to plain functions in auth,
push, pull, conflict_records, admin and csv_import. Endpoints are synchronous `def`s,
so FastAPI runs them in its thread pool (``threads_per_worker`` threads) and the
database work never blocks the loop. The sync endpoints (push, pull, verify) check the
caller's token inside their own transaction (auth.Caller).
"""
from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from sync import protocol as p
from sync.server import (
    admin,
    auth,
    conflict_records,
    csv_import,
    dialect,
    migrate,
    pull,
    push,
    quarantine,
    request_limits,
)
from sync.server import api_models as m
from sync.server.config import ServerSettings
from sync.server.db import devices, is_demo_server, make_engine, read_tx, server_epoch, write_tx
from sync.server.errors import ApiError
from sync.server.security import SecurityHeadersMiddleware

_bearer = HTTPBearer(auto_error=False)
_log = logging.getLogger(__name__)
#: seconds a client waits before asking again after a 503
RETRY_AFTER_S = 1
ERRORS = {
    401: {"model": m.ErrorBody}, 403: {"model": m.ErrorBody}, 404: {"model": m.ErrorBody},
    410: {"model": m.ErrorBody, "description": "This device was reported lost: erase, then "
          "confirm with POST /api/device/wiped"},
    426: {"model": m.ErrorBody, "description": "Update required"},
    503: {"model": m.ErrorBody, "description": "Database unavailable for a moment: retry"},
}
CSV_BODY = {"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}}


def _version(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


async def check_versions(
    x_channelkeeper_protocol: Annotated[str | None, Header()] = None,
    x_channelkeeper_schema: Annotated[str | None, Header()] = None,
) -> None:
    """Every /api/ call names its protocol and schema version; others get 426. A
    coroutine, so FastAPI runs it on the event loop: a plain function would be handed
    to the thread pool and back for two header reads on every request."""
    proto, schema = _version(x_channelkeeper_protocol), _version(x_channelkeeper_schema)
    ok = (proto is not None and p.MIN_PROTOCOL_VERSION <= proto <= p.PROTOCOL_VERSION
          and schema is not None and p.MIN_SCHEMA_VERSION <= schema <= p.SCHEMA_VERSION)
    if not ok:
        too_new = (proto or 0) > p.PROTOCOL_VERSION or (schema or 0) > p.SCHEMA_VERSION
        raise ApiError(
            p.UPDATE_REQUIRED_STATUS, p.ERROR_UPDATE_REQUIRED,
            "This server is older than your ChannelKeeper: ask head office to update the server."
            if too_new else
            "This version of ChannelKeeper is too old for the server: please update. "
            "Your unsent changes are kept.",
            min_protocol=p.MIN_PROTOCOL_VERSION, max_protocol=p.PROTOCOL_VERSION,
            min_schema=p.MIN_SCHEMA_VERSION, max_schema=p.SCHEMA_VERSION,
        )


def _admit(request: Request, who: auth.Principal) -> None:
    request.state.username = who.username  # named in the request log line
    if who.wipe and request.url.path not in WIPE_ALLOWED:
        # a lost laptop may still hand over what it holds, then must erase itself
        raise ApiError(410, p.ERROR_DEVICE_WIPE,
                       "Head office reported this laptop lost: its ChannelKeeper data is erased.")


def principal(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> auth.Principal:
    state = request.app.state
    who = auth.authenticate(state.engine, state.settings, creds.credentials if creds else None)
    _admit(request, who)
    return who


async def caller(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> auth.Caller:
    """The token of a sync request (push, pull, verify), checked by the endpoint inside
    its own transaction (auth.Caller): a coroutine, so no thread-pool hand-off and no
    transaction of its own before the endpoint's."""
    return auth.Caller(request.app.state.settings, creds.credentials if creds else None,
                       lambda who: _admit(request, who))


#: what a device marked for a wipe may still call: send its changes, then confirm
WIPE_ALLOWED = frozenset({f"{p.API_PREFIX}/sync/push", f"{p.API_PREFIX}/device/wiped",
                          f"{p.API_PREFIX}/auth/logout"})


def admin_principal(who: Annotated[auth.Principal, Depends(principal)]) -> auth.Principal:
    if not who.is_admin:
        raise ApiError(403, p.ERROR_FORBIDDEN, "Only head office (admin) may do this.")
    return who


Who = Annotated[auth.Principal, Depends(principal)]
#: the caller of a sync endpoint, identified in the endpoint's transaction
SyncCaller = Annotated[auth.Caller, Depends(caller)]
Admin = Annotated[auth.Principal, Depends(admin_principal)]
#: rows per page of a list answer (sync/server/paging.py)
ListLimit = Annotated[int, Query(ge=1, le=p.MAX_LIST_LIMIT)]


def _records_json(engine: Engine, payload: dict[str, Any], key: str, found_by: str) -> Response:
    """A page of records as JSON, written directly: the body ``response_model`` would
    send (the same encoding as FastAPI's JSONResponse), without first validating and
    dumping up to 5,000 records through pydantic (~60 ms a page of a first sync). The
    response models still define the OpenAPI document, and tests validate these
    answers against them. A stored row JSON cannot carry is left out and quarantined
    (sync/server/quarantine.py): one bad row never fails the page."""
    return Response(quarantine.encode_page(engine, payload, key, found_by),
                    media_type="application/json")


def create_app(db_url: str, settings: ServerSettings | None = None, *, run_migrations: bool = True,
               engine: Engine | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    engine = engine or make_engine(db_url)
    if run_migrations:
        migrate.upgrade(engine)
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # the thread pool that runs the endpoints (anyio's, one per event loop): at most
        # this many requests of the process run at a time, the others wait their turn
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads_per_worker
        yield

    # the API description only when asked for (settings.api_docs), and never a docs page
    # that loads its script from a CDN (docs/deploy.md)
    app = FastAPI(title="ChannelKeeper sync server", version=f"protocol {p.PROTOCOL_VERSION}",
                  lifespan=lifespan,
                  description="Reference central server. The protocol is docs/sync-protocol.md.",
                  openapi_url="/openapi.json" if settings.api_docs else None,
                  docs_url=None, redoc_url=None)
    app.state.engine = engine
    app.state.settings = settings

    request_limits.install(app)  # body size limit and the JSON request log (scale work)
    app.add_middleware(SecurityHeadersMiddleware, hsts_seconds=settings.hsts_seconds)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(DBAPIError)
    async def _database_error(_request: Request, exc: DBAPIError) -> JSONResponse:
        if not dialect.is_transient(exc):
            raise exc  # a fault of this request or the data: 500, logged with its trace
        # a dropped connection (SQLAlchemy has already discarded the pool's stale ones)
        # or a busy database. Asking again is safe: the transaction was rolled back, or,
        # lost at COMMIT, it is repeated by op id (push) or refused harmlessly (refresh)
        _log.warning("database unavailable: %s", type(exc.orig).__name__)
        return JSONResponse({"error": p.ERROR_UNAVAILABLE,
                             "message": "The database is unavailable for a moment: try again."},
                            status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse({"error": p.ERROR_BAD_REQUEST, "message": f"{where}: {first.get('msg', 'invalid')}",
                             # no "input"/"ctx": they may echo a password, or hold values
                             # (1e999 -> inf) that JSON cannot carry
                             "details": jsonable([{k: v for k, v in e.items() if k not in ("input", "ctx")}
                                                  for e in exc.errors()])}, status_code=400)

    @app.get("/health", responses={503: {"model": m.ErrorBody}})
    def health() -> Any:
        try:
            with read_tx(engine) as conn:
                epoch = server_epoch(conn)
                demo = is_demo_server(conn)
        except SQLAlchemyError:
            # a load balancer takes this worker out of rotation; clients retry later
            return JSONResponse({"error": "unavailable", "message": "The database is unreachable."},
                                status_code=503)
        return {"status": "ok", "protocol": p.PROTOCOL_VERSION, "schema": p.SCHEMA_VERSION,
                "server_epoch": epoch, "demo": demo}

    api = APIRouter(prefix=p.API_PREFIX, dependencies=[Depends(check_versions)], responses=ERRORS)

    @api.post("/auth/login", response_model=m.TokenPair, responses={429: {"model": m.ErrorBody}})
    def login(body: m.LoginRequest, request: Request) -> dict:
        client = request.client.host if request.client else "unknown"
        return auth.login(engine, settings, body.username, body.password, client, body.device_name,
                          body.device_key)

    @api.post("/auth/refresh", response_model=m.TokenPair)
    def refresh(body: m.RefreshRequest) -> dict:
        return auth.refresh(engine, settings, body.refresh_token)

    @api.post("/auth/logout")
    def logout(who: Who) -> dict:
        admin.revoke_device(engine, settings, who.device_id)
        return {"ok": True}

    @api.get("/me", response_model=m.MeOut)
    def me(who: Who) -> dict:
        with read_tx(engine) as conn:
            last = conn.execute(select(devices.c.last_seq).where(devices.c.id == who.device_id)).scalar_one()
            epoch = server_epoch(conn)
        return {"user": {"id": who.user_id, "username": who.username, "role": who.role},
                "device_id": who.device_id, "last_seq": int(last), "server_epoch": epoch}

    @api.post("/sync/push", response_model=m.PushResponse, responses={409: {"model": m.ErrorBody}})
    def sync_push(body: m.PushRequest, who: SyncCaller,
                  x_channelkeeper_epoch: Annotated[str | None, Header()] = None) -> dict:
        return push.push(engine, settings, who, body.ops, seen_epoch=x_channelkeeper_epoch)

    @api.get("/sync/pull", response_model=m.PullResponse)
    def sync_pull(who: SyncCaller, cursor: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT) -> Response:
        return _records_json(engine, pull.pull(engine, who, cursor, limit), "changes", "pull")

    @api.post("/sync/verify", response_model=m.VerifyResponse)
    def sync_verify(who: SyncCaller, body: m.VerifyRequest | None = None) -> dict:
        return pull.verify(engine, who, body.entities if body else None)

    @api.get("/sync/snapshot", response_model=m.SnapshotResponse)
    def sync_snapshot(who: Who, entity: str, after: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT) -> Response:
        return _records_json(engine, pull.snapshot(engine, who, entity, after, limit), "rows", "snapshot")

    @api.get("/records/{entity}/{entity_id}", response_model=m.ChangeOut)
    def read_record(entity: str, entity_id: str, who: Who) -> Response:
        found = {"changes": [pull.read_record(engine, who, entity, entity_id)]}
        body = json.loads(quarantine.encode_page(engine, found, "changes", "read"))
        if not body["changes"]:
            raise ApiError(404, p.ERROR_NOT_FOUND, "No such record.")
        return JSONResponse(body["changes"][0])

    @api.get("/partners")
    def partners(who: Who, after: str | None = None, limit: ListLimit = p.DEFAULT_LIST_LIMIT) -> Response:
        found, next_after = pull.list_partners(engine, who, after, limit)
        rows = [{"entity": "partner", "row": r} for r in found]
        body = json.loads(quarantine.encode_page(engine, {"partners": rows}, "partners", "read"))
        return JSONResponse({"partners": [c["row"] for c in body["partners"]], "next_after": next_after})

    @api.get("/conflicts", response_model=m.ConflictList)
    def list_conflicts(who: Who, state: str = "open", after: str | None = None,
                       limit: ListLimit = p.DEFAULT_LIST_LIMIT) -> dict:
        return conflict_records.list_conflicts(engine, who, state, after, limit)

    @api.post("/conflicts/{conflict_id}/resolve", response_model=m.ConflictOut)
    def resolve_conflict(conflict_id: str, body: m.ResolveRequest, who: Who) -> dict:
        return conflict_records.resolve(engine, settings, who, conflict_id, body.choice, body.value)

    # --- head office -----------------------------------------------------------------

    @api.post("/admin/users", status_code=201)
    def add_user(body: m.NewUser, _who: Admin) -> dict:
        return admin.add_user(engine, settings, body.username, body.role, body.password)

    @api.get("/admin/users")
    def list_users(_who: Admin, after: str | None = None, limit: ListLimit = p.DEFAULT_LIST_LIMIT) -> dict:
        return admin.users_page(engine, after, limit)

    @api.post("/admin/import/partners", openapi_extra=CSV_BODY)
    async def import_partners(request: Request, _who: Admin) -> dict:
        data = await request.body()
        return await run_in_threadpool(csv_import.import_partners, engine, settings, data)

    @api.post("/admin/import/kpis", openapi_extra=CSV_BODY)
    async def import_kpis(request: Request, _who: Admin) -> dict:
        data = await request.body()
        return await run_in_threadpool(csv_import.import_kpis, engine, settings, data)

    @api.post("/admin/assignments")
    def assign(body: m.AssignRequest, _who: Admin) -> dict:
        return admin.assign(engine, settings, body.partner, body.username)

    @api.post("/admin/unassign")
    def unassign(body: m.UnassignRequest, _who: Admin) -> dict:
        return admin.unassign(engine, settings, body.partner, body.username)

    @api.post("/admin/templates")
    def publish_template(body: m.TemplateIn, _who: Admin) -> dict:
        return {"templates": admin.publish_templates(engine, settings, [body.model_dump()])}

    @api.get("/admin/devices")
    def list_devices(_who: Admin, after: str | None = None, limit: ListLimit = p.DEFAULT_LIST_LIMIT) -> dict:
        return admin.devices_page(engine, after, limit)

    @api.post("/admin/devices/{device_id}/wipe")
    def wipe_device(device_id: str, _who: Admin) -> dict:
        return admin.wipe_device(engine, settings, device_id)

    @api.post("/device/wiped")
    def device_wiped(who: Who) -> dict:
        with write_tx(engine) as conn:
            auth.confirm_wiped(conn, who.device_id, settings.stamp())
        return {"ok": True}

    @api.post("/admin/devices/{device_id}/revoke")
    def revoke_device(device_id: str, _who: Admin) -> dict:
        return admin.revoke_device(engine, settings, device_id)

    @api.post("/admin/demo")
    def seed_demo(_who: Admin) -> dict:
        # late: the demo data generator, off the start path, docs/benchmarks.md
        from sync.server.demo_org import seed_demo

        return seed_demo(engine, settings)

    app.include_router(api)
    return app


def jsonable(value: Any) -> Any:
    return jsonable_encoder(value, custom_encoder={Exception: str})

