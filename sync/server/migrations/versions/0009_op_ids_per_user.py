"""Resent ops are recognised among all of a user's devices (a laptop that signed in
again has a new device id, and its unacknowledged ops come back under it): an index
to find an op id without its device.

Revision ID: 0009_op_ids_per_user
Revises: 0008_language_feedback
"""
from __future__ import annotations

from alembic import op

revision = "0009_op_ids_per_user"
down_revision = "0008_language_feedback"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_applied_ops_op_id", "applied_ops", ["op_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_applied_ops_op_id", table_name="applied_ops")
