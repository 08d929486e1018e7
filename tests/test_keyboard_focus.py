"""Keyboard use beyond the one-column dialogs (issue 17, item 6): on the main pages,
the workspace's tabs and the dialogs laid out in more than one column, Tab goes
through the controls in reading order, and the focus ring is drawn around whatever
control Tab reaches, on every page, in both themes."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop import app as desktop_app
from tests.test_accessibility import _parts_of_another_control, where
from tests.test_app_shell import shown_window
from ui import theme
from ui.main_window import PAGE_CALENDAR, PAGE_PARTNERS, PAGE_TODAY


@pytest.fixture
def window(qtbot, profile):
    with shown_window(qtbot, profile) as w:
        yield w
    theme.apply("light")
    desktop_app.install_language("en")


def tab_chain(area: QWidget) -> list[QWidget]:
    """The controls of ``area`` Tab visits, in order (the window's focus chain, from
    the area on, kept to what is shown inside it)."""
    chain: list[QWidget] = []
    widget = area.nextInFocusChain()
    seen: set[int] = set()
    while id(widget) not in seen:
        seen.add(id(widget))
        if (area.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not _parts_of_another_control(widget)):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def out_of_reading_order(area: QWidget, leave_out: frozenset[QWidget] = frozenset()) -> list[str]:
    """Pairs of the Tab chain the eye would not take: a control reached after one it
    reads before whether it reads by lines (above, or left on the same line) or by
    columns (a column further left, or above in the same column). Line by line and
    column by column (a form in two columns) both pass; going back up a column, or
    to the left along a line, does not."""
    chain = [w for w in tab_chain(area) if w not in leave_out]
    top = area.window()
    boxes = [QRect(w.mapTo(top, w.rect().topLeft()), w.size()) for w in chain]

    def same_line(a: QRect, b: QRect) -> bool:
        return abs(a.top() - b.top()) < min(a.height(), b.height()) // 2 + 1

    def by_lines_before(b: QRect, a: QRect) -> bool:
        return b.left() < a.left() if same_line(a, b) else b.top() < a.top()

    def by_columns_before(b: QRect, a: QRect) -> bool:
        if b.right() < a.left():
            return True
        overlap = b.left() <= a.right() and a.left() <= b.right()
        return overlap and b.top() < a.top() and not same_line(a, b)

    def wrong_from(start: int) -> list[str]:
        order = list(range(start, len(chain))) + list(range(start))
        found = []
        for n, i in enumerate(order):
            for j in order[n + 1:]:
                if by_lines_before(boxes[j], boxes[i]) and by_columns_before(boxes[j], boxes[i]):
                    found.append(f"{where(chain[i])} ({boxes[i].x()},{boxes[i].y()}) before "
                                 f"{where(chain[j])} ({boxes[j].x()},{boxes[j].y()})")
        return found

    # Tab goes round: the chain is read from wherever it reads best
    return min((wrong_from(start) for start in range(len(chain))), key=len, default=[])


def test_tab_reads_the_pages_and_multi_column_forms_in_order(qtbot, window):
    ctx = window.ctx
    areas: dict[str, QWidget] = {}
    for page in (PAGE_TODAY, PAGE_PARTNERS, PAGE_CALENDAR):
        window.show_page(page)
        ctx.wait_idle(10)
        qtbot.wait(100)
        areas[f"page {page}"] = window.pages.currentWidget()
    wrong: list[str] = []
    for name, area in areas.items():
        window.show_page({"page 0": PAGE_TODAY, "page 1": PAGE_PARTNERS,
                          "page 3": PAGE_CALENDAR}[name])
        qtbot.wait(50)
        assert len(tab_chain(area)) >= 3, name
        wrong += [f"{name}: {w}" for w in out_of_reading_order(area)]
    # the workspace: every tab, with records (the overview and meetings in two columns)
    window.open_partner(window.seeded["east"]["id"])
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.current_partner_id() == window.seeded["east"]["id"],
                    timeout=5000)
    ctx.wait_idle(10)
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        ctx.wait_idle(10)
        qtbot.wait(100)
        tab = workspace.tabs.currentWidget()
        assert len(tab_chain(tab)) >= 2, type(tab).__name__
        wrong += [f"{type(tab).__name__}: {w}" for w in out_of_reading_order(tab)]
    # a meeting being written: in order too, but for the notes' own tools (severity,
    # owner, internal line, line to action item) above the notes, which Tab reaches
    # right after the decisions: Tab from the attendees goes straight to the notes
    # (tests/test_workspace_meetings.py)
    meetings = workspace.meetings
    workspace.tabs.setCurrentWidget(meetings)
    meetings.editor.set_editing(True)
    qtbot.wait(50)
    tools = meetings.editor.tab_chain[-4:]
    assert meetings.editor.severity_combo in tools and all(t.isEnabled() for t in tools)
    chain = tab_chain(meetings)
    at = chain.index(meetings.editor.decisions_edit)
    assert chain[at + 1:at + 5] == list(tools)
    wrong += [f"MeetingsTab, editing: {w}"
              for w in out_of_reading_order(meetings, frozenset(tools))]
    # dialogs, the calendar's plan for the week among them
    dialogs = [window.new_partner(), window.show_settings()]
    workspace.goals.new_goal()
    workspace.relationship.new_touchpoint()
    dialogs += [workspace.goals.dialog, workspace.relationship.dialog]
    window.show_page(PAGE_CALENDAR)
    window.calendar.suggest_week()
    qtbot.waitUntil(lambda: getattr(window.calendar, "suggest_dialog", None) is not None,
                    timeout=10000)
    dialogs.append(window.calendar.suggest_dialog)
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
        assert len(tab_chain(dialog)) >= 3, type(dialog).__name__
        wrong += [f"{type(dialog).__name__}: {w}" for w in out_of_reading_order(dialog)]
        dialog.reject()
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_a_tab_order_that_jumps_back(qtbot):
    """The check itself: two columns of fields where Tab jumps from the right column
    back up to the left one is reported; column by column is not."""
    from PySide6.QtWidgets import QGridLayout, QLineEdit

    page = QWidget()
    grid = QGridLayout(page)
    edits = [[QLineEdit(page) for _row in range(3)] for _column in range(2)]
    for column, fields in enumerate(edits):
        for row, edit in enumerate(fields):
            grid.addWidget(edit, row, column)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    order = edits[0] + edits[1]  # down the left column, then down the right one
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
    assert out_of_reading_order(page) == []
    QWidget.setTabOrder(edits[1][0], edits[0][1])  # right column's top, then left's middle
    assert out_of_reading_order(page)


def test_a_tab_order_across_windows_is_refused(qtbot):
    """Qt ignores the order of two widgets in different windows (one not yet in the
    widget tree is a window of its own) with only a warning on the console: the
    meetings tab's list lost its place in the chain that way. ``set_tab_order`` says
    so instead, and every page and form that uses it is built by the tests above."""
    from PySide6.QtWidgets import QLineEdit

    from ui.focus_order import set_tab_order

    page = QWidget()
    qtbot.addWidget(page)
    first, loose = QLineEdit(page), QLineEdit()
    qtbot.addWidget(loose)
    with pytest.raises(ValueError, match="not in one window"):
        set_tab_order(first, loose)
    loose.setParent(page)
    set_tab_order(first, loose)
    assert first.nextInFocusChain() is loose


def ring_drawn_around(window: QWidget, widget: QWidget) -> bool:
    """The focus colour on the control's edge (its outer 3 px), as the window draws it."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    area = QRect(top_left, widget.size()).adjusted(-2, -2, 2, 2) & window.rect()
    image = window.grab(area).toImage()
    focus = theme.hex_color("focus")
    edge = [(x, y) for x in range(0, image.width(), 2) for y in (0, 1, 2, 3)]
    edge += [(x, image.height() - 1 - d) for x in range(0, image.width(), 2) for d in range(4)]
    return any(image.pixelColor(x, y).name() == focus for x, y in edge)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_tab_key_shows_the_ring_on_every_control_it_reaches(qtbot, window, appearance):
    """Real Tab key presses through Today, Partners, a workspace tab and the Calendar:
    every control that gets the focus has the ring around it, and only it."""
    theme.apply(appearance)
    window.open_partner(window.seeded["east"]["id"])
    qtbot.waitUntil(lambda: window.workspace.current_partner_id() is not None, timeout=5000)
    window.calendar.grid.select(dt.date(2026, 11, 20))
    missing: list[str] = []
    reached = 0
    for page in (PAGE_TODAY, PAGE_PARTNERS, 2, PAGE_CALENDAR):
        window.show_page(page)
        window.ctx.wait_idle(10)
        qtbot.wait(100)
        area = window.pages.currentWidget()
        chain = tab_chain(area)
        chain[0].setFocus(Qt.FocusReason.TabFocusReason)
        for _step in range(min(len(chain), 12)):
            qtbot.wait(10)
            focused = QApplication.focusWidget()
            target = focused
            while target is not None and target.parentWidget() is not None and isinstance(
                    target.parentWidget(), (*_ring_owners(),)):
                target = target.parentWidget()
            if area.isAncestorOf(focused):
                reached += 1
                if not ring_drawn_around(window, target):
                    missing.append(f"page {page}: {where(target)}")
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert reached >= 30, reached
    assert not missing, "no focus ring:\n" + "\n".join(missing)


def _ring_owners() -> tuple[type, ...]:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    return (QComboBox, QAbstractSpinBox)


def test_the_ring_follows_a_click_too_and_leaves_with_the_focus(qtbot, window):
    """Focus given by the mouse is drawn the same way (someone who clicks, then goes on
    with the keyboard, sees where they are); a control that loses it loses the ring."""
    window.show_page(PAGE_PARTNERS)
    partners = window.partners
    qtbot.waitUntil(lambda: partners.model.rowCount() == 4, timeout=5000)
    qtbot.mouseClick(partners.search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(partners.search.hasFocus, timeout=2000)
    qtbot.wait(20)
    assert ring_drawn_around(window, partners.search)
    qtbot.keyClick(partners.search, Qt.Key.Key_Tab)
    qtbot.wait(20)
    assert not partners.search.hasFocus()
    assert not ring_drawn_around(window, partners.search)
    assert ring_drawn_around(window, QApplication.focusWidget())
