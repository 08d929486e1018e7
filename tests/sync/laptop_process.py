"""A laptop in its own process, for tests that kill the client at a bad moment.

    python tests/sync/laptop_process.py MODE DB_PATH SERVER_URL USER PASSWORD [PARTNER_ID]

MODE write-and-die: write a meeting, then die before any sync (os._exit, no cleanup).
MODE write-and-sync: write a meeting, then sync (the test kills it while the push waits
for its reply). MODE pull-and-die: sync with small pull pages and die (SIGKILL) in
the middle of applying the third page. Each step prints one line to stdout.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.store import Store
from sync.client.credentials import MemoryCredentials
from sync.client.engine import SyncEngine
from tests.keys import open_test_database


def say(text: str) -> None:
    print(text, flush=True)


def main() -> None:
    mode, db_path, url, user, password = sys.argv[1:6]
    store = Store(open_test_database(db_path))
    engine = SyncEngine(store, url, MemoryCredentials(), pull_limit=20,
                        http_options={"timeout": (2.0, 60.0), "retries": 0})
    engine.sign_in(user, password, "doomed laptop")
    say("signed-in")
    if mode in ("write-and-die", "write-and-sync"):
        m = store.create("meeting", {"partner_id": sys.argv[6], "type": "visit",
                                     "starts_at": "2026-11-25 09:30", "notes": "断网时写的纪要"})
        say(f"written {m['id']}")
        if mode == "write-and-die":
            os._exit(0)
        engine.sync()
        say("synced")
    elif mode == "pull-and-die":
        applied = {"n": 0}
        real = store.apply_remote_many

        def dying_apply_remote_many(*args, **kw):
            n = real(*args, **kw)
            applied["n"] += n
            if applied["n"] > 40:  # inside page 3 of 20-record pages, before its commit
                os.kill(os.getpid(), signal.SIGKILL)
            return n

        store.apply_remote_many = dying_apply_remote_many
        engine.sync()
        say("synced")


if __name__ == "__main__":
    main()
