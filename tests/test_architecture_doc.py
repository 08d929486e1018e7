"""docs/architecture.md says where things live: every file, folder, module, class and
member it names in `code` exists (a page that names what moved or never existed sends
the next feature to the wrong place). Only what it marks as a placeholder (NNNN) is
exempt."""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("desktop", "ui", "models", "sync")
PATH = re.compile(r"^[\w./-]+/[\w./-]*$|^[\w/-]+\.(py|sql|md|toml)$")
DOTTED = re.compile(r"^(desktop|ui|models|sync)(\.\w+)+$")
MEMBER = re.compile(r"^([A-Z]\w+)(?:\.(\w+))?")


def _names(text: str) -> list[str]:
    return [n for n in re.findall(r"`([^`\n]+)`", text) if "NNNN" not in n]


def _source_classes() -> dict[str, str]:
    """Class name -> the source of the file defining it."""
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.ClassDef):
                    out[node.name] = ast.get_source_segment(text, node) or ""
    return out


def problems(text: str) -> list[str]:
    classes = _source_classes()
    found = []
    for name in _names(text):
        if PATH.match(name) and not name.startswith("main.py"):
            if not (ROOT / name).exists():
                found.append(f"no file or folder {name}")
        elif DOTTED.match(name):
            parts = name.split(".")
            for cut in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:cut]))
                except ModuleNotFoundError:
                    continue
                for attr in parts[cut:]:
                    obj = getattr(obj, attr, None)
                if obj is None:
                    found.append(f"no {name}")
                break
            else:
                found.append(f"no module for {name}")
        elif (m := MEMBER.match(name)) and m.group(1) not in ("Protocol",):
            cls, member = m.groups()
            if cls not in classes:
                found.append(f"no class {cls}")
            elif member and not re.search(rf"def {member}\b|self\.{member}\b|\b{member}\s*[:=]",
                                          classes[cls]):
                found.append(f"no {cls}.{member}")
    return found


def test_everything_the_architecture_page_names_exists():
    assert not problems(DOC.read_text(encoding="utf-8")), "\n".join(
        problems(DOC.read_text(encoding="utf-8")))


def test_the_check_sees_what_is_not_there():
    text = ("`ui/calendar_view.py` `ui/nowhere_view.py` `models/migrations/NNNN_x.sql` "
            "`desktop.session.ProfileSession` `desktop.session.NoSuchThing` "
            "`MainWindow._register_pages` `MainWindow._no_such_method` `NoSuchClass`")
    assert problems(text) == ["no file or folder ui/nowhere_view.py",
                              "no desktop.session.NoSuchThing",
                              "no MainWindow._no_such_method", "no class NoSuchClass"]
