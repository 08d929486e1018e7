"""One running ChannelKeeper per profile: an OS file lock, released when the process
dies (so a killed app never leaves a stale lock behind)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Self

from models.errors import DatabaseLockedError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class ProfileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = None

    def acquire(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # stays open for as long as the lock is held: the OS lock lives on this handle
        fh = open(self.path, "a+")  # noqa: SIM115
        try:
            if os.name == "nt":  # pragma: no cover
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise DatabaseLockedError(
                f"This profile ({self.path.parent}) is open in another ChannelKeeper window. "
                "Close that one first, or start with --profile to use another folder."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
