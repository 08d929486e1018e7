BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'channelkeeper','0001_initial','2026-12-03 11:17:31.886556+00:00');
CREATE TABLE action_items (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, meeting_id TEXT, title TEXT, details TEXT, owner_side TEXT, owner_name TEXT, severity TEXT, status TEXT, opened_on TEXT, due_on TEXT, started_on TEXT, done_on TEXT, feedback_on TEXT, feedback TEXT);
CREATE TABLE checklist_runs (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, template_id TEXT, performed_on TEXT, answers TEXT, score REAL, completion REAL);
CREATE TABLE checklist_templates (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, name TEXT, tier TEXT, sections TEXT, published INTEGER);
CREATE TABLE contacts (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, name TEXT, role TEXT, phone TEXT, email TEXT, wechat TEXT, birthday TEXT, company_anniversary TEXT, festivals TEXT, notes TEXT);
CREATE TABLE kpi_snapshots (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, period TEXT, sales REAL, target REAL, repurchase_rate REAL, profit REAL, active_customers INTEGER);
CREATE TABLE meetings (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, type TEXT, status TEXT, starts_at TEXT, location TEXT, attendees_ours TEXT, attendees_partner TEXT, agenda TEXT, notes TEXT, decisions TEXT);
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
CREATE TABLE partners (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, name_zh TEXT, name_en TEXT, tier TEXT, stage TEXT, status TEXT, region TEXT, address TEXT, revenue_share REAL, rebate REAL, incentive_scheme TEXT, goals TEXT, notes TEXT);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX idx_partners_tier ON partners (tier);
CREATE INDEX idx_partners_region ON partners (region);
CREATE INDEX idx_contacts_partner_id ON contacts (partner_id);
CREATE INDEX idx_meetings_partner_id_starts_at ON meetings (partner_id, starts_at);
CREATE INDEX idx_meetings_starts_at ON meetings (starts_at);
CREATE INDEX idx_action_items_partner_id ON action_items (partner_id);
CREATE INDEX idx_action_items_status_due_on ON action_items (status, due_on);
CREATE INDEX idx_action_items_meeting_id ON action_items (meeting_id);
CREATE INDEX idx_checklist_runs_partner_id_performed_on ON checklist_runs (partner_id, performed_on);
CREATE INDEX idx_kpi_snapshots_partner_id_period ON kpi_snapshots (partner_id, period);
CREATE INDEX idx_outbox_state ON outbox (state, seq);
CREATE INDEX idx_outbox_entity ON outbox (entity_id);
DELETE FROM "sqlite_sequence";
COMMIT;