"""``main.py pack`` on a real profile: partners by id or name, batches, clear errors,
and never a half-written file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pack_history import add_history, make_partner
from pypdf import PdfReader

from desktop.cli import main
from models.printing import batch
from models.store import Store
from tests.keys import open_test_database

TODAY = "2026-11-27"


@pytest.fixture
def seeded(tmp_path):
    root = tmp_path / "profile"
    store = Store(open_test_database(root / "channelkeeper.db"))
    east = make_partner(store)
    add_history(store, east, dt.date(2026, 11, 27), months=6, meetings=10, actions=20, reviews=2)
    south = make_partner(store, name_zh="华南新兴渠道", name_en="South China Pilot",
                         tier="emerging", stage="intro")
    make_partner(store, name_zh="华南新兴渠道二部", name_en=None, tier="ordinary", stage="intro")
    store.create("meeting", {"partner_id": south["id"], "type": "visit", "status": "planned",
                             "starts_at": "2026-11-26 10:00"})
    store.db.conn.close()
    return {"root": root, "east": east, "south": south}


def run(seeded, *args: str) -> int:
    return main(["pack", "--profile", str(seeded["root"]), "--today", TODAY, *args])


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_one_partner_by_name_to_a_file(seeded, tmp_path, capsys):
    out = tmp_path / "east.pdf"
    assert run(seeded, "华东", "--out", str(out)) == 0
    text = _text(out)
    assert "华东渠道分销商" in text and "第 1 页" in text
    assert str(out) in capsys.readouterr().out


def test_one_partner_by_id_in_english_letter_summary(seeded, tmp_path):
    out = tmp_path / "south"
    assert run(seeded, seeded["south"]["id"], "--lang", "en", "--template", "summary",
               "--paper", "letter", "--out", str(out)) == 0
    reader = PdfReader(tmp_path / "south.pdf")
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "South China Pilot" in reader.pages[0].extract_text()


def test_an_exact_name_wins_over_partial_matches(seeded, tmp_path):
    out = tmp_path / "exact.pdf"
    assert run(seeded, "华南新兴渠道", "--out", str(out)) == 0
    assert "华南新兴渠道" in _text(out) and "华南新兴渠道二部" not in _text(out)


def test_an_ambiguous_name_lists_the_candidates_and_writes_nothing(seeded, tmp_path, capsys):
    assert run(seeded, "华南", "--out", str(tmp_path / "x.pdf")) == 2
    err = capsys.readouterr().err
    assert "2 partners match" in err and seeded["south"]["id"] in err
    assert not list(tmp_path.glob("*.pdf"))


def test_unknown_partner_and_empty_period_are_clear_errors(seeded, tmp_path, capsys):
    assert run(seeded, "没有这个渠道", "--out", str(tmp_path / "x.pdf")) == 2
    assert "no partner matches" in capsys.readouterr().err
    assert run(seeded, "华东", "--period-start", "2026-11-01", "--period-end", "2026-10-01",
               "--out", str(tmp_path / "x.pdf")) == 2
    assert "period is empty" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_unwritable_output_is_a_clear_error(seeded, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run(seeded, "华东", "--out", str(blocker / "pack.pdf")) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert run(seeded, "华东", "--out", str(tmp_path / "missing" / "pack.pdf")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_all_partners_into_a_folder(seeded, tmp_path, capsys):
    folder = tmp_path / "all"
    assert run(seeded, "--all", "--out", str(folder)) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([
        "华东渠道分销商_2026-11-27_full_zh_CN.pdf", "华南新兴渠道_2026-11-27_full_zh_CN.pdf",
        "华南新兴渠道二部_2026-11-27_full_zh_CN.pdf"])
    assert "[3/3]" in capsys.readouterr().out


def test_due_this_week(seeded, tmp_path):
    folder = tmp_path / "week"
    assert run(seeded, "--due-this-week", "--lang", "en", "--out", str(folder)) == 0
    files = list(folder.iterdir())
    assert [f.name for f in files] == ["South China Pilot_2026-11-27_full_en.pdf"]


def test_a_failure_mid_render_leaves_no_partial_file_and_keeps_the_old_one(
        seeded, tmp_path, monkeypatch, capsys):
    out = tmp_path / "east.pdf"
    out.write_bytes(b"%PDF- previous pack")

    def broken(data, options, fh):
        fh.write(b"%PDF-1.4 half a pack")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "render_pack", broken)
    assert run(seeded, "华东", "--out", str(out)) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"%PDF- previous pack"
    assert [p.name for p in tmp_path.iterdir() if p.name != "profile"] == ["east.pdf"]


def test_an_interrupted_batch_leaves_only_whole_packs(seeded, tmp_path, monkeypatch):
    real = batch.render_pack
    calls = []

    def interrupted(data, options, fh):
        calls.append(1)
        if len(calls) == 2:
            fh.write(b"%PDF-1.4 partial")
            raise KeyboardInterrupt
        return real(data, options, fh)

    monkeypatch.setattr(batch, "render_pack", interrupted)
    folder = tmp_path / "all"
    assert main(["pack", "--profile", str(seeded["root"]), "--today", TODAY, "--all",
                 "--out", str(folder)]) == 130
    files = list(folder.iterdir())
    assert len(files) == 1 and files[0].suffix == ".pdf"
    assert PdfReader(files[0]).pages


def test_the_logo_and_cadence_from_settings_are_used(seeded, tmp_path):
    from desktop.settings import Settings

    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (240, 80), (29, 78, 137)).save(logo)
    settings = Settings(seeded["root"] / "settings.ini")
    settings.logo_path = str(logo)
    settings.set_cadence({"core": 200})
    out = tmp_path / "east.pdf"
    assert run(seeded, "华东", "--audience", "internal", "--out", str(out)) == 0
    reader = PdfReader(out)
    xobjects = reader.pages[0]["/Resources"].get("/XObject") or {}
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    assert "至少每 200 天会面一次" in _text(out)


def test_the_partner_copy_is_the_default_and_the_internal_one_is_asked_for(seeded, tmp_path):
    shared, inside = tmp_path / "shared.pdf", tmp_path / "inside"
    assert run(seeded, "华东", "--out", str(shared)) == 0
    assert run(seeded, "华东", "--audience", "internal", "--lang", "en", "--out", str(inside)) == 0
    text = _text(shared)
    assert "渠道方版本" in text and "预警信号" not in text and "拜访节奏" not in text
    inside_text = _text(tmp_path / "inside.pdf")
    assert "Internal copy" in inside_text and "Warning signs" in inside_text


def test_an_unknown_audience_is_refused(seeded, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        run(seeded, "华东", "--audience", "boss", "--out", str(tmp_path / "x.pdf"))
    assert exc.value.code == 2 and "boss" in capsys.readouterr().err


def test_the_default_language_is_each_partners_preferred_one(seeded, tmp_path):
    store = Store(open_test_database(seeded["root"] / "channelkeeper.db"))
    store.update("partner", seeded["south"]["id"], {"language": "en"})
    store.db.conn.close()
    out = tmp_path / "both"
    assert run(seeded, "华东", "South China Pilot", "--out", str(out)) == 0
    texts = {p.name: _text(p) for p in out.glob("*.pdf")}
    (south,) = [t for name, t in texts.items() if "_en" in name]
    (east,) = [t for name, t in texts.items() if "_zh_CN" in name]
    assert "Partner review pack" in south and "Partner copy" in south
    assert "渠道复盘资料" in east and "渠道方版本" in east
