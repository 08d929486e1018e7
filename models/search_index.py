"""The store's full-text search: documents per record, queries, and the search
backlog (records applied without indexing them, indexed later in chunks).

``SearchIndex`` is a collaborator of ``models.store.Store`` (its ``index``), given
the store it indexes: the store's writes call it inside their transactions, and it
reads and writes through the store's connection and settings. Text segmentation for
Chinese is ``models.search``.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models import pinyin, search
from models.schema import ENTITIES, Entity, entity

if TYPE_CHECKING:
    from models.store import Row, Store

log = logging.getLogger(__name__)

#: settings key of the search backlog: JSON {entity: rowid indexed up to}
K_SEARCH_BACKLOG = "search.backlog"


#: the field whose pinyin orders an entity's records by name (search_docs.sort_key)
NAME_FIELDS = {"partner": "name_zh", "contact": "name"}


def name_order(entity_name: str, alias: str | None = None) -> str:
    """SQL ordering an entity's rows by name as Chinese readers expect (pinyin): the
    sort key its search document got when the record was written; the name itself
    while a first sync's records wait for the index."""
    table = alias or {"partner": "partners", "contact": "contacts"}[entity_name]
    name = ("coalesce({t}.name_zh, {t}.name_en)" if entity_name == "partner"
            else "{t}.name").format(t=table)
    return (f"coalesce((SELECT sort_key FROM search_docs WHERE entity_id = {table}.id), "
            f"{name}), {name}")


@dataclass(frozen=True)
class SearchHit:
    entity: str
    entity_id: str
    partner_id: str | None
    title: str


class SearchIndex:
    """Search and the search index of one store's database: a collaborator of
    ``Store`` (``store.index``), which calls it inside its own write transactions."""

    def __init__(self, store: Store) -> None:
        self._store = store
        #: template id -> name, for the documents of reviews (names do not change)
        self._template_names: dict[str | None, str] = {}

    @property
    def db(self) -> Any:
        return self._store.db

    def search(self, text: str, *, limit: int = 50, offset: int = 0,
               entities: Iterable[str] | None = None) -> list[SearchHit]:
        """Partners, contacts, meetings, action items and reviews matching every word of
        ``text`` (Chinese 2-character words, pinyin and initials of names, phone numbers
        by their digits), newest first; ``offset`` skips the earlier pages."""

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
        sql += " ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
        params += [limit, offset]
        return [SearchHit(*r) for r in self.db.execute(sql, params).fetchall()]

    def reindex_all(self) -> int:
        """Rebuild the search index from the tables (after bulk remote loads)."""
        n = 0
        with self._store.transaction():
            self.db.execute("DELETE FROM search_fts")
            self.db.execute("DELETE FROM search_docs")
            for ent in ENTITIES.values():
                if not ent.search_title:
                    continue
                for row in self._store.rows(ent.name):
                    self.index_one(ent, row)
                    n += 1
            self._store.set_setting(K_SEARCH_BACKLOG, None)
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
        with self._store.transaction():
            for name in list(state):
                if done >= limit:
                    break
                ent = entity(name)
                want = limit - done
                rows = self._store.query(
                    f"SELECT rowid AS backlog_rowid, * FROM {ent.table} WHERE rowid > ? "
                    "AND deleted = 0 AND id NOT IN (SELECT entity_id FROM search_docs) "
                    "ORDER BY rowid LIMIT ?", [state[name], want])
                if rows:
                    self.index_many(ent, rows)
                    state[name] = rows[-1]["backlog_rowid"]
                    done += len(rows)
                if len(rows) < want:
                    del state[name]  # nothing left after the position
            self._store.set_setting(K_SEARCH_BACKLOG, json.dumps(state) if state else None)
        return done

    def _backlog_state(self) -> dict[str, int]:
        raw = self._store.get_setting(K_SEARCH_BACKLOG)
        if not raw:
            return {}
        try:
            state = json.loads(raw)
            return {str(k): int(v) for k, v in state.items() if k in ENTITIES}
        except (ValueError, TypeError, AttributeError):
            # unreadable: start over from the first record (indexed ones are skipped)
            log.warning("search backlog state unreadable (%r); rescanning", raw[:80])
            return {name: 0 for name, ent in ENTITIES.items() if ent.search_title}

    def backlog_add(self, ent: Entity) -> None:
        # from the start of the table: an upsert keeps an existing record's rowid, which
        # may lie before the position reached so far
        state = self._backlog_state()
        if state.get(ent.name) != 0:
            state[ent.name] = 0
            self._store.set_setting(K_SEARCH_BACKLOG, json.dumps(state))

    def drop_docs(self, ids: list[str]) -> None:
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

    def _doc_fields(self, ent: Entity, row: Row) -> tuple[str, str, str, str | None, str | None]:
        """(title, body, keys, partner id, sort key) of a record's search document: keys
        are the pinyin and initials of names and the digits of phone numbers
        (models.pinyin, models.search.digit_keys)."""

        title = " ".join(str(row[f]) for f in ent.search_title if row.get(f))
        body = " ".join(str(row[f]) for f in ent.search_body if row.get(f))
        keys: list[str] = []
        sort_key = None
        if ent.name == "partner":
            keys = pinyin.search_keys(row.get("name_zh")) + pinyin.search_keys(row.get("region"))
            sort_key = pinyin.sort_key(row.get("name_zh") or row.get("name_en"))
        elif ent.name == "contact":
            keys = (pinyin.search_keys(row.get("name"), surname=True)
                    + search.digit_keys(row.get("phone")) + search.digit_keys(row.get("wechat")))
            sort_key = pinyin.sort_key(row.get("name"))
        elif ent.name == "action_item":
            keys = pinyin.search_keys(row.get("owner_name"), surname=True)
        elif ent.name == "meeting":
            title = " ".join(filter(None, [(row.get("starts_at") or "")[:10], title]))
        elif ent.name == "checklist_run":
            title = " ".join(filter(None, [row.get("performed_on"),
                                           self._template_name(row.get("template_id"))]))
            body = " ".join(answer_texts(row.get("answers")))
        partner_id = row["id"] if ent.name == "partner" else row.get("partner_id")
        return title, body, " ".join(keys), partner_id, sort_key

    def _template_name(self, template_id: str | None) -> str:
        names = self._template_names
        if template_id not in names:
            hit = self.db.execute("SELECT name FROM checklist_templates WHERE id = ?",
                                  [template_id]).fetchone()
            if not hit:
                return ""  # not here yet (a first sync): not remembered
            names[template_id] = hit[0]
        return names[template_id]

    def index_one(self, ent: Entity, row: Row) -> None:
        """(Re-)index one record a local write just changed."""
        self.index_many(ent, [row])

    def index_many(self, ent: Entity, rows: list[Row]) -> None:
        """(Re-)index many distinct records: old documents removed and new ones written
        for the live records, one statement each (a pulled page, not a loop of five); a
        tombstone just leaves the index."""
        self.drop_docs([r["id"] for r in rows])
        live = [r for r in rows if not r["deleted"]]
        if not ent.search_title or not live:
            return

        first = self.db.execute("SELECT coalesce(max(docid), 0) + 1 FROM search_docs").fetchone()[0]
        docs, texts = [], []
        for docid, row in enumerate(live, start=first):
            title, body, keys, partner_id, sort_key = self._doc_fields(ent, row)
            docs.append((docid, ent.name, row["id"], partner_id, title, sort_key))
            texts.append((docid, search.segment(title), search.segment(body), keys))
        self.db.conn.executemany(
            "INSERT INTO search_docs (docid, entity, entity_id, partner_id, title, sort_key)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            docs,
        )
        self.db.conn.executemany(
            "INSERT INTO search_fts (rowid, title, body, keys) VALUES (?, ?, ?, ?)", texts)


def answer_texts(answers: Any) -> list[str]:
    """The words of a review's answers: each text value and each comment (a review's
    JSON answers, {item: {"value": …, "comment": …}})."""
    if isinstance(answers, str):
        try:
            answers = json.loads(answers)
        except ValueError:
            return [answers]
    out: list[str] = []
    if isinstance(answers, dict):
        for answer in answers.values():
            if isinstance(answer, dict):
                for key in ("value", "comment"):
                    v = answer.get(key)
                    if (isinstance(v, str) and v.strip() and not _is_number(v)
                            and (key == "comment" or v.strip().lower() not in _CHOICE_WORDS)):
                        out.append(v)
            elif isinstance(answer, str) and answer.strip():
                out.append(answer)
    return out


#: answers that are a choice, not words (a yes/no item's value)
_CHOICE_WORDS = frozenset({"yes", "no", "n/a", "na"})


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
