"""The festivals stored on contacts (人情: greetings go out a few days before), with
their Gregorian dates for any year. 春节, 元宵, 端午, 中秋 and 重阳 follow the lunar
calendar: they are computed with Borax's lunar calendar (MIT licence, 1900–2100),
never kept as a short table. New Year and Christmas are fixed Gregorian dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from borax.calendars.lunardate import LunarDate


@dataclass(frozen=True, slots=True)
class Festival:
    key: str
    zh: str
    en: str
    #: (lunar month, lunar day), or None for a Gregorian festival
    lunar: tuple[int, int] | None
    #: (month, day) of a Gregorian festival
    solar: tuple[int, int] | None
    #: other ways contacts' records write it (lower case)
    aliases: tuple[str, ...]


FESTIVALS = (
    Festival("spring", "春节", "Spring Festival", (1, 1), None,
             ("春节", "spring festival", "lunar new year", "chinese new year", "新春", "过年")),
    Festival("lantern", "元宵节", "Lantern Festival", (1, 15), None,
             ("元宵", "元宵节", "lantern festival", "lantern")),
    Festival("dragon_boat", "端午节", "Dragon Boat Festival", (5, 5), None,
             ("端午", "端午节", "dragon boat festival", "dragon boat")),
    Festival("mid_autumn", "中秋节", "Mid-Autumn Festival", (8, 15), None,
             ("中秋", "中秋节", "mid-autumn festival", "mid-autumn", "mid autumn",
              "moon festival")),
    Festival("double_ninth", "重阳节", "Double Ninth Festival", (9, 9), None,
             ("重阳", "重阳节", "double ninth festival", "double ninth", "chongyang")),
    Festival("new_year", "元旦", "New Year's Day", None, (1, 1),
             ("元旦", "new year", "new year's day", "new years day")),
    Festival("christmas", "圣诞节", "Christmas", None, (12, 25), ("圣诞", "圣诞节", "christmas")),
)
BY_KEY = {f.key: f for f in FESTIVALS}
_ALIASES = {alias: f.key for f in FESTIVALS for alias in f.aliases}
_SPLIT = re.compile(r"[,，、;；/|]+")


def parse(text: str | None) -> list[str]:
    """The festival keys a contact's festivals field names, in its order (unknown
    names are left out: they have no date to remind of)."""
    keys: list[str] = []
    for part in _SPLIT.split(text or ""):
        key = _ALIASES.get(part.strip().lower())
        if key and key not in keys:
            keys.append(key)
    return keys


@cache
def date_of(key: str, year: int) -> dt.date:
    """The Gregorian date of festival ``key`` in ``year``."""
    f = BY_KEY[key]
    if f.solar is not None:
        return dt.date(year, *f.solar)

    assert f.lunar is not None
    return LunarDate(year, *f.lunar).to_solar_date()


def next_date(key: str, today: dt.date) -> dt.date:
    """The festival's next date on or after ``today``."""
    this_year = date_of(key, today.year)
    return this_year if this_year >= today else date_of(key, today.year + 1)


def within(today: dt.date, days: int) -> list[tuple[str, dt.date]]:
    """The festivals (key, date) from ``today`` to ``today + days``, nearest first."""
    end = today + dt.timedelta(days=days)
    found = [(f.key, next_date(f.key, today)) for f in FESTIVALS]
    return sorted(((k, d) for k, d in found if d <= end), key=lambda kd: kd[1])
