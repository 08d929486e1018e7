"""Device keys for sign-in limits (devices.trust_key_hash) and indexes on partner
names (CSV imports and admin commands find partners by exact name).

Revision ID: 0003_sign_in_keys_partner_names
Revises: 0002_builtin_templates
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sign_in_keys_partner_names"
down_revision = "0002_builtin_templates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("trust_key_hash", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_devices_trust_key_hash"), "devices", ["trust_key_hash"], unique=False)
    op.create_index("ix_partners_name_zh", "partners", ["name_zh"], unique=False)
    op.create_index("ix_partners_name_en", "partners", ["name_en"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_partners_name_en", table_name="partners")
    op.drop_index("ix_partners_name_zh", table_name="partners")
    op.drop_index(op.f("ix_devices_trust_key_hash"), table_name="devices")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("trust_key_hash")
