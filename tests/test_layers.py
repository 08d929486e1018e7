"""The layer rule: models/ and sync/ never import Qt, ui or desktop; ui/ never talks SQL
or HTTP. Checked on the source (every import statement) and at run time."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "models": {"PySide6", "ui", "desktop", "shiboken6"},
    "sync": {"PySide6", "ui", "desktop", "shiboken6"},
    "ui": {"sqlite3", "sqlite_utils", "requests", "sqlalchemy", "httpx", "urllib3"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_layer_rule_in_source():
    problems = []
    for package, banned in FORBIDDEN.items():
        for path in (ROOT / package).rglob("*.py"):
            bad = _imports(path) & banned
            if bad:
                problems.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


def test_checker_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6 import QtCore\n")
    assert "PySide6" in _imports(bad)


def test_models_and_sync_load_without_qt():
    code = (
        "import sys, pkgutil, importlib\n"
        "import models, sync\n"
        "for pkg in (models, sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'desktop')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


SQL_ATTRIBUTES = {"db", "conn", "execute", "executemany", "executescript", "query"}


def _sql_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in SQL_ATTRIBUTES
        and not _is_job_lane(node)
    ]


def _is_job_lane(node: ast.Attribute) -> bool:
    # ctx.jobs.db is the database *lane* (a thread), not a connection
    return node.attr == "db" and isinstance(node.value, ast.Attribute) and node.value.attr == "jobs"


def test_ui_writes_no_sql():
    """ui/ reaches data through the store's methods (get, for_partner, search...), never
    its connection or raw queries."""
    problems = [hit for path in (ROOT / "ui").rglob("*.py") for hit in _sql_uses(path)]
    assert not problems, "\n".join(problems)
