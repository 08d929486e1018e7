"""The main window's pages: the navigation list beside a stack of pages, each page
one ``Page`` registered with ``PageStack.add``. Registering a page gives it its
navigation entry with its icon, its "go to" action and shortcut (for the View menu),
its names in both languages, and, for a page built on first use, a stand-in until
then. ``PageStack.set_badge`` shows a count beside a page's name (overdue visits,
actions due): a number in the tone's colours, with the words in its tooltip and in
the entry's accessible text."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QRect, QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui import theme

#: an entry's badge: (count, tone) (tone of ui.theme.TONES)
BADGE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
NAV_ICON_PX = 20


@dataclass
class Page:
    #: "go_<name>" is its action's object name
    name: str
    #: its name in the navigation list, and in the View menu (translated when called)
    title: Callable[[], str]
    menu_text: Callable[[], str]
    shortcut: str = ""
    #: the widget, or a function that builds it when the page is first needed
    widget: QWidget | None = None
    build: Callable[[], QWidget] | None = None
    #: why the page cannot be shown now ("" when it can)
    unavailable: Callable[[], str] | None = None
    #: its icon (a bundled icon's name, ui/theme.py)
    icon: str = ""


class NavigationDelegate(QStyledItemDelegate):
    """Draws an entry as usual, then its badge (count in a rounded tint) at the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        badge = index.data(BADGE_ROLE)
        if not badge or not badge[0]:
            return
        count, tone = badge
        text = str(count) if count < 1000 else "999+"
        metrics = option.fontMetrics
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 2 * theme.space("s") + 2)
        rect = QRect(option.rect.right() - width - theme.space("m"),
                     option.rect.center().y() - height // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.color(tone))
        painter.setBrush(theme.color(f"{tone}_bg"))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        # room to breathe around the icon and the name
        hint.setHeight(max(hint.height(), NAV_ICON_PX) + 2 * theme.space("m"))
        badge = index.data(BADGE_ROLE)
        if badge and badge[0]:  # room for the badge after the name
            hint.setWidth(hint.width() + option.fontMetrics.horizontalAdvance("9999")
                          + 3 * theme.space("m"))
        return hint


class PageStack(QObject):
    """``nav`` (the list) and ``stack`` (the pages); the main window lays them out."""

    def __init__(self, window: QWidget, show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._show_status = show_status
        self.pages: list[Page] = []
        self.actions: list[QAction] = []
        self.stack = QStackedWidget()
        self._badge_text: dict[int, Callable[[], str]] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(NAV_ICON_PX, NAV_ICON_PX))
        self.nav.setItemDelegate(NavigationDelegate(self.nav))
        self.nav.currentRowChanged.connect(self._nav_changed)

    def add(self, page: Page) -> int:
        """Register ``page``; returns its index."""
        index = len(self.pages)
        self.pages.append(page)
        self.stack.addWidget(page.widget or QWidget())  # a stand-in until first needed
        item = QListWidgetItem()
        action = QAction(self._window)
        if page.icon:
            item.setIcon(theme.icon(page.icon))
            action.setIcon(theme.icon(page.icon))
        self.nav.addItem(item)
        action.setObjectName(f"go_{page.name}")
        if page.shortcut:
            action.setShortcut(QKeySequence(page.shortcut))
        action.triggered.connect(lambda _=False, i=index: self.show(i))
        self._window.addAction(action)  # the shortcut works whichever page has focus
        self.actions.append(action)
        return index

    def index_of(self, name: str) -> int:
        return next(i for i, page in enumerate(self.pages) if page.name == name)

    def set_badge(self, name: str, count: int, tone: str = "overdue",
                  describe: Callable[[], str] | None = None) -> None:
        """Show ``count`` beside the page's name (0 hides it). ``describe`` says in words
        what it counts (translated when called): the tooltip and what a screen reader
        reads with the name."""
        index = self.index_of(name)
        item = self.nav.item(index)
        item.setData(BADGE_ROLE, (count, tone) if count else None)
        if count and describe is not None:
            self._badge_text[index] = describe
        else:
            self._badge_text.pop(index, None)
        self._describe(index)

    def badge(self, name: str) -> int:
        data = self.nav.item(self.index_of(name)).data(BADGE_ROLE)
        return data[0] if data else 0

    def _describe(self, index: int) -> None:
        item = self.nav.item(index)
        title = self.pages[index].title()
        describe = self._badge_text.get(index)
        words = describe() if describe else ""
        item.setToolTip(words or title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {words}" if words else title)

    def widget(self, index: int) -> QWidget:
        """The page's widget, built now if it was waiting for first use."""
        page = self.pages[index]
        if page.widget is None:
            assert page.build is not None
            page.widget = page.build()
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page.widget)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return page.widget

    def built(self, index: int) -> QWidget | None:
        return self.pages[index].widget

    def show(self, index: int) -> bool:
        """Show the page, or say in the status bar why it cannot be shown."""
        reason = self._unavailable(index)
        if reason:
            self._show_status(reason)
            return False
        self.widget(index)
        self.nav.setCurrentRow(index)
        return True

    def current(self) -> int:
        return self.stack.currentIndex()

    def _unavailable(self, index: int) -> str:
        page = self.pages[index]
        return page.unavailable() if page.unavailable else ""

    @Slot(int)
    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        if self._unavailable(row):
            self.nav.setCurrentRow(self.stack.currentIndex())
            return
        self.stack.setCurrentWidget(self.widget(row))
        self.stack.currentWidget().setFocus()

    def retranslate(self) -> None:
        self.nav.setAccessibleName(QCoreApplication.translate("PageStack", "Pages"))
        for row, (page, action) in enumerate(zip(self.pages, self.actions, strict=True)):
            self.nav.item(row).setText(page.title())
            action.setText(page.menu_text())
            self._describe(row)
