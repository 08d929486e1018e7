"""Where a profile's files live: the one place that decides it.

The per-user application data folder by default; ``--profile DIR`` or the
CHANNELKEEPER_PROFILE environment variable override it (tests always do).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ChannelKeeper"
ENV_PROFILE = "CHANNELKEEPER_PROFILE"


@dataclass(frozen=True)
class Profile:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "channelkeeper.db"

    @property
    def key_file(self) -> Path:
        """How the database key is protected (desktop/key_file.py), never the key."""
        return self.root / "channelkeeper.key"

    @property
    def backups_dir(self) -> Path:
        """Automatic backups, encrypted like the database (models/backups.py)."""
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.ini"

    @property
    def lock_file(self) -> Path:
        return self.root / "channelkeeper.lock"

    @property
    def packs_dir(self) -> Path:
        return self.root / "packs"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def cache_dir(self) -> Path:
        """What can be rebuilt from the database (nothing today; earlier versions kept
        start-up snapshots here, removed at the next start)."""
        return self.root / "cache"

    @property
    def server_dir(self) -> Path:
        """Where "Try the demo" keeps its local reference server's database."""
        return self.root / "demo-server"

    def ensure(self) -> Profile:
        """The folder exists and only its owner can read it: 0700, and 0600 for the
        files in it, on POSIX. On Windows a profile lives in the user's own folder
        (AppData), which other users of the machine cannot open already."""
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            restrict_tree(self.root)
        return self


def restrict_tree(root: Path) -> None:
    """Owner-only permissions on ``root``, its folders and its files (POSIX)."""
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]


def default_profile_dir() -> Path:

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_profile(arg: str | os.PathLike[str] | None = None) -> Profile:
    """The profile named on the command line, else in the environment, else the default."""
    chosen = arg or os.environ.get(ENV_PROFILE)
    root = Path(chosen).expanduser() if chosen else default_profile_dir()
    return Profile(root.resolve())
