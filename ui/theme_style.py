"""The Qt palette and style sheet generated from a theme's colours (ui/theme.py).

Kept small on purpose: the Fusion style draws the controls from the palette; the
style sheet adds what a palette cannot say: a visible keyboard focus ring on every
kind of control, the tones and text styles widgets ask for by property, badges,
banners and the navigation list.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ui.theme import SPACING, TONES, TYPE_SCALE, Colors
from ui.theme_icons import svg_file

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def palette(c: Colors) -> QPalette:
    p = QPalette()
    roles = {
        Role.Window: c.window, Role.WindowText: c.text, Role.Base: c.base,
        Role.AlternateBase: c.alt_base, Role.ToolTipBase: c.raised, Role.ToolTipText: c.text,
        Role.PlaceholderText: c.muted, Role.Text: c.text, Role.Button: c.raised,
        Role.ButtonText: c.text, Role.BrightText: c.overdue, Role.Highlight: c.accent,
        Role.HighlightedText: c.on_accent, Role.Link: c.accent, Role.LinkVisited: c.accent,
        Role.Light: c.raised, Role.Midlight: c.alt_base, Role.Mid: c.border,
        Role.Dark: c.border, Role.Shadow: "#000000",
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        p.setColor(Group.Disabled, role, QColor(c.muted))
    if hasattr(Role, "Accent"):  # Qt 6.6
        p.setColor(Role.Accent, QColor(c.accent))
    return p


def _arrow(name: str, colour: str) -> str:
    return f"url({svg_file(name, colour).as_posix()})"


def style_sheet(c: Colors, body_pt: float) -> str:
    s = SPACING
    body_pt = body_pt if body_pt > 0 else 10.0
    down, up = _arrow("chevron-down", c.text), _arrow("chevron-up", c.text)
    down_off, up_off = _arrow("chevron-down", c.muted), _arrow("chevron-up", c.muted)
    parts = [f"""
/* keyboard focus: a 2 px ring on every control that takes focus */
QPushButton, QToolButton {{
    background: {c.raised}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 4px; padding: {s['s']}px {s['l']}px; }}
QToolButton {{ padding: {s['s']}px; }}
QPushButton:hover, QToolButton:hover {{ background: {c.alt_base}; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{ background: {c.neutral_bg}; }}
QPushButton:checked {{ background: {c.info_bg}; border: 2px solid {c.accent};
    padding: {s['s'] - 1}px {s['l'] - 1}px; }}
QPushButton:default {{ border-color: {c.accent}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted}; background: {c.window}; }}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {c.focus}; padding: {s['s'] - 1}px {s['l'] - 1}px; }}
QToolButton:focus {{ padding: {s['s'] - 1}px; }}
QPushButton[flat="true"] {{ border-color: transparent; background: transparent; }}
QPushButton[flat="true"]:focus {{ border: 2px solid {c.focus}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox {{
    border: 1px solid {c.border}; border-radius: 4px; background: {c.base};
    color: {c.text}; padding: 2px {s['s']}px;
    selection-background-color: {c.accent}; selection-color: {c.on_accent}; }}
QAbstractSpinBox, QComboBox {{ padding-right: 22px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus {{ border: 2px solid {c.focus}; padding: 1px {s['s'] - 1}px; }}
QAbstractSpinBox:focus, QComboBox:focus {{ padding-right: 21px; }}
QComboBox::drop-down, QDateTimeEdit::drop-down {{ subcontrol-origin: border;
    subcontrol-position: center right; width: 20px; border: none; }}
QComboBox::down-arrow, QDateTimeEdit::down-arrow, QAbstractSpinBox::down-arrow {{
    image: {down}; width: 12px; height: 12px; }}
QAbstractSpinBox::up-arrow {{ image: {up}; width: 12px; height: 12px; }}
QComboBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:disabled,
QAbstractSpinBox::down-arrow:off {{ image: {down_off}; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off {{ image: {up_off}; }}
QAbstractSpinBox::up-button {{ subcontrol-origin: border; subcontrol-position: top right;
    width: 20px; border: none; }}
QAbstractSpinBox::down-button {{ subcontrol-origin: border; subcontrol-position: bottom right;
    width: 20px; border: none; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover,
QComboBox::drop-down:hover {{ background: {c.alt_base}; }}
*[invalid="true"] {{ border: 2px solid {c.error}; }}
QLineEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{ color: {c.muted}; }}
QComboBox QAbstractItemView {{ border: 1px solid {c.border}; }}
QAbstractItemView {{ border: 1px solid {c.border}; alternate-background-color: {c.alt_base};
    selection-background-color: {c.accent}; selection-color: {c.on_accent}; }}
QAbstractItemView:focus {{ border: 2px solid {c.focus}; }}
QCheckBox, QRadioButton {{ padding: 1px {s['xs']}px; border-radius: 3px; }}
QCheckBox:focus, QRadioButton:focus, QGroupBox:focus {{
    background: {c.info_bg}; border: 1px solid {c.focus}; padding: 0px {s['xs'] - 1}px; }}
QTabBar::tab:focus {{ color: {c.accent}; text-decoration: underline; }}
QTextBrowser:focus {{ border: 2px solid {c.focus}; }}
QLabel[tone="muted"] {{ color: {c.muted}; }}
QToolTip {{ background: {c.raised}; color: {c.text}; border: 1px solid {c.border}; }}
QHeaderView::section {{ background: {c.alt_base}; color: {c.text}; border: none;
    border-right: 1px solid {c.border}; border-bottom: 1px solid {c.border};
    padding: {s['xs']}px {s['s']}px; }}
QHeaderView::section:focus {{ border: 2px solid {c.focus}; }}
QListWidget#navigation {{ background: {c.window}; border: none; padding: {s['xs']}px;
    outline: none; }}
QListWidget#navigation::item {{ padding: {s['m']}px {s['m']}px; border-radius: 6px;
    color: {c.text}; }}
QListWidget#navigation::item:hover {{ background: {c.alt_base}; }}
QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QListWidget#navigation:focus {{ border: 2px solid {c.focus}; border-radius: 6px; }}
QWidget#statusBadge {{ border-radius: 9px; }}
"""]
    for tone in TONES:
        text, tint = getattr(c, tone), getattr(c, f"{tone}_bg")
        parts.append(f"*[tone=\"{tone}\"] {{ color: {text}; }}\n"
                     f"QWidget[badge=\"{tone}\"] {{ background: {tint}; }}\n"
                     f"QFrame[banner=\"{tone}\"], QWidget[banner=\"{tone}\"] {{ background: {tint};"
                     f" border: 1px solid {text}; border-radius: 4px; color: {c.text}; }}\n")
    for style, factor in TYPE_SCALE.items():
        weight = "font-weight: 600;" if style in ("subtitle", "title", "display") else ""
        parts.append(f"*[textStyle=\"{style}\"] {{ font-size: {body_pt * factor:.1f}pt; {weight} }}\n")
    return "".join(parts)
