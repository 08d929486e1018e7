"""Accessibility, asked of Qt's own accessibility layer (what a screen reader gets):
on every page and every dialog the app opens, in English and in Chinese, every
button, action and input has a name, icon-only buttons say what they do in a
tooltip too, and Chinese names are translated. Keyboard focus is drawn visibly."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop import app as desktop_app
from tests.test_app_shell import open_window, seed
from ui import theme

CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
            QAbstractSpinBox, QAbstractItemView)
#: words that stay the same in Chinese (names of things, units)
SAME_IN_BOTH = re.compile(r"^[\W\d_]*$|^(PDF|Excel|WeChat|OK|KPI|ICS|\.ics|URL)$", re.IGNORECASE)


def accessible_name(widget: QWidget) -> str:
    """The name Qt gives assistive technology: the accessible name, a button's text,
    the text of the label whose buddy the widget is."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return (iface.text(QAccessible.Text.Name) if iface is not None else "").strip()


def _parts_of_another_control(widget: QWidget) -> bool:
    """Pieces Qt builds inside a control (a combo box's line edit and list, a spin box's
    editor, a scroll area's bars, a table's headers and corner button, a tab bar's
    scroll arrows, a calendar's own navigation, a line edit's clear button): Qt's own,
    named through their owner."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget, QTabBar,
                               QScrollBar, QHeaderView, QLineEdit)):
            return True
        if isinstance(parent, QAbstractItemView) and widget is not parent.viewport():
            # the corner button of a table, the editors of a view
            return True
        parent = parent.parentWidget()
    return isinstance(widget, (QScrollBar, QHeaderView))


def shown_with_its_page(widget: QWidget, top: QWidget) -> bool:
    """Visible, or would be once the page (or tab) it is on is the current one."""
    w: QWidget | None = widget
    while w is not None and w is not top:
        parent = w.parentWidget()
        if w.isHidden() and not isinstance(parent, QStackedWidget):
            return False
        w = parent
    return True


def controls(top: QWidget) -> Iterator[QWidget]:
    for widget in [top, *top.findChildren(QWidget)]:
        # icon buttons even while hidden (an undo banner's close button, shown when needed)
        if (isinstance(widget, CONTROLS) and widget.window() is top
                and (shown_with_its_page(widget, top)
                     or isinstance(widget, QAbstractButton) and not widget.icon().isNull())
                and not widget.objectName().startswith("qt_")
                and not _parts_of_another_control(widget)):
            yield widget


def where(widget: QWidget) -> str:
    chain = []
    w: QWidget | None = widget
    while w is not None and len(chain) < 4:
        chain.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return f"{type(widget).__name__} in {' < '.join(chain)}"


def problems(top: QWidget) -> tuple[list[str], dict[str, str]]:
    """What is unnamed under ``top``; and every name found, by where it is."""
    found: list[str] = []
    names: dict[str, str] = {}
    for widget in controls(top):
        name = accessible_name(widget)
        key = where(widget)
        if not name:
            found.append(f"no accessible name: {key} (text {getattr(widget, 'text', lambda: '')()!r})")
            continue
        names[key] = name
        if isinstance(widget, QAbstractButton) and not widget.text().strip() \
                and not widget.toolTip().strip():
            found.append(f"icon-only button without a tooltip: {key}")
    for action in top.findChildren(QAction):
        owner = action.parent()
        if action.isSeparator() or action.objectName().startswith("_q_") \
                or not isinstance(owner, QWidget) or owner.window() is not top \
                or not shown_with_its_page(owner, top):
            continue
        if action.shortcuts() or action.menu() is None and action.associatedObjects():
            text = action.text().replace("&", "").strip()
            key = (f"action {where(owner)}/"
                   f"{action.objectName() or owner.findChildren(QAction).index(action)}")
            if not text:
                found.append(f"action without a name: {key}")
            else:
                names[key] = text
    return found, names


def open_everything(qtbot, window) -> list[QWidget]:
    """Every page, the workspace's every tab, and the dialogs the window opens."""
    stack = window.page_stack
    window.open_partner(window.seeded["tech"]["id"])
    qtbot.waitUntil(lambda: window.workspace.current_partner_id() is not None, timeout=5000)
    for index in range(len(stack.pages)):
        stack.show(index)
        qtbot.wait(20)
    workspace = window.workspace
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    opened: list[QWidget] = [window]
    opened.append(window.show_settings())
    opened.append(window.new_partner())
    opened.append(window.edit_partner(window.seeded["east"]["id"]))
    opened.append(window.show_search())
    opened.append(window.show_shortcuts())
    from ui.about_dialog import AboutDialog

    about = AboutDialog(window)
    about.show()
    opened.append(about)
    if window.sync_ui is not None:
        opened.append(window.sync_ui.show_sign_in())
        # the sync's review views, with their empty states (nothing to review here)
        opened += [window.sync_ui.show_conflicts(), window.sync_ui.show_rejected()]
    # the calendar's plan for the coming week
    before = getattr(window.calendar, "suggest_dialog", None)  # the first walk's, deleted
    window.calendar.suggest_week()
    qtbot.waitUntil(lambda: getattr(window.calendar, "suggest_dialog", None) is not before,
                    timeout=10000)
    opened.append(window.calendar.suggest_dialog)
    workspace.actions_tab.new_item()
    opened.append(workspace.actions_tab.dialog)
    workspace.overview.contacts.add_contact()
    opened.append(workspace.overview.contacts.dialog)
    for tab, method in ((workspace.goals, "new_goal"), (workspace.relationship, "new_touchpoint")):
        getattr(tab, method)()
        opened.append(tab.dialog)
    from ui.workspace.action_dialogs import FeedbackDialog

    feedback = FeedbackDialog("提交联合活动方案", window)
    feedback.show()
    opened.append(feedback)
    return [w for w in opened if w is not None]


def close_dialogs() -> None:
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible():
            top.reject()
            top.close()  # the sync's review views are closed, not rejected


def walk(qtbot, window) -> tuple[list[str], dict[str, str]]:
    """Open everything, then what is unnamed and every name, by where it is."""
    failures: list[str] = []
    names: dict[str, str] = {}
    for top in open_everything(qtbot, window):
        found, named = problems(top)
        failures += [f"{type(top).__name__}: {p}" for p in found]
        names.update({f"{type(top).__name__}/{k}": v for k, v in named.items()})
    close_dialogs()
    return failures, names


@pytest.fixture
def window(qtbot, profile):
    partners = seed(profile)
    w = open_window(qtbot, profile)
    w.seeded = partners
    yield w
    close_dialogs()
    w.close()
    desktop_app.install_language("en")


def test_every_control_and_action_is_named_in_both_languages(qtbot, window):
    failures, english = walk(qtbot, window)
    assert len(english) > 150, "the walk reached too little of the app"
    assert not failures, "English:\n" + "\n".join(failures)
    desktop_app.install_language("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "今日", timeout=3000)
    # the workspace rebuilds its tabs in the new language (once, after a short timer)
    qtbot.waitUntil(lambda: not re.search("[A-Za-z]{3}", window.workspace.tabs.tabText(0)),
                    timeout=5000)
    failures, chinese = walk(qtbot, window)
    assert not failures, "Chinese:\n" + "\n".join(failures)
    untranslated = [f"{key}: {name!r}" for key, name in chinese.items()
                    if english.get(key) == name and re.search("[A-Za-z]{3}", name)
                    and not SAME_IN_BOTH.match(name)]
    assert not untranslated, "not translated:\n" + "\n".join(untranslated)
    assert len(set(chinese) & set(english)) > 0.9 * len(english)  # the same walk


def test_keyboard_focus_is_drawn_with_the_focus_colour(qtbot, window):
    """Tab onto a control: a ring in the focus colour is drawn around it, in both
    themes, and it moves on with the focus."""
    from PySide6.QtCore import QRect

    for appearance in ("light", "dark"):
        theme.apply(appearance)
        dialog = window.show_settings()
        qtbot.waitExposed(dialog)
        controls_ = [dialog.language, dialog.manager_name, dialog.font_size,
                     dialog.buttons.buttons()[0]]
        for widget in controls_:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(widget.hasFocus, timeout=2000)
            qtbot.wait(20)
            for other in controls_:
                # the dialog as drawn, the control and 3 px around it
                top_left = other.mapTo(dialog, other.rect().topLeft())
                area = QRect(top_left, other.size()).adjusted(-3, -3, 3, 3)
                image = dialog.grab(area).toImage()
                ring = {image.pixelColor(x, y).name() for x in range(image.width())
                        for y in (0, 1, 2, 3, image.height() - 3, image.height() - 2)}
                drawn = theme.hex_color("focus") in ring
                assert drawn == (other is widget), (appearance, where(widget), where(other))
        dialog.reject()
    theme.apply("light")


def focus_chain(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, from the dialog's first."""
    chain: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and widget not in chain:
        if (widget.isVisibleTo(dialog) and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not _parts_of_another_control(widget)):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_tab_goes_through_each_form_top_to_bottom(qtbot, window):
    """In the one-column dialogs, Tab follows what the eye reads: each field below
    (or on the same line, right of) the one before."""
    window.open_partner(window.seeded["tech"]["id"])
    qtbot.waitUntil(lambda: window.workspace.current_partner_id() is not None, timeout=5000)
    workspace = window.workspace
    workspace.actions_tab.new_item()
    workspace.overview.contacts.add_contact()
    dialogs = [window.show_settings(), window.new_partner(), workspace.actions_tab.dialog,
               workspace.overview.contacts.dialog]
    if window.sync_ui is not None:
        dialogs.append(window.sync_ui.show_sign_in())
    out_of_order = []
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
        chain = focus_chain(dialog)
        assert len(chain) >= 3, type(dialog).__name__
        spots = [w.mapTo(dialog, w.rect().topLeft()) for w in chain]
        for (a, pa), (b, pb) in zip(zip(chain, spots), zip(chain[1:], spots[1:]), strict=False):
            same_line = abs(pa.y() - pb.y()) < min(a.height(), b.height()) // 2 + 1
            if pb.y() < pa.y() and not same_line or same_line and pb.x() < pa.x():
                out_of_order.append(f"{type(dialog).__name__}: {where(a)} ({pa.x()},{pa.y()}) "
                                    f"then {where(b)} ({pb.x()},{pb.y()})")
        dialog.reject()
    assert not out_of_order, "\n".join(out_of_order)
