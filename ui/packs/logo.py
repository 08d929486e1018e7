"""The company logo, made printable: reportlab reads PNG, JPEG, GIF and BMP but not
SVG, which Settings also accepts, so an SVG logo is rasterised once with QtSvg (no
QApplication needed for a drawing) into a PNG cached beside the system's temp files.
Qt is loaded for SVG files only, so the pack command loads it only for such a logo."""
from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

#: long side of a rasterised SVG logo in pixels (~300 dpi at the cover's 50 mm)
SVG_PIXELS = 600


def printable_logo(path: str | None, cache_dir: Path | None = None) -> str | None:
    """A logo path reportlab can draw, or None (no logo, or one that cannot be read:
    the pack is then printed without it and the reason logged)."""
    if not path:
        return None
    source = Path(path).expanduser()
    if not source.is_file():
        log.warning("company logo %s does not exist; packs are printed without it", source)
        return None
    if source.suffix.lower() != ".svg":
        return str(source)
    stat = source.stat()
    key = hashlib.sha1(f"{source.resolve()}|{stat.st_mtime_ns}|{stat.st_size}".encode()).hexdigest()
    folder = cache_dir or Path(tempfile.gettempdir()) / "ChannelKeeper-logos"
    target = folder / f"logo-{key[:16]}.png"
    if target.is_file():
        return str(target)
    # late: commands without a window import no Qt
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        log.warning("company logo %s is not a readable SVG; packs are printed without it", source)
        return None
    size = renderer.defaultSize()
    if size.isEmpty():
        size = QSize(SVG_PIXELS, SVG_PIXELS // 3)
    size = size.scaled(SVG_PIXELS, SVG_PIXELS, Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    folder.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        log.warning("could not cache the rasterised logo in %s", folder)
        return None
    return str(target)
