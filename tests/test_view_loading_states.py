"""Until the first load is in, Today and Partners say they are loading, never that
there is nothing due or no partner: a real profile, the real window offscreen, the
real first load held back in the database lane."""
from __future__ import annotations

import re
import threading

import pytest

from desktop import app as desktop_app
from desktop import session as desktop_session
from tests.test_app_shell import TODAY, seed
from ui.main_window import PAGE_PARTNERS, PAGE_TODAY


@pytest.fixture
def held_first_load(monkeypatch):
    """The first load waits (in the database lane) until the test sets the event."""
    gate = threading.Event()
    real = desktop_session.first_load

    def slow_first_load(*args, **kwargs):
        gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(desktop_session, "first_load", slow_first_load)
    yield gate
    gate.set()  # never leave the lane waiting


def test_pages_say_loading_until_the_first_load_is_on_screen(qtbot, profile, held_first_load):
    seeded = seed(profile)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    today, partners = window.today, window.partners

    assert not window.is_ready
    # Today: every list says it is loading (not "every partner has been visited"),
    # every card shows no figure yet
    for section in today.sections():
        assert section.stack.currentWidget() is section.empty
        assert section.empty.text() == "Loading…"
        assert not re.search(r"\(\d+\)$", section.title.text())  # no count, "(0)" least of all
    assert today.visits.title.text() == "Visits due"
    assert today.card("visits_overdue").figure.text() == "…"
    # Partners opened early: loading, not the empty profile's first steps
    window.show_page(PAGE_PARTNERS)
    assert partners.table_stack.currentIndex() == 1
    assert partners.empty_state.heading.text() == "Loading partners…"
    assert not any(step.isVisible() for step in partners.empty_state.steps.values())
    assert partners.count_label.text() == "Partners: loading…"

    held_first_load.set()
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    # the list replaces the loading state on the page the user is on
    assert partners.table_stack.currentIndex() == 0
    assert partners.count_label.text() == "Partners: 4"
    assert sorted(partners.visible_partner_ids()) == sorted(p["id"] for p in seeded.values())
    window.show_page(PAGE_TODAY)
    assert today.visits.stack.currentWidget() is today.visits.view
    assert today.visits.model.rowCount() > 0
    assert today.visits.title.text() == f"Visits due ({today.visits.model.rowCount()})"
    assert today.card("visits_overdue").figure.text() != "…"
    # a list with nothing in it says so once loaded (the method's lists arrive in a
    # second job after the first)
    qtbot.waitUntil(lambda: all(s.load_state == "loaded" for s in today.sections()), timeout=10000)
    for section in today.sections():
        if section.model.rowCount() == 0:
            assert section.empty.text() not in ("", "Loading…")
    window.close()


def test_an_empty_profile_offers_its_first_steps_once_loaded(qtbot, profile, held_first_load):
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    assert window is not None
    qtbot.addWidget(window)
    window.show_page(PAGE_PARTNERS)
    partners = window.partners
    steps = partners.empty_state.steps
    window.show()
    qtbot.waitExposed(window)
    assert not steps["partners_empty_new"].isVisible()

    held_first_load.set()
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    assert partners.empty_state.heading.text() == "No partners yet"
    assert steps["partners_empty_new"].isVisible()
    assert partners.count_label.text() == "Partners: 0"
    window.close()


def test_a_failed_first_load_says_so_instead_of_loading(qtbot, profile, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("models.insights.partner_overviews", broken)
    seed(profile)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    for section in window.today.sections():
        if section.model.rowCount() == 0:
            assert section.empty.text() == "This list could not be loaded."
    assert window.today.visits.empty.text() == "This list could not be loaded."
    assert window.today.visits.title.text() == "Visits due"  # not "(0)": nothing is known
    window.show_page(PAGE_PARTNERS)
    partners = window.partners
    assert partners.empty_state.heading.text() == "The partners could not be loaded."
    assert not partners.empty_state.steps["partners_empty_new"].isVisible()
    window.close()
