-- Conflicts the server reported for our ops (same field changed on both sides),
-- kept for review: both values stay visible until someone resolves them.
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
            resolved_at TEXT,
            UNIQUE (op_id, field)
        );
CREATE INDEX idx_sync_conflicts_entity ON sync_conflicts (entity_id);
-- Partners taken out of our scope while we still had unsent ops for them: their
-- local data is dropped only once every such op is acknowledged.
CREATE TABLE sync_scope_removals (partner_id TEXT PRIMARY KEY, noted_at TEXT NOT NULL);
-- One row per sync attempt: the UI's history and the log of repair pulls.
CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            report TEXT
        );
