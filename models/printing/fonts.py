"""The one font of printed packs: WenQuanYi Micro Hei, shipped in resources/fonts/.

reportlab embeds a subset of a TrueType font into every PDF, so a pack renders the
same on a laptop without Chinese fonts and on any printer. (CFF/OpenType CJK fonts
cannot be embedded by reportlab, and the built-in STSong-Light CID font is never
embedded: neither is used.)
"""
from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_FILE = FONTS_DIR / "wqy-microhei.ttc"
LICENSE_FILE = FONTS_DIR / "LICENSE-wqy-microhei.txt"
#: the name packs use in styles; the font has one weight, bold maps onto it too
FONT_NAME = "PackSans"

_lock = threading.Lock()


def register_fonts() -> str:
    """Register the shipped font once per process (parsing takes ~0.2 s); thread-safe."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            if not FONT_FILE.exists():
                raise FileNotFoundError(f"the pack font is missing: {FONT_FILE}")
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
