"""The sync client's one HTTP session: explicit timeouts, TLS verified, bounded retries.

Only transient failures are retried, with exponential backoff: connection errors,
timeouts, and 502/503/504. A 4xx is never retried (asking again will not change the
answer). Retrying a POST is safe because every op carries its own id and the server
applies an op id at most once: a reply lost after the server committed comes back,
on retry, as the same outcome. Plain http is refused except to loopback, unless the
caller explicitly allows it.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from sync import protocol
from sync.client.errors import (
    InsecureServerError,
    OfflineError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    UpdateRequiredError,
    WipeRequested,
)

log = logging.getLogger(__name__)

CLIENT_VERSION = "0.1.0"
RETRY_STATUSES = frozenset({502, 503, 504})
#: (connect, read) seconds: a dead network shows up in seconds, a big page still arrives
DEFAULT_TIMEOUT = (5.0, 60.0)
#: a reply cut short shows up as ChunkedEncodingError (IncompleteRead), not ConnectionError
TRANSIENT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class Unauthorized(Exception):
    """HTTP 401: internal to the client, which refreshes the token and retries once."""

    def __init__(self, code: str | None) -> None:
        super().__init__(code or "unauthorized")
        self.code = code


@dataclass
class WireStats:
    """What went over the wire (benchmarks, the "nothing to do" budget)."""

    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    #: seconds spent waiting for the server (sending, its work, receiving)
    wait_seconds: float = 0.0

    @property
    def total_bytes(self) -> int:
        return self.bytes_sent + self.bytes_received


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """The normalised base URL, or InsecureServerError / ValueError for a bad one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not a server address (expected https://host[:port])")
    if parts.scheme == "http" and not allow_insecure_http and not is_loopback(parts.hostname):
        raise InsecureServerError(
            f"{url} is not encrypted (http). Use https, or allow insecure connections "
            "explicitly for a test server."
        )
    return url.strip().rstrip("/")


class HttpClient:
    """JSON over one ``requests.Session`` with the retry and error policy above."""

    def __init__(
        self,
        base_url: str,
        *,
        allow_insecure_http: bool = False,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = 3,
        backoff: float = 0.25,
        sleep: Callable[[float], None] = time.sleep,
        verify: bool | str = True,
        protocol_headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url, allow_insecure_http=allow_insecure_http)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.session = requests.Session()
        self.session.verify = verify  # TLS verification stays on unless a CA bundle is given
        self.session.headers.update({
            "User-Agent": f"ChannelKeeper/{CLIENT_VERSION}",
            "Accept": "application/json",
        })
        # the server answers 426 to a protocol or schema it no longer (or not yet) serves
        self.session.headers.update(protocol_headers or protocol.request_headers())
        self.stats = WireStats()

    def close(self) -> None:
        self.session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        retries: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """Send one JSON request and return the decoded JSON answer. ``retries``
        overrides the client's default (0 for calls that must not be repeated);
        ``headers`` are added to this request's."""
        max_retries = self.retries if retries is None else retries
        url = self.base_url + path
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                try:
                    resp = self.session.request(
                        method, url, data=data, params=params, headers=headers,
                        timeout=self.timeout,
                    )
                finally:
                    self.stats.wait_seconds += time.perf_counter() - started
                self._count(resp, data)
                if resp.status_code in RETRY_STATUSES and attempt <= max_retries:
                    log.info("%s %s: %s, retrying", method, path, resp.status_code)
                    self._wait(attempt)
                    continue
                return self._decode(resp, method, path)
            except TRANSIENT_ERRORS as exc:
                self.stats.requests += 1
                if attempt <= max_retries:
                    log.info("%s %s: %s, retrying", method, path, type(exc).__name__)
                    self._wait(attempt)
                    continue
                raise OfflineError(
                    f"The server at {self.base_url} cannot be reached "
                    f"({_reason(exc)}). Your changes are kept and will be sent later."
                ) from exc
            except ProtocolError:
                # a garbled or truncated answer is transient on a bad network
                if attempt <= max_retries:
                    self._wait(attempt)
                    continue
                raise

    # --- internals -----------------------------------------------------------------

    def _wait(self, attempt: int) -> None:
        self.sleep(self.backoff * (2 ** (attempt - 1)))

    def _count(self, resp: requests.Response, data: bytes | None) -> None:
        req = resp.request
        head_out = len(f"{req.method} {req.path_url} HTTP/1.1\r\n") + sum(
            len(k) + len(v) + 4 for k, v in req.headers.items()
        )
        head_in = 17 + sum(len(k) + len(v) + 4 for k, v in resp.headers.items())
        self.stats.requests += 1
        self.stats.bytes_sent += head_out + len(data or b"")
        self.stats.bytes_received += head_in + len(resp.content)

    def _decode(self, resp: requests.Response, method: str, path: str) -> Any:
        status = resp.status_code
        payload = _json_or_none(resp)
        detail = _detail(payload)
        if status == 401:
            raise Unauthorized(detail.get("code"))
        if status == protocol.UPDATE_REQUIRED_STATUS:
            raise UpdateRequiredError(
                "This version of ChannelKeeper is too old for the server. Update the app; "
                "your unsent changes are kept and will be sent after the update.",
                minimum_version=str(detail.get("min_protocol") or "") or None,
            )
        if status == 429:
            retry_after = resp.headers.get("Retry-After")
            raise RateLimitedError(
                "Too many attempts. Wait a few minutes before trying again.",
                retry_after=int(retry_after) if retry_after and retry_after.isdigit() else None,
            )
        if status == 410 and detail.get("code") == protocol.ERROR_DEVICE_WIPE:
            raise WipeRequested("Head office reported this laptop lost: its ChannelKeeper "
                                "data is being erased.")
        if status >= 500:
            raise ServerError(
                f"The server failed ({status}{': ' + detail['message'] if detail.get('message') else ''})."
                " Your changes are kept; try again later.",
                status=status, code=detail.get("code"),
            )
        if status >= 400:
            raise ServerError(
                f"The server refused {method} {path} ({status}"
                f"{': ' + detail['message'] if detail.get('message') else ''}).",
                status=status, code=detail.get("code"),
            )
        if payload is None:
            raise ProtocolError(
                f"The server's answer to {method} {path} is not valid JSON "
                "(damaged on the way?)."
            )
        return payload


def _json_or_none(resp: requests.Response) -> Any:
    try:
        return resp.json()
    except ValueError:
        return None


def _detail(payload: Any) -> dict[str, Any]:
    """Error details: the protocol's {"error": code, "message": text, ...}, or
    FastAPI's {"detail": ...} for errors raised before our handlers."""
    if not isinstance(payload, dict):
        return {}
    if isinstance(payload.get("error"), str):
        return {**payload, "code": payload["error"]}
    inner = payload.get("detail")
    if isinstance(inner, dict):
        return _detail(inner) if "error" in inner else inner
    if isinstance(inner, str):
        return {"message": inner}
    return payload


def _reason(exc: Exception) -> str:
    if isinstance(exc, requests.Timeout):
        return "no answer in time"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the answer was cut off"
    return "connection failed"


def check_tokens(answer: Any) -> dict[str, Any]:
    """A sign-in or refresh answer with its tokens, or ProtocolError."""
    if not isinstance(answer, dict) or not all(
        answer.get(k) for k in ("access_token", "refresh_token", "device_id")
    ):
        raise ProtocolError("The server's sign-in answer is not readable.")
    return answer
