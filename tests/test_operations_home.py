"""User actions that write are named operations in ui/operations (issue 12, item 2):
no widget writes through the store, or through a models function that writes, on
its own. Found on the source: every call in ui/ outside ui/operations whose receiver
is the store (``store.update(...)``) or which reaches a models function that writes
(``planning.plan_visits(store, ...)``, found by reading models/ for functions that
call the store's writers, directly or through each other)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ("workspace_support",)

#: the store's methods that write (models/store.py)
STORE_WRITES = {"create", "create_many", "update", "delete", "restore", "create_partner",
                "create_action_item", "set_action_status", "set_setting", "apply_remote",
                "apply_remote_many", "forget_records", "forget_partner", "renew_as_unsynced",
                "set_version"}
STORE_NAMES = {"store", "s"}
#: where writes may be made besides ui/operations, and why
ALLOWED = {
    # the autosave of typed text: each keystroke pause saves the field being edited,
    # through ui.operations.run, and the last one on close (docs/architecture.md)
    "ui/workspace/autosave.py",
}


def _module_name(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def _writes_store(fn: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in STORE_WRITES and isinstance(n.func.value, ast.Name)
               and n.func.value.id in STORE_NAMES | {"self"}
               for n in ast.walk(fn))


def models_writers(root: Path = ROOT) -> set[str]:
    """Qualified names of the functions in models/ that write, directly or by calling
    another one that does (a name called is matched by its last part)."""
    functions: dict[str, ast.AST] = {}
    for path in (root / "models").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                functions[f"{_module_name(path, root)}.{node.name}"] = node
    writers = {name for name, fn in functions.items() if _writes_store(fn)}
    while True:
        short = {w.rsplit(".", 1)[1] for w in writers}
        more = {name for name, fn in functions.items() if name not in writers and any(
            isinstance(n, ast.Call) and _called_name(n) in short for n in ast.walk(fn))}
        if not more:
            return writers
        writers |= more


def _called_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> the models module or function it stands for."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "models":
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "models":
                    out[a.asname or a.name] = a.name
    return out


def widget_writes(path: Path, writers: set[str], root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases = _aliases(tree)
    found = []
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call):
            continue
        f = n.func
        target = None
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            if f.value.id in STORE_NAMES and f.attr in STORE_WRITES:
                target = f"store.{f.attr}"
            elif f"{aliases.get(f.value.id, '')}.{f.attr}" in writers:
                target = f"{aliases[f.value.id]}.{f.attr}"
        elif isinstance(f, ast.Name) and aliases.get(f.id) in writers:
            target = aliases[f.id]
        if target:
            found.append(f"{path.relative_to(root)}:{n.lineno} {target}")
    return found


def test_widgets_write_only_through_named_operations():
    writers = models_writers()
    assert "models.planning.plan_visits" in writers and "models.reminders.save_prefs" in writers
    problems = [hit for path in sorted((ROOT / "ui").rglob("*.py"))
                if "operations" not in path.relative_to(ROOT).parts
                and str(path.relative_to(ROOT)) not in ALLOWED
                for hit in widget_writes(path, writers)]
    assert not problems, "writes outside ui/operations:\n" + "\n".join(problems)


def test_the_check_sees_a_write_in_a_widget(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "plans.py").write_text(
        "def _save(store, x):\n    store.create('meeting', x)\n\n"
        "def plan(store, x):\n    return _save(store, x)\n\ndef read(store):\n    return store.get('a', 'b')\n",
        encoding="utf-8")
    writers = models_writers(tmp_path)
    assert writers == {"models.plans._save", "models.plans.plan"}
    widget = tmp_path / "ui" / "view.py"
    widget.parent.mkdir()
    widget.write_text("from models import plans\nfrom models.plans import plan as p\n"
                      "def go(ctx):\n    ctx.run_db(lambda s: plans.plan(s, 1))\n"
                      "    ctx.run_db(lambda store: store.set_setting('k', 'v'))\n"
                      "    ctx.run_db(lambda store: p(store, 2))\n"
                      "    ctx.run_db(lambda store: plans.read(store))\n", encoding="utf-8")
    assert [h.split(" ", 1)[1] for h in widget_writes(widget, writers, tmp_path)] == [
        "models.plans.plan", "store.set_setting", "models.plans.plan"]


def test_an_operation_whose_caller_handles_no_error_says_it_in_the_status_bar(qtbot, harness,
                                                                              seeded):
    """The one default failure path (ui.operations.report_failure): a refused write the
    caller gave no ``on_error`` for is told to the user, never dropped; a caller's own
    handler replaces it."""
    from ui.operations.action_items import set_action_status
    from ui.operations.partners import update_partner

    partner, _history = seeded
    said: list[str] = []
    harness.ctx.status_message.connect(said.append)
    update_partner(harness.ctx, partner["id"], {"notes": "x" * 1_000_000})  # over the limit
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert "too long" in said[-1]
    assert harness.db(lambda s: s.get("partner", partner["id"]))["notes"] != "x" * 1_000_000
    handled: list[BaseException] = []
    said.clear()
    set_action_status(harness.ctx, "00000000-0000-4000-8000-000000000000", "done",
                      on_error=handled.append)
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert said == []
