"""Empty pages say what they are for and offer the next step; the first start's
demo offer can be found again (Help ▸ Load demo data…), on an empty profile only."""
from __future__ import annotations

from desktop import app as desktop_app
from tests.test_app_shell import TODAY, open_window, seed
from ui.main_window import PAGE_PARTNERS


def _small_demo(monkeypatch, chosen: list[str]) -> None:
    from ui import demo_offer

    monkeypatch.setattr(demo_offer, "DEMO_PARTNERS", 3)
    monkeypatch.setattr(demo_offer, "DEMO_MEETINGS", 12)
    monkeypatch.setattr(demo_offer, "DEMO_ACTIONS", 6)

    def choose_demo(dialog):  # the user clicks "Load demo data"
        chosen.append(dialog.windowTitle())
        dialog.choice = "demo"
        return 1

    monkeypatch.setattr(demo_offer.DemoOfferDialog, "exec", choose_demo)


def test_empty_pages_offer_first_steps_and_help_loads_the_demo(qtbot, profile, monkeypatch):
    chosen: list[str] = []
    _small_demo(monkeypatch, chosen)
    window = open_window(qtbot, profile)  # offer_demo=False: as after "Start empty"
    today = window.today
    assert today.first_steps.isVisibleTo(today)
    # signing in is a first step too: head office's partners come with the first sync
    sign_in = today.first_steps.steps["first_steps_sign_in"]
    assert sign_in.isVisibleTo(today) and sign_in.text() == "Sign in to get your partners…"
    sign_in.click()
    qtbot.waitUntil(lambda: window.sync_ui.sign_in_dialog is not None
                    and window.sync_ui.sign_in_dialog.isVisible(), timeout=5000)
    window.sync_ui.sign_in_dialog.reject()
    window.show_page(PAGE_PARTNERS)
    partners = window.partners
    assert partners.table_stack.currentIndex() == 1
    assert partners.empty_state.heading.text() == "No partners yet"
    # the page's "Add a partner…" opens the partner dialog
    partners.empty_state.steps["partners_empty_new"].click()
    dialog = window.partner_dialog
    assert dialog.isVisible()
    dialog.reject()
    # Help ▸ Load demo data… offers it again, and loads it
    action = window.menus.act_load_demo
    assert action in window.menus.menu_help.actions()
    assert action.text() == "Load &demo data…"
    action.trigger()
    assert chosen == ["Welcome to ChannelKeeper"]
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 3, timeout=20000)
    qtbot.waitUntil(lambda: not today.first_steps.isVisibleTo(today), timeout=5000)
    assert partners.table_stack.currentIndex() == 0
    # now the profile has partners: demo data is not mixed into them
    assert window.offer_demo() == "refused"
    assert chosen == ["Welcome to ChannelKeeper"]
    assert "empty profile only" in window.statusBar().currentMessage()
    window.close()


def test_a_profile_with_partners_shows_no_first_steps(qtbot, profile):
    seed(profile)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    assert not window.today.first_steps.isVisibleTo(window.today)
    window.show_page(PAGE_PARTNERS)
    assert window.partners.table_stack.currentIndex() == 0
    window.close()
