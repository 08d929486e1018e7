"""The partner list as a Qt table model, and the proxy that filters it.

The model holds ``PartnerOverview`` rows loaded once in the database lane; the proxy
filters them in memory, so typing in the search box never queries the database (a
5,000-partner list must filter within a keystroke).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from models.insights import PartnerOverview
from ui import labels, theme

#: the role carrying a partner's id (for opening its workspace)
PARTNER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the role carrying a raw, sortable value (dates as ISO text, numbers as numbers)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "name_zh", "name_en", "tier", "stage", "region", "last_met", "days_since",
    "visit_status", "open_actions", "signs",
)
COLUMN = {name: i for i, name in enumerate(COLUMNS)}
#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()
# roles as plain ints: ``data`` runs for every painted cell and role, and comparing
# with Qt's enum members costs an attribute lookup each time
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT = int(SORT_ROLE)
_PARTNER_ID = int(PARTNER_ID_ROLE)
_ANSWERED_ROLES = frozenset({_DISPLAY, _FOREGROUND, _DECORATION, _ALIGNMENT, _TOOLTIP, _SORT,
                             _PARTNER_ID})
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: visit statuses drawn in their colour (besides their icon and word); on track stays plain
_COLOURED_VISITS = frozenset({"overdue", "due"})


def _header(name: str) -> str:
    return {
        "name_zh": QCoreApplication.translate("PartnerTableModel", "Name (Chinese)"),
        "name_en": QCoreApplication.translate("PartnerTableModel", "Name (English)"),
        "tier": QCoreApplication.translate("PartnerTableModel", "Tier"),
        "stage": QCoreApplication.translate("PartnerTableModel", "Stage"),
        "region": QCoreApplication.translate("PartnerTableModel", "Region"),
        "last_met": QCoreApplication.translate("PartnerTableModel", "Last visit"),
        "days_since": QCoreApplication.translate("PartnerTableModel", "Days since"),
        "visit_status": QCoreApplication.translate("PartnerTableModel", "Visit status"),
        "open_actions": QCoreApplication.translate("PartnerTableModel", "Open actions"),
        "signs": QCoreApplication.translate("PartnerTableModel", "Warning signs"),
    }[name]


def signs_text(signs: Sequence[str]) -> str:
    """The names of a partner's warning signs, joined the way the language lists things."""
    separator = QCoreApplication.translate("PartnerTableModel", "; ")
    return separator.join(labels.sign_label(s) for s in signs)


class PartnerTableModel(QAbstractTableModel):
    """One row per live partner; ``set_rows`` replaces them all."""

    #: what the text filter looks through grew (``set_filter_texts``)
    filter_texts_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PartnerOverview] = []
        # lower-cased "name_zh name_en region" per row, so the proxy's text filter is
        # a plain substring test: built when the filter first needs them (or the
        # window has a quiet moment), not on the start path
        self._hay: list[str] | None = None
        self._hay_of: dict[str, str] | None = None
        # display text per (partner id, column), filled as cells are painted: typing
        # in the filter repaints the same few dozen rows again and again
        self._display_cache: dict[tuple[str, int], str] = {}
        #: (column, order) of the last sort, kept by ``set_rows``
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        # per partner id: contacts, terms, goals, pinyin (models.partner_filter), loaded
        # after the rows; until then the filter looks at names and region only
        self._filter_texts: dict[str, str] = {}

    # --- data in -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PartnerOverview]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            # in the last sort order already: sorting after the reset would cost the
            # views a second relayout of 5,000 rows
            column, order = self._sorted_by
            self._rows.sort(key=_SORT_KEYS[COLUMNS[column]],
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self._hay = self._hay_of = None
        self._display_cache.clear()
        self.endResetModel()

    def set_filter_texts(self, texts: dict[str, str]) -> None:
        """What the text filter looks through besides names and region, per partner id,
        case-folded already (as ``models.partner_filter`` gives them)."""
        self._filter_texts = texts
        self._hay = self._hay_of = None
        self.filter_texts_changed.emit()

    @property
    def _haystacks(self) -> list[str]:
        if self._hay is None:
            more = self._filter_texts
            # only the names are folded here: the extra texts (contacts, goals, pinyin:
            # a thousand characters a partner) come folded from the database lane
            self._hay = [" ".join(filter(None, (
                " ".join(filter(None, (r.name_zh, r.name_en, r.region))).casefold(),
                more.get(r.id)))) for r in self._rows]
        return self._hay

    @property
    def _haystack_of(self) -> dict[str, str]:
        if self._hay_of is None:
            self._hay_of = {r.id: h for r, h in zip(self._rows, self._haystacks, strict=True)}
        return self._hay_of

    def prepare_filter(self) -> None:
        """Build what the text filter searches now (a quiet moment) rather than at the
        first keystroke."""
        self._haystack_of  # noqa: B018 - builds both

    def row_at(self, row: int) -> PartnerOverview:
        return self._rows[row]

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def rows(self) -> list[PartnerOverview]:
        return list(self._rows)

    def row_of(self, partner_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == partner_id:
                return i
        return -1

    def regions(self) -> list[str]:
        return sorted({r.region for r in self._rows if r.region})

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves: one Python ``sorted`` with a key is far faster than
        the proxy comparing cells through ``data()`` (a view of 5,000 partners)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sorted_by = (column, order)
        if not self._rows:
            return
        col = COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old_persistent]
        key = _SORT_KEYS[col]
        rows = self._rows
        order_ = sorted(range(len(rows)), key=lambda i: key(rows[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [rows[i] for i in order_]
        if self._hay is not None:
            self._hay = [self._hay[i] for i in order_]
        new_row = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old_persistent,
            [self.index(new_row[pid], i.column()) for pid, i in zip(old_ids, old_persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        """Labels are computed on demand; tell views to fetch them again."""
        self._display_cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the delegate asks about eight roles per painted cell; most get no answer
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            key = (r.id, column)
            text = self._display_cache.get(key)
            if text is None:
                text = self._display_cache[key] = self._display(r, COLUMNS[column])
            return text
        col = COLUMNS[column]
        if role == _SORT:
            return self._sort_value(r, col)
        if role == _PARTNER_ID:
            return r.id
        if role == _FOREGROUND and col == "visit_status":
            if r.visit_status in _COLOURED_VISITS:
                return QBrush(theme.color(theme.status_tone(r.visit_status)))
            return None
        if role == _DECORATION:
            # never colour alone: the status' icon beside its word, the tier's beside its name
            if col == "visit_status":
                return theme.status_icon(r.visit_status)
            if col == "tier":
                return theme.tier_icon(r.tier)
            if col == "signs" and r.signs:
                return theme.status_icon("sign")
            return None
        if role == _ALIGNMENT and col in ("days_since", "open_actions"):
            return _RIGHT_ALIGNED
        if role == _TOOLTIP and col == "signs" and r.signs:
            return "\n".join(labels.sign_label(s) for s in r.signs)
        if role == _TOOLTIP and col in ("name_zh", "name_en"):
            # whole, where a narrow window cuts the name short (ui/partner_columns.py)
            return getattr(r, col) or None
        return None

    @staticmethod
    def _display(r: PartnerOverview, col: str) -> str:
        if col == "tier":
            return labels.tier_label(r.tier)
        if col == "stage":
            return labels.stage_label(r.stage)
        if col == "visit_status":
            return labels.visit_status_label(r.visit_status)
        if col == "last_met":
            return r.last_met.isoformat() if r.last_met else "—"
        if col == "days_since":
            return "" if r.days_since is None else str(r.days_since)
        if col == "open_actions":
            return str(r.open_actions) if r.open_actions else ""
        if col == "signs":
            return signs_text(r.signs)
        return getattr(r, col) or ""

    @staticmethod
    def _sort_value(r: PartnerOverview, col: str) -> Any:
        return _SORT_KEYS[col](r)


_TIER_ORDER = {"core": 0, "strategic": 1, "emerging": 2, "ordinary": 3}
_STAGE_ORDER = {"intro": 0, "running_in": 1, "mature": 2, "advanced": 3}
_VISIT_ORDER = {"overdue": 0, "due": 1, "ok": 2}


def _sort_key(col: str) -> Any:
    """The sortable value of a row for ``col`` (a function: sorting 5,000 rows calls
    it once per row, so it decides about the column once)."""
    if col == "tier":
        return lambda r: _TIER_ORDER.get(r.tier, 9)
    if col == "stage":
        return lambda r: _STAGE_ORDER.get(r.stage, 9)
    if col == "visit_status":
        return lambda r: _VISIT_ORDER.get(r.visit_status, 3)
    if col == "last_met":
        return lambda r: r.last_met.isoformat() if r.last_met else ""
    if col == "days_since":
        # never visited sorts as the longest wait
        return lambda r: 1_000_000 if r.days_since is None else r.days_since
    if col == "open_actions":
        return lambda r: r.open_actions
    if col == "signs":
        return lambda r: len(r.signs)
    if col == "name_zh":
        return lambda r: r.sort_name  # by pinyin
    return lambda r: (getattr(r, col) or "").casefold()


_SORT_KEYS = {col: _sort_key(col) for col in COLUMNS}
#: splits typed text where Chinese characters meet other letters
_SCRIPTS = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


class PartnerFilterProxy(QSortFilterProxyModel):
    """Filters partners by tier, stage, region, visit status and free text.

    The accepted ids are computed in one Python pass per filter change and
    ``filterAcceptsRow`` only looks the answer up: Qt calls it once per row, and a
    per-row Python predicate is what would make typing slow on big profiles. A
    keystroke that leaves the same rows visible does not disturb the view at all.
    Sorting is handed to the source model (see ``PartnerTableModel.sort``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tier = ""
        self._stage = ""
        self._region = ""
        self._visit = ""
        self._words: list[str] = []
        self._accepted: set[str] | None = None
        self._model: PartnerTableModel | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def setSourceModel(self, model: QAbstractTableModel) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._on_source_reset)
        # connected before the proxy's own handler, so the ids are fresh when it filters
        model.modelReset.connect(self._on_source_reset)
        self._model = model if isinstance(model, PartnerTableModel) else None
        if self._model is not None:
            self._model.filter_texts_changed.connect(self._apply)
        super().setSourceModel(model)
        self._on_source_reset()

    def _on_source_reset(self) -> None:
        self._accepted = self._compute(narrow_from=None)
        model = self.sourceModel()
        if (self._sort_column >= 0 and isinstance(model, PartnerTableModel)
                and model._sorted_by != (self._sort_column, self._sort_order)):
            model.sort(self._sort_column, self._sort_order)  # rows set before the sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Forward to the source model and remember it, so a reload stays sorted."""
        self._sort_column, self._sort_order = column, order
        model = self.sourceModel()
        if isinstance(model, PartnerTableModel):
            model.sort(column, order)

    # --- filter setters ------------------------------------------------------------------

    def set_tier(self, tier: str) -> None:
        self._set("_tier", tier or "")

    def set_stage(self, stage: str) -> None:
        self._set("_stage", stage or "")

    def set_region(self, region: str) -> None:
        self._set("_region", region or "")

    def set_visit_status(self, status: str) -> None:
        self._set("_visit", status or "")

    def set_text(self, text: str) -> None:
        # "jn明德": pinyin initials and characters, each looked for on its own
        words = [w for w in _SCRIPTS.split(text.casefold()) if w.strip()]
        words = [w for part in words for w in part.split()]
        if words != self._words:
            old, self._words = self._words, words
            # typing on narrows the last result: only rows still shown can match more
            refines = (len(words) >= len(old)
                       and all(o in n for o, n in zip(old, words, strict=False)))
            self._apply(narrow=refines)

    def _set(self, attr: str, value: str) -> None:
        if getattr(self, attr) != value:
            setattr(self, attr, value)
            self._apply()

    def _apply(self, narrow: bool = False) -> None:
        accepted = self._compute(narrow_from=self._accepted if narrow else None)
        if accepted == self._accepted:
            return
        self._accepted = accepted
        # one layoutChanged for the whole change: an incremental filter change tells
        # the view about every run of hidden rows on its own (hundreds of signals when
        # a keystroke thins out 5,000 rows), which took twice as long; the selection
        # survives either way (persistent indexes)
        self.invalidate()

    def _compute(self, narrow_from: set[str] | None) -> set[str] | None:
        """The ids passing every filter (None: all rows). ``narrow_from``: a previous
        result known to contain the new one, so only its rows need a look."""
        model = self._model
        if model is None:
            return None
        tier, stage, region, visit = self._tier, self._stage, self._region, self._visit
        words = self._words
        if not (tier or stage or region or visit or words):
            return None
        if narrow_from is not None:
            hay_of = model._haystack_of
            return {pid for pid in narrow_from if all(w in hay_of[pid] for w in words)}
        accepted: set[str] = set()
        for r, hay in zip(model._rows, model._haystacks, strict=True):
            if ((not tier or r.tier == tier) and (not stage or r.stage == stage)
                    and (not region or r.region == region)
                    and (not visit or r.visit_status == visit)
                    and all(w in hay for w in words)):
                accepted.add(r.id)
        # everything visible is the same as no filter: lets a keystroke that hides
        # nothing skip the view update
        return None if len(accepted) == len(model._rows) else accepted

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        acc = self._accepted
        return acc is None or self._model._rows[source_row].id in acc  # type: ignore[union-attr]
