-- Rows written before 0002 created the search index were never indexed, so an upgraded
-- file could not find them. The index is derived data, built by today's search code:
-- this step only puts every searchable table in the search backlog (settings key
-- 'search.backlog', {entity: rowid indexed up to}) when a live record lacks a search
-- document, and the migration run indexes the backlog once its steps are done
-- (models/migrations/__init__.py). A file with nothing unindexed is left as it is.
INSERT OR REPLACE INTO settings (key, value)
SELECT 'search.backlog', json_set(
        coalesce((SELECT value FROM settings WHERE key = 'search.backlog'
                  AND CASE WHEN json_valid(value) THEN json_type(value) = 'object' END), '{}'),
        '$.partner', 0, '$.contact', 0, '$.meeting', 0, '$.action_item', 0)
WHERE EXISTS (SELECT 1 FROM partners WHERE deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs))
   OR EXISTS (SELECT 1 FROM contacts WHERE deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs))
   OR EXISTS (SELECT 1 FROM meetings WHERE deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs))
   OR EXISTS (SELECT 1 FROM action_items WHERE deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs));
