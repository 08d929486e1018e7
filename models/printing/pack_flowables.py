"""Small flowables of the pack: section headings that note their page, contents rows
that note their position (the cover's page numbers are stamped from both at save
time), meeting heading bands, and ruled lines to write on."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph


class Heading(Paragraph):
    """A section heading that notes the page it lands on (for the cover's contents),
    and stays with what follows it (never alone at the foot of a page)."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, pages: dict[str, int]) -> None:
        super().__init__(text, style)
        self._key, self._pages = key, pages
        self.keepWithNext = 1

    def draw(self) -> None:
        self._pages.setdefault(self._key, self.canv.getPageNumber())
        super().draw()


class TocRow(Flowable):
    """A contents line that records where it ends, so the canvas can write the page
    number there once the whole pack is laid out (one pass, no multiBuild)."""

    def __init__(self, para: Paragraph, key: str, positions: dict[str, tuple[float, float]]) -> None:
        super().__init__()
        self.para, self.key, self.positions = para, key, positions

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.para.wrap(avail_width - 20 * mm, avail_height)
        self.width, self.height = avail_width, h
        return self.width, self.height

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, 0)
        self.positions[self.key] = self.canv.absolutePosition(self.width, 0)


class HeadingBar(Flowable):
    """A meeting's heading on a tinted band with a coloured edge (drawn directly: a
    one-cell Table per meeting made long packs twice as slow)."""

    PAD = 3.0
    EDGE = 3.0

    def __init__(self, para: Paragraph, background: colors.Color, edge: colors.Color) -> None:
        super().__init__()
        self.para, self.background, self.edge = para, background, edge
        self.keepWithNext = 1

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.para.wrap(avail_width - 2 * self.PAD - self.EDGE - 4, avail_height)
        self.width, self.height = avail_width, h + 2 * self.PAD
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(self.background)
        c.rect(0, 0, self.width, self.height, fill=1, stroke=0)
        c.setFillColor(self.edge)
        c.rect(0, 0, self.EDGE, self.height, fill=1, stroke=0)
        self.para.drawOn(c, self.EDGE + 4 + self.PAD, self.PAD)


class Rule(Flowable):
    """A thin line to write on (next steps agreed at the table, signatures)."""

    def __init__(self, width: float, space_above: float) -> None:
        super().__init__()
        self.width, self.space_above = width, space_above

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.space_above

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor("#9aa5b1"))
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0, self.width, 0)

