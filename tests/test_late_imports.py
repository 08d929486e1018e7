"""Imports inside functions only with a stated reason (issue 12, item 7).

An import inside a function or method in desktop/, ui/, models/, sync/ or main.py needs a
``# late: <reason>`` comment on its own line or on the line above (one comment may stand
above a run of such imports). The reason is one of: a measured one that cites
docs/benchmarks.md (where the figures live: no durations in the comment), ``import cycle
with <module>`` (and that module does import this one), ``commands without a window import
no Qt``, or ``optional dependency (...)``. Everything else belongs at the top of its module.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("desktop", "ui", "models", "sync")
LATE = re.compile(r"#\s*late:\s*(?P<reason>\S.*?)\s*$")
DURATION = re.compile(r"\d\s*(ms|s|sec|seconds|µs|us)\b", re.IGNORECASE)
CYCLE = re.compile(r"^import cycle with (?P<module>[\w.]+)$")
REASONS = (
    re.compile(r"docs/benchmarks\.md"),
    CYCLE,
    re.compile(r"^commands without a window import no Qt$"),
    re.compile(r"^optional dependency \(.+\)$"),
    # tests/test_migrations_frozen.py: the steps are SQL; the store shapes only derived data
    re.compile(r"^migrating loads no store code unless indexing is due$"),
)


def _sources() -> list[Path]:
    files = [ROOT / "main.py"]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _late_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    found[node.lineno] = node
    return [found[n] for n in sorted(found)]


def _reason_of(node: ast.stmt, lines: list[str], by_end: dict[int, ast.stmt]) -> str | None:
    """The ``# late:`` reason on the import's line (any of its lines), or on the comment
    line directly above it or above the run of late imports it ends."""
    for number in range(node.lineno, node.end_lineno + 1):
        match = LATE.search(lines[number - 1])
        if match:
            return match["reason"]
    above = node.lineno - 1
    while above in by_end:  # the previous statement is a late import right above
        previous = by_end[above]
        for number in range(previous.lineno, previous.end_lineno + 1):
            match = LATE.search(lines[number - 1])
            if match:
                return match["reason"]
        above = previous.lineno - 1
    line = lines[above - 1].strip() if above >= 1 else ""
    match = LATE.match(line) if line.startswith("#") else None
    return match["reason"] if match else None


def _imports_at_top(path: Path) -> set[str]:
    """The modules a source file imports outside its functions (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    late = {id(node) for node in _late_imports(tree)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in late:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _source_of(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def problems_in(path: Path, source: str) -> list[str]:
    """Each late import of ``source`` without an acceptable reason, as a message."""
    lines = source.splitlines()
    tree = ast.parse(source)
    late = _late_imports(tree)
    by_end = {node.end_lineno: node for node in late}
    name = _module_name(path) if path.is_relative_to(ROOT) else path.stem
    out = []
    for node in late:
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno}"
        text = lines[node.lineno - 1].strip()
        reason = _reason_of(node, lines, by_end)
        if reason is None:
            out.append(f"{where}: `{text}` has no '# late: <reason>' (else move it to the top)")
        elif DURATION.search(reason):
            out.append(f"{where}: a duration in the reason ({reason!r}): figures go in "
                       "docs/benchmarks.md")
        elif not any(pattern.search(reason) for pattern in REASONS):
            out.append(f"{where}: reason {reason!r} is none of the accepted forms")
        elif (cycle := CYCLE.match(reason)) is not None:
            other = _source_of(cycle["module"])
            if other is None or name not in _imports_at_top(other):
                out.append(f"{where}: {cycle['module']} does not import {name} at its top, "
                           "so there is no cycle to break")
    return out


def test_every_import_inside_a_function_says_why():
    problems = []
    for path in _sources():
        problems += problems_in(path, path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_the_check_catches_an_unexplained_or_wrongly_explained_late_import(tmp_path):
    cases = {
        "def f():\n    import json\n    return json\n": "no '# late:",
        "def f():\n    # a comment, but no reason\n    import json\n": "no '# late:",
        "def f():\n    import json  # late: off the start path, 12 ms, docs/benchmarks.md\n":
            "a duration",
        "def f():\n    # late: because I like it\n    import json\n": "none of the accepted",
        "def f():\n    # late: import cycle with models.domain\n    import json\n":
            "no cycle to break",
        "def f():\n    # late: optional dependency (x)\n    import x\n\n    import y\n":
            "no '# late:",
    }
    for source, expected in cases.items():
        found = problems_in(tmp_path / "example.py", source)
        assert len(found) == 1 and expected in found[0], (source, found)
    fine = (
        "def f():\n"
        "    # late: off the start path, docs/benchmarks.md\n"
        "    from a import (\n        b,\n    )\n"
        "    import c\n"
        "    import d  # late: commands without a window import no Qt\n"
    )
    assert problems_in(tmp_path / "example.py", fine) == []
