"""The user's preferences for one profile, kept in the profile's settings.ini.

Only preferences live here (language, appearance and text size, visit cadence, the company logo printed on
review packs, the window's last geometry). Never secrets: tokens go to the keyring.
Plain Python (``desktop.ini_file``, QSettings' INI dialect): the commands that show
no window read the cadence and the logo without loading Qt.
"""
from __future__ import annotations

from pathlib import Path

from desktop.ini_file import IniFile
from models.backups import DEFAULT_KEEP
from models.domain import DEFAULT_CADENCE_DAYS, Tier

#: languages the app ships; "" means "follow the system locale"
LANGUAGES = ("", "en", "zh_CN")
#: appearances (ui/theme.py): follow the system's light or dark, or one of them
APPEARANCES = ("system", "light", "dark")
#: the text size override in points (0: follow the system)
MIN_FONT_PT, MAX_FONT_PT = 8, 24
#: bounds for a visit cadence, so a typo cannot hide every partner as "on track"
MIN_CADENCE_DAYS = 1
MAX_CADENCE_DAYS = 365
#: bounds for the number of automatic backups kept
MIN_BACKUPS_KEPT = 1
MAX_BACKUPS_KEPT = 100


class Settings:
    """Typed access to the profile's settings file. Every read and write goes to the
    file (another process, e.g. a command, may have changed it); a write replaces the
    file atomically."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._ini = IniFile(self.path)

    def _value(self, key: str, default: str | bytes | int | None = None) -> str | bytes | int | None:
        self._ini.reload()
        value = self._ini.get(key)
        return default if value is None else value

    def _set(self, values: dict[str, str | bytes | int | bool]) -> None:
        self._ini.reload()
        for key, value in values.items():
            self._ini.set(key, value)
        self._ini.save()

    # --- language ------------------------------------------------------------------

    @property
    def language(self) -> str:
        value = self._value("ui/language", "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unsupported language {code!r}")
        self._set({"ui/language": code})

    # --- appearance -------------------------------------------------------------------

    @property
    def appearance(self) -> str:
        """"system" (follow the system's light or dark), "light" or "dark"."""
        value = self._value("ui/appearance", "system")
        return value if value in APPEARANCES else "system"

    @appearance.setter
    def appearance(self, value: str) -> None:
        if value not in APPEARANCES:
            raise ValueError(f"unsupported appearance {value!r}")
        self._set({"ui/appearance": value})

    @property
    def font_size(self) -> int:
        """The text size in points; 0 follows the system."""
        try:
            value = int(self._value("ui/font_size", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0
        return value if MIN_FONT_PT <= value <= MAX_FONT_PT else 0

    @font_size.setter
    def font_size(self, value: int) -> None:
        value = int(value)
        if value and not MIN_FONT_PT <= value <= MAX_FONT_PT:
            raise ValueError(f"text size must be {MIN_FONT_PT}-{MAX_FONT_PT} points, not {value}")
        self._set({"ui/font_size": value})

    # --- visit cadence (分层维护) ------------------------------------------------------

    def cadence(self) -> dict[str, int]:
        """Days between visits per tier; the domain defaults where nothing is set."""
        out: dict[str, int] = {}
        for tier in Tier:
            default = DEFAULT_CADENCE_DAYS[tier]
            raw = self._value(f"cadence/{tier.value}", default)
            try:
                days = int(raw)
            except (TypeError, ValueError):
                days = default
            out[tier.value] = days if MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS else default
        return out

    def set_cadence(self, cadence: dict[str, int]) -> None:
        values: dict[str, str | bytes | int | bool] = {}
        for tier, days in cadence.items():
            Tier(tier)  # unknown tiers are a programming error, not user input
            if not MIN_CADENCE_DAYS <= int(days) <= MAX_CADENCE_DAYS:
                raise ValueError(f"cadence for {tier} must be 1-365 days, not {days}")
            values[f"cadence/{tier}"] = int(days)
        self._set(values)

    # --- review packs ------------------------------------------------------------------

    @property
    def logo_path(self) -> str:
        """The company logo printed on review packs ("" for none)."""
        value = self._value("packs/logo_path", "")
        return value if isinstance(value, str) else ""

    @logo_path.setter
    def logo_path(self, path: str) -> None:
        self._set({"packs/logo_path": str(path or "")})

    # --- window ----------------------------------------------------------------------

    @property
    def window_geometry(self) -> bytes | None:
        """What ``QWidget.saveGeometry`` gave (``restoreGeometry`` takes the bytes)."""
        value = self._value("window/geometry")
        return value if isinstance(value, bytes) and value else None

    @window_geometry.setter
    def window_geometry(self, geometry: bytes | bytearray | memoryview) -> None:
        # a QByteArray is a buffer too: bytes() takes it without naming Qt here
        self._set({"window/geometry": bytes(geometry)})

    # --- first start -------------------------------------------------------------------

    @property
    def demo_offered(self) -> bool:
        """Whether the empty-profile offer of demo data was already answered."""
        return str(self._value("start/demo_offered", "false")).lower() == "true"

    @demo_offered.setter
    def demo_offered(self, value: bool) -> None:
        self._set({"start/demo_offered": bool(value)})

    # --- automatic backups -------------------------------------------------------------

    @property
    def backups_kept(self) -> int:
        """How many automatic backups the profile keeps (models/backups.py): the
        oldest go when a new one is made. ``backups/keep`` in settings.ini."""

        try:
            value = int(self._value("backups/keep", DEFAULT_KEEP))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_KEEP
        return min(max(value, MIN_BACKUPS_KEPT), MAX_BACKUPS_KEPT)

    @backups_kept.setter
    def backups_kept(self, value: int) -> None:
        self._set({"backups/keep": min(max(int(value), MIN_BACKUPS_KEPT), MAX_BACKUPS_KEPT)})
