"""Limits on what a request may send, checked before any endpoint reads it.

A push carries at most 500 ops; even with long meeting notes that stays far below
``MAX_BODY_BYTES``. Anything larger is refused with 413 and a JSON error body, whether
it announces its size (Content-Length) or streams it (chunked): the body is counted as
it arrives and never buffered beyond the limit.
"""
from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol as p
from sync.server.errors import ApiError
from sync.server.logging_setup import RequestLogMiddleware

#: 16 MiB: a full push batch of long meeting notes is a few MiB
MAX_BODY_BYTES = 16 * 1024 * 1024
#: how much of a refused body is read and thrown away before answering. Closing a
#: connection with unread data in it makes the kernel send a reset, which can destroy
#: the 413 answer before the client reads it (the "lingering close" of web servers).
DRAIN_BYTES = 4 * MAX_BODY_BYTES
ERROR_TOO_LARGE = "too_large"


def _message(limit: int) -> str:
    return (f"The request is larger than the server accepts ({limit // (1024 * 1024)} MiB). "
            "Send fewer changes per request.")


class _TooLarge(ApiError, HTTPException):
    """Raised while the body streams in. ApiError first in the MRO: the app's ApiError
    handler answers it (413, JSON body); being an HTTPException makes FastAPI's body
    reader pass it on instead of turning it into a generic 400."""

    def __init__(self, limit: int) -> None:
        ApiError.__init__(self, 413, ERROR_TOO_LARGE, _message(limit), max_bytes=limit)
        self.status_code, self.detail = 413, self.message


def _error_body(limit: int) -> bytes:
    return json.dumps({"error": ERROR_TOO_LARGE, "message": _message(limit), "max_bytes": limit}).encode()


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    @staticmethod
    async def _drain(receive: Receive, more: bool = True) -> None:
        """Read and discard the rest of a refused body, up to DRAIN_BYTES."""
        drained = 0
        while more and drained < DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            drained += len(message.get("body", b""))
            more = message.get("more_body", False)

    async def _refuse(self, send: Send) -> None:
        body = _error_body(self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = -1
                if announced > self.max_bytes:
                    await self._drain(receive)
                    await self._refuse(send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    await self._drain(receive, message.get("more_body", False))
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)


#: error codes of plain HTTP errors raised by the framework itself (unknown path, wrong
#: method, unparseable body...), so every error body has the protocol's shape
_HTTP_CODES = {400: p.ERROR_BAD_REQUEST, 401: p.ERROR_UNAUTHORIZED, 403: p.ERROR_FORBIDDEN,
               404: p.ERROR_NOT_FOUND, 405: "method_not_allowed", 413: ERROR_TOO_LARGE}


async def _http_error(_request, exc: HTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "The request was refused."
    if message == "There was an error parsing the body":
        message = "The request body is not valid JSON (or is nested too deeply)."
    return JSONResponse({"error": _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}"),
                         "message": message}, status_code=exc.status_code, headers=exc.headers)


def install(app) -> None:
    """Add the limits and the request log to a FastAPI app (outermost: the log sees 413s),
    and answer the framework's own HTTP errors in the protocol's error shape."""

    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(RequestLogMiddleware)
