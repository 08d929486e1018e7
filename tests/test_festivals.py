"""The lunar festivals' Gregorian dates, computed for any year, checked against the
published dates of seven years and against chinese-calendar's statutory holidays (an
independent source) for every year it knows; contacts' festival fields parsed."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from models import festivals

D = dt.date
#: published dates (the State Council's holiday notices and the almanac)
PUBLISHED = {
    "spring": [D(2020, 1, 25), D(2021, 2, 12), D(2022, 2, 1), D(2023, 1, 22), D(2024, 2, 10),
               D(2025, 1, 29), D(2026, 2, 17)],
    "lantern": [D(2020, 2, 8), D(2021, 2, 26), D(2022, 2, 15), D(2023, 2, 5), D(2024, 2, 24),
                D(2025, 2, 12), D(2026, 3, 3)],
    "dragon_boat": [D(2020, 6, 25), D(2021, 6, 14), D(2022, 6, 3), D(2023, 6, 22),
                    D(2024, 6, 10), D(2025, 5, 31), D(2026, 6, 19)],
    "mid_autumn": [D(2020, 10, 1), D(2021, 9, 21), D(2022, 9, 10), D(2023, 9, 29),
                   D(2024, 9, 17), D(2025, 10, 6), D(2026, 9, 25)],
    "double_ninth": [D(2020, 10, 25), D(2021, 10, 14), D(2022, 10, 4), D(2023, 10, 23),
                     D(2024, 10, 11), D(2025, 10, 29), D(2026, 10, 18)],
}


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_published_dates_of_seven_years(key):
    assert [festivals.date_of(key, d.year) for d in PUBLISHED[key]] == PUBLISHED[key]


def test_every_year_agrees_with_the_statutory_holidays():
    """Each year chinese-calendar knows, the computed 端午 and 中秋 fall on days off of
    those holidays (statutory since 2008), and 春节 inside the Spring Festival break."""
    names = {"dragon_boat": "Dragon Boat Festival", "mid_autumn": "Mid-autumn Festival",
             "spring": "Spring Festival"}
    years = sorted({d.year for d in chinese_calendar.holidays})
    assert len(years) >= 20
    for year in years:
        for key, name in names.items():
            if year < 2008 and key != "spring":
                continue
            day = festivals.date_of(key, year)
            on, _ = chinese_calendar.get_holiday_detail(day)
            # a festival on a weekend is a day off of a break named on its weekdays
            near = {chinese_calendar.get_holiday_detail(day + dt.timedelta(days=k))[1]
                    for k in range(-3, 4)}
            # (in 2020 中秋 fell on 1 October, inside the National Day break)
            assert on and (name in near or "National Day" in near), (key, day, near)


def test_far_years_and_next_date():
    assert festivals.date_of("spring", 2030) == D(2030, 2, 3)
    assert festivals.date_of("mid_autumn", 2035) == D(2035, 9, 16)
    assert festivals.next_date("mid_autumn", D(2026, 9, 26)) == festivals.date_of("mid_autumn", 2027)
    assert festivals.next_date("christmas", D(2026, 12, 25)) == D(2026, 12, 25)
    assert festivals.within(D(2026, 9, 20), 30) == [("mid_autumn", D(2026, 9, 25)),
                                                    ("double_ninth", D(2026, 10, 18))]


def test_years_where_lunar_tables_disagree_follow_the_observatory():
    """Where a new moon falls close to midnight, tables disagree on which day a lunar
    month begins; the Hong Kong Observatory's calendar gave 中秋 1978 on 17 September
    and gives 重阳 2057 on 7 October (the previous library said 16 September and
    6 October)."""
    assert festivals.date_of("mid_autumn", 1978) == D(1978, 9, 17)
    assert festivals.date_of("double_ninth", 2057) == D(2057, 10, 7)


def test_contacts_festival_fields_parse_in_both_languages():
    assert festivals.parse("春节, 中秋节") == ["spring", "mid_autumn"]
    assert festivals.parse("春节，端午、中秋") == ["spring", "dragon_boat", "mid_autumn"]
    assert festivals.parse("Christmas,Lunar New Year") == ["christmas", "spring"]
    assert festivals.parse("Mid-Autumn Festival; Double Ninth") == ["mid_autumn", "double_ninth"]
    assert festivals.parse("") == festivals.parse(None) == festivals.parse("生日") == []
