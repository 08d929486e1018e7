"""The theme (ui/theme.py): colours that read (WCAG AA contrast computed from the
theme's own values, both appearances), applied live to the running app, icons that
follow it, statuses never shown by colour alone."""
from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from ui import theme
from ui.theme_icons import ICON_DIR, LICENCE, available

#: WCAG 2.x: body text 4.5:1; focus rings, borders of controls and icons 3:1
AA_TEXT = 4.5
AA_NON_TEXT = 3.0
APPEARANCES = {"light": theme.LIGHT, "dark": theme.DARK}


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_is_computed_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near-miss


@pytest.mark.parametrize("name", APPEARANCES)
def test_every_text_colour_meets_wcag_aa_on_every_background_it_is_drawn_on(name):
    c = APPEARANCES[name]
    surfaces = {"window": c.window, "base": c.base, "alt_base": c.alt_base, "raised": c.raised}
    failures = []
    for text_role in ("text", "muted", *theme.TONES):
        backgrounds = dict(surfaces)
        if text_role in theme.TONES:  # a badge, a banner: the tone's text on its tint
            backgrounds[f"{text_role}_bg"] = getattr(c, f"{text_role}_bg")
        if text_role == "text":  # banners keep plain text on every tint
            backgrounds.update({f"{t}_bg": getattr(c, f"{t}_bg") for t in theme.TONES})
        for bg_role, bg in backgrounds.items():
            ratio = contrast(getattr(c, text_role), bg)
            if ratio < AA_TEXT:
                failures.append(f"{text_role} on {bg_role}: {ratio:.2f}")
    # the selected row, the default button, a link
    for text_role, bg_role in (("on_accent", "accent"), ("accent", "base"), ("accent", "window")):
        ratio = contrast(getattr(c, text_role), getattr(c, bg_role))
        if ratio < AA_TEXT:
            failures.append(f"{text_role} on {bg_role}: {ratio:.2f}")
    assert not failures, f"{name}: {failures}"


@pytest.mark.parametrize("name", APPEARANCES)
def test_the_focus_ring_stands_out_from_what_it_surrounds(name):
    c = APPEARANCES[name]
    for bg in (c.window, c.base, c.raised):
        assert contrast(c.focus, bg) >= AA_NON_TEXT, (name, bg)


def test_both_appearances_define_every_role_and_differ():
    for c in APPEARANCES.values():
        for f in fields(c):
            value = getattr(c, f.name)
            assert value.startswith("#") and len(value) == 7, (f.name, value)
    assert luminance(theme.LIGHT.window) > 0.8
    assert luminance(theme.DARK.window) < 0.05


def test_every_status_has_a_tone_and_a_bundled_icon():
    icons = set(available())
    for status, (tone, icon) in theme.STATUSES.items():
        assert tone in theme.TONES, status
        assert icon in icons, status
    assert set(theme.TIER_ICONS.values()) <= icons
    assert "MIT" in LICENCE.read_text(encoding="utf-8")


@pytest.fixture
def themed(qapp):
    theme.apply("light")
    yield qapp
    theme.apply("light")


def _icon_colours(icon, size=32) -> set[str]:
    image = icon.pixmap(QSize(size, size)).toImage()
    return {image.pixelColor(x, y).name() for x in range(size) for y in range(size)
            if image.pixelColor(x, y).alpha() == 255}


def test_apply_switches_palette_style_sheet_and_icons_live(themed, qtbot):
    label = QLabel("late")
    qtbot.addWidget(label)
    theme.set_tone(label, "overdue")
    calendar = theme.icon("calendar")  # made once, before the switch
    assert _icon_colours(calendar) == {theme.LIGHT.text}
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.LIGHT.overdue
    with qtbot.waitSignal(theme.changes().changed):
        theme.apply("dark")
    assert theme.is_dark() and theme.mode() == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
    assert _icon_colours(calendar) == {theme.DARK.text}  # the same icon, redrawn
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.DARK.overdue
    assert theme.color("overdue").name() == theme.DARK.overdue


def test_system_appearance_follows_the_platform_signal(themed, monkeypatch):
    theme.apply("system")
    assert not theme.is_dark()  # the offscreen platform reports no preference: light
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == theme.DARK.base
    theme.apply("light")  # a chosen appearance ignores the system
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark()


def test_text_size_override_and_back_to_the_system_size(themed, qtbot):
    system = theme.system_font_pt()
    title = QLabel("Today")
    qtbot.addWidget(title)
    theme.set_text_style(title, "title")
    assert title.font().pointSizeF() == pytest.approx(system * 1.35, abs=0.01)
    assert title.font().bold()
    theme.apply("light", 17)
    assert QApplication.font().pointSizeF() == 17
    assert title.font().pointSizeF() == pytest.approx(17 * 1.35, abs=0.01)  # live
    theme.apply("light", 0)
    assert QApplication.font().pointSizeF() == system
    assert title.font().pointSizeF() == pytest.approx(system * 1.35, abs=0.01)


def test_applying_keeps_the_font_families_the_app_chose(themed):
    """The theme changes the text size only: a family put first after the theme was
    first applied (create_app puts a CJK font first) stays first through every apply.
    Before, the theme went back to the font it saw first, and a window opened after
    that laid out in another font than the app's (caught by test_real_screens when it
    ran after this file)."""
    app = QApplication.instance()
    before = QFont(app.font())
    try:
        font = QFont(app.font())
        font.setFamilies(["WenQuanYi Micro Hei", *font.families()])
        app.setFont(font)
        theme.apply("dark", 15)
        assert app.font().families()[0] == "WenQuanYi Micro Hei"
        assert app.font().pointSizeF() == 15
        theme.apply("light", 0)
        assert app.font().families()[0] == "WenQuanYi Micro Hei"
        assert app.font().pointSizeF() == theme.system_font_pt()
    finally:
        app.setFont(before)


def test_a_status_badge_says_the_word_and_shows_the_icon(themed, qtbot):
    badge = theme.status_badge("overdue", "Overdue")
    qtbot.addWidget(badge)
    assert badge.text() == "Overdue" and badge.accessibleName() == "Overdue"
    image = badge.icon_label.pixmap().toImage()
    assert not image.isNull()
    opaque = max((image.pixelColor(x, y) for x in range(image.width())
                  for y in range(image.height())), key=lambda c: c.alpha())
    assert opaque.alpha() > 200 and opaque.name() == theme.LIGHT.overdue
    # its tint behind the word
    tint = badge.grab().toImage().pixelColor(badge.width() // 2, 1).name()
    assert tint == theme.LIGHT.overdue_bg
    badge.set_status("done", "Done")
    assert badge.text() == "Done" and badge.status == "done"


def test_only_the_icons_the_app_names_are_bundled():
    """The folder holds exactly scripts/vendor_icons.py's list, and each of them is
    named somewhere in ui/ (an icon nobody shows is not shipped)."""
    from pathlib import Path

    from scripts.vendor_icons import ICONS

    assert set(available()) == set(ICONS)
    assert (ICON_DIR / "LICENSE").is_file()
    ui_text = "".join(p.read_text(encoding="utf-8")
                      for p in Path(theme.__file__).parent.rglob("*.py"))
    assert not [n for n in ICONS if f'"{n}"' not in ui_text]


def test_no_widget_writes_a_colour_of_its_own():
    """Colours come from the theme only (ui/theme.py, ui/theme_style.py): a literal
    colour or a style sheet elsewhere would not follow the appearance or pass the
    contrast test."""
    import re
    from pathlib import Path

    ui = Path(theme.__file__).parent
    literal = re.compile(r"""["'][^"'\n]*(#[0-9a-fA-F]{3,8}\b|rgba?\(|palette\()""")
    offenders = []
    for path in sorted(ui.rglob("*.py")):
        if path.name in ("theme.py", "theme_style.py", "theme_icons.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if (literal.search(line) or "setStyleSheet(" in line or "QColor(" in line
                    or "Qt.GlobalColor." in line and "transparent" not in line):
                offenders.append(f"{path.relative_to(ui.parent)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_a_mark_taken_off_follows_the_appearance_again(themed, qtbot):
    from PySide6.QtWidgets import QLineEdit

    label, edit = QLabel("x"), QLineEdit()
    for w in (label, edit):
        qtbot.addWidget(w)
    theme.set_tone(label, "overdue")
    theme.set_invalid(edit, True)
    assert edit.palette().color(QPalette.ColorRole.Base).name() == theme.LIGHT.error_bg
    theme.set_tone(label, "")
    theme.set_invalid(edit, False)
    theme.apply("dark")
    qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.WindowText).name()
                    == theme.DARK.text, timeout=2000)
    assert edit.palette().color(QPalette.ColorRole.Base).name() == theme.DARK.base
