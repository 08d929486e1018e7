"""The layer rule: models/ and sync/ never import Qt, ui or desktop; ui/ never talks SQL
or HTTP; the sync client and server stay apart. Checked on the source (every import
statement, relative ones too), by import-linter's contracts in pyproject.toml (direct and
indirect imports), and at run time."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "models": {"PySide6", "ui", "desktop", "shiboken6"},
    "sync": {"PySide6", "ui", "desktop", "shiboken6"},
    "sync/client": {"sync.server"},
    "sync/server": {"sync.client"},
    # ui sits below desktop (docs/architecture.md): it names what it needs of desktop's
    # services in ui/services.py instead of importing them
    "ui": {"sqlite3", "sqlite_utils", "requests", "sqlalchemy", "httpx", "urllib3", "desktop"},
}


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, as absolute dotted names (relative imports
    resolved against the file's package, so ``from ..server import x`` counts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = list(path.relative_to(root).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = [] if node.level == 0 else package[: len(package) - (node.level - 1)]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, a.name]) for a in node.names)
    return found


def _banned(imported: set[str], banned: set[str]) -> set[str]:
    return {name for name in imported for b in banned if name == b or name.startswith(b + ".")}


def test_layer_rule_in_source():
    problems = []
    for package, banned in FORBIDDEN.items():
        for path in (ROOT / package).rglob("*.py"):
            bad = _banned(_imports(path), banned)
            if bad:
                problems.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


def test_checker_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6 import QtCore\n", encoding="utf-8")
    assert _banned(_imports(bad, tmp_path), FORBIDDEN["models"]) == {"PySide6"}


def test_checker_sees_a_relative_violation(tmp_path):
    bad = tmp_path / "sync" / "client" / "bad.py"
    bad.parent.mkdir(parents=True)
    for source in ("from ..server import app\n", "from .. import server\n"):
        bad.write_text(source + "from . import http\n", encoding="utf-8")
        assert _banned(_imports(bad, tmp_path), FORBIDDEN["sync/client"]) == {"sync.server"}


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.fail("import-linter is not installed in the test environment (pyproject's test extra)")
    return subprocess.run([str(exe), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(cwd)},
                          capture_output=True, text=True, timeout=120, check=False)


def test_import_contracts_hold():
    """pyproject.toml's import-linter contracts (layers, sync client/server apart, no Qt
    below ui, no SQL or HTTP in ui), on the whole tree."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("module, source", [
    ("models/bad.py", "from desktop import app\n"),
    ("sync/bad.py", "import ui\n"),
    ("models/late.py", "def f():\n    from PySide6 import QtCore\n"),
    ("sync/client/bad.py", "from ..server import app\n"),
    ("ui/bad.py", "import sqlite3\n"),
    ("ui/late.py", "def f():\n    from desktop import app\n"),
], ids=["models-desktop", "sync-ui", "models-qt-in-function", "client-server-relative", "ui-sql",
        "ui-desktop"])
def test_import_contracts_catch_a_violation(tmp_path, module, source):
    # the same contracts on a small tree of the same packages with one bad import
    for name in ("desktop/app.py", "ui/window.py", "sync/client/http.py", "sync/server/app.py",
                 "sync/protocol.py", "models/store.py", module):
        path = tmp_path / name
        for parent in reversed(path.relative_to(tmp_path).parents[:-1]):
            init = tmp_path / parent / "__init__.py"
            init.parent.mkdir(parents=True, exist_ok=True)
            init.touch()
        if not path.exists():
            path.write_text("", encoding="utf-8")
    clean = _lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout[-4000:]
    (tmp_path / module).write_text(source, encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout[-4000:]
    assert "BROKEN" in result.stdout


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


#: names under which ui receives a service or the store
SERVICE_NAMES = {"store", "ctx", "jobs", "settings", "service", "sync", "engine", "lane",
                 "session", "window", "writer"}


def _any_services(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            typed = [(a.arg, a.annotation) for a in (*node.args.args, *node.args.kwonlyargs)]
        elif isinstance(node, ast.AnnAssign):
            typed = [(ast.unparse(node.target).removeprefix("self."), node.annotation)]
        else:
            continue
        out += [f"{path.relative_to(root)}:{node.lineno} {name}: {ast.unparse(annotation)}"
                for name, annotation in typed
                if name in SERVICE_NAMES and annotation is not None
                and "Any" in {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)}]
    return out


def test_ui_names_the_services_it_receives():
    """No ``Any`` for a service or the store in ui/: the store is models.store.Store, the
    rest are named in ui/services.py (a service typed Any hides which one is meant)."""
    problems = [hit for path in sorted((ROOT / "ui").rglob("*.py")) for hit in _any_services(path)]
    assert not problems, "\n".join(problems)


def test_the_service_check_sees_an_any(tmp_path):
    bad = tmp_path / "ui" / "view.py"
    bad.parent.mkdir()
    bad.write_text("from typing import Any\n\ndef load(store: Any, n: Any) -> None:\n    pass\n\n"
                   "class V:\n    def __init__(self, sync: Any | None) -> None:\n"
                   "        self.jobs: Any = None\n", encoding="utf-8")
    assert [h.split(" ", 1)[1] for h in _any_services(bad, tmp_path)] == [
        "store: Any", "sync: Any | None", "jobs: Any"]


#: names a widget goes by when code outside it holds one
WIDGET_NAMES = {"window", "main_window", "win", "w", "dialog", "view", "widget", "tab"}


def _attached_from_outside(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        targets = (node.targets if isinstance(node, ast.Assign) else
                   [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
        for target in targets:
            for sub in ast.walk(target):
                if (isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store)
                        and isinstance(sub.value, ast.Name) and sub.value.id in WIDGET_NAMES):
                    out.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(sub)}")
    return out


def test_nothing_is_attached_to_a_widget_from_outside():
    """A widget builds its own parts (issue 12, item 1: start-up code hung
    ``window.session``, ``window.demo_loader`` and ``window.sync_ui`` on the window);
    desktop/ and ui/ set no attribute on a window, dialog or view they hold."""
    problems = [hit for package in ("desktop", "ui") for path in sorted((ROOT / package).rglob("*.py"))
                for hit in _attached_from_outside(path)]
    assert not problems, "\n".join(problems)


def test_the_attachment_check_sees_one(tmp_path):
    bad = tmp_path / "desktop" / "app.py"
    bad.parent.mkdir()
    bad.write_text("def open_session(session, window):\n    window.session = session\n"
                   "    session.window = window\n    self_window = window\n", encoding="utf-8")
    assert [h.split(" ", 1)[1] for h in _attached_from_outside(bad, tmp_path)] == ["window.session"]


#: the packages whose classes the mixin check reads
CLASS_PACKAGES = ("desktop", "ui", "sync", "models")
#: bases that compose types without mixing behaviour in
TYPING_BASES = {"Protocol", "Generic", "NamedTuple", "TypedDict"}
#: classes that were mixins (issue 12, item 4) and are collaborators now, or are still
#: mixins: none is a base of a project class again
KNOWN_MIXINS = {"SearchIndex", "EngineConflicts", "SyncReview", "WindowLoading", "CalendarKeys",
                "EngineSession", "EnginePull", "EngineVerify", "PartnerTabLoading"}
#: known, to be undone (issue 12, item 4)
KNOWN_MIXED: set[str] = set()


def _base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Subscript):  # Generic[T]
        base = base.value
    return ast.unparse(base).rsplit(".", 1)[-1]


def _classes(root: Path) -> list[tuple[str, ast.ClassDef]]:
    return [(f"{path.relative_to(root)}", node)
            for package in CLASS_PACKAGES for path in sorted((root / package).rglob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
            if isinstance(node, ast.ClassDef)]


def _mixed_in(root: Path = ROOT) -> list[str]:
    """Classes that take behaviour from a project class mixed in: a base named ...Mixin or
    in KNOWN_MIXINS, or a project class among two or more bases (exceptions and typing
    compositions aside)."""
    classes = _classes(root)
    ours = {node.name for _, node in classes}
    out = []
    for where, node in classes:
        bases = [_base_name(b) for b in node.bases]
        if any(b.endswith(("Error", "Exception", "Warning")) or b in TYPING_BASES for b in bases):
            continue
        project = [b for b in bases if b in ours]
        if (any(b.endswith("Mixin") or b in KNOWN_MIXINS for b in project)
                or (len(bases) > 1 and project)):
            out.append(f"{where} {node.name}")
    return out


def test_no_class_mixes_in_a_project_class():
    """Collaborators instead of mixins (issue 12, item 4): a class owns the objects that
    do its parts (``store.index``, ``engine.conflict_book``, the calendar's ``keys``)
    rather than inheriting them beside its real base."""
    problems = [hit for hit in _mixed_in() if hit not in KNOWN_MIXED]
    assert not problems, "\n".join(problems)
    gone = KNOWN_MIXED - set(_mixed_in())
    assert not gone, f"no longer mixed, take them off KNOWN_MIXED: {sorted(gone)}"


def test_the_mixin_check_sees_the_ones_undone(tmp_path):
    """The shapes removed this session, written again, are each found; single inheritance,
    exceptions, Protocols and Qt's own multiple bases are not."""
    for package in CLASS_PACKAGES:
        (tmp_path / package).mkdir()
    (tmp_path / "ui" / "keys.py").write_text(
        "class CalendarKeys:\n    pass\n\nclass RowsMixin:\n    pass\n", encoding="utf-8")
    (tmp_path / "ui" / "view.py").write_text(
        "from PySide6.QtWidgets import QWidget\nfrom ui import keys\n"
        "class CalendarView(keys.CalendarKeys, QWidget):\n    pass\n\n"
        "class Table(RowsMixin):\n    pass\n\n"
        "class Page(QWidget):\n    pass\n\n"
        "class Item(QObject, QGraphicsItem):\n    pass\n", encoding="utf-8")
    (tmp_path / "sync" / "engine.py").write_text(
        "class EngineSession:\n    pass\n\nclass EnginePull:\n    pass\n\n"
        "class SyncEngine(EngineSession, EnginePull):\n    pass\n\n"
        "class Base:\n    pass\n\nclass Slow(Base):\n    pass\n\n"
        "class ApiError(Exception):\n    pass\n\n"
        "class TooLarge(ApiError, HTTPException):\n    pass\n\n"
        "class Lane(EngineSession, Protocol):\n    pass\n", encoding="utf-8")
    (tmp_path / "models" / "store.py").write_text(
        "class SearchIndex:\n    pass\n\nclass Store(SearchIndex):\n    pass\n",
        encoding="utf-8")
    assert sorted(_mixed_in(tmp_path)) == [
        "models/store.py Store", "sync/engine.py SyncEngine",
        "ui/view.py CalendarView", "ui/view.py Table"]


#: issue 12's bound on the interface's files: a file past it does more than one job
MAX_LINES = 450
SIZED_PACKAGES = ("ui", "desktop")


def _oversized(root: Path = ROOT) -> list[str]:
    found = []
    for package in SIZED_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                found.append(f"{path.relative_to(root).as_posix()} {lines}")
    return found


def test_no_interface_file_is_over_the_size_bound():
    assert _oversized() == []


def test_the_size_check_sees_a_long_file(tmp_path):
    for package in SIZED_PACKAGES:
        (tmp_path / package / "sub").mkdir(parents=True)
    (tmp_path / "ui" / "sub" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "desktop" / "fits.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    assert _oversized(tmp_path) == [f"ui/sub/long.py {MAX_LINES + 1}"]
