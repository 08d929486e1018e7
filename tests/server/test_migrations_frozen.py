"""The server's migrations are frozen as shipped (issue 12, item 5, for the server's
Alembic steps): none reads the app's code of today (0002 and 0007 used to publish
today's ``models.templates.BUILTIN_TEMPLATES``, so a template changed later would have
been written by an old step, and old and new servers would drift), the data they
ship is pinned by hash, and a freshly migrated server (SQLite and PostgreSQL) holds
today's built-in templates: a change to them needs a new server migration."""
from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

from sqlalchemy import select

from models.builtin_ids import builtin_id
from models.templates import BUILTIN_TEMPLATES
from sync.server.db import ENTITY_TABLES, read_tx

VERSIONS = Path(__file__).resolve().parents[2] / "sync" / "server" / "migrations" / "versions"
#: data files of shipped migrations; a change is a new migration, never an edit
SHIPPED_DATA = {
    "0002_builtin_templates.json": "f7da66fd27606b753668970a375249c7ea95b01fa39e91211edc3bb0c0a3f976",
    "0007_builtin_templates.json": "16ded8d800ae133133beb9604d08e4f303601b6105dd34e1e6c8af9347963802",
}
OURS = ("models", "sync", "ui", "desktop")


def our_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                 [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
        found += [f"{path.name}:{node.lineno} {n}" for n in names if n.split(".")[0] in OURS]
    return found


def test_no_server_migration_reads_todays_code():
    problems = [hit for path in sorted(VERSIONS.glob("*.py")) for hit in our_imports(path)]
    assert not problems, "a migration must carry what it writes:\n" + "\n".join(problems)


def test_the_check_sees_an_import_of_our_code(tmp_path):
    step = tmp_path / "0099_x.py"
    step.write_text("import json\n\ndef upgrade():\n    from models.templates import BUILTIN_TEMPLATES\n",
                    encoding="utf-8")
    assert our_imports(step) == ["0099_x.py:4 models.templates"]


def test_the_data_of_shipped_migrations_is_unchanged():
    changed = {name for name, digest in SHIPPED_DATA.items()
               if hashlib.sha256((VERSIONS / name).read_bytes().replace(b"\r\n", b"\n"))
               .hexdigest() != digest}  # a Windows checkout may turn line ends into CRLF
    assert not changed, f"shipped migration data edited: {sorted(changed)}; add a migration"


def test_a_migrated_server_holds_todays_built_in_templates(server):
    table = ENTITY_TABLES["checklist_template"]
    with read_tx(server.app_engine) as conn:
        rows = {r.id: r for r in conn.execute(
            select(table).where(table.c.id.in_([builtin_id(t["key"]) for t in BUILTIN_TEMPLATES])))}
    for tpl in BUILTIN_TEMPLATES:
        row = rows.get(builtin_id(tpl["key"]))
        assert row is not None, f"built-in template {tpl['key']} never published to the server"
        assert (row.name, row.tier) == (tpl["name"], tpl["tier"]), tpl["key"]
        assert json.loads(row.sections) == json.loads(json.dumps(tpl["sections"])), tpl["key"]
