"""The user's preferences for one profile, kept in the profile's settings.ini.

Only preferences live here (language, visit cadence, the company logo printed on
review packs, the window's last geometry). Never secrets: tokens go to the keyring.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from models.domain import DEFAULT_CADENCE_DAYS, Tier

#: languages the app ships; "" means "follow the system locale"
LANGUAGES = ("", "en", "zh_CN")
#: bounds for a visit cadence, so a typo cannot hide every partner as "on track"
MIN_CADENCE_DAYS = 1
MAX_CADENCE_DAYS = 365


class Settings:
    """Typed access to the profile's settings file (QSettings in INI format)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # --- language ------------------------------------------------------------------

    @property
    def language(self) -> str:
        value = str(self._qs.value("ui/language", "") or "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unsupported language {code!r}")
        self._qs.setValue("ui/language", code)
        self._qs.sync()

    # --- visit cadence (分层维护) ------------------------------------------------------

    def cadence(self) -> dict[str, int]:
        """Days between visits per tier; the domain defaults where nothing is set."""
        out: dict[str, int] = {}
        for tier in Tier:
            default = DEFAULT_CADENCE_DAYS[tier]
            raw = self._qs.value(f"cadence/{tier.value}", default)
            try:
                days = int(raw)
            except (TypeError, ValueError):
                days = default
            out[tier.value] = days if MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS else default
        return out

    def set_cadence(self, cadence: dict[str, int]) -> None:
        for tier, days in cadence.items():
            Tier(tier)  # unknown tiers are a programming error, not user input
            if not MIN_CADENCE_DAYS <= int(days) <= MAX_CADENCE_DAYS:
                raise ValueError(f"cadence for {tier} must be 1-365 days, not {days}")
            self._qs.setValue(f"cadence/{tier}", int(days))
        self._qs.sync()

    # --- review packs ------------------------------------------------------------------

    @property
    def logo_path(self) -> str:
        """The company logo printed on review packs ("" for none)."""
        return str(self._qs.value("packs/logo_path", "") or "")

    @logo_path.setter
    def logo_path(self, path: str) -> None:
        self._qs.setValue("packs/logo_path", str(path or ""))
        self._qs.sync()

    # --- window ----------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.sync()

    # --- first start -------------------------------------------------------------------

    @property
    def demo_offered(self) -> bool:
        """Whether the empty-profile offer of demo data was already answered."""
        return str(self._qs.value("start/demo_offered", "false")).lower() == "true"

    @demo_offered.setter
    def demo_offered(self, value: bool) -> None:
        self._qs.setValue("start/demo_offered", "true" if value else "false")
        self._qs.sync()
