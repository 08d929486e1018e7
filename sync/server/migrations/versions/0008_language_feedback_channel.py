"""A partner's preferred language and an action item's feedback channel (issue 14):
two nullable columns; existing rows keep NULL (the UI's language, channel unknown).

Revision ID: 0008_language_feedback
Revises: 0007_method_playbooks
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_language_feedback"
down_revision = "0007_method_playbooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("language", sa.Text(), nullable=True))
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(sa.Column("feedback_channel", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action_items") as batch:
        batch.drop_column("feedback_channel")
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("language")
