"""The one write API of the local store.

Every local write (create, update, delete) changes its row, re-indexes it for search
and appends its outbox entry in one transaction: a crash leaves either all three or
none. Sync applies the server's changes through ``apply_remote``, which never writes
the outbox (they came from the server). Listeners registered with ``subscribe`` hear
one ``Change`` after each committed write, so views know what to redraw.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models import contract, domain
from models.errors import (
    DatabaseLockedError,
    DiskFullError,
    NotFoundError,
    ReadOnlyEntityError,
    ValidationError,
    is_full_error,
    is_locked_error,
)
from models.schema import ENTITIES, META_COLUMNS, Entity, entity, normalise
from models.search_index import K_SEARCH_BACKLOG, NAME_FIELDS, SearchHit, SearchIndex, name_order

__all__ = ["K_SEARCH_BACKLOG", "Change", "Row", "SearchHit", "Store", "utcnow"]

if TYPE_CHECKING:
    from models.database import Database

Row = dict[str, Any]
#: settings key of the data generation, see ``Store.data_generation``
GENERATION_KEY = "data_generation"


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def new_id() -> str:
    """A random (version 4) UUID as text, for a record or an outbox entry made here."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Change:
    """What a committed write touched: views inspect it to decide whether to redraw."""

    entity: str
    ids: tuple[str, ...]
    kind: str  # create | update | delete | remote | bulk


def coalesce(changes: list[Change]) -> list[Change]:
    """One Change per (entity, kind) of a transaction, ids merged in order: a bulk load
    of 60,000 KPI rows tells the views once, not 60,000 times."""
    merged: dict[tuple[str, str], list[str]] = {}
    for c in changes:
        merged.setdefault((c.entity, c.kind), []).extend(c.ids)
    return [Change(e, tuple(dict.fromkeys(ids)), k) for (e, k), ids in merged.items()]


class Store:
    """All reads and writes of one profile's database; its search index is the
    collaborator ``index`` (models/search_index.py)."""

    def __init__(self, db: Database, *, clock: Callable[[], str] = utcnow) -> None:
        self.db = db
        self.clock = clock
        self.index = SearchIndex(self)
        self._listeners: list[Callable[[Change], None]] = []
        self._pending_changes: list[Change] = []
        self._depth = 0

    # --- events ----------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, change: Change) -> None:
        if self._depth:
            self._pending_changes.append(change)
            return
        for listener in list(self._listeners):
            listener(change)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several writes in one transaction; listeners hear them after commit."""
        self._depth += 1
        try:
            with self.db.atomic():
                before = self.db.conn.total_changes
                yield self
                if self._depth == 1 and self.db.conn.total_changes != before:
                    self._bump_generation()
        except BaseException as exc:
            self._depth -= 1
            if not self._depth:
                self._pending_changes.clear()
            if is_locked_error(exc):
                # another process holds the write lock past the busy timeout: say so in
                # words a user can act on instead of leaking sqlite3's message
                raise DatabaseLockedError(
                    "The database is busy: another program is writing to it. "
                    "Nothing was saved; close the other program or try again in a moment."
                ) from exc
            if is_full_error(exc):
                raise DiskFullError(
                    "The disk is full: nothing was saved. Free some space on it and try "
                    "again.") from exc
            raise
        self._depth -= 1
        if not self._depth:
            changes, self._pending_changes = self._pending_changes, []
            for c in coalesce(changes):
                self._emit(c)

    def data_generation(self) -> int:
        """A number that moves with every committed transaction that changed a row
        (any write path: local, remote, bulk, bookkeeping), so a saved result of a
        query is current exactly while the generation it was read at still holds."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [GENERATION_KEY]).fetchone()
        return int(row[0]) if row else 0

    def _bump_generation(self) -> None:
        # one statement per transaction (not a trigger per row: a first sync applies
        # 100,000 rows), committed with the transaction's writes or not at all
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, 1) ON CONFLICT(key) DO UPDATE"
            " SET value = CAST(value AS INTEGER) + 1", [GENERATION_KEY])

    # --- reads -----------------------------------------------------------------------

    def get(self, entity_name: str, entity_id: str, *, include_deleted: bool = False) -> Row:
        ent = entity(entity_name)
        row = self._row(ent, entity_id)
        if row is None or (row["deleted"] and not include_deleted):
            raise NotFoundError(f"{entity_name} {entity_id} does not exist")
        return row

    def find(self, entity_name: str, entity_id: str) -> Row | None:
        ent = entity(entity_name)
        row = self._row(ent, entity_id)
        return None if row is None or row["deleted"] else row

    def _row(self, ent: Entity, entity_id: str) -> Row | None:
        cur = self.db.execute(f"SELECT * FROM {ent.table} WHERE id = ?", [entity_id])
        cols = [c[0] for c in cur.description]
        values = cur.fetchone()
        return dict(zip(cols, values, strict=True)) if values else None

    def rows(
        self,
        entity_name: str,
        where: str = "",
        params: Iterable[Any] = (),
        *,
        order_by: str | None = None,
        limit: int | None = None,
        include_deleted: bool = False,
    ) -> list[Row]:
        """Rows of one entity. ``where`` and ``order_by`` are SQL written by callers in
        models/ and sync/; user input only ever travels in ``params``."""
        ent = entity(entity_name)
        clauses = [] if include_deleted else ["deleted = 0"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {ent.table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, params)

    def for_partner(
        self, entity_name: str, partner_id: str, *, order: Iterable[str] = (),
        limit: int | None = None,
    ) -> list[Row]:
        """Live records of one partner. ``order`` names fields, "-field" for descending:
        callers outside models/ and sync/ never write SQL."""
        ent = entity(entity_name)
        if ent.partner_field is None:
            raise ValidationError(f"{entity_name} records do not belong to a partner")
        return self.rows(ent.name, f"{ent.partner_field} = ?", [partner_id],
                         order_by=self._order_clause(ent, order), limit=limit)

    def published_templates(self) -> list[Row]:
        """Checklist templates head office has published, by name."""
        return self.rows("checklist_template", "coalesce(published, 1) = 1", order_by="name")

    @staticmethod
    def _order_clause(ent: Entity, order: Iterable[str]) -> str | None:
        known = set(ent.field_names) | set(META_COLUMNS)
        terms = []
        for item in order:
            name = item.lstrip("-")
            if name not in known:
                raise ValidationError(f"{ent.name} has no field {name!r} to sort by")
            if NAME_FIELDS.get(ent.name) == name:
                name = name_order(ent.name)  # by pinyin
                if item.startswith("-"):
                    name = name.replace(",", " DESC,") + " DESC"
            elif item.startswith("-"):
                name += " DESC"
            terms.append(name)
        return ", ".join(terms) or None

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cur = self.db.execute(sql, list(params))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def count(self, entity_name: str, where: str = "", params: Iterable[Any] = ()) -> int:
        ent = entity(entity_name)
        sql = f"SELECT count(*) FROM {ent.table} WHERE deleted = 0"
        if where:
            sql += f" AND ({where})"
        return self.db.execute(sql, list(params)).fetchone()[0]

    # --- search (the index is its own object, ``self.index``) ---------------------------

    def search(self, text: str, *, limit: int = 50, offset: int = 0,
               entities: Iterable[str] | None = None) -> list[SearchHit]:
        """Records matching every word of ``text``, newest first (SearchIndex.search)."""
        return self.index.search(text, limit=limit, offset=offset, entities=entities)

    def reindex_all(self) -> int:
        return self.index.reindex_all()

    def search_backlog_pending(self) -> bool:
        return self.index.search_backlog_pending()

    def search_backlog_count(self) -> int:
        return self.index.search_backlog_count()

    def index_backlog(self, limit: int = 2000) -> int:
        return self.index.index_backlog(limit)

    # --- local writes (always with an outbox entry) ----------------------------------

    def create(self, entity_name: str, values: dict[str, Any], *, entity_id: str | None = None) -> Row:
        ent = self._writable(entity_name)
        clean = self._clean(ent, values, creating=True)
        row = self._insert_local(ent, clean, entity_id)
        self._emit(Change(ent.name, (row["id"],), "create"))
        return row

    def create_many(self, entity_name: str, rows: Iterable[dict[str, Any]]) -> int:
        """Create many records in one transaction (demo data, imports); one Change."""
        ent = self._writable(entity_name)
        n = 0
        with self.transaction():
            for values in rows:
                self._insert_local(ent, self._clean(ent, values, creating=True), values.get("id"))
                n += 1
            self._emit(Change(ent.name, (), "bulk"))
        return n

    def update(self, entity_name: str, entity_id: str, changes: dict[str, Any]) -> Row:
        ent = self._writable(entity_name)
        with self.transaction():
            old = self.get(ent.name, entity_id)
            clean = self._clean(ent, changes, creating=False, old=old)
            diff = {k: [old[k], v] for k, v in clean.items() if old[k] != v}
            if not diff:
                return old
            now = self.clock()
            sets = ", ".join(f"{k} = ?" for k in diff)
            self.db.execute(
                f"UPDATE {ent.table} SET {sets}, updated_at = ? WHERE id = ?",
                [*(v[1] for v in diff.values()), now, entity_id],
            )
            new = {**old, **{k: v[1] for k, v in diff.items()}, "updated_at": now}
            self.index.index_one(ent, new)
            self._append_outbox(ent, entity_id, "update", diff, old["version"], now)
            self._emit(Change(ent.name, (entity_id,), "update"))
        return new

    def delete(self, entity_name: str, entity_id: str) -> None:
        """Soft delete: a tombstone. Never cascades into notes or action items."""
        ent = self._writable(entity_name)
        with self.transaction():
            old = self.get(ent.name, entity_id)
            now = self.clock()
            self.db.execute(
                f"UPDATE {ent.table} SET deleted = 1, deleted_at = ?, updated_at = ? WHERE id = ?",
                [now, now, entity_id],
            )
            self.index.drop_docs([entity_id])
            self._append_outbox(ent, entity_id, "delete", {"deleted": [0, 1]}, old["version"], now)
            self._emit(Change(ent.name, (entity_id,), "delete"))

    def restore(self, entity_name: str, entity_id: str) -> Row:
        """Undo a soft delete (the undo of the UI's delete)."""
        ent = self._writable(entity_name)
        with self.transaction():
            old = self.get(ent.name, entity_id, include_deleted=True)
            if not old["deleted"]:
                return old
            now = self.clock()
            self.db.execute(
                f"UPDATE {ent.table} SET deleted = 0, deleted_at = NULL, updated_at = ? WHERE id = ?",
                [now, entity_id],
            )
            new = {**old, "deleted": 0, "deleted_at": None, "updated_at": now}
            self.index.index_one(ent, new)
            self._append_outbox(ent, entity_id, "update", {"deleted": [1, 0]}, old["version"], now)
            self._emit(Change(ent.name, (entity_id,), "update"))
        return new

    # --- domain helpers built on the write API ----------------------------------------

    def create_partner(self, **values: Any) -> Row:
        values.setdefault("status", domain.PartnerStatus.ACTIVE)
        return self.create("partner", values)

    def create_action_item(self, **values: Any) -> Row:
        """An action item with its response deadline derived from tier and severity."""
        partner = self.get("partner", values.get("partner_id") or "")
        values.setdefault("status", domain.ActionStatus.OPEN)
        values.setdefault("severity", domain.Severity.MEDIUM)
        values.setdefault("owner_side", domain.OwnerSide.OURS)
        opened = values.setdefault("opened_on", dt.date.fromisoformat(self.clock()[:10]))
        if not values.get("due_on"):
            opened_date = dt.date.fromisoformat(str(normalise(entity("action_item"), "opened_on", opened)))
            severity = normalise(entity("action_item"), "severity", values["severity"])
            values["due_on"] = domain.response_deadline(partner["tier"], str(severity), opened_date)
        return self.create("action_item", values)

    def set_action_status(self, action_id: str, status: str, *, feedback: str | None = None,
                          feedback_channel: str | None = None) -> Row:
        """Move an action item along the loop, stamping the date of each step;
        ``feedback`` is what the partner was told, ``feedback_channel`` how."""
        status = str(normalise(entity("action_item"), "status", status))
        today = self.clock()[:10]
        changes: dict[str, Any] = {"status": status}
        order = list(domain.ActionStatus)
        for st, col in domain.ACTION_STATUS_STAMP.items():
            if order.index(st) <= order.index(domain.ActionStatus(status)):
                changes.setdefault(col, None)
        current = self.get("action_item", action_id)
        for st, col in domain.ACTION_STATUS_STAMP.items():
            reached = order.index(st) <= order.index(domain.ActionStatus(status))
            changes[col] = (current[col] or today) if reached else None
        if feedback is not None:
            changes["feedback"] = feedback
        if feedback_channel is not None:
            changes["feedback_channel"] = feedback_channel
        return self.update("action_item", action_id, changes)

    # --- head-office data and sync -----------------------------------------------------

    def apply_remote(self, entity_name: str, row: dict[str, Any], *, version: int) -> None:
        """Store a record as the server has it (pull, head-office data). No outbox entry:
        the change came from the server. Local pending edits are sync's business."""
        ent = entity(entity_name)
        cols = [c for c in (*META_COLUMNS, *ent.field_names) if c in row or c == "version"]
        values = {c: row.get(c) for c in cols}
        values["version"] = version
        now = self.clock()
        values.setdefault("created_at", now)
        values["created_at"] = values["created_at"] or now
        values["updated_at"] = values.get("updated_at") or now
        values["deleted"] = int(bool(values.get("deleted")))
        names = list(values)
        with self.transaction():
            self.db.execute(
                f"INSERT INTO {ent.table} ({', '.join(names)}) VALUES "
                f"({', '.join('?' for _ in names)}) ON CONFLICT(id) DO UPDATE SET "
                + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id"),
                list(values.values()),
            )
            full = self._row(ent, row["id"])
            assert full is not None
            self.index.index_many(ent, [full])  # a tombstone just leaves the index
            self._emit(Change(ent.name, (row["id"],), "remote"))

    def apply_remote_many(self, entity_name: str, rows: Iterable[tuple[dict[str, Any], int]],
                          *, index: bool = True) -> int:
        """``apply_remote`` for a page of (row, version) pairs: one upsert statement per
        column layout, and per 500 rows one read-back and one statement per search-index
        step, instead of several statements per row (a first sync applies 100,000
        records). Same result, one Change.

        ``index=False`` leaves the records for the search backlog (``index_backlog``)
        instead of indexing them now: the search index costs more than the records
        themselves, and a first sync should give the manager the records first."""
        ent = entity(entity_name)
        now = self.clock()
        layouts: dict[tuple[str, ...], list[list[Any]]] = {}
        ids: list[str] = []
        columns = (*META_COLUMNS, *ent.field_names)  # once, not per row
        for row, version in rows:
            values = {c: row.get(c) for c in columns if c in row or c == "version"}
            values["version"] = version
            values["created_at"] = values.get("created_at") or now
            values["updated_at"] = values.get("updated_at") or now
            values["deleted"] = int(bool(values.get("deleted")))
            layouts.setdefault(tuple(values), []).append(list(values.values()))
            ids.append(row["id"])
        if not ids:
            return 0
        with self.transaction():
            for names, batch in layouts.items():
                self.db.conn.executemany(
                    f"INSERT INTO {ent.table} ({', '.join(names)}) VALUES "
                    f"({', '.join('?' for _ in names)}) ON CONFLICT(id) DO UPDATE SET "
                    + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id"),
                    batch,
                )
            unique = list(dict.fromkeys(ids))
            if not index and ent.search_title:
                if self.db.execute("SELECT 1 FROM search_docs LIMIT 1").fetchone():
                    self.index.drop_docs(unique)  # what they were indexed under is stale
                self.index.backlog_add(ent)
                unique = []
            for i in range(0, len(unique), 500):
                chunk = unique[i:i + 500]
                self.index.index_many(ent, self.query(
                    f"SELECT * FROM {ent.table} WHERE id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                ))
            self._emit(Change(ent.name, tuple(dict.fromkeys(ids)), "remote"))
        return len(ids)

    def set_version(self, entity_name: str, entity_id: str, version: int) -> None:
        """Record the server version a local record now matches (after a push).
        Bookkeeping only: no outbox entry, no change event."""
        ent = entity(entity_name)
        with self.transaction():
            self.db.execute(f"UPDATE {ent.table} SET version = ? WHERE id = ?", [version, entity_id])

    def forget_records(self, entity_name: str, ids: Iterable[str]) -> int:
        """Remove records the server no longer has for us (sync repair). No outbox entry."""
        ent = entity(entity_name)
        n = 0
        ids = list(ids)
        with self.transaction():
            self.index.drop_docs(ids)
            for entity_id in ids:
                n += self.db.execute(f"DELETE FROM {ent.table} WHERE id = ?", [entity_id]).rowcount
            if n:
                self._emit(Change(ent.name, (), "remote"))
        return n

    def forget_partner(self, partner_id: str) -> int:
        """Drop a partner and everything under it from this laptop (taken out of our
        scope by head office). No outbox entry: the server keeps the data. Returns the
        number of rows removed."""
        n = 0
        with self.transaction():
            for ent in ENTITIES.values():
                col = "id" if ent.name == "partner" else ent.partner_field
                if not col:
                    continue
                ids = [r[0] for r in self.db.execute(
                    f"SELECT id FROM {ent.table} WHERE {col} = ?", [partner_id]).fetchall()]
                self.index.drop_docs(ids)
                n += self.db.execute(
                    f"DELETE FROM {ent.table} WHERE {col} = ?", [partner_id]).rowcount
            self._emit(Change("partner", (partner_id,), "remote"))
        return n

    def renew_as_unsynced(self, entity_name: str, entity_id: str) -> None:
        """Make a local record new again, as if just typed: its outbox history goes and
        one pending ``create`` with its current values takes its place (version 0), so
        the next server receives it whole (demo removal keeps the user's own records
        this way). A tombstone simply goes."""
        ent = entity(entity_name)
        with self.transaction():
            row = self._row(ent, entity_id)
            self.db.execute("DELETE FROM outbox WHERE entity = ? AND entity_id = ?",
                            [ent.name, entity_id])
            if row is None or row["deleted"]:
                self.db.execute(f"DELETE FROM {ent.table} WHERE id = ?", [entity_id])
                self.index.drop_docs([entity_id])
                return
            self.db.execute(f"UPDATE {ent.table} SET version = 0 WHERE id = ?", [entity_id])
            diff = {f: [None, row[f]] for f in ent.field_names if row[f] is not None}
            self._append_outbox(ent, entity_id, "create", diff, 0, self.clock())

    def outbox(self, state: str | None = "pending", limit: int | None = None) -> list[Row]:
        where = "WHERE state = ?" if state else ""
        params = [state] if state else []
        lim = f" LIMIT {int(limit)}" if limit else ""
        rows = self.query(f"SELECT * FROM outbox {where} ORDER BY seq{lim}", params)
        for r in rows:
            r["changes"] = json.loads(r["changes"])
        return rows

    def pending_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        """Local, per-profile settings (sync cursor, device id). Not synced; none of
        them is shown on Today or Partners, so alone they leave the generation be."""
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # --- internals -----------------------------------------------------------------------

    def _writable(self, entity_name: str) -> Entity:
        ent = entity(entity_name)
        if ent.read_only:
            raise ReadOnlyEntityError(
                f"{entity_name} records come from head office and cannot be edited here"
            )
        return ent

    def _clean(
        self, ent: Entity, values: dict[str, Any], *, creating: bool, old: Row | None = None
    ) -> dict[str, Any]:
        unknown = set(values) - set(ent.field_names) - {"id"}
        if unknown:
            raise ValidationError(f"{ent.name} has no field {', '.join(sorted(unknown))}")
        clean = {k: normalise(ent, k, v) for k, v in values.items() if k != "id"}
        if creating:
            for f in ent.fields:
                if f.required and clean.get(f.name) is None:
                    raise ValidationError(f"{ent.name}: {f.name} must not be empty", field=f.name)
        merged = {**(old or {}), **clean}
        if ent.name == "partner" and not (merged.get("name_zh") or merged.get("name_en")):
            raise ValidationError(
                "partner: a Chinese or an English name is required", field="name_zh"
            )
        for f in ent.fields:
            if f.kind == "ref" and clean.get(f.name) and f.ref:
                target = entity(f.ref)
                hit = self.db.execute(
                    f"SELECT deleted FROM {target.table} WHERE id = ?", [clean[f.name]]
                ).fetchone()
                if hit is None:
                    raise ValidationError(
                        f"{ent.name}: {f.name} points at a {f.ref} that does not exist",
                        field=f.name,
                    )
        return clean

    def _insert_local(self, ent: Entity, clean: dict[str, Any], entity_id: str | None) -> Row:
        now = self.clock()
        row: Row = {
            "id": contract.check_id(entity_id, "id", f"{ent.name}: id") if entity_id else new_id(),
            "version": 0,
            "created_at": now,
            "updated_at": now,
            "deleted": 0,
            "deleted_at": None,
        }
        row.update({f: clean.get(f) for f in ent.field_names})
        names = list(row)
        with self.transaction():
            self.db.execute(
                f"INSERT INTO {ent.table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                list(row.values()),
            )
            self.index.index_one(ent, row)
            diff = {f: [None, row[f]] for f in ent.field_names if row[f] is not None}
            self._append_outbox(ent, row["id"], "create", diff, 0, now)
        return row

    def _append_outbox(
        self, ent: Entity, entity_id: str, op: str, diff: dict[str, list[Any]], base: int, now: str
    ) -> None:
        self.db.execute(
            "INSERT INTO outbox (op_id, entity, entity_id, op, changes, base_version, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id(), ent.name, entity_id, op, json.dumps(diff, ensure_ascii=False), base, now],
        )
