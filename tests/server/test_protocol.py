"""The shared protocol helpers (no server needed)."""
from __future__ import annotations

import base64
import json

import pytest

from sync import protocol
from sync.protocol import Cursor


def test_cursor_round_trip_is_opaque_text():
    c = Cursor(epoch="e1", user="u1", seq=42, grants=40,
               backfill={"partners": ["p1", "p2"], "after": 7, "grants": 41})
    text = c.encode()
    assert text.isascii() and "=" not in text and "42" not in text
    assert Cursor.decode(text) == c
    assert Cursor.decode("") is None and Cursor.decode(None) is None


@pytest.mark.parametrize("payload", [
    "not base64 !!", base64.urlsafe_b64encode(b"[1, 2]").decode(),
    base64.urlsafe_b64encode(json.dumps({"epoch": "e", "user": "u"}).encode()).decode(),
    base64.urlsafe_b64encode(json.dumps({"epoch": "e", "user": "u", "seq": -1}).encode()).decode(),
    base64.urlsafe_b64encode(json.dumps({"epoch": "e", "user": "u", "seq": 1, "backfill": "x"}).encode()).decode(),
    base64.urlsafe_b64encode(json.dumps({"epoch": "e", "user": "u", "seq": 1,
                                         "backfill": {"partners": [], "after": "a"}}).encode()).decode(),
])
def test_malformed_cursor_is_a_value_error(payload):
    with pytest.raises(ValueError):
        Cursor.decode(payload)


def test_verify_digest_ignores_order_and_sees_versions():
    pairs = [("b", 2), ("a", 1), ("c", 9)]
    assert protocol.verify_digest(pairs) == protocol.verify_digest(reversed(pairs))
    assert protocol.verify_digest(pairs)[0] == 3
    assert protocol.verify_digest(pairs)[1] != protocol.verify_digest([("b", 3), ("a", 1), ("c", 9)])[1]
    assert protocol.verify_digest([]) == (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


def test_request_headers_and_writable_entities():
    assert protocol.request_headers() == {"X-ChannelKeeper-Protocol": "1", "X-ChannelKeeper-Schema": "3"}
    assert "kpi_snapshot" not in protocol.WRITABLE_ENTITIES
    assert "checklist_template" not in protocol.WRITABLE_ENTITIES
    assert set(protocol.WRITABLE_ENTITIES) < set(protocol.SYNCED_ENTITIES)
