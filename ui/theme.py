"""The one visual language of the app: spacing, type scale, colours with meaning,
icons, for a light and a dark appearance.

Everything visual is asked of this module, never written as a literal in a widget:

    theme.space("m")                 # 8 px, the spacing scale
    theme.color("overdue")           # a QColor of the current appearance
    theme.icon("calendar")           # a Tabler icon drawn in the text colour
    theme.status_icon("overdue")     # the status' icon in the status' colour
    theme.set_tone(label, "error")   # the label's text in that colour, live
    theme.set_text_style(label, "title")
    theme.status_badge("overdue", text)   # icon + word + colour, never colour alone

Colours by meaning: ``overdue`` (red) only for what is actually late, ``due`` (amber)
for what falls due soon, ``done`` (green), ``neutral`` and ``info``; ``error`` for a
refused input. Every status is shown with an icon or a word besides its colour.

The appearance follows the system (``QStyleHints.colorScheme`` and its change signal)
unless the user chose Light or Dark in Settings; ``apply`` switches it live (Fusion
drawn from the theme's palette, font size, marked widgets repainted, one focus ring
that follows keyboard focus) and ``changes().changed`` tells widgets that paint by
hand. Widgets that use tones, text styles and themed icons need nothing more: a
themed icon picks its colour each time it is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from ui.status_badge import StatusBadge

#: the appearance settings (desktop/settings.py keeps the user's choice)
MODES = ("system", "light", "dark")
#: the text sizes Settings offers besides "follow the system" (points)
MIN_FONT_PT, MAX_FONT_PT = 8, 24

#: the spacing scale (px); layouts use these, not numbers of their own
SPACING = {"xs": 2, "s": 4, "m": 8, "l": 12, "xl": 16, "xxl": 24}
#: the type scale: a text style's size as a multiple of the body text's
TYPE_SCALE = {"small": 0.9, "body": 1.0, "subtitle": 1.15, "title": 1.35, "display": 1.8}
#: text styles that are bold
BOLD_STYLES = {"subtitle", "title", "display"}


@dataclass(frozen=True, slots=True)
class Colors:
    """One appearance's colours, by role."""

    window: str        # behind everything
    base: str          # inputs, tables, lists
    alt_base: str      # alternate table rows
    raised: str        # cards and buttons
    text: str
    muted: str         # secondary text (still ≥ 4.5:1)
    border: str
    accent: str        # links, the default button, the selected row
    on_accent: str     # text on accent
    focus: str         # the keyboard focus ring
    # meanings: text colours, each readable on window, base and its own tint
    overdue: str
    due: str
    done: str
    neutral: str
    info: str
    error: str
    # the tints behind a badge, a banner or a highlighted difference
    overdue_bg: str
    due_bg: str
    done_bg: str
    neutral_bg: str
    info_bg: str
    error_bg: str


LIGHT = Colors(
    window="#f5f6f8", base="#ffffff", alt_base="#f2f4f7", raised="#ffffff",
    text="#1f2328", muted="#565e68", border="#c3c9d1", accent="#0b5cad",
    on_accent="#ffffff", focus="#1a73e8",
    overdue="#b3261e", due="#8a4b00", done="#1b6e34", neutral="#565e68", info="#0b5cad",
    error="#b3261e",
    overdue_bg="#fdecea", due_bg="#fff3d6", done_bg="#e5f4ea", neutral_bg="#eceff3",
    info_bg="#e6f0fb", error_bg="#fdecea",
)

DARK = Colors(
    window="#1c1d20", base="#25272b", alt_base="#2c2f34", raised="#2f3237",
    text="#e7e9ec", muted="#a9afb8", border="#4a4f57", accent="#7ab7ff",
    on_accent="#10141a", focus="#8ab4f8",
    overdue="#ff8f85", due="#f0c060", done="#72d38f", neutral="#a9afb8", info="#8cc4ff",
    error="#ff8f85",
    overdue_bg="#4a2522", due_bg="#433518", done_bg="#1d3b27", neutral_bg="#33363c",
    info_bg="#1c3450", error_bg="#4a2522",
)

#: the meanings a status can take (text colour = the role, tint = role + "_bg")
TONES = ("overdue", "due", "done", "neutral", "info", "error")

#: every status shown anywhere: (tone, icon). Visit statuses, action items',
#: meetings', partners', and the general ones.
STATUSES: dict[str, tuple[str, str]] = {
    # visits (models.domain.VisitStatus)
    "overdue": ("overdue", "alert-circle"),
    "due": ("due", "clock"),
    "ok": ("done", "circle-check"),
    # action items
    "open": ("neutral", "circle-dot"),
    "in_progress": ("info", "hourglass"),
    "done": ("done", "circle-check"),
    "feedback_given": ("done", "message-circle"),
    # meetings
    "planned": ("info", "calendar"),
    "held": ("done", "circle-check"),
    "cancelled": ("neutral", "circle-x"),
    # partners
    "active": ("done", "circle-check"),
    "paused": ("neutral", "player-pause"),
    "ended": ("neutral", "ban"),
    # general
    "warning": ("due", "alert-triangle"),
    "sign": ("due", "flag"),
    "error": ("error", "alert-circle"),
    "info": ("info", "info-circle"),
    "neutral": ("neutral", "circle"),
}

#: a tier's icon (its name is always written beside it)
TIER_ICONS = {"strategic": "crown", "core": "star", "ordinary": "circle", "emerging": "seedling"}


class ThemeChanges(QObject):
    """``changed``: the appearance or the text size changed (after it is applied)."""

    changed = Signal()


@dataclass
class _State:
    mode: str = "system"
    font_pt: float = 0.0           # 0: the system's size
    dark: bool = False
    colors: Colors = LIGHT
    system_font: QFont | None = None
    listening: bool = False
    applying: bool = False
    changes: ThemeChanges | None = None


_state = _State()


# --- reading the theme ------------------------------------------------------------------


def colors() -> Colors:
    """The current appearance's colours."""
    return _state.colors


def is_dark() -> bool:
    return _state.dark


def mode() -> str:
    """The chosen appearance: "system", "light" or "dark"."""
    return _state.mode


def hex_color(role: str) -> str:
    """A colour role's ``#rrggbb`` in the current appearance (for rich text; a label
    that shows it redraws its text on ``changes().changed``)."""
    if role not in _ROLES:
        raise KeyError(f"no colour role {role!r}")
    return getattr(_state.colors, role)


def color(role: str) -> QColor:
    """A colour role of the current appearance, e.g. ``color("overdue")``."""
    return QColor(hex_color(role))


def space(step: str) -> int:
    """A step of the spacing scale in px ("xs", "s", "m", "l", "xl", "xxl")."""
    return SPACING[step]


def font(style: str = "body", base: QFont | None = None) -> QFont:
    """A font of the type scale, relative to the application's (or ``base``)."""
    f = QFont(base if base is not None else QGuiApplication.font())
    size = f.pointSizeF() if f.pointSizeF() > 0 else 10.0
    f.setPointSizeF(size * TYPE_SCALE[style])
    if style in BOLD_STYLES:
        f.setBold(True)
    return f


def changes() -> ThemeChanges:
    """The object whose ``changed`` signal fires after each ``apply``."""
    if _state.changes is None:
        _state.changes = ThemeChanges()
    return _state.changes


# --- marking widgets ---------------------------------------------------------------------
# Marks are kept as properties and painted through the widget's palette and font, not a
# style sheet: an application style sheet doubles what every widget costs to build and
# paint (docs/benchmarks.md, "Theme"). ``apply`` paints every marked widget again.


def _paint_marks(widget: QWidget) -> None:
    c = _state.colors
    tone = widget.property("tone") or ""
    banner = widget.property("banner") or ""
    invalid = bool(widget.property("invalid"))
    style = widget.property("textStyle") or ""
    palette = QPalette()  # only the roles the marks set; the rest inherited, live
    if tone:
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor(getattr(c, tone)))
    if banner:
        palette.setColor(QPalette.ColorRole.Window, QColor(getattr(c, f"{banner}_bg")))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(c.text))
        widget.setAutoFillBackground(True)
    if invalid:  # a tint behind what is refused; the message beside it says why
        palette.setColor(QPalette.ColorRole.Base, QColor(c.error_bg))
    widget.setPalette(palette)
    if style:
        font = QFont(widget.font())
        base = QGuiApplication.font().pointSizeF()
        font.setPointSizeF((base if base > 0 else 10.0) * TYPE_SCALE[style])
        font.setBold(style in BOLD_STYLES)
        widget.setFont(font)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour ``widget``'s text by meaning (a tone of ``TONES`` or "muted"; "" for
    plain). Follows the appearance live."""
    if tone and tone not in (*TONES, "muted"):
        raise KeyError(f"no tone {tone!r}")
    if (widget.property("tone") or "") != tone:
        widget.setProperty("tone", tone)
        _paint_marks(widget)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Tint an input in the error colour while what it holds is refused (the message
    saying why is shown beside it, in words)."""
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        _paint_marks(widget)


def set_banner(widget: QWidget, tone: str) -> None:
    """A panel tinted by ``tone`` (an undo offer, a note, a warning)."""
    if tone not in TONES:
        raise KeyError(f"no tone {tone!r}")
    widget.setProperty("banner", tone)
    _paint_marks(widget)


def set_text_style(widget: QWidget, style: str) -> None:
    """Size (and weight) ``widget``'s text by the type scale; follows the text size
    setting live."""
    if style not in TYPE_SCALE:
        raise KeyError(f"no text style {style!r}")
    widget.setProperty("textStyle", style)
    _paint_marks(widget)


# --- icons and statuses ------------------------------------------------------------------


def icon(name: str, tone: str = "text") -> QIcon:
    """A bundled Tabler icon (resources/icons/tabler/NAME.svg) drawn in a colour
    role of the current appearance (recoloured when the appearance changes)."""
    from ui.theme_icons import themed_icon  # late: import cycle with ui.theme_icons

    if tone not in _ROLES:
        raise KeyError(f"no colour role {tone!r}")
    return themed_icon(name, tone)


def status_tone(status: str) -> str:
    return STATUSES.get(status, STATUSES["neutral"])[0]


def status_icon(status: str) -> QIcon:
    """A status' icon, in the status' colour (``STATUSES``)."""
    tone, name = STATUSES.get(status, STATUSES["neutral"])
    return icon(name, tone)


def tier_icon(tier: str | None) -> QIcon:
    return icon(TIER_ICONS.get(tier or "", "circle"), "muted")


def status_badge(status: str, text: str, parent: QWidget | None = None) -> StatusBadge:
    """A small badge: the status' icon and ``text`` (the word) on the status' tint;
    ``badge.set_status(status, text)`` changes it."""
    from ui.status_badge import StatusBadge  # late: import cycle with ui.status_badge

    return StatusBadge(status, text, parent)


# --- applying ----------------------------------------------------------------------------


def system_is_dark() -> bool:
    """Whether the platform asks for a dark appearance (unknown counts as light)."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply(appearance: str = "system", font_pt: float = 0) -> None:
    """Apply an appearance ("system", "light", "dark") and a text size (points;
    0 follows the system) to the running application, live."""
    from ui.theme_style import install_focus_ring, palette  # late: import cycle with ui.theme_style

    app = QApplication.instance()
    assert isinstance(app, QApplication), "theme.apply needs the QApplication"
    if appearance not in MODES:
        appearance = "system"
    _state.mode = appearance
    _state.font_pt = float(font_pt) if font_pt and MIN_FONT_PT <= font_pt <= MAX_FONT_PT else 0.0
    if _state.system_font is None:
        _state.system_font = QFont(app.font())
        app.setStyle("Fusion")  # the one style that draws a palette the same everywhere
    hints = app.styleHints()
    if not _state.listening:
        hints.colorSchemeChanged.connect(_system_scheme_changed)
        _state.listening = True
    _state.applying = True
    try:
        if hasattr(hints, "setColorScheme"):  # Qt 6.8: title bars and native dialogs follow
            hints.setColorScheme({"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
                                 .get(appearance, Qt.ColorScheme.Unknown))
        _state.dark = appearance == "dark" or (appearance == "system" and system_is_dark())
    finally:
        _state.applying = False
    _state.colors = DARK if _state.dark else LIGHT
    # the application's font as it is now (its families: the CJK one create_app put
    # first stays, whenever the theme was first applied), at the chosen or system size
    base = QFont(app.font())
    base.setPointSizeF(_state.font_pt or system_font_pt())
    app.setFont(base)
    app.setPalette(palette(_state.colors))
    install_focus_ring(app)
    from ui.theme_icons import forget_rendered  # late: import cycle with ui.theme_icons

    forget_rendered()
    marks = ("tone", "banner", "textStyle", "invalid")
    for widget in app.allWidgets():
        if any(widget.property(mark) for mark in marks):
            _paint_marks(widget)
    changes().changed.emit()


def _system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    if _state.mode == "system" and not _state.applying:
        apply("system", _state.font_pt)


def font_pt() -> float:
    """The text size override in points (0: the system's)."""
    return _state.font_pt


def system_font_pt() -> float:
    base = _state.system_font or QGuiApplication.font()
    return base.pointSizeF()


_ROLES = {f.name for f in fields(Colors)}
