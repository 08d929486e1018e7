-- The conflict list also holds conflicts raised elsewhere (head office, another
-- laptop, another manager of a shared partner): who raised one.
ALTER TABLE sync_conflicts ADD COLUMN raised_by TEXT;
