-- The search index gains a third column, keys: the pinyin and initials of names and
-- the digits of phone numbers (models/pinyin.py, models/search.py), and each document
-- a sort key (a name's pinyin, so lists sort the way Chinese readers expect; computed
-- when the record is written, cheaper than a collation at every read). Reviews
-- (checklist_runs) become searchable by their answers and comments.
-- FTS5 tables cannot gain a column: the index is dropped and made again, and every
-- searchable table goes into the search backlog from its first row (derived data,
-- indexed by today's search code: see 0007 and models/migrations/__init__.py).
DROP TABLE search_fts;
DELETE FROM search_docs;
ALTER TABLE search_docs ADD COLUMN sort_key TEXT;
CREATE INDEX idx_search_docs_entity_sort ON search_docs (entity, sort_key);
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, keys, tokenize = 'unicode61 remove_diacritics 2');
INSERT OR REPLACE INTO settings (key, value)
SELECT 'search.backlog', json_object('partner', 0, 'contact', 0, 'meeting', 0,
                                     'action_item', 0, 'checklist_run', 0)
WHERE EXISTS (SELECT 1 FROM partners WHERE deleted = 0)
   OR EXISTS (SELECT 1 FROM contacts WHERE deleted = 0)
   OR EXISTS (SELECT 1 FROM meetings WHERE deleted = 0)
   OR EXISTS (SELECT 1 FROM action_items WHERE deleted = 0)
   OR EXISTS (SELECT 1 FROM checklist_runs WHERE deleted = 0);
