"""One of each shared fixture (issue 12, item 9): what tests/conftest.py provides to the
whole suite (the profile folder, the in-memory keyring, a machine without a keyring,
the store...) is defined there only, and the suite has one in-memory keyring class.
A module that defines its own ``profile`` or ``memory_keyring`` shadows the shared one
without a word, and the copies drift (some made the folder, some did not)."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _fixtures(path: Path) -> set[str]:
    """Names of the pytest fixtures defined at the top level of ``path``."""
    out = set()
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            func = deco.func if isinstance(deco, ast.Call) else deco
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) != "fixture":
                continue
            name = next((k.value.value for k in getattr(deco, "keywords", [])
                         if k.arg == "name" and isinstance(k.value, ast.Constant)), node.name)
            out.add(name)
    return out


def _keyring_classes(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any("KeyringBackend" in ast.unparse(base) for base in node.bases)}


def test_the_suite_wide_fixtures_are_defined_once():
    shared = _fixtures(TESTS / "conftest.py")
    assert {"profile", "memory_keyring", "no_keyring", "store"} <= shared
    again = {f"{path.relative_to(TESTS)}: {sorted(shared & _fixtures(path))}"
             for path in TESTS.rglob("*.py")
             if path != TESTS / "conftest.py" and shared & _fixtures(path)}
    assert not again, "defined again (use the one in tests/conftest.py):\n" + "\n".join(sorted(again))


def test_one_keyring_replacement_class_of_each_kind():
    classes = {f"{path.relative_to(TESTS)}::{name}" for path in TESTS.rglob("*.py")
               for name in _keyring_classes(path)}
    assert classes == {"sync/memory_keyring.py::InMemoryKeyring", "sync/memory_keyring.py::NoKeyring"}


def test_the_check_sees_a_fixture_defined_again(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text("import pytest\n\n@pytest.fixture(name='profile')\ndef my_profile(tmp_path):\n"
                      "    return tmp_path\n\n@pytest.fixture\ndef memory_keyring():\n    pass\n",
                      encoding="utf-8")
    assert _fixtures(module) == {"profile", "memory_keyring"}
