"""The sections of a pack as platypus flowables: each function returns a list of
flowables for one part (summary tiles, KPIs, terms, cadence, signs, meetings,
actions, responses, checklist, next steps, signatures). Templates pick and order
them; a partner copy leaves out the internal ones (see pack_options) and the note
lines marked internal."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from models.internal_lines import is_internal, shared_text, strip_marker
from models.pack_data import ChecklistReview, PackData
from models.printing.pack_chart import kpi_chart
from models.printing.pack_flowables import Heading, HeadingBar, Rule, TocRow
from models.printing.pack_labels import PackText
from models.printing.pack_styles import (
    ACCENT,
    ACCENT_LIGHT,
    ALERT,
    ALERT_BG,
    GOOD,
    MUTED,
    ROW_ALT,
    RULE,
    WARN_BG,
    PackStyles,
    markup,
    table_style,
)

Story = list[Flowable]


class Section:
    """What every section function needs: the data, words, styles and frame width."""

    def __init__(self, data: PackData, text: PackText, styles: PackStyles, width: float,
                 *, internal: bool = False) -> None:
        self.data, self.t, self.s, self.width = data, text, styles, width
        #: an internal copy (everything) or a partner copy (shared facts only)
        self.internal = internal
        #: the page each section heading landed on, filled in while the PDF is laid out
        self.pages: dict[str, int] = {}
        #: where the cover's contents rows end (page coordinates), for their page numbers
        self.toc_positions: dict[str, tuple[float, float]] = {}

    # --- building blocks ---------------------------------------------------------------

    def heading(self, key: str, level: int = 1) -> Paragraph:
        style = {1: self.s.h1, 2: self.s.h2, 3: self.s.h3}[level]
        return Heading(markup(self.t(key)), style, key, self.pages)

    def toc_row(self, key: str, number: int) -> Flowable:
        """A row of the cover's contents; its page number is stamped at save time."""
        para = self.s.para(f"{number}.  {self.t(key)}", self.s.muted)
        return TocRow(para, key, self.toc_positions)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]],
              widths: Sequence[float], *, highlight: set[int] | None = None,
              right: Sequence[int] = ()) -> Table:
        """A data table whose header row repeats on every page it spans; rows listed
        in ``highlight`` (0-based data rows) are tinted red."""
        total = sum(widths)
        col_widths = [w * self.width / total for w in widths]
        cell = self.s.cell
        cells: list[list[object]] = [[
            Paragraph(markup(h), self.s.cell_head_right if i in right else self.s.cell_head)
            for i, h in enumerate(header)]]
        for row in rows:
            out_row: list[object] = []
            for i, c in enumerate(row):
                if isinstance(c, Flowable):
                    out_row.append(c)
                elif self._fits(str(c), col_widths[i]):
                    out_row.append(str(c))  # a plain cell: no paragraph to lay out
                else:
                    out_row.append(self.s.para(str(c), self.s.cell_right if i in right else cell))
            cells.append(out_row)
        t = Table(cells, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 1), (-1, -1), cell.fontSize),
            ("LEADING", (0, 1), (-1, -1), cell.leading),
            ("TEXTCOLOR", (0, 1), (-1, -1), cell.textColor),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *(("ALIGN", (i, 1), (i, -1), "RIGHT") for i in right),
        ]
        for i in range(1, len(cells)):
            if highlight and (i - 1) in highlight:
                style.append(("BACKGROUND", (0, i), (-1, i), ALERT_BG))
                style.append(("LINEBEFORE", (0, i), (0, i), 2.5, ALERT))
            elif i % 2 == 0:
                style.append(("BACKGROUND", (0, i), (-1, i), ROW_ALT))
        t.setStyle(table_style(style))
        return t

    def _fits(self, text: str, col_width: float) -> bool:
        """Short one-line text needs no Paragraph (the costliest part of big tables)."""
        if "\n" in text or len(text) > 40:
            return False
        cell = self.s.cell
        return stringWidth(text, cell.fontName, cell.fontSize) <= col_width - 9

    def note(self, key: str, **fmt: object) -> Paragraph:
        return self.s.para(self.t(key, **fmt), self.s.muted)

    # --- sections ----------------------------------------------------------------------

    def sub(self, width: float) -> Section:
        """The same pack's words and audience in a narrower column."""
        return Section(self.data, self.t, self.s, width, internal=self.internal)

    def tiles(self) -> Story:
        """Four key figures side by side: sales vs target, visits, actions, and the
        review score (internal copy) or the actions closed in the period (partner)."""
        d, t = self.data, self.t
        in_period = d.kpis_in_period
        sales = sum(k.sales or 0 for k in in_period)
        target = sum(k.target or 0 for k in in_period)
        ratio = sales / target if target else None
        score = d.checklist.score if d.checklist else None
        values = [
            (t.percent(ratio), t("tile_sales"), ratio is not None and ratio < 0.9),
            (str(len(d.cadence.visits)), t("tile_visits"), not d.cadence.kept),
            (f"{len(d.open_actions)} / {len(d.overdue_actions)}", t("tile_actions"),
             bool(d.overdue_actions)),
            ("—" if score is None else f"{score:.0f}", t("tile_score"),
             bool(d.checklist and d.checklist.delta is not None and d.checklist.delta < 0))
            if self.internal else (str(len(d.done_actions)), t("tile_closed"), False),
        ]
        cells = [[
            [Paragraph(markup(v), self.s.big_number), Paragraph(markup(lbl), self.s.tile_label)]
            for v, lbl, _ in values
        ]]
        tbl = Table(cells, colWidths=[self.width / 4] * 4, hAlign="LEFT")
        style = [
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ]
        for i, (_, _, bad) in enumerate(values):
            if bad:
                style.append(("BACKGROUND", (i, 0), (i, 0), ALERT_BG))
        tbl.setStyle(table_style(style))
        return [tbl, Spacer(1, 4 * mm)]

    def kpis(self, *, chart_height: float = 62 * mm, table: bool = True) -> Story:
        d, t = self.data, self.t
        out: Story = [self.heading("sec_kpis", 2)]
        if not d.kpis:
            return [*out, self.note("no_kpis")]
        out.append(kpi_chart(d.kpis, t, self.width, chart_height))
        if table and d.kpis_in_period:
            rows = []
            for k in d.kpis_in_period:
                rows.append([k.period, t.money(k.sales), t.money(k.target), t.percent(k.ratio),
                             t.percent(k.repurchase_rate)])
            sales = sum(k.sales or 0 for k in d.kpis_in_period)
            target = sum(k.target or 0 for k in d.kpis_in_period)
            rows.append([t("total"), t.money(sales), t.money(target),
                         t.percent(sales / target if target else None), ""])
            slipping = {i for i, k in enumerate(d.kpis_in_period) if k.ratio is not None and k.ratio < 0.9}
            out += [Spacer(1, 2 * mm), self.table(
                [t("month"), t("sales"), t("target"), t("achieved"), t("repurchase")],
                rows, [1.2, 1.5, 1.5, 1, 1], highlight=slipping, right=(1, 2, 3, 4))]
        return out

    def cadence(self) -> Story:
        c, t = self.data.cadence, self.t
        out: Story = [self.heading("sec_cadence", 2), self.s.para(t("cadence_rule", days=c.cadence_days))]
        if c.kept:
            out.append(self.s.para(t("cadence_kept", n=len(c.visits))))
        else:
            out.append(self.s.para(t("cadence_missed", n=len(c.gaps), n_visits=len(c.visits),
                                     gap=c.longest_gap), self.s.alert))
            for start, end, days in c.gaps[:6]:
                out.append(self.s.para("• " + t("gap", start=t.short_date(start),
                                                 end=t.short_date(end), days=days), self.s.muted))
        if c.last_visit and self.data.days_since_contact is not None:
            out.append(self.note("last_visit", date=t.date(c.last_visit),
                                 days=self.data.days_since_contact))
        elif c.last_visit is None:
            out.append(self.note("never_visited"))
        return out

    def signs(self) -> Story:
        d, t = self.data, self.t
        out: Story = [self.heading("sec_signs", 2)]
        if not d.signs:
            return [*out, self.s.para(t("no_signs"))]
        rows = [[Paragraph("●", self.s.alert), self.s.para(t.sign(s), self.s.alert)] for s in d.signs]
        tbl = Table(rows, colWidths=[6 * mm, self.width - 6 * mm], hAlign="LEFT")
        tbl.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        out.append(tbl)
        if len(d.signs) >= 2:
            banner = Table([[self.s.para(t("lying_flat"), self.s.alert)]], colWidths=[self.width], hAlign="LEFT")
            banner.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), WARN_BG),
                                        ("LINEBEFORE", (0, 0), (0, 0), 3, ALERT)]))
            out += [Spacer(1, 2 * mm), banner]
        return out

    def meetings(self) -> Story:
        d, t = self.data, self.t
        out: Story = [CondPageBreak(60 * mm), self.heading("sec_meetings")]
        if not d.meetings:
            return [*out, self.s.para(t("no_meetings"))]
        out.append(self.note("meetings_count", n=len(d.meetings)))
        for m in d.meetings:
            cancelled = m["status"] == "cancelled"
            head = " · ".join(filter(None, [
                m["starts_at"][:16], t.value(m["type"]), t.value(m["status"] or "held"),
                m["location"],
            ]))
            bar = HeadingBar(self.s.para(head, self.s.h3), ALERT_BG if cancelled else ACCENT_LIGHT,
                              ALERT if cancelled else ACCENT)
            block: Story = [Spacer(1, 3 * mm), bar]
            sep, colon = ("；", "：") if t.is_chinese else ("; ", ": ")
            people = sep.join(filter(None, [
                f"{t('ours')}{colon}{m['attendees_ours']}" if m["attendees_ours"] else "",
                f"{t('theirs')}{colon}{m['attendees_partner']}" if m["attendees_partner"] else "",
            ]))
            if people:
                block.append(self._labelled("attendees", people))
            agenda = self._audience_text(m["agenda"])
            if agenda:
                block.append(self._labelled("agenda", agenda))
            # keep the meeting's heading with its first lines; the notes then flow freely
            out.append(KeepTogether(block))
            for key in ("notes", "decisions"):
                text = self._audience_text(m[key])
                if text:
                    out.append(self.s.para(t(key), self.s.label))
                    for part in text.split("\n\n"):
                        out.append(self.s.para(part.strip("\n"), self.s.body))
        return out

    def _audience_text(self, text: str | None) -> str:
        """Meeting text for this copy: a partner copy drops the lines marked internal;
        the internal copy prints them behind one mark in the pack's language."""
        if not text:
            return ""
        if not self.internal:
            return shared_text(text)
        return "\n".join(self.t("internal_mark") + strip_marker(line).lstrip() if is_internal(line)
                         else line for line in str(text).split("\n"))

    def _labelled(self, key: str, value: str) -> Paragraph:
        colon = "：" if self.t.is_chinese else ": "
        return self.s.para(f'<font color="#616e7c">{markup(self.t(key))}{colon}</font>{markup(value)}',
                           self.s.body, raw=True)

    def actions(self, *, limit: int | None = None) -> Story:
        """Open items (overdue first, highlighted) and, in the full pack, those closed
        in the period. With ``limit`` (the summary) only the first open items."""
        d, t = self.data, self.t
        out: Story = [CondPageBreak(50 * mm), self.heading("sec_actions", 2 if limit else 1),
                      self.s.para(t("open_summary", open=len(d.open_actions),
                                    overdue=len(d.overdue_actions), done=len(d.done_actions)))]
        if limit is None:
            out.append(self.heading("sec_open_actions", 2))
        opened = d.open_actions[:limit] if limit else d.open_actions
        if opened:
            rows, hl = [], set()
            for i, a in enumerate(opened):
                if a["overdue"]:
                    hl.add(i)
                    status = f"{t.value(a['status'])} · {t('overdue_days', days=a['days_overdue'])}"
                elif a["status"] == "done":
                    status = f"{t.value('done')} · {t('awaiting_feedback')}"
                else:
                    status = t.value(a["status"])
                owner = t.value(a["owner_side"]) + (f" · {a['owner_name']}" if a["owner_name"] else "")
                rows.append([a["title"], owner, t.value(a["severity"]), a["opened_on"],
                             a["due_on"] or "—", status])
            out.append(self.table(
                [t("action"), t("owner"), t("severity"), t("opened"), t("deadline"), t("status")],
                rows, [2.8, 1.4, 0.95, 1.1, 1.1, 2.1], highlight=hl))
            if limit and len(d.open_actions) > limit:
                out.append(self.note("more_in_full", n=len(d.open_actions) - limit))
        else:
            out.append(self.s.para(t("no_open_actions")))
        if limit is None:
            out.append(self.heading("sec_done_actions", 2))
            if d.done_actions:
                rows = [[a["title"], t.value(a["owner_side"]), a["opened_on"],
                         a["feedback_on"] or a["done_on"] or "—", a["feedback"] or "—"]
                        for a in d.done_actions]
                out.append(self.table(
                    [t("action"), t("owner"), t("opened"), t("closed"), t("feedback")],
                    rows, [3.0, 1.0, 1.1, 1.1, 3.0]))
            else:
                out.append(self.s.para(t("no_done_actions")))
        return out

    def responses(self) -> Story:
        r, t = self.data.responses, self.t
        out: Story = [self.heading("sec_response", 2)]
        if not r.responded:
            out.append(self.s.para(t("response_none")))
        else:
            out.append(self.s.para(t(
                "response_summary", responded=r.responded, on_time=r.on_time,
                rate=t.percent(r.on_time_rate), median=f"{r.median_days:g}",
                deadline=f"{r.median_deadline_days:g}")))
            rows, hl = [], set()
            for i, (sev, (n, ok, med, limit)) in enumerate(r.by_severity.items()):
                if med is not None and limit is not None and med > limit:
                    hl.add(i)
                rows.append([t.value(sev), str(n), f"{ok} ({t.percent(ok / n)})",
                             t("days", n=f"{med:g}"), t("days", n=f"{limit:g}")])
            out.append(self.table([t("severity"), t("responded"), t("on_time"),
                                   t("median_response"), t("median_deadline")],
                                  rows, [1.2, 1, 1.4, 1.4, 1.2], highlight=hl, right=(1, 2, 3, 4)))
        if r.open_overdue:
            out.append(self.s.para(t("response_open_overdue", n=r.open_overdue), self.s.alert))
        return out

    def checklist(self, *, max_failed: int | None = None) -> Story:
        c, t = self.data.checklist, self.t
        out: Story = [CondPageBreak(50 * mm), self.heading("sec_checklist", 2 if max_failed else 1)]
        if c is None:
            return [*out, self.s.para(t("no_checklist"))]
        out.append(self.score_line(c))
        failed = c.failed[:max_failed] if max_failed else c.failed
        out.append(self.heading("failed_items", 3 if max_failed else 2))
        if failed:
            rows = [[t.checklist_text(i.text, i.text_zh), self._answer(i.value, i.answer_type),
                     i.comment or "—"] for i in failed]
            out.append(self.table([t("item"), t("answer"), t("comment")], rows, [3, 0.9, 3],
                                  highlight=set(range(len(rows)))))
            if max_failed and len(c.failed) > max_failed:
                out.append(self.note("more_in_full", n=len(c.failed) - max_failed))
        else:
            out.append(self.s.para(t("no_failed")))
        changed = [i for i in c.items if i.trend]
        if changed and max_failed is None:
            out.append(self.heading("change", 2))
            rows = [[t.checklist_text(i.text, i.text_zh), self._answer(i.previous_value, i.answer_type),
                     self._answer(i.value, i.answer_type),
                     Paragraph(markup(("▲ " + t("better")) if i.trend > 0 else ("▼ " + t("worse"))),
                               self._trend_style(i.trend))] for i in changed]
            out.append(self.table([t("item"), t("previous"), t("answer"), t("change")], rows,
                                  [3.6, 1.1, 1.1, 1.1], highlight={n for n, i in enumerate(changed)
                                                                   if i.trend < 0}))
        return out

    def score_line(self, c: ChecklistReview) -> Flowable:
        t = self.t
        score = "—" if c.score is None else f"{c.score:.0f}"
        if c.delta is None:
            delta, color = t("first_review"), MUTED
        elif c.delta > 0:
            delta, color = t("delta_up", delta=f"{c.delta:g}", date=t.short_date(c.previous_on)), GOOD
        elif c.delta < 0:
            delta, color = t("delta_down", delta=f"{-c.delta:g}", date=t.short_date(c.previous_on)), ALERT
        else:
            delta, color = t("delta_same", date=t.short_date(c.previous_on)), MUTED
        left = [Paragraph(markup(score), self.s.big_number),
                Paragraph(markup(t("score")), self.s.tile_label)]
        right = [
            self.s.para(t.bilingual(c.template_name), self.s.body),
            self.s.para(t("performed_on", date=t.date(c.performed_on)) + "  ·  "
                        + f"{t('completion')} {t.percent(c.completion)}", self.s.muted),
            self.s.para(f'<font color="{color.hexval().replace("0x", "#")}">{markup(delta)}</font>',
                        self.s.body, raw=True),
        ]
        tbl = Table([[left, right]], colWidths=[30 * mm, self.width - 30 * mm], hAlign="LEFT")
        tbl.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("BACKGROUND", (0, 0), (0, 0), ACCENT_LIGHT),
                                 ("BOX", (0, 0), (-1, -1), 0.5, RULE)]))
        return tbl

    def _trend_style(self, trend: int) -> ParagraphStyle:
        return ParagraphStyle("trend", parent=self.s.cell, textColor=GOOD if trend > 0 else ALERT)

    def _answer(self, value: object, answer_type: str | None) -> str:
        if value in (None, ""):
            return "—"
        if answer_type == "yes_no":
            return self.t("yes") if value in (True, "yes", 1, "1") else self.t("no")
        if answer_type == "score_1_5":
            return f"{value} / 5"
        return str(value)

    def terms(self) -> Story:
        """What both sides agreed: revenue share, rebate, incentives and joint goals."""
        d, t = self.data, self.t
        p = d.partner
        out: Story = [self.heading("sec_terms", 2)]
        rows = [(key, value) for key, value in (
            ("revenue_share", f"{p['revenue_share']:g}%" if p.get("revenue_share") is not None else ""),
            ("rebate", f"{p['rebate']:g}%" if p.get("rebate") is not None else ""),
            ("incentive_scheme", p.get("incentive_scheme") or ""),
            ("joint_goals", p.get("goals") or ""),
        ) if value]
        if not rows:
            return [*out, self.s.para(t("no_terms"))]
        label_w = min(32 * mm, self.width * 0.3)
        tbl = Table([[self.s.para(t(k), self.s.label), self.s.para(v, self.s.body)] for k, v in rows],
                    colWidths=[label_w, self.width - label_w], hAlign="LEFT")
        tbl.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [*out, tbl]

    def next_steps(self, *, limit: int | None = None, blank_lines: int = 3,
                   skip: set[str] | None = None) -> Story:
        """Open actions by deadline, the next planned meeting, then ruled lines for
        steps agreed at the table. ``skip``: ids already listed above (the summary's
        action table); the section then says so rather than stay empty."""
        d, t = self.data, self.t
        out: Story = [self.heading("sec_next_steps", 2 if limit else 1)]
        remaining = [a for a in d.next_steps if a["id"] not in (skip or set())]
        steps = remaining[:limit] if limit else remaining
        if not d.next_steps:
            out.append(self.s.para(t("no_next_steps")))
        elif not remaining:
            out.append(self.s.para(t("steps_above", n=len(d.next_steps))))
        for n, a in enumerate(steps, 1):
            due = t("deadline") + " " + (a["due_on"] or "—")
            owner = t.value(a["owner_side"])
            out.append(self.s.para(
                f"{n}. {markup(a['title'])}  <font color=\"#616e7c\">({markup(owner)} · {markup(due)})</font>",
                self.s.body, raw=True))
        if limit and len(remaining) > limit:
            out.append(self.note("more_in_full", n=len(remaining) - limit))
        m = d.next_meeting
        if m:
            out.append(self.s.para(t("next_meeting", date=m["starts_at"][:16], type=t.value(m["type"]))))
        else:
            out.append(self.note("no_next_meeting"))
        for _ in range(blank_lines):
            out.append(Rule(self.width, 7 * mm))
        return out

    def signatures(self, *, compact: bool = False) -> Story:
        """Signature lines of two named people side by side: the partner's signatory
        (a contact, with the title; a blank name line when no contact is known, never
        the company) and the channel manager. The compact form (one-page summary)
        keeps one line to sign on. The full form is the heading and the table; the
        caller keeps it with what precedes it (a page never holds only signatures)."""
        t, d = self.t, self.data
        gap = 8 * mm
        col = self.width / 2 - 12 * mm
        person = d.signatory or {}

        def block(title: str, name: str, role: str) -> list[Flowable]:
            lines: list[Flowable] = [self.s.para(title, self.s.h3)]
            if compact:
                who = "  ·  ".join(filter(None, [name, role]))
                return [*lines, Spacer(1, 7 * mm), Rule(col, 1),
                        self.s.para(f"{who}  ·  {t('signature_line')} / {t('date_line')}".strip(" ·"),
                                    self.s.muted)]
            for key, value in (("name_line", name), ("role_line", role), ("signature_line", ""),
                               ("date_line", "")):
                lines.append(Spacer(1, gap))
                lines.append(self.s.para(f"{t(key)}: {value}", self.s.muted))
                lines.append(Rule(col, 1))
            return lines

        company = t("sign_partner_company", company=t.partner_name(d.partner))
        tbl = Table([[block(company, person.get("name") or "", person.get("role") or ""),
                      block(t("sign_manager"), d.manager_name, t("manager"))]],
                    colWidths=[self.width / 2] * 2, hAlign="LEFT")
        tbl.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        if compact:
            return [tbl]
        return [self.heading("sec_signatures"), tbl]
