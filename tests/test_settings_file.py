"""The profile's settings.ini, read and written without Qt, stays QSettings' file: what
QSettings wrote reads the same here, and what is written here reads the same in
QSettings (an older ChannelKeeper opening the profile). Keys we do not know survive."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from desktop.ini_file import IniFile
from desktop.settings import Settings

TEXTS = [
    "zh_CN",
    r"C:\用户\张三\logo, 2026.png",
    'say "hi"; a=b',
    " leading and trailing ",
    "@starts with an at",
    "tab\tnew\nline",
    "",
    "ends with a digit after a control char \x01 9",
]
BLOBS = [bytes(range(256)), b"\x01\xd9\xd0\xcb\x00\x03\x00\x00" + b"1a,=;" * 3, b"\x00"]


@pytest.mark.parametrize("text", TEXTS)
def test_a_string_qsettings_wrote_reads_the_same(tmp_path, text):
    path = tmp_path / "settings.ini"
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    qs.setValue("packs/logo_path", text)
    qs.sync()
    assert IniFile(path).get("packs/logo_path") == text


@pytest.mark.parametrize("text", TEXTS)
def test_a_string_written_here_reads_the_same_in_qsettings(tmp_path, text):
    path = tmp_path / "settings.ini"
    ini = IniFile(path)
    ini.set("packs/logo_path", text)
    ini.save()
    assert QSettings(str(path), QSettings.Format.IniFormat).value("packs/logo_path") == text
    assert IniFile(path).get("packs/logo_path") == text


@pytest.mark.parametrize("blob", BLOBS, ids=["all-bytes", "geometry-like", "nul"])
def test_bytes_round_trip_both_ways(tmp_path, blob):
    ours, theirs = tmp_path / "ours.ini", tmp_path / "theirs.ini"
    qs = QSettings(str(theirs), QSettings.Format.IniFormat)
    qs.setValue("window/geometry", QByteArray(blob))
    qs.sync()
    assert IniFile(theirs).get("window/geometry") == blob
    ini = IniFile(ours)
    ini.set("window/geometry", blob)
    ini.save()
    value = QSettings(str(ours), QSettings.Format.IniFormat).value("window/geometry")
    assert isinstance(value, QByteArray) and value.data() == blob


def test_settings_keep_what_qsettings_wrote_and_what_they_do_not_know(tmp_path):
    path = tmp_path / "settings.ini"
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    qs.setValue("ui/language", "zh_CN")
    qs.setValue("cadence/core", 9)
    qs.setValue("start/demo_offered", "true")
    qs.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb geometry"))
    qs.setValue("someone/elses", "kept, untouched")
    qs.setValue("top_level", 3)
    qs.sync()
    del qs

    settings = Settings(path)
    assert settings.language == "zh_CN"
    assert settings.cadence()["core"] == 9
    assert settings.demo_offered is True
    assert settings.window_geometry == b"\x01\xd9\xd0\xcb geometry"
    settings.logo_path = "D:/品牌/logo.svg"
    settings.set_cadence({"core": 11})
    settings.window_geometry = QByteArray(b"new geometry")  # what saveGeometry() gives

    after = QSettings(str(path), QSettings.Format.IniFormat)
    assert after.value("someone/elses") == "kept, untouched"
    assert int(after.value("top_level")) == 3
    assert after.value("packs/logo_path") == "D:/品牌/logo.svg"
    assert int(after.value("cadence/core")) == 11
    assert after.value("ui/language") == "zh_CN"
    assert after.value("window/geometry").data() == b"new geometry"


def test_a_change_by_another_process_is_seen_and_kept(tmp_path):
    path = tmp_path / "settings.ini"
    app_side, command_side = Settings(path), Settings(path)
    app_side.language = "en"
    command_side.logo_path = "logo.png"  # written after the app's change: both stay
    assert app_side.logo_path == "logo.png"
    assert Settings(path).language == "en"


def test_a_damaged_value_falls_back_to_the_default(tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text("[cadence]\ncore=often\n[ui]\nlanguage=klingon\n[window]\ngeometry=x\n",
                    encoding="utf-8")
    settings = Settings(path)
    assert settings.language == ""
    assert settings.cadence()["core"] == Settings(tmp_path / "none.ini").cadence()["core"]
    assert settings.window_geometry is None


def test_appearance_and_text_size_round_trip_and_refuse_nonsense(tmp_path):
    path = tmp_path / "settings.ini"
    settings = Settings(path)
    assert (settings.appearance, settings.font_size) == ("system", 0)
    settings.appearance, settings.font_size = "dark", 14
    assert (Settings(path).appearance, Settings(path).font_size) == ("dark", 14)
    with pytest.raises(ValueError):
        settings.appearance = "purple"
    with pytest.raises(ValueError):
        settings.font_size = 99
    path.write_text("[ui]\nappearance=neon\nfont_size=3\n", encoding="utf-8")
    assert (settings.appearance, settings.font_size) == ("system", 0)
