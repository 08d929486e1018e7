"""Chinese line breaking in packs: no line starts with closing punctuation and none
ends with an opening bracket or quote (标点避头尾), for both of reportlab's paths
(one styled run, several runs), with the text kept whole and Latin words unbroken."""
from __future__ import annotations

import random

from pack_history import SENTENCES, long_note
from reportlab.platypus import paragraph as rl_paragraph

from models.printing import cjk_wrap
from models.printing.cjk_wrap import CANNOT_END, CANNOT_START
from models.printing.pack_styles import make_styles


def _lines(p) -> list[str]:
    bl = p.blPara
    if bl.kind == 0:
        return ["".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words) for line in bl.lines]


def _violations(styles, samples: int = 150) -> tuple[int, int]:
    bad = total = 0
    for seed in range(samples):
        rng = random.Random(seed)
        text = "“" + long_note(rng, 6).replace("\n\n", "") + "”（测试）《渠道》"
        for styled in (False, True):
            raw = text.replace("渠道", '<font color="red">渠道</font>') if styled else text
            p = styles.para(raw, raw=True)
            p.wrap(rng.randint(100, 400), 100000)
            lines = _lines(p)
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
            for k, line in enumerate(lines):
                total += 1
                bad += bool(k and line and line[0] in CANNOT_START)
                bad += bool(k < len(lines) - 1 and line and line[-1] in CANNOT_END)
    return bad, total


def test_pack_paragraphs_follow_chinese_line_breaking_rules():
    bad, total = _violations(make_styles(True))
    assert total > 1000 and bad == 0


def test_stock_reportlab_breaks_them(monkeypatch):
    """The check above can fail: reportlab's own splitters put "，" at line starts."""
    styles = make_styles(True)
    monkeypatch.setattr(rl_paragraph, "wordSplit", cjk_wrap.STOCK_WORD_SPLIT)
    monkeypatch.setattr(rl_paragraph, "cjkFragSplit", cjk_wrap.STOCK_FRAG_SPLIT)
    bad, _ = _violations(styles, samples=60)
    assert bad > 0


def test_latin_words_inside_chinese_stay_whole():
    styles = make_styles(True)
    p = styles.para("渠道方希望获得 revenue-share breakdown 以及 monthly statements，" * 6)
    p.wrap(180, 10000)
    words = {"revenue-share", "breakdown", "monthly", "statements"}
    for line in _lines(p):
        for token in line.replace("，", " ").split():
            latin = "".join(ch for ch in token if ord(ch) < 0x3000)
            if latin:
                assert any(latin in w or w in latin for w in words), line


def test_forced_line_breaks_are_kept():
    styles = make_styles(True)
    p = styles.para("第一行\n第二行\n" + SENTENCES[0])
    p.wrap(400, 1000)
    lines = _lines(p)
    assert lines[0] == "第一行" and lines[1] == "第二行"
