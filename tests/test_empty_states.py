"""Every list with nothing in it says what it is for and offers the next step
(issue 17, item 4): the partner workspace's tabs for a partner with no records, the
Calendar's empty day, the search with nothing typed or nothing found, Partners when
the filter matches none, and the sync's conflicts and refused changes when there are
none and the laptop is not signed in. Each state is the one EmptyState widget, in
English and in Chinese, and each step does what it says."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QLocale

from desktop import app as desktop_app
from tests.test_app_shell import shown_window
from ui.empty_state import EmptyOr, EmptyState
from ui.main_window import PAGE_CALENDAR, PAGE_PARTNERS

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture
def window(qtbot, profile):
    with shown_window(qtbot, profile) as w:
        yield w
    desktop_app.install_language("en")


def open_bare_partner(qtbot, window):
    """The seeded partner with no meeting, action, goal, review, touchpoint or contact."""
    window.open_partner(window.seeded["chengdu"]["id"])
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.current_partner_id() == window.seeded["chengdu"]["id"],
                    timeout=5000)
    window.ctx.wait_idle(10)
    return workspace


def workspace_states(workspace) -> dict[str, tuple[object, EmptyOr]]:
    """tab (to make current) → its list-or-state, by the state's name."""
    return {
        "meetings_empty": (workspace.meetings, workspace.meetings.list_or_empty),
        "actions_empty": (workspace.actions_tab, workspace.actions_tab.list_or_empty),
        "goals_empty": (workspace.goals, workspace.goals.list_or_empty),
        "reviews_empty": (workspace.reviews, workspace.reviews.pages_or_empty),
        "touchpoints_empty": (workspace.relationship, workspace.relationship.touch_or_empty),
        "contacts_empty": (workspace.overview, workspace.overview.contacts.list_or_empty),
    }


def assert_worded(state: EmptyState, chinese: bool) -> None:
    """A heading, a paragraph saying what the page is for, and named steps, in the
    language shown; drawn within its room."""
    assert state.isVisible(), state.objectName()
    steps = [b for b in state.steps.values() if b.isVisible()]
    assert steps, f"{state.objectName()} offers no next step"
    texts = [state.heading.text(), state.text.text(), *(b.text() for b in steps)]
    assert all(t.strip() for t in texts), texts
    # says what the page is for (Chinese says it in fewer characters)
    assert len(state.text.text()) > (25 if chinese else 60), state.text.text()
    for i, t in enumerate(texts):  # (an English paragraph may quote a Chinese name)
        assert (CJK.search(t) is not None if chinese else re.search("[A-Za-z]{4}", t)
                and (i == 1 or not CJK.search(t))), (state.objectName(), t)
    for b in steps:
        assert b.accessibleName(), b.objectName()
        assert b.width() >= b.minimumSizeHint().width(), b.text()
    # the paragraph is not cut: it has the height its lines need at its width
    assert state.text.height() + 1 >= state.text.heightForWidth(state.text.width())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_partner_with_no_records_gets_a_first_step_on_every_tab(qtbot, window, language):
    workspace = open_bare_partner(qtbot, window)
    if language != "en":
        desktop_app.install_language(language)
        qtbot.waitUntil(lambda: CJK.search(workspace.tabs.tabText(0)) is not None, timeout=3000)
        qtbot.wait(300)  # the workspace builds its tabs anew in the new language
        window.ctx.wait_idle(10)
    for name, (tab, place) in workspace_states(workspace).items():
        workspace.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(place.is_empty, timeout=5000)
        qtbot.wait(20)
        assert place.state.objectName() == name
        assert not place.content.isVisible()
        assert_worded(place.state, chinese=language != "en")


def test_each_tabs_step_does_what_it_says_and_the_list_comes_back(qtbot, window):
    workspace = open_bare_partner(qtbot, window)
    states = workspace_states(workspace)
    # the dialogs' tabs: the step opens the dialog for a new record
    for name, step in (("actions_empty", "actions_empty_new"), ("goals_empty", "goals_empty_new"),
                       ("touchpoints_empty", "touchpoints_empty_new"),
                       ("contacts_empty", "contacts_empty_new")):
        tab, place = states[name]
        workspace.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(place.is_empty, timeout=5000)
        place.state.steps[step].click()
        owner = workspace.overview.contacts if name == "contacts_empty" else tab
        qtbot.waitUntil(lambda o=owner: o.dialog is not None and o.dialog.isVisible(),
                        timeout=3000)
        owner.dialog.reject()
    # Start a meeting: a meeting now, the list in the state's place, its notes to type in
    tab, place = states["meetings_empty"]
    workspace.tabs.setCurrentWidget(tab)
    place.state.steps["meetings_empty_new"].click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert not place.is_empty() and tab.view.isVisible() and not place.state.isVisible()
    # Start a review: the checklist in the state's place
    tab, place = states["reviews_empty"]
    workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.template_combo.count() > 0, timeout=5000)
    place.state.steps["reviews_empty_new"].click()
    qtbot.waitUntil(lambda: tab.current_run_id() is not None, timeout=5000)
    assert not place.is_empty() and tab.pages.isVisible()


def test_an_action_list_with_only_closed_items_offers_to_show_them(qtbot, window):
    partner = window.seeded["chengdu"]["id"]
    window.ctx.call_db(lambda s: s.create_action_item(
        partner_id=partner, title="季度返点对账", opened_on="2026-10-01", status="feedback_given",
        feedback="已完成"))
    workspace = open_bare_partner(qtbot, window)
    tab = workspace.actions_tab
    workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    place = tab.list_or_empty
    assert place.is_empty()  # closed items are not listed by default
    assert place.state.heading.text() == "No open action items"
    show = place.state.steps["actions_empty_closed"]
    assert show.isVisible()
    show.click()
    assert tab.show_all.isChecked() and not place.is_empty() and tab.view.isVisible()


def test_the_calendars_empty_day_offers_to_plan_a_visit(qtbot, window):
    window.show_page(PAGE_CALENDAR)
    calendar = window.calendar
    window.ctx.wait_idle(10)
    qtbot.waitUntil(lambda: calendar.data_ is not None, timeout=10000)
    # a day with a held visit lists it; a day with nothing says what to do
    calendar.grid.select(dt.date(2026, 11, 20))
    qtbot.waitUntil(lambda: not calendar.day_or_empty.is_empty(), timeout=5000)
    assert calendar.day_list.isVisible()
    calendar.grid.select(dt.date(2026, 11, 17))
    qtbot.waitUntil(calendar.day_or_empty.is_empty, timeout=5000)
    assert_worded(calendar.day_empty, chinese=False)
    calendar.day_empty.steps["calendar_empty_plan"].click()
    dialog = calendar.search_dialog
    day = QLocale().toString(dt.date(2026, 11, 17), QLocale.FormatType.ShortFormat)
    assert dialog.isVisible() and day in dialog.purpose
    dialog.reject()
    desktop_app.install_language("zh_CN")
    qtbot.wait(50)
    assert_worded(calendar.day_empty, chinese=True)


def test_search_says_what_to_type_and_how_to_get_out_of_nothing_found(qtbot, window):
    dialog = window.show_search()
    qtbot.waitExposed(dialog)
    place = dialog.view_or_empty
    assert place.is_empty() and dialog.empty_state.heading.text() == "Find a partner or a record"
    assert not dialog.empty_state.steps["search_empty_clear"].isVisible()
    dialog.input.setText("zzqx 不存在的伙伴")
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.empty_state.heading.text()
                    == "Nothing found", timeout=5000)
    assert place.is_empty()
    assert_worded(dialog.empty_state, chinese=False)
    dialog.empty_state.steps["search_empty_clear"].click()
    assert dialog.input.text() == "" and dialog.input.hasFocus()
    dialog.input.setText("华东")
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() > 0, timeout=5000)
    assert not place.is_empty() and dialog.view.isVisible()
    dialog.reject()


def test_partners_says_when_the_filter_matches_none_and_clears_it(qtbot, window):
    window.show_page(PAGE_PARTNERS)
    partners = window.partners
    qtbot.waitUntil(lambda: partners.model.rowCount() == 4, timeout=5000)
    partners.set_combo_filter("tier", "core")
    partners.set_filter_text("成都")  # the Chengdu partner is not core
    assert partners.proxy.rowCount() == 0 and partners.table_stack.currentIndex() == 1
    state = partners.empty_state
    assert state.heading.text() == "No partner matches the filter"
    assert "4" in state.text.text()
    assert not state.steps["partners_empty_new"].isVisible()
    state.steps["partners_empty_clear"].click()
    assert partners.proxy.rowCount() == 4 and partners.table_stack.currentIndex() == 0
    assert partners.search.text() == "" and partners.tier_combo.currentIndex() == 0


def test_sync_reviews_when_not_signed_in_offer_to_sign_in(qtbot, window):
    sync_ui = window.sync_ui
    assert sync_ui is not None and not sync_ui.service.snapshot.signed_in
    for show, name in ((sync_ui.show_conflicts, "no_conflicts"),
                       (sync_ui.show_rejected, "no_rejected")):
        view = show()
        qtbot.waitExposed(view)
        state = view.empty_state
        qtbot.waitUntil(state.isVisible, timeout=5000)
        window.ctx.wait_idle(10)
        qtbot.wait(50)  # the lane's answer, then the layout pass it asks for
        assert state.objectName() == name and state.heading.text() == "Not signed in"
        assert not state.steps[f"{name}_sync"].isVisible()
        assert_worded(state, chinese=False)
        state.steps[f"{name}_sign_in"].click()
        qtbot.waitUntil(lambda: sync_ui.sign_in_dialog is not None
                        and sync_ui.sign_in_dialog.isVisible(), timeout=5000)
        sync_ui.sign_in_dialog.reject()
        view.close()


def test_one_empty_state_widget_everywhere(qtbot, window):
    """The pages use the one component: no hand-made "nothing here" labels beside it."""
    workspace = open_bare_partner(qtbot, window)
    window.show_page(PAGE_CALENDAR)
    states = [place.state for _tab, place in workspace_states(workspace).values()]
    states += [window.calendar.day_empty, window.partners.empty_state,
               window.today.first_steps]
    assert all(type(s) is EmptyState for s in states)
    assert len({s.objectName() for s in states}) == len(states)


def test_a_list_that_empties_under_the_keyboard_hands_the_focus_to_the_first_step(qtbot):
    """EmptyOr itself: the state takes the list's place as its last row goes, the
    focus (on the list) moves to the state's first shown step, and back to the list
    when rows come again; a hidden step is skipped."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

    model = QStandardItemModel()
    model.appendRow(QStandardItem("华东渠道分销商"))
    view = QListView()
    view.setModel(model)
    # next in the focus chain after the list: where Qt alone would send the focus
    beside = QLineEdit()
    state = EmptyState("probe_empty")
    state.add_step("probe_hidden", lambda: None).hide()
    state.add_step("probe_next", lambda: None)
    state.set_texts("Nothing here", "What the list is for, and the next step.",
                    {"probe_hidden": "Hidden", "probe_next": "Next step"})
    page = QWidget()
    place = EmptyOr(view, state).watch(model)
    layout = QVBoxLayout(page)
    layout.addWidget(place)
    layout.addWidget(beside)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert not place.is_empty() and view.isVisible()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    model.removeRow(0)
    assert place.is_empty() and state.isVisible() and not view.isVisible()
    qtbot.waitUntil(state.steps["probe_next"].hasFocus, timeout=2000)
    model.appendRow(QStandardItem("成都普通分销"))
    assert not place.is_empty()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
