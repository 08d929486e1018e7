"""What the app and the server declare they need, they use: every distribution in
pyproject.toml's dependencies and its ``app`` and ``server`` extras is imported by the
code (desktop/, ui/, models/, sync/, main.py). A dependency nothing imports still ships
in every install and bundle and is listed in About as part of the app (sqlite-utils
stayed one after models/ stopped using it; the tests' needs go in the ``test`` extra)."""
from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("desktop", "ui", "models", "sync")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    reqs = [*project["dependencies"], *extras["app"], *extras["server"]]
    return {_norm(Requirement(r).name) for r in reqs}


def imported_top_levels(root: Path = ROOT) -> set[str]:
    out = set()
    files = [p for package in PACKAGES for p in (root / package).rglob("*.py")]
    for path in [*files, root / "main.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                out.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                out.add(node.module.split(".")[0])
    return out


def used_distributions(top_levels: set[str]) -> set[str]:
    by_module = packages_distributions()
    return {_norm(dist) for module in top_levels for dist in by_module.get(module, [])}


def test_every_declared_dependency_is_imported_by_the_code():
    unused = declared() - used_distributions(imported_top_levels())
    assert not unused, f"declared for the app or server but imported nowhere: {sorted(unused)}"


def test_the_check_sees_an_unused_dependency(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.py").write_text("import keyring\nfrom sqlalchemy import text\n",
                                              encoding="utf-8")
    (tmp_path / "main.py").write_text("", encoding="utf-8")
    used = used_distributions(imported_top_levels(tmp_path))
    assert {"keyring", "sqlalchemy"} <= used and "sqlite-utils" not in used
