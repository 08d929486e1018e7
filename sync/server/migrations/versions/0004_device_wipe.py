"""Remote wipe: when head office marked a device lost, and when the laptop said it had
erased its data.

Revision ID: 0004_device_wipe
Revises: 0003_sign_in_keys_partner_names
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_device_wipe"
down_revision = "0003_sign_in_keys_partner_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("wipe_requested_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("wiped_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("wiped_at")
        batch.drop_column("wipe_requested_at")
