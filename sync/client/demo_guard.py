"""Demo stays demo: a profile holding demo data syncs only with a demo server.

The server says whether it is one (``/health`` answers ``"demo": true`` once ``server
demo`` seeded it). Sign-in asks before sending the password; every sync checks again
(a profile may have got demo data after it signed in to a real server). Refusing
raises ``DemoProfileError`` with the counts the user needs to choose: a new empty
profile, or removing the demo data (``models.demo_marks``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from models import demo_marks
from models.store import Store
from sync.client import local_state as ls
from sync.client import pull_apply
from sync.client.errors import DemoProfileError

if TYPE_CHECKING:  # a type only: the app's start imports this module, not requests
    from sync.client.http import HttpClient

#: "1": the server signed in to says it is a demo server
K_SERVER_DEMO = "sync.server_is_demo"


def server_is_demo(http: HttpClient) -> bool:
    """A server that does not say it is a demo server is taken for a real one."""
    answer = http.request("GET", "/health", retries=1)
    return isinstance(answer, dict) and answer.get("demo") is True


def signed_in_to_demo(store: Store) -> bool:
    return store.get_setting(K_SERVER_DEMO) == "1" or \
        store.get_setting(demo_marks.K_LEGACY_DEMO) == "1"


def refuse_demo_profile(store: Store, server: str) -> None:
    """Raise DemoProfileError when the profile holds demo data."""
    if demo_marks.has_demo(store):
        raise DemoProfileError(
            "This profile holds demo data, which can only be synced with the demo server. "
            "Start a new empty profile for this server, or remove the demo data first. "
            "Nothing was sent.", contents=demo_marks.demo_contents(store), server=server)


def check_sync_allowed(store: Store, server: str) -> None:
    """Before a sync: refuse to send demo data to a server that is not a demo server."""
    if not signed_in_to_demo(store):
        refuse_demo_profile(store, server)


def remember_server(store: Store, demo: bool) -> None:
    """After a sign-in (inside its transaction): what the server is, and from a demo
    server every record received is demo data."""
    store.set_setting(K_SERVER_DEMO, "1" if demo else None)
    if demo:
        demo_marks.mark_from_server(store)


#: what a profile remembers of the server it synced with
_SYNC_KEYS = (ls.K_SERVER, ls.K_USER, ls.K_DEVICE, ls.K_DEVICE_NAME, ls.K_CURSOR, ls.K_EPOCH,
              ls.K_ACKED_SEQ, ls.K_LAST_SYNC, ls.K_LAST_ERROR, ls.K_INSECURE, K_SERVER_DEMO,
              pull_apply.K_REPAIR)


def remove_demo_data(store: Store) -> demo_marks.DemoContents:
    """Remove the demo (models.demo_marks.remove_demo). A profile signed in to a demo
    server also forgets that server (cursor, device, conflicts): it is a new profile
    for the next one, and its own records go there as new. Sign out first (the
    caller holds the credentials). Returns what was there before."""
    server = store.get_setting(ls.K_SERVER)
    on_demo = bool(server) and signed_in_to_demo(store)
    with store.transaction():
        before = demo_marks.remove_demo(store, renew_own=not server or on_demo)
        if on_demo:
            for key in _SYNC_KEYS:
                store.set_setting(key, None)
            store.db.execute("DELETE FROM sync_conflicts")
            store.db.execute("DELETE FROM sync_scope_removals")
    return before
