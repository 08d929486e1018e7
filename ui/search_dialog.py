"""The Ctrl+K palette: find partners, contacts, meetings, action items and reviews as
you type.

Queries run in the database lane through ``models.search_results.find`` (Chinese
two-character words, pinyin and initials of names, phone numbers by their digits),
about 120 ms after the last keystroke; an answer to an older query is dropped, so
results never flicker back to what was typed before. Each hit shows the text that
matched with the match highlighted; "More results" (Alt+M, or Down past the last row)
fetches the next page.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.search_results import PAGE, Found, Snippet, find
from models.store import Store
from ui import theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState

#: the invisible root: the parent of every row in a flat table model
NO_PARENT = QModelIndex()

DEBOUNCE_MS = 120
RESULT_LIMIT = PAGE
#: a search result: the hit, its partner's name and the snippet that matched
SearchResult = Found
#: the role carrying a row's snippet as HTML, the match highlighted
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = 4
SNIPPET_COLUMN = 2


def run_search(store: Store, text: str, offset: int = 0) -> tuple[list[SearchResult], bool]:
    """Runs in the database lane: one page of hits from ``offset``, and whether more follow."""
    return find(store, text, limit=RESULT_LIMIT, offset=offset)


def _marked_html(snippet: Snippet, tint: str) -> str:
    """The snippet as rich text, each match in bold on the theme's highlight tint."""
    out, at = [], 0
    for start, end in snippet.spans:
        out.append(html.escape(snippet.text[at:start]))
        out.append(f'<b style="background-color:{tint}">{html.escape(snippet.text[start:end])}</b>')
        at = end
    out.append(html.escape(snippet.text[at:]))
    return "".join(out)


class SnippetDelegate(QStyledItemDelegate):
    """Paints a result's snippet as rich text (the highlighted match), elided to one line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        markup = index.data(SNIPPET_HTML_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(markup)
        painter.save()
        rect = opt.rect.adjusted(theme.space("s"), 0, -theme.space("s"), 0)
        painter.translate(rect.left(), rect.top() + max(0, (rect.height() - doc.size().height()) / 2))
        painter.setClipRect(0, 0, rect.width(), rect.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + theme.space("s")))


def entity_label(entity: str) -> str:
    return {
        "partner": QCoreApplication.translate("SearchDialog", "Partner"),
        "contact": QCoreApplication.translate("SearchDialog", "Contact"),
        "meeting": QCoreApplication.translate("SearchDialog", "Meeting"),
        "action_item": QCoreApplication.translate("SearchDialog", "Action item"),
        "checklist_run": QCoreApplication.translate("SearchDialog", "Review"),
    }.get(entity, entity)


class SearchResultModel(QAbstractTableModel):
    """Kind, title, the matched text and partner of each hit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SearchResult] = []
        self._html: dict[int, str] = {}

    def set_rows(self, rows: Sequence[SearchResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._html.clear()
        self.endResetModel()

    def add_rows(self, rows: Sequence[SearchResult]) -> None:
        """The next page below the rows shown (the current row and scroll stay)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(NO_PARENT, first, first + len(rows) - 1)
        self._rows += rows
        self.endInsertRows()

    def result(self, row: int) -> SearchResult:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("SearchDialog", "Kind"),
                QCoreApplication.translate("SearchDialog", "Found"),
                QCoreApplication.translate("SearchDialog", "Where it matched"),
                QCoreApplication.translate("SearchDialog", "Partner"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == SNIPPET_HTML_ROLE and index.column() == SNIPPET_COLUMN:
            row = index.row()
            if row not in self._html:
                self._html[row] = _marked_html(r.snippet, theme.hex_color("due_bg"))
            return self._html[row]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SNIPPET_COLUMN:
            return r.snippet.text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (entity_label(r.entity), r.title, r.snippet.text, r.partner_name)[index.column()]


class SearchDialog(QDialog):
    """``chosen(entity, entity_id, partner_id)`` when the user opens a result."""

    chosen = Signal(str, str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 purpose: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.purpose = purpose  # a line saying why we ask ("Which partner for the meeting?")
        self._request = 0
        self._answered = 0
        self._incomplete = False  # the last answer came while the search backlog ran
        self._open_when_answered = False
        self._more = False  # the search has hits beyond those shown
        self._text = ""  # the text the rows shown answer
        self.setMinimumSize(820, 460)
        self.input = QLineEdit()
        self.input.setObjectName("search_input")
        self.input.setClearButtonEnabled(True)
        self.input.textChanged.connect(self._schedule)
        self.input.installEventFilter(self)
        self.purpose_label = QLabel(purpose)
        self.purpose_label.setVisible(bool(purpose))
        self.model = SearchResultModel(self)
        self.view = QTreeView()
        self.view.setObjectName("search_results")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegateForColumn(SNIPPET_COLUMN, SnippetDelegate(self.view))
        self.view.header().setSectionResizeMode(SNIPPET_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.view.header().setStretchLastSection(False)
        self.view.activated.connect(self._open_index)
        self.status = QLabel()
        self.more_button = QPushButton()
        self.more_button.setObjectName("search_more")
        self.more_button.setIcon(theme.icon("list-check"))
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.load_more)
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose_label)
        layout.addWidget(self.input)
        # nothing typed, or nothing found: what to type, and a way back
        self.empty_state = EmptyState("search_empty")
        self.empty_state.add_step("search_empty_clear", self._clear)
        self.view_or_empty = EmptyOr(self.view, self.empty_state)
        layout.addWidget(self.view_or_empty, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        layout.addLayout(bottom)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.retranslate()
        self.input.setFocus()

    # --- searching ------------------------------------------------------------------------------

    @Slot()
    def _schedule(self) -> None:
        self._request += 1  # whatever is in flight is stale from now on
        self._timer.start()

    @Slot()
    def _run(self) -> None:
        text = self.input.text().strip()
        request = self._request
        if not text:
            self._show(request, ([], False))
            return
        self.ctx.run_db(lambda s: (run_search(s, text), s.search_backlog_pending()),
                        lambda answer: self._show(request, *answer, text=text),
                        lambda exc: self._failed(request, exc))

    def _show(self, request: int, page: tuple[list[SearchResult], bool],
              incomplete: bool = False, text: str = "") -> None:
        if request != self._request:
            return
        rows, self._more = page
        self._answered = request
        self._incomplete = incomplete
        self._text = text
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
            for column in (0, 1, 3):
                self.view.resizeColumnToContents(column)
        self._update_status()
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_index(self.view.currentIndex())

    @Slot()
    def load_more(self) -> None:
        """Fetch the next page of hits for the text the rows shown answer."""
        if not self._more or not self.is_settled() or not self._text:
            return
        request, text, offset = self._request, self._text, self.model.rowCount()
        self._more = False  # one page at a time
        self.more_button.setEnabled(False)

        def more(page: tuple[list[SearchResult], bool]) -> None:
            if request != self._request:
                return
            rows, self._more = page
            self.model.add_rows(rows)
            self._update_status()

        self.ctx.run_db(lambda s: run_search(s, text, offset), more,
                        lambda exc: self._failed(request, exc))

    def _failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.status.setText(self.tr("Search failed: %1").replace("%1", str(exc)))

    def _clear(self) -> None:
        self.input.clear()
        self.input.setFocus()

    def _update_status(self) -> None:
        n = self.model.rowCount()
        typed = bool(self.input.text().strip())
        self.view_or_empty.set_empty(n == 0 and (not typed or self.is_settled()))
        self.empty_state.steps["search_empty_clear"].setVisible(typed)
        self.empty_state.set_texts(
            self.tr("Nothing found") if typed else self.tr("Find a partner or a record"),
            self.tr("Try fewer characters, the pinyin initials of a name (jnmd for 江南"
                    "明德), or a few digits of a phone number.") if typed else
            self.tr("Search looks through partners, contacts, meetings, action items and "
                    "reviews: Chinese or English names, pinyin and its initials, places, "
                    "phone numbers and words from the notes."),
            {"search_empty_clear": self.tr("Clear the search")})
        if not self.input.text().strip():
            self.status.setText(self.tr("Type a name, a place or a word from the notes."))
        elif n == 0:
            self.status.setText(self.tr("Nothing found."))
        elif self._more:
            self.status.setText(self.tr(
                "The first %1 results; there are more. Enter opens the partner.").replace("%1", str(n)))
        else:
            self.status.setText(
                self.tr("Results: %1. Enter opens the partner.").replace("%1", str(n)))
        self.more_button.setVisible(self._more and n > 0)
        self.more_button.setEnabled(self._more)
        if self._incomplete and self.input.text().strip():
            self.status.setText(self.status.text() + " " + self.tr(
                "Search is still being prepared for the records of the first sync: "
                "some may be missing for a little while."))

    def is_settled(self) -> bool:
        """True when the results shown answer the text typed (tests, benchmarks)."""
        return self._answered == self._request and not self._timer.isActive()

    # --- opening -------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        r = self.model.result(index.row())
        if not r.partner_id:
            return
        self.chosen.emit(r.entity, r.entity_id, r.partner_id)
        self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Up/Down/Enter in the text box drive the results, so hands stay on the keys
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                last = self.view.currentIndex().row() == self.model.rowCount() - 1
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and last and self._more:
                    self.load_more()  # Down past the last row: the next page
                QCoreApplication.sendEvent(self.view, event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self.is_settled():
                    self._timer.stop()
                    self._open_when_answered = True
                    self._run()  # Enter before the pause: search now, open when it answers
                    return True
                self._open_index(self.view.currentIndex())
                return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Search"))
        self.input.setPlaceholderText(self.tr(
            "Search partners, contacts, meetings, action items, reviews… "
            "(e.g. 华东, jnmd, a phone number)"))
        self.more_button.setText(self.tr("&More results"))
        self.input.setAccessibleName(self.tr("Search"))
        self.view.setAccessibleName(self.tr("Search results"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        super().changeEvent(event)
