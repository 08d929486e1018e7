"""The store's full-text search: documents per record, queries, and the search
backlog (records applied without indexing them, indexed later in chunks).

A mixin of ``models.store.Store`` (which gives ``db``, ``query``, ``rows``,
``transaction`` and the settings); kept apart because the store's write API is long
enough on its own. Text segmentation for Chinese is ``models.search``.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.schema import ENTITIES, Entity, entity

if TYPE_CHECKING:
    from models.store import Row

log = logging.getLogger(__name__)

#: settings key of the search backlog: JSON {entity: rowid indexed up to}
K_SEARCH_BACKLOG = "search.backlog"


@dataclass(frozen=True)
class SearchHit:
    entity: str
    entity_id: str
    partner_id: str | None
    title: str


class SearchIndex:
    """Search and the search index, for ``Store``."""

    # given by Store
    db: Any
    query: Callable[..., list[Row]]
    rows: Callable[..., list[Row]]
    transaction: Callable[[], AbstractContextManager[Any]]
    get_setting: Callable[..., str | None]
    set_setting: Callable[[str, str | None], None]

    def search(self, text: str, *, limit: int = 50, entities: Iterable[str] | None = None) -> list[SearchHit]:
        """Partners, contacts, meetings and action items matching every word of ``text``
        (Chinese 2-character words included), newest first."""
        from models import search  # its patterns compile in ~2 ms: not at start

        expr = search.match_expression(text)
        if expr is None:
            return []
        sql = (
            "SELECT d.entity, d.entity_id, d.partner_id, d.title FROM search_fts f "
            "JOIN search_docs d ON d.docid = f.rowid WHERE search_fts MATCH ?"
        )
        params: list[Any] = [expr]
        if entities:
            ents = list(entities)
            sql += f" AND d.entity IN ({', '.join('?' for _ in ents)})"
            params += ents
        sql += " ORDER BY f.rowid DESC LIMIT ?"
        params.append(limit)
        return [SearchHit(*r) for r in self.db.execute(sql, params).fetchall()]

    def reindex_all(self) -> int:
        """Rebuild the search index from the tables (after bulk remote loads)."""
        n = 0
        with self.transaction():
            self.db.execute("DELETE FROM search_fts")
            self.db.execute("DELETE FROM search_docs")
            for ent in ENTITIES.values():
                if not ent.search_title:
                    continue
                for row in self.rows(ent.name):
                    self._index(ent, row)
                    n += 1
            self.set_setting(K_SEARCH_BACKLOG, None)
        return n

    # --- the search backlog ------------------------------------------------------------
    # Records applied with ``index=False`` wait here for the search index. The backlog
    # is a position (rowid) per entity in the settings table, not a list: the records
    # still to index are the live ones after it that have no search document. Edits
    # index their record as usual (the backlog then skips it); a kill loses nothing,
    # the next ``index_backlog`` goes on from the last committed chunk.

    def search_backlog_pending(self) -> bool:
        return bool(self._backlog_state())

    def search_backlog_count(self) -> int:
        """Records still waiting for the search index (a count over the backlog)."""
        n = 0
        for name, after in self._backlog_state().items():
            ent = entity(name)
            n += self.db.execute(
                f"SELECT count(*) FROM {ent.table} WHERE rowid > ? AND deleted = 0 "
                "AND id NOT IN (SELECT entity_id FROM search_docs)", [after]).fetchone()[0]
        return n

    def index_backlog(self, limit: int = 2000) -> int:
        """Index up to ``limit`` records of the search backlog in one transaction;
        returns how many (0: the backlog is empty, and forgotten)."""
        state = self._backlog_state()
        if not state:
            return 0
        done = 0
        with self.transaction():
            for name in list(state):
                if done >= limit:
                    break
                ent = entity(name)
                want = limit - done
                rows = self.query(
                    f"SELECT rowid AS backlog_rowid, * FROM {ent.table} WHERE rowid > ? "
                    "AND deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs) "
                    "ORDER BY rowid LIMIT ?", [state[name], want])
                if rows:
                    self._index_many(ent, rows)
                    state[name] = rows[-1]["backlog_rowid"]
                    done += len(rows)
                if len(rows) < want:
                    del state[name]  # nothing left after the position
            self.set_setting(K_SEARCH_BACKLOG, json.dumps(state) if state else None)
        return done

    def _backlog_state(self) -> dict[str, int]:
        raw = self.get_setting(K_SEARCH_BACKLOG)
        if not raw:
            return {}
        try:
            state = json.loads(raw)
            return {str(k): int(v) for k, v in state.items() if k in ENTITIES}
        except (ValueError, TypeError, AttributeError):
            # unreadable: start over from the first record (indexed ones are skipped)
            log.warning("search backlog state unreadable (%r); rescanning", raw[:80])
            return {name: 0 for name, ent in ENTITIES.items() if ent.search_title}

    def _backlog_add(self, ent: Entity) -> None:
        # from the start of the table: an upsert keeps an existing record's rowid, which
        # may lie before the position reached so far
        state = self._backlog_state()
        if state.get(ent.name) != 0:
            state[ent.name] = 0
            self.set_setting(K_SEARCH_BACKLOG, json.dumps(state))

    def _drop_docs(self, ids: list[str]) -> None:
        """Remove the search documents of these records (500 ids a statement)."""
        old: list[tuple[int]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            old += self.db.execute(
                f"SELECT docid FROM search_docs WHERE entity_id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ).fetchall()
        if old:
            self.db.conn.executemany("DELETE FROM search_fts WHERE rowid = ?", old)
            self.db.conn.executemany("DELETE FROM search_docs WHERE docid = ?", old)

    # --- documents -----------------------------------------------------------------------

    @staticmethod
    def _doc_fields(ent: Entity, row: Row) -> tuple[str, str, str | None]:
        """(title, body, partner id) of a record's search document."""
        title = " ".join(str(row[f]) for f in ent.search_title if row.get(f))
        body = " ".join(str(row[f]) for f in ent.search_body if row.get(f))
        if ent.name == "meeting":
            title = " ".join(filter(None, [(row.get("starts_at") or "")[:10], title]))
        partner_id = row["id"] if ent.name == "partner" else row.get("partner_id")
        return title, body, partner_id

    def _index(self, ent: Entity, row: Row) -> None:
        """(Re-)index one record a local write just changed."""
        self._index_many(ent, [row])

    def _index_many(self, ent: Entity, rows: list[Row]) -> None:
        """(Re-)index many distinct records: old documents removed and new ones written
        for the live records, one statement each (a pulled page, not a loop of five); a
        tombstone just leaves the index."""
        self._drop_docs([r["id"] for r in rows])
        live = [r for r in rows if not r["deleted"]]
        if not ent.search_title or not live:
            return
        from models import search

        first = self.db.execute("SELECT coalesce(max(docid), 0) + 1 FROM search_docs").fetchone()[0]
        docs, texts = [], []
        for docid, row in enumerate(live, start=first):
            title, body, partner_id = self._doc_fields(ent, row)
            docs.append((docid, ent.name, row["id"], partner_id, title))
            texts.append((docid, search.segment(title), search.segment(body)))
        self.db.conn.executemany(
            "INSERT INTO search_docs (docid, entity, entity_id, partner_id, title) VALUES (?, ?, ?, ?, ?)",
            docs,
        )
        self.db.conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", texts)
