"""The theme in the running app: applied at start from the profile's settings,
switched live from Settings, icons and count badges in the navigation."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.settings import Settings
from tests.test_app_shell import open_window, seed
from ui import theme
from ui.pages import BADGE_ROLE


@pytest.fixture
def window(qtbot, profile):
    seed(profile)
    w = open_window(qtbot, profile)
    yield w
    w.close()
    theme.apply("light")


def window_colour(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.Window).name()


def test_the_profile_s_appearance_and_text_size_apply_at_start(qtbot, profile):
    seed(profile)
    settings = Settings(profile.settings_file)
    settings.appearance, settings.font_size = "dark", 15
    window = open_window(qtbot, profile)
    try:
        assert theme.is_dark()
        qtbot.waitUntil(lambda: window_colour(window) == theme.DARK.window, timeout=2000)
        assert QApplication.font().pointSizeF() == 15
    finally:
        window.close()
        theme.apply("light")


def test_settings_switch_appearance_and_text_size_live_and_keep_them(qtbot, window, profile):
    assert window_colour(window) == theme.LIGHT.window
    system_pt = theme.system_font_pt()
    dialog = window.show_settings()
    assert dialog.appearance.currentData() == "system"
    assert dialog.font_size.value() < theme.MIN_FONT_PT  # "follow the system"
    assert f"{system_pt:g} pt" in dialog.font_size.specialValueText()
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog.font_size.setValue(16)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    # no restart: the open window turns dark and larger (the palette reaches it through
    # the event loop)
    qtbot.waitUntil(lambda: window_colour(window) == theme.DARK.window, timeout=2000)
    assert window.today.heading.font().pointSizeF() == pytest.approx(16 * theme.TYPE_SCALE["title"],
                                                                     abs=0.1)
    settings = Settings(profile.settings_file)
    assert (settings.appearance, settings.font_size) == ("dark", 16)

    dialog = window.show_settings()
    assert dialog.appearance.currentData() == "dark" and dialog.font_size.value() == 16
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("system"))
    dialog.font_size.setValue(dialog.font_size.minimum())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window_colour(window) == theme.LIGHT.window, timeout=2000)
    assert QApplication.font().pointSizeF() == system_pt
    assert Settings(profile.settings_file).font_size == 0


def test_cancel_changes_nothing(qtbot, window, profile):
    dialog = window.show_settings()
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog.reject()
    assert not theme.is_dark() and Settings(profile.settings_file).appearance == "system"


def test_navigation_shows_icons_and_today_counts_what_is_late(qtbot, window):
    nav = window.nav
    for row in range(nav.count()):
        assert not nav.item(row).icon().isNull(), nav.item(row).text()
    # the seed: one partner never visited (overdue), one visited 26 days ago
    data = window.today.data_
    late_visits = sum(1 for v in data.visits if v.visit_status == "overdue")
    late_actions = data.figures.actions_late  # work past due (not done items awaiting feedback)
    assert late_visits + late_actions > 0
    assert nav.item(0).data(BADGE_ROLE) == (late_visits + late_actions, "overdue")
    assert window.page_stack.badge("today") == late_visits + late_actions
    words = nav.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert words.startswith("Today, ") and str(late_visits) in words
    assert nav.item(0).toolTip() == words.removeprefix("Today, ")
    assert nav.item(1).data(BADGE_ROLE) is None
    # the badge is drawn: the tone's tint at the right of Today's entry, not of Partners'
    image = nav.viewport().grab().toImage()

    def tinted(row: int) -> bool:
        rect = nav.visualItemRect(nav.item(row))
        return any(image.pixelColor(x, rect.center().y()).name() == theme.LIGHT.overdue_bg
                   for x in range(rect.center().x(), rect.right()))

    window.show_page(1)  # Today's entry not selected, so its own colours show
    image = nav.viewport().grab().toImage()
    assert tinted(0) and not tinted(2)


def test_menu_commands_have_icons(qtbot, window):
    menus = window.menus
    for action in (menus.act_search, menus.act_new_partner, menus.act_settings,
                   menus.act_pack, menus.act_about, *window.page_stack.actions):
        assert not action.icon().isNull(), action.objectName()
