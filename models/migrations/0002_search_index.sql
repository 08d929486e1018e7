-- docid maps an FTS row to its record, so a re-index deletes by rowid, not by scan
CREATE TABLE search_docs (
            docid INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL UNIQUE,
            partner_id TEXT,
            title TEXT
        );
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
