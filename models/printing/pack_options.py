"""A pack's choices: template, language (independent of the UI's), paper and audience.

The audience decides what the pack may show. A partner copy is left on the partner's
table: shared facts only (terms, KPIs both sides track, decisions, both sides' action
items and the feedback given, next steps, named signatories). The internal copy adds
our own judgement: warning signs (躺平), cadence, response times, review scores and
the note lines marked internal (models.internal_lines).

Kept apart from the renderer so the command line and the app can offer the choices
without importing reportlab (which costs a noticeable part of a second at start-up).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from models.printing.pack_labels import LANGUAGES

TEMPLATES = ("full", "summary")
PAPERS = ("a4", "letter")
AUDIENCES = ("partner", "internal")
#: the pack's language: the partner's preferred one (its record's ``language``)
AUTO_LANGUAGE = "auto"
#: ... and when the partner has none
DEFAULT_LANGUAGE = "zh_CN"


@dataclass(frozen=True)
class PackOptions:
    template: str = "full"  # full | summary
    #: zh_CN | en, independent of the UI language; auto: the partner's preferred one
    language: str = AUTO_LANGUAGE
    paper: str = "a4"  # a4 | letter
    #: partner copy by default: a pack is printed for the meeting with the partner
    audience: str = "partner"  # partner | internal

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    def for_partner(self, partner: dict[str, Any]) -> PackOptions:
        """These options with a concrete language: ``auto`` becomes the partner's
        preferred language, or the default when it has none."""
        if self.language != AUTO_LANGUAGE:
            return self
        return replace(self, language=partner.get("language") or DEFAULT_LANGUAGE)

    def __post_init__(self) -> None:
        if self.template not in TEMPLATES:
            raise ValueError(f"unknown pack template {self.template!r} (use full or summary)")
        if self.language not in (*LANGUAGES, AUTO_LANGUAGE):
            raise ValueError(f"unknown pack language {self.language!r} (use auto, zh_CN or en)")
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper size {self.paper!r} (use a4 or letter)")
        if self.audience not in AUDIENCES:
            raise ValueError(f"unknown pack audience {self.audience!r} (use partner or internal)")
