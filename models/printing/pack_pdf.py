"""Render a review pack to PDF: the full pack and the one-page summary.

Page decorations ("Page X of Y" and the partner's name) are drawn when the document
is saved, once the page count is known: the canvas keeps each page's state and
replays it with the total (the classic "numbered canvas" of reportlab recipes).
"""
from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from models.pack_data import PackData
from models.printing.fonts import register_fonts
from models.printing.pack_labels import PackText
from models.printing.pack_options import TEMPLATES, PackOptions
from models.printing.pack_sections import Section
from models.printing.pack_styles import (
    ACCENT,
    ACCENT_LIGHT,
    MUTED,
    RULE,
    make_styles,
    markup,
    table_style,
)

log = logging.getLogger(__name__)

PAPER_SIZES = {"a4": A4, "letter": LETTER}
__all__ = ["PAPER_SIZES", "TEMPLATES", "PackOptions", "render_pack", "render_pack_bytes"]
MARGIN = 18 * mm
#: open action items the one-page summary lists (overdue first)
SUMMARY_ACTIONS = 4


def _numbered_canvas(data: PackData, text: PackText, sec: Section) -> type[Canvas]:
    """A canvas class that stamps header and footer on every page at save time, and
    the page numbers of the cover's contents (known only once everything is laid out)."""
    font = register_fonts()
    name = text.partner_name(data.partner)
    period = text.period(data.period_start, data.period_end)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # the default Helvetica would otherwise be listed (unembedded) in every PDF
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            if number == 1:
                self.setFont(font, 8.5)
                for key, (x, y) in sec.toc_positions.items():
                    if key in sec.pages:
                        self.drawRightString(x - 8, y + 2.5, str(sec.pages[key]))
                self.setFont(font, 7.5)
            else:
                self.drawString(MARGIN, height - MARGIN + 4 * mm, name)
                self.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, period)
                self.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
            y = MARGIN - 7 * mm
            self.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
            self.drawString(MARGIN, y, name)
            self.drawCentredString(width / 2, y, text("prepared_on") + " " + text.short_date(data.generated_on))
            self.drawRightString(width - MARGIN, y, text("page_of", page=number, pages=total))
            self.restoreState()

    return NumberedCanvas


def _logo(path: str | None, max_w: float, max_h: float) -> Flowable | None:
    """The company logo from Settings, scaled to fit; a missing or broken file is
    skipped (a pack must never fail because of a logo)."""
    if not path or not Path(path).is_file():
        return None
    try:
        img = Image(path)
        ratio = min(max_w / img.imageWidth, max_h / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * ratio, img.imageHeight * ratio
        img.hAlign = "RIGHT"
        return img
    except Exception:  # noqa: BLE001 - unreadable image: leave the logo out
        log.warning("company logo %s could not be read; pack printed without it", path)
        return None


def _cover(sec: Section) -> list[Flowable]:
    d, t, s, width = sec.data, sec.t, sec.s, sec.width
    out: list[Flowable] = []
    logo = _logo(d.logo_path, 50 * mm, 22 * mm)
    out.append(logo if logo else Spacer(1, 22 * mm))
    out.append(Spacer(1, 30 * mm))
    band = Table([[Paragraph(markup(t("title")), s.subtitle)]], colWidths=[width])
    band.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 2, ACCENT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    audience = t("audience_internal") if sec.internal else t("audience_partner")
    out += [band, Spacer(1, 2 * mm),
            s.para(audience, s.alert if sec.internal else s.subtitle),
            Spacer(1, 6 * mm), s.para(t.partner_name(d.partner), s.title)]
    other = t.partner_other_name(d.partner)
    if other:
        out.append(s.para(other, s.subtitle))
    out.append(Spacer(1, 14 * mm))
    p = d.partner
    facts = [
        (t("tier"), t.value(p["tier"])),
        (t("stage"), t.value(p["stage"])),
        (t("region"), p.get("region") or "—"),
        (t("period"), t.period(d.period_start, d.period_end)),
        (t("manager"), d.manager_name or "—"),
        (t("date"), t.date(d.generated_on)),
    ]
    tbl = Table([[s.para(k, s.label), s.para(v, s.body)] for k, v in facts],
                colWidths=[40 * mm, width - 40 * mm], hAlign="LEFT")
    tbl.setStyle(table_style([
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    out += [tbl, Spacer(1, 16 * mm)]
    contents = ["sec_summary", "sec_meetings", "sec_actions",
                *(["sec_checklist"] if sec.internal else []), "sec_next_steps"]
    toc = Table([[sec.toc_row(key, i)] for i, key in enumerate(contents, 1)],
                colWidths=[width], hAlign="LEFT")
    toc.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    note = t("note_internal") if sec.internal else t("note_partner")
    out += [s.para(t("contents"), s.h3), toc, Spacer(1, 6 * mm),
            s.para(note, s.alert if sec.internal else s.muted)]
    return out


#: flowables at the end of "Next steps" kept on the signatures' page (the last step,
#: the next meeting and the ruled lines), so a page never holds only signatures
KEEP_WITH_SIGNATURES = 6


def full_story(sec: Section) -> list[Flowable]:
    """The full pack; the partner copy leaves out cadence, warning signs, response
    times and the review checklist (our judgement, see pack_options)."""
    story = [*_cover(sec), NextPageTemplate("body"), PageBreak(), sec.heading("sec_summary")]
    if sec.data.is_empty:
        story.append(sec.s.para(sec.t("quiet_period"), sec.s.alert))
    story += [*sec.tiles(), *sec.kpis(), *sec.terms()]
    if sec.internal:
        story += [*sec.cadence(), *sec.signs()]
    story += [*sec.meetings(), *sec.actions()]
    if sec.internal:
        story += [*sec.responses(), *sec.checklist()]
    steps = sec.next_steps()
    # a short section goes whole with the signatures; a long one keeps its tail
    cut = len(steps) - KEEP_WITH_SIGNATURES if len(steps) > 2 * KEEP_WITH_SIGNATURES else 0
    story += [*steps[:cut], KeepTogether([*steps[cut:], Spacer(1, 6 * mm), *sec.signatures()])]
    return story


def summary_story(sec: Section, height: float) -> list[Flowable]:
    """Everything on one page: lists are cut short and the whole is shrunk to fit."""
    d, t, s = sec.data, sec.t, sec.s
    audience = t("audience_internal") if sec.internal else t("audience_partner")
    head = [s.para(f"{t('title_summary')} · {audience}", s.alert if sec.internal else s.muted),
            s.para(t.partner_name(d.partner), s.h1),
            s.para(" · ".join([t.value(d.partner["tier"]), t.value(d.partner["stage"]),
                               t.period(d.period_start, d.period_end), d.manager_name]), s.muted),
            Spacer(1, 3 * mm)]
    if d.is_empty:
        head.append(s.para(t("quiet_period"), s.alert))
    shown = {a["id"] for a in d.open_actions[:SUMMARY_ACTIONS]}
    # the chart and the warning signs side by side
    left_w, gap = sec.width * 0.58, 6 * mm
    left = sec.sub(left_w).kpis(chart_height=40 * mm, table=False)
    right_sec = sec.sub(sec.width - left_w - gap)
    right = right_sec.signs() if sec.internal else right_sec.terms()
    pair = Table([[left, right]], colWidths=[left_w + gap, sec.width - left_w - gap],
                 hAlign="LEFT")
    pair.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    body = [*head, *sec.tiles(), pair,
            *sec.actions(limit=SUMMARY_ACTIONS),
            *(sec.checklist(max_failed=3) if sec.internal else []),
            *sec.next_steps(limit=3, blank_lines=0, skip=shown), *sec.signatures(compact=True)]
    flat: list[Flowable] = []
    for f in body:  # page-flow hints mean nothing inside one frame, and cannot draw there
        if isinstance(f, KeepTogether):
            flat.extend(f._content)
        elif not isinstance(f, CondPageBreak):
            flat.append(f)
    body = flat
    return [KeepInFrame(sec.width, height, body, mode="shrink")]


def render_pack(data: PackData, options: PackOptions, out: BinaryIO | str | Path) -> int:
    """Write the pack as PDF to ``out``; returns its page count."""
    options = options.for_partner(data.partner)
    text = PackText(options.language)
    if isinstance(out, Path):
        out = str(out)
    pagesize = PAPER_SIZES[options.paper]
    width, height = pagesize
    doc = BaseDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{text.partner_name(data.partner)} — {text('title')} ({text('audience_' + options.audience)})",
        author=data.manager_name, subject=text.period(data.period_start, data.period_end),
        creator="ChannelKeeper", lang="zh-CN" if text.is_chinese else "en",
        initialFontName=register_fonts(),
    )
    frame_w = width - 2 * MARGIN
    cover = Frame(MARGIN, MARGIN, frame_w, height - 2 * MARGIN, id="cover")
    body = Frame(MARGIN, MARGIN, frame_w, height - 2 * MARGIN - 2 * mm, id="body")
    doc.addPageTemplates([PageTemplate("cover", [cover]), PageTemplate("body", [body])])
    sec = Section(data, text, make_styles(text.is_chinese), frame_w - 12,
                  internal=options.internal)
    if options.template == "summary":
        story = summary_story(sec, body._aH - 12)
        doc.pageTemplates = [doc.pageTemplates[1]]
    else:
        story = full_story(sec)
    canvas_cls = _numbered_canvas(data, text, sec)
    doc.build(story, canvasmaker=canvas_cls)
    return doc.page


def render_pack_bytes(data: PackData, options: PackOptions) -> bytes:
    buf = io.BytesIO()
    render_pack(data, options, buf)
    return buf.getvalue()
