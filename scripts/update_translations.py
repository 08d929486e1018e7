"""Update the translation sources and build the app's combined .qm file.

Each area of the app keeps its own Simplified Chinese source file,
``resources/translations/zh_CN/<area>.ts``, so engineers translate their own part
without touching each other's files. This script

1. runs ``lupdate`` for each area over that area's Python files (``--area`` limits it
   to some areas; ``--no-update`` skips this step), and
2. runs ``lrelease`` on every ``zh_CN/*.ts`` together into
   ``resources/translations/channelkeeper_zh_CN.qm``, the one file the app loads.

Usage: ``python scripts/update_translations.py [--area shell] [--no-update]``.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)

#: which sources feed which area's .ts (globs relative to the repository). A file
#: claimed by a specialised area is left out of "shell", which takes the rest of
#: desktop/ and the top of ui/.
AREAS: dict[str, list[str]] = {
    "workspace": ["ui/workspace/**/*.py"],
    "packs": ["ui/packs/**/*.py", "models/printing/**/*.py", "desktop/commands/pack*.py"],
    "sync": ["ui/sync/**/*.py", "ui/sync_*.py", "desktop/sync_*.py", "desktop/demo_server.py",
             "desktop/commands/sync_*.py"],
    "safety": ["ui/safety/**/*.py"],
    "shell": ["desktop/*.py", "desktop/commands/*.py", "ui/*.py", "ui/operations/*.py"],
}


def qt_tool(name: str) -> Path:
    """lupdate / lrelease as shipped inside the PySide6 wheel."""
    import PySide6

    tool = Path(PySide6.__file__).parent / name
    if not tool.exists():
        raise SystemExit(f"{tool} not found: is PySide6-Essentials installed?")
    return tool


def area_sources(area: str) -> list[Path]:
    """The Python files of one area, sorted (files claimed by another area excluded)."""
    claimed: set[Path] = set()
    if area == "shell":
        for other, patterns in AREAS.items():
            if other != "shell":
                claimed |= {p for pat in patterns for p in ROOT.glob(pat)}
    files = {p for pat in AREAS[area] for p in ROOT.glob(pat)} - claimed
    return sorted(p for p in files if p.name != "__init__.py" or p.stat().st_size)


def ts_file(area: str, language: str = "zh_CN") -> Path:
    return TRANSLATIONS / language / f"{area}.ts"


def referenced_sources(ts: Path) -> set[Path]:
    """The source files an existing .ts file names in its locations."""
    if not ts.exists():
        return set()
    import xml.etree.ElementTree as ET

    found: set[Path] = set()
    for location in ET.parse(ts).getroot().iter("location"):
        name = location.get("filename")
        if name:
            path = (ts.parent / name).resolve()
            if path.exists():
                found.add(path)
    return found


def update_area(area: str, language: str = "zh_CN") -> Path | None:
    ts = ts_file(area, language)
    # files the area's engineer fed to lupdate by hand stay in, so -no-obsolete never
    # drops their translations just because the globs here missed them
    sources = sorted(set(area_sources(area)) | referenced_sources(ts))
    if not sources:
        return None
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(qt_tool("lupdate")), "-silent", "-no-obsolete", "-locations", "relative",
         "-target-language", language, *(str(p) for p in sources), "-ts", str(ts)],
        check=True, cwd=ROOT,
    )
    return ts


def qm_file(language: str = "zh_CN") -> Path:
    return TRANSLATIONS / f"channelkeeper_{language}.qm"


def build_qm(language: str = "zh_CN", out: Path | None = None) -> Path:
    """Combine every area's .ts of ``language`` into one .qm."""
    sources = sorted((TRANSLATIONS / language).glob("*.ts"))
    if not sources:
        raise SystemExit(f"no .ts files in {TRANSLATIONS / language}")
    target = out or qm_file(language)
    subprocess.run(
        [str(qt_tool("lrelease")), "-silent", *(str(p) for p in sources), "-qm", str(target)],
        check=True, cwd=ROOT,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", action="append", choices=sorted(AREAS),
                        help="update only this area's .ts (repeatable)")
    parser.add_argument("--no-update", action="store_true",
                        help="only rebuild the .qm from the .ts files as they are")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if not args.no_update:
            for area in args.area or list(AREAS):
                ts = update_area(area, language)
                if ts:
                    print(f"updated {ts.relative_to(ROOT)}")
        print(f"built {build_qm(language).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
