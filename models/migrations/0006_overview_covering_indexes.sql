-- Covering indexes for insights.partner_overviews, which the Today and Partners views
-- load at start (figures: docs/benchmarks.md).
CREATE INDEX idx_meetings_overview ON meetings (partner_id, status, starts_at, deleted);
CREATE INDEX idx_action_items_overview ON action_items (status, partner_id, owner_side, due_on, deleted);
CREATE INDEX idx_kpi_snapshots_overview ON kpi_snapshots (partner_id, period DESC, sales, target, deleted);
