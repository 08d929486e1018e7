"""Every user-visible string of the app has a Simplified Chinese translation, and the
shipped .qm is built from the .ts files as they are."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations

ZH_CN = update_translations.TRANSLATIONS / "zh_CN"


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → the finished translation, or None when there is none."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            if tr is not None and message.get("numerus") == "yes":
                text = "".join(f.text or "" for f in tr.iter("numerusform"))
            else:
                text = tr.text if tr is not None else None
            out[(name, source)] = text if done and text else None
    return out


def _shipped() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for ts in sorted(ZH_CN.glob("*.ts")):
        for key, text in _messages(ts).items():
            if text:
                found[key] = text
    return found


def _extract(tmp_path: Path, sources: list[Path]) -> dict[tuple[str, str], str | None]:
    ts = tmp_path / "extracted.ts"
    subprocess.run([str(update_translations.qt_tool("lupdate")), "-silent", "-locations", "none",
                    *(str(p) for p in sources), "-ts", str(ts)], check=True, cwd=ROOT)
    return _messages(ts)


def _report(missing: list[tuple[str, str]]) -> str:
    return f"{len(missing)} strings without a Simplified Chinese translation:\n" + "\n".join(
        f"  [{ctx}] {src!r}" for ctx, src in sorted(missing))


def test_every_source_string_has_a_chinese_translation(tmp_path):
    """lupdate over all of ui/ and desktop/ (every area), against the union of the
    shipped zh_CN/*.ts files."""
    sources = sorted({*ROOT.glob("ui/**/*.py"), *ROOT.glob("desktop/**/*.py")})
    extracted = _extract(tmp_path, sources)
    assert len(extracted) > 100  # lupdate really read the sources
    shipped = _shipped()
    missing = [key for key in extracted if key not in shipped]
    assert not missing, _report(missing)


def test_shell_area_is_completely_translated(tmp_path):
    extracted = _extract(tmp_path, update_translations.area_sources("shell"))
    shipped = _messages(update_translations.ts_file("shell"))
    missing = [key for key in extracted if not shipped.get(key)]
    assert not missing, _report(missing)


def test_committed_qm_is_built_from_the_ts_files(tmp_path):
    committed = update_translations.qm_file("zh_CN")
    assert committed.exists(), "run scripts/update_translations.py"
    rebuilt = update_translations.build_qm("zh_CN", out=tmp_path / "rebuilt.qm")
    assert rebuilt.read_bytes() == committed.read_bytes(), (
        "resources/translations/channelkeeper_zh_CN.qm is stale: run "
        "`python scripts/update_translations.py --no-update` and commit it")


def test_placeholders_survive_translation():
    """A translation that drops %1 or {name} would lose the value it stands for."""
    import re

    bad = []
    for (ctx, source), text in _shipped().items():
        for pattern in (r"%\d", r"\{[a-z_]+(?::[^}]*)?\}"):
            if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, text)):
                bad.append(f"[{ctx}] {source!r} → {text!r}")
    assert not bad, "\n".join(bad)


@pytest.fixture
def chinese(qapp):
    from desktop.app import install_language

    assert install_language("zh_CN") == "zh_CN"
    yield
    install_language("en")


def test_the_app_speaks_chinese_with_the_built_qm(chinese):
    from ui import labels

    assert labels.tier_label("core") == "金牌核心渠道"
    assert labels.stage_label("running_in") == "磨合"
    assert labels.action_status_label("feedback_given") == "已反馈"
