"""Themed icons: the bundled Tabler SVGs (resources/icons/tabler/, MIT licence) drawn
in a colour role of the current appearance.

The SVGs draw with ``stroke="currentColor"``; an icon's engine substitutes the role's
colour each time it is painted, so an icon set once follows a switch between light
and dark without its widget doing anything. A disabled icon is drawn in the muted
colour, a selected one (the current navigation entry) in the text-on-accent colour.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImageReader, QPainter, QPixmap

from ui import theme  # ui.theme imports this module only inside its functions

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons" / "tabler"
LICENCE = ICON_DIR / "LICENSE"

_svg_text: dict[str, str] = {}
#: drawn pixmaps by (name, colour, width, height, scale): a table paints its status icons
#: on every repaint; the colour in the key makes a switch of appearance draw afresh
_pixmaps: dict[tuple[str, str, int, int, float], QPixmap] = {}
_icons: dict[tuple[str, str], QIcon] = {}


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


def available() -> list[str]:
    """The names of the bundled icons."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


def _render(name: str, colour: str, size: QSize) -> QPixmap:
    """The icon in ``colour`` at ``size`` pixels, through Qt's SVG image plugin (no
    QtSvg module to import on the way to the first window)."""
    text = _svg_text.get(name)
    if text is None:
        text = _svg_text[name] = icon_path(name).read_text(encoding="utf-8")
    buffer = QBuffer()
    buffer.setData(QByteArray(text.replace("currentColor", colour).encode()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(size)
    return QPixmap.fromImage(reader.read())


def forget_rendered() -> None:
    """Drop the pixmaps of the colours of a previous appearance."""
    _pixmaps.clear()


class ThemedIconEngine(QIconEngine):
    """Draws one bundled SVG in a colour role, looked up at paint time."""

    def __init__(self, name: str, tone: str) -> None:
        super().__init__()
        if not icon_path(name).is_file():
            raise FileNotFoundError(f"no bundled icon {name!r} (scripts/vendor_icons.py)")
        self.name = name
        self.tone = tone

    def _colour(self, mode: QIcon.Mode) -> str:
        if mode == QIcon.Mode.Disabled:
            return theme.hex_color("muted")
        if mode == QIcon.Mode.Selected:
            return theme.hex_color("on_accent")
        return theme.hex_color(self.tone)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        key = (self.name, self._colour(mode), size.width(), size.height(), scale)
        cached = _pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = _render(self.name, key[1], size * scale)
        pixmap.setDevicePixelRatio(scale)
        if len(_pixmaps) > 2000:  # many sizes: a bound, not a leak
            _pixmaps.clear()
        _pixmaps[key] = pixmap
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self.name, self.tone)

    def key(self) -> str:
        return "channelkeeper-themed-svg"

    def iconName(self) -> str:
        return self.name


def themed_icon(name: str, tone: str = "text") -> QIcon:
    """One QIcon per (name, tone), shared: it looks its colour up when drawn."""
    icon = _icons.get((name, tone))
    if icon is None:
        icon = _icons[(name, tone)] = QIcon(ThemedIconEngine(name, tone))
    return icon
