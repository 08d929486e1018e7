"""Structured server logs: one JSON object per line, never a secret.

Log shippers (journald, Loki, CloudWatch...) read JSON lines without parsing rules.
Secrets stay out by construction (the request log records method, path, status and
timing, never headers, query values or bodies) and by a last-resort scrubber on every
line: a bearer token, a password or a token field that reaches a message anyway is
replaced by ``***``. tests/scale/test_logs.py signs in and syncs and then greps the log
output for the password and the tokens.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from typing import IO, Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_LOGGER = "channelkeeper.server.request"

_SECRET_PATTERNS = [
    # Authorization: Bearer <token> (in any spelling a library may print it)
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    # "password": "...", access_token=..., 'refresh_token': '...'
    (re.compile(r"""(?i)(["']?(?:password|passwd|access_token|refresh_token|token|secret)["']?\s*[:=]\s*)"""
                r"""("[^"]*"|'[^']*'|[^\s,;&}]+)"""), r"\1***"),
    # a password in a database URL: scheme://user:password@host
    (re.compile(r"(://[^:/@\s]+:)[^@\s]+@"), r"\1***@"),
]

#: LogRecord attributes that are bookkeeping, not context worth a field of its own
_STANDARD_ATTRS = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime"}


_SECRET_KEYS = re.compile(r"(?i)^(password|passwd|secret|token|access_token|refresh_token|authorization)$")


def scrub(text: str) -> str:
    """``text`` with anything that looks like a credential replaced by ``***``."""
    for pattern, repl in _SECRET_PATTERNS:
        text = pattern.sub(repl, text)
    return text


def scrub_value(value: Any, key: str = "") -> Any:
    """A log field with secrets removed: values under secret-named keys entirely,
    credentials inside strings by ``scrub`` (applied before JSON encoding, so the
    line stays valid JSON)."""
    if key and _SECRET_KEYS.match(key):
        return "***"
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: scrub_value(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [scrub_value(v) for v in value]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return scrub(str(value))


class JsonLineFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "pid", "msg", ...extra fields}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                  + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(scrub_value(entry), ensure_ascii=False, default=str)


def configure_logging(level: str = "info", stream: IO[str] | None = None) -> logging.Handler:
    """Send the server's, uvicorn's and SQLAlchemy's logs as JSON lines to ``stream``
    (stderr by default). Idempotent: a second call replaces the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    handler.set_name("channelkeeper-json")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "channelkeeper-json"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.propagate = True
    # our request log replaces uvicorn's access log (which prints full query strings)
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    access.disabled = True
    return handler


class RequestLogMiddleware:
    """One log line per HTTP request: method, path, status, duration, client, worker.
    Pure ASGI (no BaseHTTPMiddleware) so streaming and errors pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger(REQUEST_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            client = scope.get("client")
            state = scope.get("state") or {}
            code = status["code"]
            self.log.log(
                logging.ERROR if code >= 500 else logging.INFO,
                "%s %s %d", scope["method"], scope["path"], code,
                extra={"method": scope["method"], "path": scope["path"], "status": code,
                       "duration_ms": round(elapsed, 1),
                       "client": client[0] if client else None,
                       "user": state.get("username"), "worker": os.getpid()},
            )
