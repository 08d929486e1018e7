"""The retrying HTTP client against a tiny local server, through the fault proxy."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from sync.client.errors import (
    InsecureServerError,
    OfflineError,
    ProtocolError,
    ServerError,
    UpdateRequiredError,
)
from sync.client.http import HttpClient, Unauthorized, check_server_url
from tests.sync.fault_proxy import SERVE_POLL_S, FaultProxy


class _Echo(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _answer(self, status: int, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if self.path.startswith("/status/"):
            code = int(self.path.rsplit("/", 1)[1])
            self._answer(code, {"detail": {"code": "x", "message": f"status {code}"}})
        else:
            self._answer(200, {"path": self.path, "big": "数据" * 2000})

    def do_POST(self) -> None:
        n = int(self.headers["Content-Length"])
        data = json.loads(self.rfile.read(n))
        type(self).hits.append(self.path)
        self._answer(200, {"got": data})


@pytest.fixture
def upstream():
    _Echo.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    t = threading.Thread(target=server.serve_forever, daemon=True,
                         kwargs={"poll_interval": SERVE_POLL_S})
    t.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(upstream):
    p = FaultProxy("127.0.0.1", upstream.server_address[1]).start()
    yield p
    p.stop()


def client(url: str, **kw) -> HttpClient:
    kw.setdefault("sleep", lambda s: None)
    return HttpClient(url, timeout=(2, 2), **kw)


def test_plain_http_only_to_loopback_unless_allowed():
    assert check_server_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert check_server_url("http://localhost:1") == "http://localhost:1"
    assert check_server_url("https://sync.example.com") == "https://sync.example.com"
    with pytest.raises(InsecureServerError):
        check_server_url("http://sync.example.com")
    assert check_server_url("http://sync.example.com", allow_insecure_http=True)
    with pytest.raises(ValueError):
        check_server_url("ftp://x")


def test_tls_verification_is_on_by_default():
    assert HttpClient("https://sync.example.com").session.verify is True


def test_transient_faults_are_retried(proxy):
    c = client(proxy.url)
    proxy.add("/a", "drop_before")
    proxy.add("/a", "status_500_after", count=0)  # never fires
    proxy.add("/a", "truncate")
    proxy.add("/a", "garble")
    assert c.request("GET", "/a")["path"] == "/a"
    faults = [f for _, _, f in proxy.requests_to("/a")]
    assert faults == ["drop_before", "truncate", "garble", None]


def test_lost_reply_after_commit_is_retried_and_server_saw_both(proxy, upstream):
    c = client(proxy.url)
    proxy.add("/push", "drop_after")
    assert c.request("POST", "/push", body={"op": 1}) == {"got": {"op": 1}}
    # the server got it twice: idempotence by op id is the server's job
    assert _Echo.hits.count("/push") == 2


def test_gateway_errors_are_retried_4xx_never(proxy):
    c = client(proxy.url)
    with pytest.raises(ServerError) as err:
        c.request("GET", "/status/404")
    assert err.value.status == 404
    assert _Echo.hits.count("/status/404") == 1
    with pytest.raises(ServerError):
        c.request("GET", "/status/503")
    assert _Echo.hits.count("/status/503") == 4  # first try + 3 retries


def test_backoff_is_exponential(proxy):
    waits: list[float] = []
    c = HttpClient(proxy.url, timeout=(2, 2), sleep=waits.append, backoff=0.1, retries=3)
    proxy.add("/b", "drop_before", count=3)
    c.request("GET", "/b")
    assert waits == pytest.approx([0.1, 0.2, 0.4])


def test_500_is_not_retried_and_persistent_garbage_is_a_protocol_error(proxy):
    c = client(proxy.url)
    proxy.add("/c", "status_500")
    with pytest.raises(ServerError) as err:
        c.request("GET", "/c")
    assert err.value.status == 500
    proxy.add("/d", "garble", count=None)
    with pytest.raises(ProtocolError):
        c.request("GET", "/d")


def test_401_and_426_are_typed(proxy):
    c = client(proxy.url)
    with pytest.raises(Unauthorized):
        c.request("GET", "/status/401")
    with pytest.raises(UpdateRequiredError):
        c.request("GET", "/status/426")


def test_slow_reply_times_out_as_offline(proxy):
    c = HttpClient(proxy.url, timeout=(1, 0.3), retries=1, sleep=lambda s: None)
    proxy.add("/slow", "slow", count=None, delay=1.0)
    with pytest.raises(OfflineError):
        c.request("GET", "/slow")


def test_server_down_is_offline():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(OfflineError, match="cannot be reached"):
        client(f"http://127.0.0.1:{port}", retries=1).request("GET", "/x")


def test_wire_stats_count_requests_and_bytes(proxy):
    c = client(proxy.url)
    c.request("GET", "/small")
    assert c.stats.requests == 1
    assert c.stats.bytes_received > 12000  # the 4000-character Chinese payload
