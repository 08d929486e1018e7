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
#: drawn pixmaps by (name, colour, width, height, scale): a table paints its status icons
#: on every repaint; the colour in the key makes a switch of appearance draw afresh
_pixmaps: dict[tuple[str, str, int, int, float], QPixmap] = {}
_icons: dict[tuple[str, str], QIcon] = {}


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


_svg_files: dict[tuple[str, str], Path] = {}
_svg_dir: list[Path] = []


def svg_file(name: str, colour: str) -> Path:
    """A copy of the icon drawn in ``colour``, as a file: style sheets take images by
    path (the arrows of combo and spin boxes). Written once per process and colour."""
    path = _svg_files.get((name, colour))
    if path is None:
        if not _svg_dir:
            import atexit
            import shutil
            import tempfile

            _svg_dir.append(Path(tempfile.mkdtemp(prefix="channelkeeper-icons-")))
            atexit.register(shutil.rmtree, _svg_dir[0], True)
        path = _svg_dir[0] / f"{name}-{colour.lstrip('#')}.svg"
        text = icon_path(name).read_text(encoding="utf-8").replace("currentColor", colour)
        path.write_text(text, encoding="utf-8")
        _svg_files[(name, colour)] = path
    return path


def forget_rendered() -> None:
    """Drop the renderers and pixmaps of the colours of a previous appearance."""
    _renderers.clear()
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
        key = (self.name, self._colour(mode), size.width(), size.height(), scale)
        cached = _pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
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
