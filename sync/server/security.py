"""What every answer of the server says about itself to browsers and proxies.

The API answers JSON to the desktop client; nothing of it is meant to be rendered,
framed, cached or sent on as a referrer. Every response gets:

* ``X-Content-Type-Options: nosniff`` (a JSON body is never guessed to be HTML),
* ``X-Frame-Options: DENY`` and ``Content-Security-Policy: default-src 'none';
  frame-ancestors 'none'`` (no page of ours loads anything or may be framed),
* ``Referrer-Policy: no-referrer``,
* ``Cache-Control: no-store`` unless the endpoint set its own (answers carry tokens,
  records and password-protected data that no proxy or browser cache should keep),
* ``Strict-Transport-Security`` only when the request came over TLS (directly, or
  through a proxy trusted by ``FORWARDED_ALLOW_IPS`` that says ``X-Forwarded-Proto:
  https``) and ``ServerSettings.hsts_seconds`` is above 0: over plain http the header
  means nothing, and a test server on a laptop must not pin a host name to https.
"""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, hsts_seconds: int = 0) -> None:
        self.app = app
        self.hsts = f"max-age={int(hsts_seconds)}" if hsts_seconds > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if tls and self.hsts:
                    headers["Strict-Transport-Security"] = self.hsts
            await send(message)

        await self.app(scope, receive, send_with_headers)
