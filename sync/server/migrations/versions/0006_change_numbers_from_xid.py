"""PostgreSQL: number changes from transaction ids instead of the locked counter row.

Stores server_meta ``change_base`` so that this migration's own transaction block
starts right above the counter's value: every later number is larger than every number
handed out before, and cursors laptops hold keep working; ``change_floor`` (the counter's
value) keeps pulls' horizon from dropping below those cursors while a transaction older
than this migration still runs. SQLite keeps its counter.
See sync/server/change_numbers.py.

Revision ID: 0006_change_numbers_from_xid
Revises: 0005_op_ids_per_device
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_change_numbers_from_xid"
down_revision = "0005_op_ids_per_device"
branch_labels = None
depends_on = None

# frozen copies of the constants this migration was written against
PER_TRANSACTION = 1 << 20
BASE_KEY = "change_base"
FLOOR_KEY = "change_floor"
NUMBERED = ("partners", "contacts", "meetings", "action_items", "checklist_runs",
            "checklist_templates", "kpi_snapshots")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # the row lock waits for a writer still numbering with the counter: its value is final
    counter = int(bind.execute(sa.text(
        "UPDATE sync_counter SET seq = seq WHERE id = 1 RETURNING seq")).scalar_one())
    xid = int(bind.execute(sa.text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    for key, value in ((BASE_KEY, counter + 1 - xid * PER_TRANSACTION), (FLOOR_KEY, counter)):
        bind.execute(sa.text("DELETE FROM server_meta WHERE key = :k"), {"k": key})
        bind.execute(sa.text("INSERT INTO server_meta (key, value) VALUES (:k, :v)"),
                     {"k": key, "v": str(value)})


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # the counter continues above every number the transaction ids handed out
    parts = [f"SELECT max(version) AS v FROM {t}" for t in NUMBERED]
    parts += ["SELECT max(granted_seq) FROM assignments", "SELECT max(revoked_seq) FROM assignments"]
    top = bind.execute(sa.text(f"SELECT max(v) FROM ({' UNION ALL '.join(parts)}) AS numbers")).scalar()
    bind.execute(sa.text("UPDATE sync_counter SET seq = greatest(seq, :v) WHERE id = 1"), {"v": int(top or 0)})
    bind.execute(sa.text("DELETE FROM server_meta WHERE key IN (:b, :f)"), {"b": BASE_KEY, "f": FLOOR_KEY})
