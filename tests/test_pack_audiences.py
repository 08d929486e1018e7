"""The two audiences of a review pack, read back from real PDFs with pdftotext: the
partner copy left on the partner's table never shows our internal judgement (warning
signs, 躺平, cadence, response times, review scores, note lines marked internal); the
internal copy shows everything. The cover says which."""
from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from pack_history import add_history, make_partner

from models import demo_data
from models.internal_lines import is_internal, strip_marker
from models.pack_data import gather_pack_data
from models.printing.pack_labels import PackText
from models.printing.pack_pdf import PackOptions, render_pack_bytes
from tests.poppler import poppler_tool

TODAY = dt.date(2026, 11, 27)
LANGS = ("zh_CN", "en")
#: words of our judgement beyond the labels' own (models.printing.pack_labels.INTERNAL_KEYS)
EXTRA_INTERNAL = {"zh_CN": ["躺平", "内部", "预警"], "en": ["lying flat", "Internal", "Warning sign"]}



def pdftotext(pdf: bytes) -> str:
    # poppler reads the packs back: skipped without it, failed under CI (tests/poppler.py)
    out = subprocess.run([poppler_tool("pdftotext"), "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    # table cells and wrapped paragraphs break lines anywhere: compare without them
    return out.replace("\n", "").replace(" ", "")


def internal_vocabulary(lang: str) -> list[str]:
    words = PackText(lang).internal_words() + EXTRA_INTERNAL[lang]
    return [w.replace(" ", "") for w in words]


def internal_lines(meetings: list[dict]) -> list[str]:
    lines = []
    for m in meetings:
        for key in ("agenda", "notes", "decisions"):
            lines += [strip_marker(x).strip() for x in (m[key] or "").split("\n") if is_internal(x)]
    return lines


@pytest.fixture(scope="module")
def demo():
    from models.database import open_memory_database
    from models.store import Store

    store = Store(open_memory_database())
    demo_data.generate(store, today=TODAY)
    return store


def test_no_partner_copy_of_the_demo_data_holds_an_internal_word(demo):
    """Every demo partner, both languages, full pack: none of the internal vocabulary
    and none of the note lines marked internal. The internal copies of the same
    partners do show them (the check can fail)."""
    partners = demo.rows("partner", order_by="id")
    assert len(partners) >= 50
    seen_internal: dict[str, set[str]] = {lang: set() for lang in LANGS}
    marked = 0
    for p in partners:
        data = gather_pack_data(demo, p["id"], today=TODAY)
        lines = [x.replace(" ", "") for x in internal_lines(data.meetings)]
        for lang in LANGS:
            text = pdftotext(render_pack_bytes(data, PackOptions("full", lang)))
            assert PackText(lang)("audience_partner").replace(" ", "") in text
            leaked = [w for w in internal_vocabulary(lang) if w in text]
            assert not leaked, (p["name_zh"] or p["name_en"], lang, leaked)
            leaked_lines = [x for x in lines if x and x in text]
            assert not leaked_lines, (p["name_zh"] or p["name_en"], lang, leaked_lines)
        if p is partners[0] or (lines and marked < 3):
            marked += bool(lines)
            for lang in LANGS:
                inside = pdftotext(render_pack_bytes(data, PackOptions("full", lang,
                                                                      audience="internal")))
                seen_internal[lang] |= {w for w in internal_vocabulary(lang) if w in inside}
                for x in lines:
                    assert x in inside, x  # the internal copy prints them
    assert marked, "the demo data holds note lines marked internal in the packs' periods"
    for lang in LANGS:
        sections = {PackText(lang)(k).replace(" ", "") for k in
                    ("sec_signs", "sec_cadence", "sec_response", "sec_checklist",
                     "audience_internal")}
        assert sections <= seen_internal[lang], sections - seen_internal[lang]


@pytest.fixture
def rich(store):
    partner = make_partner(store)
    store.create("contact", {"partner_id": partner["id"], "name": "王建国", "role": "总经理"})
    store.create("contact", {"partner_id": partner["id"], "name": "李采购", "role": "采购经理"})
    add_history(store, partner, TODAY, months=6, meetings=12, actions=40, reviews=3)
    meeting = store.rows("meeting", "partner_id = ? AND status = 'held'", [partner["id"]],
                         order_by="starts_at DESC", limit=1)[0]
    store.update("meeting", meeting["id"], {
        "notes": "双方确认了下季度的联合推广计划。\n内部：对方老板私下说在看竞品，要盯紧。",
        "decisions": "返点结算周期缩短至30天。\n@internal hold back the extra rebate until Q2"})
    return store, partner


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", ["full", "summary"])
def test_partner_and_internal_copies_differ_as_the_method_says(rich, lang, template):
    store, partner = rich
    data = gather_pack_data(store, partner["id"], today=TODAY)
    t = PackText(lang)
    shared = pdftotext(render_pack_bytes(data, PackOptions(template, lang)))
    inside = pdftotext(render_pack_bytes(data, PackOptions(template, lang, audience="internal")))
    assert t("audience_partner").replace(" ", "") in shared
    assert t("audience_internal").replace(" ", "") in inside
    assert t("sec_signs").replace(" ", "") in inside
    for word in internal_vocabulary(lang):
        assert word not in shared, word
    if template == "full":
        assert "双方确认了下季度的联合推广计划。" in shared
        assert "返点结算周期缩短至30天。" in shared
        for secret in ("对方老板私下说在看竞品", "holdbacktheextrarebate"):
            assert secret not in shared
            assert secret in inside
        assert t("internal_mark").strip().replace(" ", "") in inside
        # both copies: agreed terms, feedback given, the partner's signatory by name
        for text in (shared, inside):
            assert t("sec_terms").replace(" ", "") in text and "年销售额增长20%" in text
            assert t("feedback").replace(" ", "") in text
            assert "王建国" in text and "总经理" in text
    else:
        assert "王建国" in shared


def test_the_signature_line_names_a_person_not_the_company(store):
    partner = make_partner(store)
    data = gather_pack_data(store, partner["id"], today=TODAY)
    text = subprocess.run([poppler_tool("pdftotext"), "-layout", "-enc", "UTF-8", "-", "-"],
                          input=render_pack_bytes(data, PackOptions("full", "en")),
                          capture_output=True, check=True).stdout.decode("utf-8")
    name_lines = [line for line in text.splitlines() if "Name:" in line]
    assert name_lines and all("East China Distribution" not in line for line in name_lines)


def test_a_pack_speaks_the_partners_language_template_names_included(store):
    """Language "auto" (the default) prints in the partner's preferred language; the
    review template's bilingual name is printed in the pack's language only."""
    en = make_partner(store, name_zh="港湾贸易", name_en="Harbour Trading")
    store.update("partner", en["id"], {"language": "en"})
    add_history(store, en, TODAY, months=4, meetings=6, actions=10, reviews=2)
    data = gather_pack_data(store, en["id"], today=TODAY)
    assert " / " in data.checklist.template_name  # the built-in names carry both languages
    text = pdftotext(render_pack_bytes(data, PackOptions("full", audience="internal")))
    assert "Partnerreviewpack" in text and "渠道复盘资料" not in text
    english, chinese = [part.strip().replace(" ", "")
                        for part in data.checklist.template_name.split(" / ")]
    assert english in text and chinese not in text
    zh = pdftotext(render_pack_bytes(data, PackOptions("full", "zh_CN", audience="internal")))
    assert chinese in zh and english not in zh


def _pages(pdf: bytes) -> list[str]:
    out = subprocess.run([poppler_tool("pdftotext"), "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return [p.replace("\n", "").replace(" ", "") for p in out.split("\f")[:-1]]


@pytest.mark.parametrize("lang", LANGS)
def test_signatures_never_stand_alone_and_next_steps_are_never_empty(store, lang):
    """Packs of many lengths: the page with the signatures also holds the end of the
    next steps (the next meeting line); the summary's next steps always say something."""
    t = PackText(lang)
    sign = t("sec_signatures").replace(" ", "")
    meeting_line = t("no_next_meeting").replace(" ", "")
    steps_head = t("sec_next_steps").replace(" ", "")
    for n in range(8):
        partner = make_partner(store, name_zh=f"长度渠道{n}", name_en=f"Length {n}")
        add_history(store, partner, TODAY, months=3 + n, meetings=2 + 3 * n, actions=3 * n,
                    reviews=1, note_sentences=4 + 5 * n, seed=n)
        data = gather_pack_data(store, partner["id"], today=TODAY)
        for audience in ("partner", "internal"):
            pages = _pages(render_pack_bytes(data, PackOptions("full", lang, audience=audience)))
            holding = [p for p in pages if sign in p]
            assert len(holding) == 1, (n, audience)
            assert meeting_line in holding[0], (n, audience)  # not the signatures alone
            (summary,) = _pages(render_pack_bytes(data, PackOptions("summary", lang,
                                                                    audience=audience)))
            after = summary.split(steps_head, 1)[1]
            assert after.index(meeting_line) >= 0
            assert data.next_steps == [] or any(
                a["title"].replace(" ", "") in after for a in data.next_steps) or \
                t("steps_above", n=len(data.next_steps)).replace(" ", "") in after
