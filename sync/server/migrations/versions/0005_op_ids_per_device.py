"""Op ids scoped per device (a device re-sending another device's op id is not a
resend), and the quarantine list of stored rows that break the field contract.

Revision ID: 0005_op_ids_per_device
Revises: 0004_device_wipe
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_op_ids_per_device"
down_revision = "0004_device_wipe"
branch_labels = None
depends_on = None

COLUMNS = "device_id, op_id, seq, result, applied_at"


def upgrade() -> None:
    op.create_table(
        "applied_ops_by_device",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "op_id", name="pk_applied_ops"),
    )
    op.execute(f"INSERT INTO applied_ops_by_device ({COLUMNS}) SELECT {COLUMNS} FROM applied_ops")
    op.drop_index("ix_applied_ops_device_id", table_name="applied_ops")
    op.drop_table("applied_ops")
    op.rename_table("applied_ops_by_device", "applied_ops")
    op.create_table(
        "quarantine",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=True),
        sa.Column("field", sa.String(length=100), nullable=True),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("found_by", sa.String(length=20), nullable=False),
        sa.Column("found_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name="pk_quarantine"),
    )


def downgrade() -> None:
    op.drop_table("quarantine")
    op.create_table(
        "applied_ops_global",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
    )
    # an op id two devices used keeps the first device's row
    op.execute(f"INSERT INTO applied_ops_global ({COLUMNS}) SELECT {COLUMNS} FROM applied_ops a "
               "WHERE NOT EXISTS (SELECT 1 FROM applied_ops b WHERE b.op_id = a.op_id "
               "AND b.device_id < a.device_id)")
    op.drop_table("applied_ops")
    op.rename_table("applied_ops_global", "applied_ops")
    op.create_index("ix_applied_ops_device_id", "applied_ops", ["device_id"], unique=False)
