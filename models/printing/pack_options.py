"""A pack's choices: template, language (independent of the UI's) and paper.

Kept apart from the renderer so the command line and the app can offer the choices
without importing reportlab (which costs a noticeable part of a second at start-up).
"""
from __future__ import annotations

from dataclasses import dataclass

from models.printing.pack_labels import LANGUAGES

TEMPLATES = ("full", "summary")
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class PackOptions:
    template: str = "full"  # full | summary
    language: str = "zh_CN"  # zh_CN | en, independent of the UI language
    paper: str = "a4"  # a4 | letter

    def __post_init__(self) -> None:
        if self.template not in TEMPLATES:
            raise ValueError(f"unknown pack template {self.template!r} (use full or summary)")
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown pack language {self.language!r} (use zh_CN or en)")
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper size {self.paper!r} (use a4 or letter)")
