"""The method's playbooks (issue 14): joint goals, stage changes and touchpoints;
partners' agreement dates and agreed service and risk terms; the stage a review was
made at; the built-in review templates with their lifecycle-stage sections, and the
ordinary tier's template (new change numbers, so pulls deliver them to every laptop).

Revision ID: 0007_method_playbooks
Revises: 0006_change_numbers_from_xid
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0007_method_playbooks"
down_revision = "0006_change_numbers_from_xid"
branch_labels = None
depends_on = None

# frozen copies of the constants this migration was written against
BUILTIN_NS = uuid.UUID("6f1d3c1e-3a52-4c8e-9b0e-5d1a0c0b7a11")
#: the built-in templates as this migration shipped them (models.templates then), frozen
BUILTIN_TEMPLATES = json.loads(Path(__file__).with_name("0007_builtin_templates.json")
                               .read_text(encoding="utf-8"))
PER_TRANSACTION = 1 << 20
NEW_TABLES = ("joint_goals", "stage_changes", "touchpoints")


def _meta_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("partner_id", sa.String(length=36), nullable=True),
    ]


def _table(name: str, *columns: sa.Column) -> None:
    op.create_table(name, *_meta_columns(), *columns, sa.PrimaryKeyConstraint("id"))
    op.create_index(f"ix_{name}_partner", name, ["partner_id"], unique=False)
    op.create_index(f"ix_{name}_version", name, ["version"], unique=True)


def _numbers(bind: sa.Connection, n: int) -> int:
    """The first of ``n`` change numbers, as sync/server/change_numbers.allocate_seq
    hands them out (SQLite: the counter row; PostgreSQL: this transaction's block)."""
    if bind.dialect.name != "postgresql":
        top = bind.execute(sa.text("UPDATE sync_counter SET seq = seq + :n WHERE id = 1 "
                                   "RETURNING seq"), {"n": n}).scalar_one()
        return int(top) - n + 1
    xid, base = bind.execute(sa.text(
        "SELECT pg_current_xact_id()::text::bigint, "
        "(SELECT value FROM server_meta WHERE key = 'change_base')::bigint")).one()
    return int(base) + int(xid) * PER_TRANSACTION


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("agreement_start", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("agreement_end", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("service_terms", sa.Text(), nullable=True))
        batch.add_column(sa.Column("risk_terms", sa.Text(), nullable=True))
    with op.batch_alter_table("checklist_runs") as batch:
        batch.add_column(sa.Column("stage", sa.Text(), nullable=True))
    _table("joint_goals",
           sa.Column("title", sa.Text(), nullable=True),
           sa.Column("metric", sa.Text(), nullable=True),
           sa.Column("kpi", sa.Text(), nullable=True),
           sa.Column("target", sa.Float(), nullable=True),
           sa.Column("actual", sa.Float(), nullable=True),
           sa.Column("period", sa.Text(), nullable=True),
           sa.Column("parent_id", sa.String(length=36), nullable=True),
           sa.Column("our_commitment", sa.Text(), nullable=True),
           sa.Column("partner_commitment", sa.Text(), nullable=True),
           sa.Column("status", sa.Text(), nullable=True),
           sa.Column("meeting_id", sa.String(length=36), nullable=True))
    _table("stage_changes",
           sa.Column("changed_on", sa.String(length=32), nullable=True),
           sa.Column("from_stage", sa.Text(), nullable=True),
           sa.Column("to_stage", sa.Text(), nullable=True),
           sa.Column("reason", sa.Text(), nullable=True))
    _table("touchpoints",
           sa.Column("contact_id", sa.String(length=36), nullable=True),
           sa.Column("happened_on", sa.String(length=32), nullable=True),
           sa.Column("kind", sa.Text(), nullable=True),
           sa.Column("note", sa.Text(), nullable=True))
    _builtin_templates()


def _builtin_templates() -> None:
    bind = op.get_bind()
    first = _numbers(bind, len(BUILTIN_TEMPLATES))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    for i, tpl in enumerate(BUILTIN_TEMPLATES):
        values = {"id": str(uuid.uuid5(BUILTIN_NS, tpl["key"])), "v": first + i, "now": now,
                  "name": tpl["name"], "tier": tpl["tier"],
                  "sections": json.dumps(tpl["sections"], ensure_ascii=False, sort_keys=True)}
        done = bind.execute(sa.text(
            "UPDATE checklist_templates SET sections = :sections, version = :v, updated_at = :now,"
            " updated_by = 'admin' WHERE id = :id"), values).rowcount
        if not done:
            bind.execute(sa.text(
                "INSERT INTO checklist_templates (id, version, created_at, updated_at, deleted,"
                " created_by, updated_by, name, tier, sections, published) VALUES (:id, :v, :now,"
                " :now, 0, 'admin', 'admin', :name, :tier, :sections, 1)"), values)


def downgrade() -> None:
    for name in NEW_TABLES:
        op.drop_index(f"ix_{name}_version", table_name=name)
        op.drop_index(f"ix_{name}_partner", table_name=name)
        op.drop_table(name)
    with op.batch_alter_table("checklist_runs") as batch:
        batch.drop_column("stage")
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("risk_terms")
        batch.drop_column("service_terms")
        batch.drop_column("agreement_end")
        batch.drop_column("agreement_start")
