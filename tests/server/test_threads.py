"""A worker process runs at most ``threads_per_worker`` endpoint calls at a time: more
threads in one process only contend for Python's interpreter lock (docs/deploy.md)."""
from __future__ import annotations

import threading
import time

import anyio
import anyio.to_thread

from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.dialect import sqlite_url


def test_the_worker_thread_pool_is_as_large_as_the_setting(tmp_path):
    app = create_app(sqlite_url(tmp_path / "server.db"), ServerSettings(threads_per_worker=2))
    running, most = 0, 0
    lock = threading.Lock()

    def endpoint_call() -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.2)
        with lock:
            running -= 1

    async def serve() -> int:
        # the app's start (uvicorn runs its lifespan in each worker), then six calls at
        # once through the thread pool FastAPI runs the endpoints in
        async with app.router.lifespan_context(app):
            async with anyio.create_task_group() as tg:
                for _ in range(6):
                    tg.start_soon(anyio.to_thread.run_sync, endpoint_call)
            return anyio.to_thread.current_default_thread_limiter().total_tokens

    try:
        assert anyio.run(serve) == 2
    finally:
        app.state.engine.dispose()
    assert most == 2
