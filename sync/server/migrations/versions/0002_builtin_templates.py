"""Publish the app's built-in review templates, so checklist runs a laptop records
against them (same uuid5 ids as models/migrations.py) have their template on the server.

Revision ID: 0002_builtin_templates
Revises: 0001_initial
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002_builtin_templates"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# frozen copies of the constants this migration was written against
BUILTIN_NS = uuid.UUID("6f1d3c1e-3a52-4c8e-9b0e-5d1a0c0b7a11")
#: the built-in templates as this migration shipped them (models.templates then), frozen:
#: today's list is a later migration's business
BUILTIN_TEMPLATES = json.loads(Path(__file__).with_name("0002_builtin_templates.json")
                               .read_text(encoding="utf-8"))


def upgrade() -> None:
    bind = op.get_bind()
    n = len(BUILTIN_TEMPLATES)
    # draw change numbers like any writer, so pulls deliver the templates
    bind.execute(sa.text("UPDATE sync_counter SET seq = seq + :n WHERE id = 1"), {"n": n})
    first = bind.execute(sa.text("SELECT seq FROM sync_counter WHERE id = 1")).scalar_one() - n + 1
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    table = sa.table(
        "checklist_templates", *(sa.column(c) for c in (
            "id", "version", "created_at", "updated_at", "deleted", "created_by", "updated_by",
            "name", "tier", "sections", "published")),
    )
    op.bulk_insert(table, [
        {"id": str(uuid.uuid5(BUILTIN_NS, tpl["key"])), "version": first + i, "created_at": now,
         "updated_at": now, "deleted": 0, "created_by": "admin", "updated_by": "admin",
         "name": tpl["name"], "tier": tpl["tier"],
         "sections": json.dumps(tpl["sections"], ensure_ascii=False, sort_keys=True), "published": 1}
        for i, tpl in enumerate(BUILTIN_TEMPLATES)
    ])


def downgrade() -> None:
    ids = [str(uuid.uuid5(BUILTIN_NS, tpl["key"])) for tpl in BUILTIN_TEMPLATES]
    op.get_bind().execute(sa.text("DELETE FROM checklist_templates WHERE id IN :ids")
                          .bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})
