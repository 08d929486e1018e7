"""Render resources/icons/channelkeeper.svg into the PNG, ICO (Windows) and ICNS
(macOS) files the bundle and the Linux desktop entry use. Run after editing the SVG:
``.venv/bin/python scripts/make_icons.py``; the outputs are committed."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(buf.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "channelkeeper.svg"))
    if not renderer.isValid():
        print("error: the SVG does not render", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    images[256].save(ICONS / "channelkeeper.png")
    images[512].save(ICONS / "channelkeeper-512.png")
    images[256].save(ICONS / "channelkeeper.ico", sizes=[(s, s) for s in SIZES if s <= 256],
                     append_images=[images[s] for s in SIZES if s <= 256])
    images[512].save(ICONS / "channelkeeper.icns")
    print("icons written to", ICONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
