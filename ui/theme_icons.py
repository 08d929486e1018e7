"""Themed icons: the bundled Tabler SVGs (resources/icons/tabler/, MIT licence) drawn
in a colour role of the current appearance.

The SVGs draw with ``stroke="currentColor"``; an icon's engine substitutes the role's
colour each time it is painted, so an icon set once follows a switch between light
and dark without its widget doing anything. A disabled icon is drawn in the muted
colour, a selected one (the current navigation entry) in the text-on-accent colour.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons" / "tabler"
LICENCE = ICON_DIR / "LICENSE"

_svg_text: dict[str, str] = {}
_renderers: dict[tuple[str, str], QSvgRenderer] = {}


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


def available() -> list[str]:
    """The names of the bundled icons."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


def _renderer(name: str, colour: str) -> QSvgRenderer:
    key = (name, colour)
    renderer = _renderers.get(key)
    if renderer is None:
        text = _svg_text.get(name)
        if text is None:
            text = icon_path(name).read_text(encoding="utf-8")
            _svg_text[name] = text
        renderer = QSvgRenderer(QByteArray(text.replace("currentColor", colour).encode()))
        _renderers[key] = renderer
    return renderer


def forget_rendered() -> None:
    """Drop the renderers of the colours of a previous appearance."""
    _renderers.clear()


class ThemedIconEngine(QIconEngine):
    """Draws one bundled SVG in a colour role, looked up at paint time."""

    def __init__(self, name: str, tone: str) -> None:
        super().__init__()
        if not icon_path(name).is_file():
            raise FileNotFoundError(f"no bundled icon {name!r} (scripts/vendor_icons.py)")
        self.name = name
        self.tone = tone

    def _colour(self, mode: QIcon.Mode) -> str:
        from ui import theme

        if mode == QIcon.Mode.Disabled:
            return theme.hex_color("muted")
        if mode == QIcon.Mode.Selected:
            return theme.hex_color("on_accent")
        return theme.hex_color(self.tone)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _renderer(self.name, self._colour(mode)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
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
    return QIcon(ThemedIconEngine(name, tone))
