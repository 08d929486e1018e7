"""File names made from synced data stay in the chosen folder: the one cleaning
function (models.file_names), ``main.py pack --all --out DIR`` and the batch dialog,
with partners whose ids and names arrived by sync made of ``..``, slashes, drive
letters, reserved Windows device names, trailing dots, control characters, very long
and Chinese text, and names that collide once cleaned."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.cli import main
from desktop.jobs import JobRunner
from models.file_names import (
    UnsafePathError,
    file_in_folder,
    safe_file_name,
    unique_file_name,
)
from models.printing.pack_files import pack_filename
from models.printing.pack_options import PackOptions
from models.store import Store
from tests.keys import open_test_database

TODAY = "2026-11-27"
RESERVED = ("CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9", "CONIN$")

#: (id, Chinese name, English name) as another laptop or head office could send them
HOSTILE = [
    ("../../../escaped", "..", None),
    ("..", "../../outside", "../../outside"),
    ("/etc/passwd", "/tmp/abs", None),
    ("..\\..\\windows", "..\\..\\evil", "C:\\Windows\\system32"),
    ("C:", "C:", "C:evil"),
    ("CON", "CON", "CON"),
    ("nul.pdf", "nul.pdf", "NUL .txt"),
    ("COM1", "com1.tar.gz", None),
    ("LPT1", "lpt1", "LPT1."),
    ("trailing. . .", "name. . ", "name "),
    ("ctrl\x00\x1f\x7f", "控制\x00字符\n换行\r", "bell\x07"),
    ("long-" + "x" * 400, "很长的名字" * 120, "L" * 1000),
    ("dup-1", "华东渠道分销商", "East"),
    ("dup-2", "华东渠道分销商", "East"),
    ("dup-3", "华东渠道分销商/", "East"),
    ("dup-4", "华东渠道分销商:", None),
    ("rtl\u202egpj.exe", "\u202e名字", None),
    (".", ".", "."),
    ("...", " ", None),
]


@pytest.mark.parametrize("text", [
    "..", ".", "...", "../x", "..\\x", "/etc/passwd", "C:", "C:\\x", "a/b", "a\\b",
    "\x00", "x\x1fy", "name.", "name ", " . ", "∕x", "／etc", "＼x",
])
def test_cleaned_names_are_single_plain_file_names(text, tmp_path):
    name = safe_file_name(text, fallback="fallback")
    assert name and "/" not in name and "\\" not in name and ":" not in name
    assert name not in (".", "..") and not name.startswith(".")
    assert not name.endswith((".", " "))
    assert not any(ord(ch) < 32 for ch in name)
    assert file_in_folder(tmp_path, name).parent == tmp_path
    (tmp_path / name).write_bytes(b"x")  # the file system takes it
    assert (tmp_path / name).exists()


@pytest.mark.parametrize("device", RESERVED)
@pytest.mark.parametrize("form", ["{}", "{}.pdf", "{} .txt", "{}.tar.gz", "{}."])
def test_reserved_windows_names_are_never_produced(device, form):
    for text in (form.format(device), form.format(device.lower())):
        name = safe_file_name(text)
        assert name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED, (text, name)


def test_chinese_is_kept_and_long_names_are_cut_at_a_character():
    assert safe_file_name("华东渠道分销商") == "华东渠道分销商"
    assert safe_file_name("上海/杭州 渠道") == "上海_杭州 渠道"
    long = safe_file_name("很长的名字" * 100, max_bytes=100)
    assert len(long.encode("utf-8")) <= 100 and set(long) <= set("很长的名字")
    assert len(safe_file_name("x" * 1000).encode("utf-8")) <= 150


def test_an_empty_result_falls_back_and_the_fallback_is_cleaned_too():
    assert safe_file_name("..", fallback="p-1") == "p-1"
    assert safe_file_name("", fallback="../../x") == "x"
    assert safe_file_name("///", fallback="..") == "unnamed"
    assert safe_file_name(None) == "unnamed"


def test_format_characters_cannot_disguise_a_name():
    assert safe_file_name("rtl\u202egpj.exe") == "rtlgpj.exe"


def test_collisions_get_distinct_names_without_case():
    used: set[str] = set()
    names = [unique_file_name(n, used) for n in ("A.pdf", "a.pdf", "A.pdf", "b")]
    assert names == ["A.pdf", "a-2.pdf", "A-3.pdf", "b"]


def test_file_in_folder_refuses_what_is_not_a_direct_child(tmp_path, monkeypatch):
    assert file_in_folder(tmp_path, "../x") == tmp_path / "x"
    # the second line of defence: should the cleaning ever let a separator through
    import models.file_names as fn

    monkeypatch.setattr(fn, "safe_file_name", lambda text, **_: text)
    for bad in ("../x", "a/b", "/abs"):
        with pytest.raises(UnsafePathError):
            fn.file_in_folder(tmp_path, bad)


def test_pack_file_name_falls_back_to_a_cleaned_id():
    data = SimpleNamespace(partner={"name_zh": "..", "name_en": "/"}, partner_id="../../evil",
                           period_end=dt.date(2026, 11, 27))
    name = pack_filename(data, PackOptions("full", "zh_CN", "a4"))
    assert name == "evil_2026-11-27_full_zh_CN.pdf"


# --- the paths that write files: the command line and the batch dialog -----------------


def _synced_profile(root: Path) -> list[str]:
    """A profile whose partners arrived from the server (apply_remote: no validation of
    ids happens on the laptop), each with a meeting so its pack has a period."""
    store = Store(open_test_database(root / "channelkeeper.db"))
    for i, (pid, zh, en) in enumerate(HOSTILE):
        store.apply_remote("partner", {
            "id": pid, "name_zh": zh, "name_en": en, "tier": "core", "stage": "mature",
            "status": "active", "region": "华东"}, version=10 + i)
        store.apply_remote("meeting", {
            "id": f"m-{i}", "partner_id": pid, "type": "visit", "status": "held",
            "starts_at": "2026-11-20 10:00", "notes": "会议记录"}, version=100 + i)
    ids = [pid for pid, *_ in HOSTILE]
    store.db.conn.close()
    return ids


def _all_files(root: Path) -> set[Path]:
    """Every file under ``root`` but the profile's own (its write-ahead log comes and goes)."""
    return {Path(d) / f for d, _, files in os.walk(root) for f in files
            if Path(d).name != "profile"}


def _assert_only_in(folder: Path, outside_before: set[Path], root: Path, expected: int) -> None:
    written = sorted(folder.iterdir())
    assert all(p.is_file() and p.parent == folder for p in written)
    assert len(written) == expected
    assert len({p.name.casefold() for p in written}) == expected  # no pack overwrote another
    assert _all_files(root) - set(written) == outside_before  # nothing appeared elsewhere
    assert any("华东渠道分销商" in p.name for p in written)  # Chinese kept
    for p in written:
        assert p.name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED
        assert len(p.name.encode("utf-8")) < 255


def test_pack_all_writes_every_hostile_partner_inside_the_folder(tmp_path, capsys):
    root = tmp_path / "work"
    profile = root / "deep" / "er" / "profile"
    ids = _synced_profile(profile)
    out = root / "deep" / "er" / "packs"
    before = _all_files(root)
    assert main(["pack", "--all", "--profile", str(profile), "--today", TODAY,
                 "--period-start", "2026-11-01", "--out", str(out)]) == 0, capsys.readouterr()
    _assert_only_in(out, before, root, len(ids))
    # names from data reach the terminal without control characters (escape sequences)
    printed = capsys.readouterr().out
    assert "控制?字符?换行?" in printed
    assert not any(ord(ch) < 32 and ch != "\n" for ch in printed)


def test_batch_dialog_writes_every_hostile_partner_inside_the_folder(qtbot, tmp_path):
    from ui.app_context import AppContext
    from ui.packs.pack_actions import generate_packs

    root = tmp_path / "work"
    profile = root / "deep" / "er" / "profile"
    ids = _synced_profile(profile)
    store = Store(open_test_database(profile / "channelkeeper.db"))
    jobs = JobRunner()
    settings = SimpleNamespace(cadence=lambda: {"core": 30, "strategic": 30, "emerging": 21,
                                                "ordinary": 90}, logo_path="")
    ctx = AppContext(store, jobs, settings, today=lambda: dt.date(2026, 11, 27))
    try:
        out = root / "deep" / "er" / "packs"
        before = _all_files(root)
        dialog = generate_packs(ctx, ids)
        dialog.folder.setText(str(out))
        dialog.options_bar.set_options(PackOptions("summary", "en", "a4"))
        with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as blocker:
            dialog.start()
        result = blocker.args[0]
        assert not result.failed, result.failed
        dialog.report_box.close()
        _assert_only_in(out, before, root, len(ids))
    finally:
        jobs.db.wait_idle(10)
        jobs.work.wait_idle(30)
        jobs.shutdown()
        store.db.conn.close()
