"""Copy the Tabler icons the app uses (``ICONS``) into resources/icons/tabler/, with
the set's licence. Only these are shipped; to add one, add its name here and run:

    cd /tmp && npm pack @tabler/icons@3.51.0 && tar xzf tabler-icons-3.51.0.tgz
    .venv/bin/python scripts/vendor_icons.py /tmp/package

(Tabler Icons, MIT licence, https://tabler.io/icons; the outline style, 24 px grid,
``stroke="currentColor"``, which ui/theme.py replaces with the theme's colour.)
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "resources" / "icons" / "tabler"
VERSION = "3.51.0"

ICONS = (
    # navigation
    "sun", "building-store", "briefcase", "calendar", "file-export", "target",
    # commands
    "search", "refresh", "user-plus", "pencil", "trash", "arrow-back-up", "calendar-plus",
    "list-check", "file-text", "files", "calendar-week", "settings", "logout", "keyboard",
    "info-circle", "x", "download",
    # statuses and warning signs
    "alert-circle", "clock", "circle-check", "circle-dot", "circle-x", "alert-triangle",
    "flag", "player-pause", "ban", "hourglass", "message-circle",
    # tiers
    "crown", "star", "circle", "seedling",
    # sync and safety
    "cloud", "cloud-off", "cloud-check", "lock", "key", "user",
    # appearance
    "moon", "phone", "notes",
)


def vendor(package: Path) -> None:
    source = package / "icons" / "outline"
    DEST.mkdir(parents=True, exist_ok=True)
    for old in DEST.glob("*.svg"):
        if old.stem not in ICONS:
            old.unlink()
    for name in ICONS:
        shutil.copyfile(source / f"{name}.svg", DEST / f"{name}.svg")
    shutil.copyfile(package / "LICENSE", DEST / "LICENSE")
    (DEST / "VERSION").write_text(f"Tabler Icons {VERSION} (@tabler/icons), outline\n",
                                  encoding="utf-8")


if __name__ == "__main__":
    vendor(Path(sys.argv[1]))
