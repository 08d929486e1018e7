"""Which language the UI speaks, for text built outside Qt's translations."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def ui_language(ctx: object) -> str:
    """"zh" or "en" (agenda templates, checklist items): the settings' language if
    they carry one, else whichever translation is loaded — the Chinese translation
    renders this marker as "zh", so agenda and labels always agree."""
    # late: off the start path, docs/benchmarks.md
    from models.meeting_templates import language_of

    code = getattr(getattr(ctx, "settings", None), "language", None)
    if isinstance(code, str) and code:
        return language_of(code)
    return language_of(QCoreApplication.translate("Workspace", "en"))
