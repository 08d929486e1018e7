"""Working days in China: weekends, the State Council's statutory holidays and its
make-up working days (调休) on weekends, from the maintained `chinese-calendar`
library. It knows the years the State Council has announced (``known_years``);
beyond them a plain Monday-to-Friday week is the fallback, and the calendar says so."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import chinese_calendar


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    #: a statutory holiday (or a day of its bridged break)
    HOLIDAY = "holiday"
    #: a weekend day worked to make up for a holiday (调休上班)
    MAKEUP = "makeup"


@dataclass(frozen=True, slots=True)
class DayInfo:
    day: dt.date
    kind: DayKind
    #: the holiday the day belongs to, in English and Chinese ("" when none)
    holiday_en: str = ""
    holiday_zh: str = ""
    #: False beyond the years the library knows: only weekends are marked
    known: bool = True

    @property
    def working(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP)


@cache
def _tables() -> tuple[dict[dt.date, str], dict[dt.date, str], dict[str, str], range]:

    holidays = {d: n for d, n in chinese_calendar.holidays.items() if n}
    zh = {h.value: h.chinese for h in chinese_calendar.Holiday}
    years = [d.year for d in chinese_calendar.holidays]
    return (holidays, dict(chinese_calendar.workdays), zh, range(min(years), max(years) + 1))


def known_years() -> range:
    """The years whose holidays and make-up days the library knows."""
    return _tables()[3]


def day_info(day: dt.date) -> DayInfo:
    """What kind of day ``day`` is in China."""
    holidays, workdays, zh, years = _tables()
    weekend = day.weekday() >= 5
    if day.year not in years:
        return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKDAY, known=False)
    if day in workdays and weekend:
        name = workdays[day] or ""
        return DayInfo(day, DayKind.MAKEUP, name, zh.get(name, ""))
    if day in holidays:
        name = holidays[day]
        return DayInfo(day, DayKind.HOLIDAY, name, zh.get(name, name))
    return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKDAY)


def days_between(start: dt.date, end: dt.date) -> list[DayInfo]:
    """``day_info`` of every day from ``start`` to ``end`` inclusive."""
    return [day_info(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the next one."""
    while not day_info(day).working:
        day += dt.timedelta(days=1)
    return day
