"""The main window's pages: the navigation list beside a stack of pages, each page
one ``Page`` registered with ``PageStack.add``. Registering a page gives it its
navigation entry, its "go to" action and shortcut (for the View menu), its names in
both languages, and, for a page built on first use, a stand-in until then."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget


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


class PageStack(QObject):
    """``nav`` (the list) and ``stack`` (the pages); the main window lays them out."""

    def __init__(self, window: QWidget, show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._show_status = show_status
        self.pages: list[Page] = []
        self.actions: list[QAction] = []
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.currentRowChanged.connect(self._nav_changed)

    def add(self, page: Page) -> int:
        """Register ``page``; returns its index."""
        index = len(self.pages)
        self.pages.append(page)
        self.stack.addWidget(page.widget or QWidget())  # a stand-in until first needed
        self.nav.addItem(QListWidgetItem())
        action = QAction(self._window)
        action.setObjectName(f"go_{page.name}")
        if page.shortcut:
            action.setShortcut(QKeySequence(page.shortcut))
        action.triggered.connect(lambda _=False, i=index: self.show(i))
        self._window.addAction(action)  # the shortcut works whichever page has focus
        self.actions.append(action)
        return index

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
        for row, (page, action) in enumerate(zip(self.pages, self.actions, strict=True)):
            self.nav.item(row).setText(page.title())
            action.setText(page.menu_text())
