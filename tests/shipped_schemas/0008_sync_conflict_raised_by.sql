BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'channelkeeper','0001_initial','2026-12-03 11:17:31.976457+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'channelkeeper','0002_search_index','2026-12-03 11:17:31.992291+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'channelkeeper','0003_builtin_templates','2026-12-03 11:17:32.004454+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'channelkeeper','0004_sync_bookkeeping','2026-12-03 11:17:32.019753+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'channelkeeper','0005_sync_conflict_server_ids','2026-12-03 11:17:32.028232+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'channelkeeper','0006_overview_covering_indexes','2026-12-03 11:17:32.039712+00:00');
INSERT INTO "_sqlite_migrations" VALUES(7,'channelkeeper','0007_search_index_backfill','2026-12-03 11:17:32.109333+00:00');
INSERT INTO "_sqlite_migrations" VALUES(8,'channelkeeper','0008_sync_conflict_raised_by','2026-12-03 11:17:32.120011+00:00');
CREATE TABLE action_items (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, meeting_id TEXT, title TEXT, details TEXT, owner_side TEXT, owner_name TEXT, severity TEXT, status TEXT, opened_on TEXT, due_on TEXT, started_on TEXT, done_on TEXT, feedback_on TEXT, feedback TEXT);
CREATE TABLE checklist_runs (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, partner_id TEXT, template_id TEXT, performed_on TEXT, answers TEXT, score REAL, completion REAL);
CREATE TABLE checklist_templates (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, deleted_at TEXT, name TEXT, tier TEXT, sections TEXT, published INTEGER);
INSERT INTO "checklist_templates" VALUES('b72a25d8-1f4c-590d-865b-b46a4c0a6842',0,'2026-01-01 00:00','2026-01-01 00:00',0,NULL,'Standard review / 标准复盘',NULL,'[{"title": "Common pitfalls", "title_zh": "常见误区", "items": [{"key": "growth", "text": "Did we discuss the partner''s own growth, not only price and rebates?", "text_zh": "是否讨论了渠道自身的成长，而不只是价格和返点？", "weight": 2, "answer_type": "yes_no"}, {"key": "regular", "text": "Was the review held on schedule?", "text_zh": "复盘是否按期举行？", "weight": 1, "answer_type": "yes_no"}, {"key": "two_way", "text": "Did the partner have a channel to give feedback, and use it?", "text_zh": "渠道方是否有反馈渠道并实际使用？", "weight": 2, "answer_type": "yes_no"}, {"key": "data", "text": "Were decisions backed by shared sales and market data?", "text_zh": "决策是否基于共享的销售和市场数据？", "weight": 2, "answer_type": "yes_no"}, {"key": "transparent", "text": "Are the revenue-share rules transparent to the partner?", "text_zh": "分润规则对渠道方是否透明？", "weight": 2, "answer_type": "yes_no"}]}, {"title": "Relationship health", "title_zh": "合作健康度", "items": [{"key": "satisfaction", "text": "Partner satisfaction with our support", "text_zh": "渠道方对支持的满意度", "weight": 2, "answer_type": "score_1_5"}, {"key": "responsiveness", "text": "Responsiveness of the partner''s team", "text_zh": "渠道团队的响应速度", "weight": 1, "answer_type": "score_1_5"}, {"key": "goals_met", "text": "Progress on jointly agreed goals", "text_zh": "联合目标的进展", "weight": 2, "answer_type": "score_1_5"}, {"key": "observations", "text": "Other observations", "text_zh": "其他观察", "weight": 0, "answer_type": "text"}]}]',1);
INSERT INTO "checklist_templates" VALUES('9497a623-91f9-5927-9d69-715436e87d30',0,'2026-01-01 00:00','2026-01-01 00:00',0,NULL,'Core partner review / 核心渠道复盘','core','[{"title": "Common pitfalls", "title_zh": "常见误区", "items": [{"key": "growth", "text": "Did we discuss the partner''s own growth, not only price and rebates?", "text_zh": "是否讨论了渠道自身的成长，而不只是价格和返点？", "weight": 2, "answer_type": "yes_no"}, {"key": "regular", "text": "Was the review held on schedule?", "text_zh": "复盘是否按期举行？", "weight": 1, "answer_type": "yes_no"}, {"key": "two_way", "text": "Did the partner have a channel to give feedback, and use it?", "text_zh": "渠道方是否有反馈渠道并实际使用？", "weight": 2, "answer_type": "yes_no"}, {"key": "data", "text": "Were decisions backed by shared sales and market data?", "text_zh": "决策是否基于共享的销售和市场数据？", "weight": 2, "answer_type": "yes_no"}, {"key": "transparent", "text": "Are the revenue-share rules transparent to the partner?", "text_zh": "分润规则对渠道方是否透明？", "weight": 2, "answer_type": "yes_no"}]}, {"title": "Relationship health", "title_zh": "合作健康度", "items": [{"key": "satisfaction", "text": "Partner satisfaction with our support", "text_zh": "渠道方对支持的满意度", "weight": 2, "answer_type": "score_1_5"}, {"key": "responsiveness", "text": "Responsiveness of the partner''s team", "text_zh": "渠道团队的响应速度", "weight": 1, "answer_type": "score_1_5"}, {"key": "goals_met", "text": "Progress on jointly agreed goals", "text_zh": "联合目标的进展", "weight": 2, "answer_type": "score_1_5"}, {"key": "observations", "text": "Other observations", "text_zh": "其他观察", "weight": 0, "answer_type": "text"}]}, {"title": "Core partner", "title_zh": "核心渠道", "items": [{"key": "cocreation", "text": "Was there a co-creation session this period?", "text_zh": "本期是否开展了共创活动？", "weight": 2, "answer_type": "yes_no"}, {"key": "dedicated_policy", "text": "Is the dedicated policy up to date?", "text_zh": "专属政策是否已更新？", "weight": 1, "answer_type": "yes_no"}]}]',1);
INSERT INTO "checklist_templates" VALUES('3c9ec7fe-ef18-58d0-8588-f2aedaf1f0d5',0,'2026-01-01 00:00','2026-01-01 00:00',0,NULL,'Strategic partner review / 战略渠道复盘','strategic','[{"title": "Common pitfalls", "title_zh": "常见误区", "items": [{"key": "growth", "text": "Did we discuss the partner''s own growth, not only price and rebates?", "text_zh": "是否讨论了渠道自身的成长，而不只是价格和返点？", "weight": 2, "answer_type": "yes_no"}, {"key": "regular", "text": "Was the review held on schedule?", "text_zh": "复盘是否按期举行？", "weight": 1, "answer_type": "yes_no"}, {"key": "two_way", "text": "Did the partner have a channel to give feedback, and use it?", "text_zh": "渠道方是否有反馈渠道并实际使用？", "weight": 2, "answer_type": "yes_no"}, {"key": "data", "text": "Were decisions backed by shared sales and market data?", "text_zh": "决策是否基于共享的销售和市场数据？", "weight": 2, "answer_type": "yes_no"}, {"key": "transparent", "text": "Are the revenue-share rules transparent to the partner?", "text_zh": "分润规则对渠道方是否透明？", "weight": 2, "answer_type": "yes_no"}]}, {"title": "Relationship health", "title_zh": "合作健康度", "items": [{"key": "satisfaction", "text": "Partner satisfaction with our support", "text_zh": "渠道方对支持的满意度", "weight": 2, "answer_type": "score_1_5"}, {"key": "responsiveness", "text": "Responsiveness of the partner''s team", "text_zh": "渠道团队的响应速度", "weight": 1, "answer_type": "score_1_5"}, {"key": "goals_met", "text": "Progress on jointly agreed goals", "text_zh": "联合目标的进展", "weight": 2, "answer_type": "score_1_5"}, {"key": "observations", "text": "Other observations", "text_zh": "其他观察", "weight": 0, "answer_type": "text"}]}, {"title": "Strategic partnership", "title_zh": "战略合作", "items": [{"key": "milestones", "text": "Are the joint project milestones on track?", "text_zh": "联合项目里程碑是否按计划推进？", "weight": 2, "answer_type": "yes_no"}, {"key": "risk_sharing", "text": "Is market risk shared as agreed?", "text_zh": "市场风险是否按约定共担？", "weight": 1, "answer_type": "yes_no"}]}]',1);
INSERT INTO "checklist_templates" VALUES('ca95131a-ea36-5765-bf78-80c925ad69c3',0,'2026-01-01 00:00','2026-01-01 00:00',0,NULL,'Emerging pilot review / 新兴试点复盘','emerging','[{"title": "Common pitfalls", "title_zh": "常见误区", "items": [{"key": "growth", "text": "Did we discuss the partner''s own growth, not only price and rebates?", "text_zh": "是否讨论了渠道自身的成长，而不只是价格和返点？", "weight": 2, "answer_type": "yes_no"}, {"key": "regular", "text": "Was the review held on schedule?", "text_zh": "复盘是否按期举行？", "weight": 1, "answer_type": "yes_no"}, {"key": "two_way", "text": "Did the partner have a channel to give feedback, and use it?", "text_zh": "渠道方是否有反馈渠道并实际使用？", "weight": 2, "answer_type": "yes_no"}, {"key": "data", "text": "Were decisions backed by shared sales and market data?", "text_zh": "决策是否基于共享的销售和市场数据？", "weight": 2, "answer_type": "yes_no"}, {"key": "transparent", "text": "Are the revenue-share rules transparent to the partner?", "text_zh": "分润规则对渠道方是否透明？", "weight": 2, "answer_type": "yes_no"}]}, {"title": "Relationship health", "title_zh": "合作健康度", "items": [{"key": "satisfaction", "text": "Partner satisfaction with our support", "text_zh": "渠道方对支持的满意度", "weight": 2, "answer_type": "score_1_5"}, {"key": "responsiveness", "text": "Responsiveness of the partner''s team", "text_zh": "渠道团队的响应速度", "weight": 1, "answer_type": "score_1_5"}, {"key": "goals_met", "text": "Progress on jointly agreed goals", "text_zh": "联合目标的进展", "weight": 2, "answer_type": "score_1_5"}, {"key": "observations", "text": "Other observations", "text_zh": "其他观察", "weight": 0, "answer_type": "text"}]}, {"title": "Pilot", "title_zh": "试点", "items": [{"key": "trial_support", "text": "Did the pilot get the focused support it needs?", "text_zh": "试点是否获得了所需的重点支持？", "weight": 2, "answer_type": "yes_no"}, {"key": "growth_incentive", "text": "Are growth incentives paying out?", "text_zh": "成长激励是否已兑现？", "weight": 1, "answer_type": "yes_no"}]}]',1);
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
CREATE TABLE search_docs (
            docid INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL UNIQUE,
            partner_id TEXT,
            title TEXT
        );
PRAGMA writable_schema=ON;
INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql)VALUES('table','search_fts','search_fts',0,'CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = ''unicode61 remove_diacritics 2'')');
CREATE TABLE 'search_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO "search_fts_config" VALUES('version',4);
CREATE TABLE 'search_fts_content'(id INTEGER PRIMARY KEY, c0, c1);
CREATE TABLE 'search_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO "search_fts_data" VALUES(1,X'');
INSERT INTO "search_fts_data" VALUES(10,X'00000000000000');
CREATE TABLE 'search_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'search_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field TEXT NOT NULL,
            local_value TEXT,
            server_value TEXT,
            server_version INTEGER,
            detected_at TEXT NOT NULL,
            resolved_at TEXT, server_id INTEGER, kind TEXT, raised_by TEXT,
            UNIQUE (op_id, field)
        );
CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            report TEXT
        );
CREATE TABLE sync_scope_removals (partner_id TEXT PRIMARY KEY, noted_at TEXT NOT NULL);
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
CREATE INDEX idx_sync_conflicts_entity ON sync_conflicts (entity_id);
CREATE INDEX idx_meetings_overview ON meetings (partner_id, status, starts_at, deleted);
CREATE INDEX idx_action_items_overview ON action_items (status, partner_id, owner_side, due_on, deleted);
CREATE INDEX idx_kpi_snapshots_overview ON kpi_snapshots (partner_id, period DESC, sales, target, deleted);
PRAGMA writable_schema=OFF;
DELETE FROM "sqlite_sequence";
COMMIT;