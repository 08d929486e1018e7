"""Typography and colours of printed packs, and safe paragraphs of user text.

One font (the shipped CJK TrueType) in a few sizes; hierarchy comes from size and
colour because the font has a single weight. Paragraphs holding Chinese wrap with
reportlab's CJK rules (a line may break between any two characters, but never before
closing punctuation), other text wraps between words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from models.printing import cjk_wrap
from models.printing.fonts import register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#1d4e89")
ACCENT_LIGHT = colors.HexColor("#dbe7f5")
RULE = colors.HexColor("#cbd2d9")
ROW_ALT = colors.HexColor("#f5f7fa")
ALERT = colors.HexColor("#b42318")
ALERT_BG = colors.HexColor("#fde8e6")
GOOD = colors.HexColor("#1a7f37")
WARN_BG = colors.HexColor("#fff4e0")
TARGET = colors.HexColor("#9aa5b1")
OUT_OF_PERIOD = colors.HexColor("#a9c1de")

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def markup(text: str | None) -> str:
    """User text made safe for a Paragraph: escaped, line breaks kept."""
    if not text:
        return ""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True)
class PackStyles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    big_number: ParagraphStyle
    tile_label: ParagraphStyle
    alert: ParagraphStyle
    label: ParagraphStyle

    def para(self, text: str | None, style: ParagraphStyle | None = None, *,
             raw: bool = False) -> Paragraph:
        """A paragraph of ``text`` (escaped unless ``raw``), CJK-wrapped when it holds
        Chinese."""
        style = style or self.body
        plain = text or ""
        body = plain if raw else markup(plain)
        if has_cjk(plain) and style.wordWrap != "CJK":
            style = _cjk_variant(style)
        return Paragraph(body, style)


_cjk_cache: dict[int, ParagraphStyle] = {}


def _cjk_variant(style: ParagraphStyle) -> ParagraphStyle:
    key = id(style)
    if key not in _cjk_cache:
        _cjk_cache[key] = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    return _cjk_cache[key]


def make_styles(chinese: bool, scale: float = 1.0) -> PackStyles:
    """Styles for a pack; Chinese packs get CJK wrapping and a little more leading."""
    font = register_fonts()
    cjk_wrap.install()
    wrap = "CJK" if chinese else None
    lead = 1.5 if chinese else 1.35

    def style(name: str, size: float, color: colors.Color = INK, **kw: object) -> ParagraphStyle:
        size *= scale
        kw.setdefault("leading", size * lead)
        return ParagraphStyle(name, fontName=font, fontSize=size, textColor=color,
                              wordWrap=wrap, **kw)

    return PackStyles(
        body=style("body", 9.5, spaceAfter=4),
        small=style("small", 8),
        muted=style("muted", 8.5, MUTED),
        cell=style("cell", 8.5, leading=8.5 * 1.35 * scale),
        cell_head=style("cell_head", 8, colors.white, leading=8 * 1.3 * scale),
        cell_head_right=style("cell_head_right", 8, colors.white, leading=8 * 1.3 * scale,
                              alignment=TA_RIGHT),
        cell_right=style("cell_right", 8.5, alignment=TA_RIGHT, leading=8.5 * 1.35 * scale),
        h1=style("h1", 16, ACCENT, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        h2=style("h2", 12, ACCENT, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        h3=style("h3", 10, INK, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        title=style("title", 26, ACCENT, leading=26 * 1.3 * scale, alignment=TA_LEFT),
        subtitle=style("subtitle", 13, MUTED, spaceAfter=4),
        big_number=style("big_number", 17, ACCENT, alignment=TA_CENTER, leading=17 * 1.25 * scale),
        tile_label=style("tile_label", 7.5, MUTED, alignment=TA_CENTER),
        alert=style("alert", 9.5, ALERT, spaceAfter=4),
        label=style("label", 8.5, MUTED),
    )


def table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle whose cells use the pack font: reportlab's default cell font is
    Helvetica, which would appear (unembedded) in the PDF even in cells holding only
    paragraphs."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts()), *commands])
