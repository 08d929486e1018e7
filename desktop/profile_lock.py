"""One running ChannelKeeper per profile: an OS lock on the first byte of the profile's
lock file, which the OS releases when the process ends however it ends, so a killed
app never leaves a stale lock behind and the next start simply takes it.

Plain Python, no Qt: the commands that write to a profile (``sync``, ``demo-data``,
``restore``…) take the same lock and must run where PySide6 is not installed. An OS
lock is also stricter than a lock file's "is that process id still alive?" guess
(QLockFile's), which a reused process id can fool.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Self

from models.errors import DatabaseLockedError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


def _lock(fd: int) -> None:
    """Take the lock on ``fd`` or raise OSError. On Windows the locked region is byte 0
    whatever the file holds: ``msvcrt.locking`` locks from the current position, so
    every process must seek to the start first (a handle opened for appending sits at
    the end, and two processes would lock different bytes)."""
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class ProfileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # stays open for as long as the lock is held: the OS lock lives on this handle
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:  # PermissionError on Windows, BlockingIOError elsewhere
            os.close(fd)
            raise DatabaseLockedError(
                f"This profile ({self.path.parent}) is open in another ChannelKeeper window. "
                "Close that one first, or start with --profile to use another folder."
            ) from None
        # who holds it, for a person looking at the folder (written inside the region
        # this process has locked, so it never touches bytes another process locks)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid():<20}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
