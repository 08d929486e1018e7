-- The first schema: one table per entity (models/schema.py as it was then), with the
-- bookkeeping columns every synced table has, the outbox and the local settings.
CREATE TABLE partners (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, name_zh TEXT, name_en TEXT, tier TEXT, stage TEXT, status TEXT, region TEXT, address TEXT, revenue_share REAL, rebate REAL, incentive_scheme TEXT, goals TEXT, notes TEXT);
CREATE INDEX idx_partners_tier ON partners (tier);
CREATE INDEX idx_partners_region ON partners (region);
CREATE TABLE contacts (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, name TEXT, role TEXT, phone TEXT, email TEXT, wechat TEXT, birthday TEXT, company_anniversary TEXT, festivals TEXT, notes TEXT);
CREATE INDEX idx_contacts_partner_id ON contacts (partner_id);
CREATE TABLE meetings (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, type TEXT, status TEXT, starts_at TEXT, location TEXT, attendees_ours TEXT, attendees_partner TEXT, agenda TEXT, notes TEXT, decisions TEXT);
CREATE INDEX idx_meetings_partner_id_starts_at ON meetings (partner_id, starts_at);
CREATE INDEX idx_meetings_starts_at ON meetings (starts_at);
CREATE TABLE action_items (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, meeting_id TEXT, title TEXT, details TEXT, owner_side TEXT, owner_name TEXT, severity TEXT, status TEXT, opened_on TEXT, due_on TEXT, started_on TEXT, done_on TEXT, feedback_on TEXT, feedback TEXT);
CREATE INDEX idx_action_items_partner_id ON action_items (partner_id);
CREATE INDEX idx_action_items_status_due_on ON action_items (status, due_on);
CREATE INDEX idx_action_items_meeting_id ON action_items (meeting_id);
CREATE TABLE checklist_templates (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, name TEXT, tier TEXT, sections TEXT, published INTEGER);
CREATE TABLE checklist_runs (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, template_id TEXT, performed_on TEXT, answers TEXT, score REAL, completion REAL);
CREATE INDEX idx_checklist_runs_partner_id_performed_on ON checklist_runs (partner_id, performed_on);
CREATE TABLE kpi_snapshots (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, period TEXT, sales REAL, target REAL, repurchase_rate REAL, profit REAL, active_customers INTEGER);
CREATE INDEX idx_kpi_snapshots_partner_id_period ON kpi_snapshots (partner_id, period);

-- The outbox: every local write appends here in the same transaction; sync pushes
-- it in seq order. changes = {field: [old, new]}.
CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            changes TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            outcome TEXT,
            acked_at TEXT
        );
CREATE INDEX idx_outbox_state ON outbox (state, seq);
CREATE INDEX idx_outbox_entity ON outbox (entity_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
