-- the server's id of each conflict (to resolve it there) and its kind
-- (field | edit_revived, see docs/sync-protocol.md section 6)
ALTER TABLE sync_conflicts ADD COLUMN server_id INTEGER;
ALTER TABLE sync_conflicts ADD COLUMN kind TEXT;
