"""Initial server schema: entity tables, users/devices/tokens, assignments, op log,
conflicts, the change counter and the server epoch.

Revision ID: 0001_initial
Revises:
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('action_items',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('owner_side', sa.Text(), nullable=True),
    sa.Column('owner_name', sa.Text(), nullable=True),
    sa.Column('severity', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=True),
    sa.Column('opened_on', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.String(length=32), nullable=True),
    sa.Column('started_on', sa.String(length=32), nullable=True),
    sa.Column('done_on', sa.String(length=32), nullable=True),
    sa.Column('feedback_on', sa.String(length=32), nullable=True),
    sa.Column('feedback', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_action_items_partner', 'action_items', ['partner_id'], unique=False)
    op.create_index('ix_action_items_version', 'action_items', ['version'], unique=True)
    op.create_table('applied_ops',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('applied_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('op_id')
    )
    op.create_index(op.f('ix_applied_ops_device_id'), 'applied_ops', ['device_id'], unique=False)
    op.create_table('assignments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('granted_seq', sa.BigInteger(), nullable=False),
    sa.Column('granted_at', sa.String(length=32), nullable=False),
    sa.Column('revoked_seq', sa.BigInteger(), nullable=True),
    sa.Column('revoked_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_assignments_partner_id'), 'assignments', ['partner_id'], unique=False)
    op.create_index(op.f('ix_assignments_user_id'), 'assignments', ['user_id'], unique=False)
    op.create_table('checklist_runs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('template_id', sa.String(length=36), nullable=True),
    sa.Column('performed_on', sa.String(length=32), nullable=True),
    sa.Column('answers', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('completion', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_checklist_runs_partner', 'checklist_runs', ['partner_id'], unique=False)
    op.create_index('ix_checklist_runs_version', 'checklist_runs', ['version'], unique=True)
    op.create_table('checklist_templates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('tier', sa.Text(), nullable=True),
    sa.Column('sections', sa.Text(), nullable=True),
    sa.Column('published', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_checklist_templates_version', 'checklist_templates', ['version'], unique=True)
    op.create_table('conflicts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('server_value', sa.Text(), nullable=True),
    sa.Column('incoming_value', sa.Text(), nullable=True),
    sa.Column('base_value', sa.Text(), nullable=True),
    sa.Column('op_id', sa.String(length=36), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('user_name', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('resolved_at', sa.String(length=32), nullable=True),
    sa.Column('resolved_by', sa.String(length=100), nullable=True),
    sa.Column('resolution', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_conflicts_entity_id'), 'conflicts', ['entity_id'], unique=False)
    op.create_index(op.f('ix_conflicts_partner_id'), 'conflicts', ['partner_id'], unique=False)
    op.create_table('contacts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('wechat', sa.Text(), nullable=True),
    sa.Column('birthday', sa.String(length=32), nullable=True),
    sa.Column('company_anniversary', sa.String(length=32), nullable=True),
    sa.Column('festivals', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_contacts_partner', 'contacts', ['partner_id'], unique=False)
    op.create_index('ix_contacts_version', 'contacts', ['version'], unique=True)
    op.create_table('devices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('last_seen_at', sa.String(length=32), nullable=True),
    sa.Column('revoked_at', sa.String(length=32), nullable=True),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_devices_user_id'), 'devices', ['user_id'], unique=False)
    op.create_table('kpi_snapshots',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('period', sa.Text(), nullable=True),
    sa.Column('sales', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('repurchase_rate', sa.Float(), nullable=True),
    sa.Column('profit', sa.Float(), nullable=True),
    sa.Column('active_customers', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_kpi_snapshots_partner', 'kpi_snapshots', ['partner_id'], unique=False)
    op.create_index('ix_kpi_snapshots_version', 'kpi_snapshots', ['version'], unique=True)
    op.create_table('login_failures',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('meetings',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.String(length=32), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('attendees_ours', sa.Text(), nullable=True),
    sa.Column('attendees_partner', sa.Text(), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_meetings_partner', 'meetings', ['partner_id'], unique=False)
    op.create_index('ix_meetings_version', 'meetings', ['version'], unique=True)
    op.create_table('partners',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('name_zh', sa.Text(), nullable=True),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('tier', sa.Text(), nullable=True),
    sa.Column('stage', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=True),
    sa.Column('region', sa.Text(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('revenue_share', sa.Float(), nullable=True),
    sa.Column('rebate', sa.Float(), nullable=True),
    sa.Column('incentive_scheme', sa.Text(), nullable=True),
    sa.Column('goals', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_partners_version', 'partners', ['version'], unique=True)
    op.create_table('server_meta',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('sync_counter',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('expires_at', sa.String(length=32), nullable=False),
    sa.Column('used_at', sa.String(length=32), nullable=True),
    sa.Column('revoked_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index(op.f('ix_tokens_device_id'), 'tokens', ['device_id'], unique=False)
    op.create_table('users',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('disabled', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    # the single counter row every writer bumps, and the epoch that names this database
    op.bulk_insert(sa.table("sync_counter", sa.column("id", sa.Integer), sa.column("seq", sa.BigInteger)),
                   [{"id": 1, "seq": 0}])
    op.bulk_insert(sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
                   [{"key": "epoch", "value": uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table('users')
    op.drop_index(op.f('ix_tokens_device_id'), table_name='tokens')
    op.drop_table('tokens')
    op.drop_table('sync_counter')
    op.drop_table('server_meta')
    op.drop_index('ix_partners_version', table_name='partners')
    op.drop_table('partners')
    op.drop_index('ix_meetings_version', table_name='meetings')
    op.drop_index('ix_meetings_partner', table_name='meetings')
    op.drop_table('meetings')
    op.drop_table('login_failures')
    op.drop_index('ix_kpi_snapshots_version', table_name='kpi_snapshots')
    op.drop_index('ix_kpi_snapshots_partner', table_name='kpi_snapshots')
    op.drop_table('kpi_snapshots')
    op.drop_index(op.f('ix_devices_user_id'), table_name='devices')
    op.drop_table('devices')
    op.drop_index('ix_contacts_version', table_name='contacts')
    op.drop_index('ix_contacts_partner', table_name='contacts')
    op.drop_table('contacts')
    op.drop_index(op.f('ix_conflicts_partner_id'), table_name='conflicts')
    op.drop_index(op.f('ix_conflicts_entity_id'), table_name='conflicts')
    op.drop_table('conflicts')
    op.drop_index('ix_checklist_templates_version', table_name='checklist_templates')
    op.drop_table('checklist_templates')
    op.drop_index('ix_checklist_runs_version', table_name='checklist_runs')
    op.drop_index('ix_checklist_runs_partner', table_name='checklist_runs')
    op.drop_table('checklist_runs')
    op.drop_index(op.f('ix_assignments_user_id'), table_name='assignments')
    op.drop_index(op.f('ix_assignments_partner_id'), table_name='assignments')
    op.drop_table('assignments')
    op.drop_index(op.f('ix_applied_ops_device_id'), table_name='applied_ops')
    op.drop_table('applied_ops')
    op.drop_index('ix_action_items_version', table_name='action_items')
    op.drop_index('ix_action_items_partner', table_name='action_items')
    op.drop_table('action_items')
