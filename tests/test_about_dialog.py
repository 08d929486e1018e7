"""Help ▸ About names the version and what the app is made of, with licences read
from the installed packages (so a bundle tells the truth about itself)."""
from __future__ import annotations

import re
import tomllib
from importlib.metadata import requires, version
from pathlib import Path

from packaging.requirements import Requirement

from ui.about_dialog import COMPONENTS, AboutDialog, components, licence_of

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_about_lists_version_qt_the_font_and_the_dependencies_with_licences(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.components.toPlainText()
    heading = dialog.findChildren(type(dialog.layout().itemAt(0).widget()))[0].text()
    assert version("channelkeeper") in heading
    names = {c.name: c for c in components()}
    assert names["Qt"].licence.startswith("LGPL-3.0")
    assert "Apache-2.0" in names["WenQuanYi Micro Hei (文泉驿微米黑)"].licence
    for name in ("Qt for Python (PySide6)", "ReportLab", "SQLAlchemy", "Uvicorn", "keyring"):
        assert name in names and names[name].licence not in ("", "?"), name
        assert name in text and names[name].version in text
    assert "LICENSE-wqy-microhei.txt" in text


def test_a_long_licence_field_is_summarised_from_the_classifiers():
    # reportlab's License field is a paragraph; its classifier says BSD
    assert "BSD" in licence_of("reportlab") and len(licence_of("reportlab")) <= 60


def test_about_names_the_icon_set_and_shows_its_licence_text(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.components.toPlainText()
    names = {c.name: c for c in components()}
    assert names["Tabler Icons"].licence == "MIT" and names["Tabler Icons"].version == "3.51.0"
    assert "Tabler Icons" in text
    # the licence itself, as shipped beside the icons
    assert "Copyright (c) 2020-2026 Paweł Kuna" in text
    assert "Permission is hereby granted, free of charge" in text


def test_about_names_every_distribution_the_app_ships():
    """What the app and its bundle install (the core dependencies and the app extra) is
    each named in About, so a new dependency cannot ship without its licence shown."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["app"]
    shipped = {re.split(r"[<>=!~\[; ]", req, maxsplit=1)[0].lower() for req in declared}
    named = {dist.lower() for _, dist in COMPONENTS} | {"pyside6-addons"}  # Qt's second half
    assert shipped - named == set()


def shipped_distributions() -> set[str]:
    """The distributions the app installs: the core dependencies and the app extra,
    with everything they require in turn (markers evaluated for this machine)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["app"]]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        name = req.name.lower()
        if name in seen or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        todo += [Requirement(r) for r in requires(req.name) or []]
    return seen


def copyleft_only(licence: str) -> bool:
    """A GPL licence with no LGPL or other choice beside it: shipping it would put the
    whole app under the GPL."""
    return "GPL" in licence.replace("LGPL", "") and " OR " not in licence.upper() \
        and "LGPL" not in licence


def test_nothing_the_app_ships_is_gpl_only():
    assert copyleft_only("GPL-3.0-or-later") and copyleft_only("GNU General Public License v3 (GPLv3)")
    assert not copyleft_only("LGPL-3.0-only") and not copyleft_only("MIT")
    assert not copyleft_only("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only")
    shipped = shipped_distributions()
    assert {"pyside6-essentials", "reportlab", "pydantic-core"} <= shipped
    assert {dist: licence_of(dist) for dist in sorted(shipped)
            if copyleft_only(licence_of(dist))} == {}


def test_the_bundle_carries_the_metadata_about_reads():
    """About skips a component whose metadata is missing, so the bundle's spec must copy
    the metadata of every distribution About names."""
    spec = (PYPROJECT.parent / "packaging" / "channelkeeper.spec").read_text(encoding="utf-8")
    copied = set(re.findall(r'"([A-Za-z0-9_.-]+)"', spec.split("copy_metadata(dist)")[0]
                            .rsplit("for dist in", 1)[1]))
    assert {dist for _, dist in COMPONENTS} - copied == set()
