"""A fault-injecting HTTP proxy between the sync client and the server, on 127.0.0.1.

Each request is matched against the rules in order; a rule applies to requests whose
path starts with ``path`` (and whose method matches, if given) and fires ``count``
times (None: always), then lets traffic through again. Faults:

- ``drop_before``: close the client's connection without forwarding (nothing committed)
- ``drop_after``: forward, let the server commit and answer, then close the client's
  connection without the reply (the lost reply)
- ``slow``: forward, then wait ``delay`` seconds before replying
- ``truncate``: forward, then send the head and only half the body, and close
- ``garble``: forward, then send the body with its bytes scrambled
- ``status_500``: answer 500 without forwarding
- ``status_500_after``: forward (the server commits), then answer 500

``log`` records (method, path, fault-or-None) for every request seen.
"""
from __future__ import annotations

import http.client
import random
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field

FAULTS = ("drop_before", "drop_after", "slow", "truncate", "garble", "status_500",
          "status_500_after")
#: how often a test's socketserver looks for shutdown() (the standard library's default
#: makes every stop() wait up to half a second)
SERVE_POLL_S = 0.02
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length",
               "proxy-connection", "upgrade"}


@dataclass
class Rule:
    path: str
    fault: str
    count: int | None = 1
    method: str | None = None
    delay: float = 0.0
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.count is not None and self.fired >= self.count:
            return False
        if self.method and self.method.upper() != method.upper():
            return False
        return path.split("?", 1)[0].startswith(self.path)


@dataclass
class _Request:
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes
    keep_alive: bool = True


@dataclass
class _Response:
    status: int
    reason: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def head(self, content_length: int | None = None) -> bytes:
        lines = [f"HTTP/1.1 {self.status} {self.reason}"]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() not in HOP_HEADERS]
        lines.append(f"Content-Length: {len(self.body) if content_length is None else content_length}")
        lines.append("Connection: keep-alive")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class FaultProxy:
    """Forwards 127.0.0.1:<port> to ``upstream`` (host, port), injecting faults."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str, str | None]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve_connection(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        # stop() waits for serve_forever to notice, which it does once per poll interval
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        kwargs={"poll_interval": SERVE_POLL_S})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, path: str, fault: str, *, count: int | None = 1, method: str | None = None,
            delay: float = 0.0) -> Rule:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}")
        rule = Rule(path, fault, count, method, delay)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def requests_to(self, path: str) -> list[tuple[str, str, str | None]]:
        return [e for e in self.log if e[1].startswith(path)]

    # --- per connection ------------------------------------------------------------

    def _pick(self, req: _Request) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(req.method, req.target):
                    rule.fired += 1
                    return rule
        return None

    def _serve_connection(self, sock: socket.socket) -> None:
        reader = sock.makefile("rb")
        try:
            while True:
                req = _read_request(reader)
                if req is None:
                    return
                rule = self._pick(req)
                fault = rule.fault if rule else None
                with self._lock:
                    self.log.append((req.method, req.target, fault))
                if fault == "drop_before":
                    return
                if fault == "status_500":
                    sock.sendall(_Response(500, "Internal Server Error",
                                           [("Content-Type", "text/plain")], b"injected").head()
                                 + b"injected")
                    continue
                resp = self._forward(req)
                if fault == "drop_after":
                    return
                if fault == "status_500_after":
                    resp = _Response(500, "Internal Server Error", [("Content-Type", "text/plain")],
                                     b"injected after commit")
                if fault == "slow":
                    time.sleep(rule.delay if rule else 0)
                if fault == "truncate":
                    sock.sendall(resp.head() + resp.body[: len(resp.body) // 2])
                    return
                if fault == "garble":
                    body = bytearray(resp.body)
                    random.Random(len(body)).shuffle(body)
                    resp.body = b"\x00garbled" + bytes(body)
                sock.sendall(resp.head() + resp.body)
                if not req.keep_alive:
                    return
        except (ConnectionError, OSError):
            return
        finally:
            try:
                reader.close()
                sock.close()
            except OSError:
                pass

    def _forward(self, req: _Request) -> _Response:
        conn = http.client.HTTPConnection(*self.upstream, timeout=120)
        try:
            headers = {k: v for k, v in req.headers if k.lower() not in HOP_HEADERS}
            headers["Content-Length"] = str(len(req.body))
            conn.request(req.method, req.target, body=req.body, headers=headers)
            r = conn.getresponse()
            body = r.read()
            return _Response(r.status, r.reason, list(r.getheaders()), body)
        finally:
            conn.close()


def _read_request(reader) -> _Request | None:
    line = reader.readline(65537)
    if not line:
        return None
    method, target, version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers: list[tuple[str, str]] = []
    while True:
        h = reader.readline(65537).decode("latin-1").rstrip("\r\n")
        if not h:
            break
        k, _, v = h.partition(":")
        headers.append((k.strip(), v.strip()))
    lower = {k.lower(): v for k, v in headers}
    body = b""
    if "content-length" in lower:
        body = reader.read(int(lower["content-length"]))
    elif lower.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(reader.readline().strip().split(b";")[0], 16)
            if size == 0:
                reader.readline()
                break
            chunks.append(reader.read(size))
            reader.readline()
        body = b"".join(chunks)
    keep_alive = lower.get("connection", "").lower() != "close" and version == "HTTP/1.1"
    return _Request(method, target, headers, body, keep_alive)
