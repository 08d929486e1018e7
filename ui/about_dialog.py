"""Help ▸ About: the version, what ChannelKeeper is built with and under which
licences (read from the installed packages, so the bundle tells the truth about
itself), and the licence texts shipped with the app."""
from __future__ import annotations

import html
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata, version
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON = RESOURCES / "icons" / "channelkeeper.svg"
FONT_LICENCE = RESOURCES / "fonts" / "LICENSE-wqy-microhei.txt"
ICONS_LICENCE = RESOURCES / "icons" / "tabler" / "LICENSE"
#: "Tabler Icons 3.51.0 (...)": written by scripts/vendor_icons.py
ICONS_VERSION = RESOURCES / "icons" / "tabler" / "VERSION"

#: what the app is made of, as installed distributions (name shown, distribution)
COMPONENTS = (
    ("Qt for Python (PySide6)", "PySide6-Essentials"), ("Shiboken", "shiboken6"),
    ("ReportLab", "reportlab"), ("keyring", "keyring"), ("Requests", "requests"),
    ("platformdirs", "platformdirs"),
    ("FastAPI", "fastapi"), ("Starlette", "starlette"), ("Pydantic", "pydantic"),
    ("Uvicorn", "uvicorn"), ("SQLAlchemy", "SQLAlchemy"), ("Alembic", "alembic"),
    ("argon2-cffi", "argon2-cffi"), ("pypinyin", "pypinyin"), ("XlsxWriter", "XlsxWriter"),
    ("SQLCipher (sqlcipher3)", "sqlcipher3-wheels"), ("chinese-calendar", "chinese-calendar"),
    ("Borax", "borax"), ("icalendar", "icalendar"),
)


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    version: str
    licence: str


def app_version() -> str:
    try:
        return version("channelkeeper")
    except PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


def licence_of(dist: str) -> str:
    """A distribution's licence in a few words: its SPDX expression, else a short
    License field, else its trove classifiers."""
    meta = metadata(dist)
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 60 and "\n" not in text:
        return text
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or text.split("\n", 1)[0][:60] or "?"


def components() -> list[Component]:
    """Qt itself, the font, the icons, then every component that is installed."""
    icons_version = ICONS_VERSION.read_text(encoding="utf-8").split()[2]
    found = [Component("Qt", qVersion(), "LGPL-3.0-only"),
             Component("WenQuanYi Micro Hei (文泉驿微米黑)", "0.2.0-beta",
                       "Apache-2.0 OR GPL-3.0-or-later WITH Font-exception-2.0"),
             Component("Tabler Icons", icons_version, "MIT")]
    for name, dist in COMPONENTS:
        try:
            found.append(Component(name, version(dist), licence_of(dist)))
        except PackageNotFoundError:
            continue
    return found


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About ChannelKeeper"))
        self.setWindowIcon(QIcon(str(ICON)))
        layout = QVBoxLayout(self)
        heading = QLabel(self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        version = self.tr("Version {0}").format(app_version())
        purpose = self.tr("An offline-first workspace for field channel managers.")
        heading.setText(f"<h2>ChannelKeeper (渠道管家)</h2><p>{html.escape(version)}</p>"
                        f"<p>{html.escape(purpose)}</p>")
        layout.addWidget(heading)
        self.components = QTextBrowser(self)
        self.components.setOpenLinks(False)
        self.components.setAccessibleName(self.tr("Components and licences"))
        self.components.setHtml(self._components_html())
        layout.addWidget(self.components)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def _components_html(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.version)}</td>"
            f"<td>{html.escape(c.licence)}</td></tr>" for c in components())
        head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in
                       (self.tr("Component"), self.tr("Version"), self.tr("Licence")))
        note = html.escape(self.tr(
            "Qt and PySide6 are used under the GNU LGPL v3: you may replace the Qt libraries "
            "in the app's folder with your own build. The font's licence text is in {0}."
        )).format(html.escape(str(FONT_LICENCE)))
        icons_note = html.escape(self.tr(
            "The icons are Tabler Icons (tabler.io), used under the MIT licence:"))
        icons_licence = html.escape(ICONS_LICENCE.read_text(encoding="utf-8"))
        return (f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>"
                f"<p>{note}</p><p>{icons_note}</p><pre>{icons_licence}</pre>")
