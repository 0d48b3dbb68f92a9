"""How each kind of time expression resolves to a date, relative to ``today``; the rules
that find them are in ``deadlines``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .vocabulary import COUNT_WORDS, HOLIDAYS, PART_OF_MONTH_DAY, SEASON_END_MONTH

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = {
    "monday": MO, "mon": MO, "tuesday": TU, "tues": TU, "tue": TU, "wednesday": WE,
    "wed": WE, "thursday": TH, "thurs": TH, "thur": TH, "thu": TH, "friday": FR, "fri": FR,
    "saturday": SA, "sat": SA, "sunday": SU, "sun": SU,
}  # fmt: skip
_WEEKDAY_CODES = {"MO": MO, "TU": TU, "WE": WE, "TH": TH, "FR": FR, "SA": SA, "SU": SU}
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_N = r"\d+|a couple of|couple of|" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
_UNITS = {
    "day": "day", "week": "week", "wk": "week", "month": "month", "mo": "month",
    "year": "year", "yr": "year", "fortnight": "fortnight",
}  # fmt: skip
_UNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|fortnights?)"
_BY = r"(?:by|before|until|till|til|through|thru|on|in|during|due|for|over|within|no later than)"


_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_DAY = dt.timedelta(days=1)


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _next_occurrence(month: int, day: int, today: dt.date) -> dt.date:
    """The first date with this month and day on or after today (29 February included)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError(f"no date {month}-{day}")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _next_month_end(month: int, today: dt.date) -> dt.date:
    candidate = _month_end(today.year, month)
    return candidate if candidate >= today else _month_end(today.year + 1, month)


RECENT_PAST_DAYS = 92


def _recent_or_next(in_year: Callable[[int], dt.date], today: dt.date) -> dt.date:
    """The date in the year that puts it within the last quarter, else its next occurrence.

    A monthly goal rarely plans eleven months ahead: "by Oct 3" written on 26 November
    means the 3 October just gone (a hint then says it is past), not next year's.
    """
    for year in (today.year, today.year - 1):
        try:
            candidate = in_year(year)
        except ValueError:
            continue
        if candidate < today and (today - candidate).days <= RECENT_PAST_DAYS:
            return candidate
    for year in range(today.year, today.year + 9):
        try:
            candidate = in_year(year)
        except ValueError:
            continue  # 29 February waits for a leap year
        if candidate >= today:
            return candidate
    raise ValueError("no such date ahead")


def _recent_or_next_day(month: int, day: int, today: dt.date) -> dt.date:
    return _recent_or_next(lambda year: dt.date(year, month, day), today)


def _recent_or_next_month_end(month: int, today: dt.date) -> dt.date:
    return _recent_or_next(lambda year: _month_end(year, month), today)


def _count(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else COUNT_WORDS[word.removeprefix("a ").strip()]


def _iso(m: re.Match[str], today: dt.date) -> dt.date:
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _slash(m: re.Match[str], today: dt.date) -> dt.date:
    first, second = int(m[1]), int(m[2])
    month, day = (second, first) if first > 12 else (first, second)
    if not m[3]:
        return _recent_or_next_day(month, day, today)
    year = int(m[3])
    return dt.date(year + 2000 if year < 100 else year, month, day)


def _dotted(m: re.Match[str], today: dt.date) -> dt.date:
    """ "01.03.2027": dots are written day first."""
    year = int(m[3])
    return dt.date(year + 2000 if year < 100 else year, int(m[2]), int(m[1]))


def _dotted_no_year(m: re.Match[str], today: dt.date) -> dt.date:
    """ "3.4.", "28.3.": day first, the year decided like any date without one."""
    return _recent_or_next_day(int(m[2]), int(m[1]), today)


def _weekday_and_date(m: re.Match[str], today: dt.date) -> dt.date:
    """ "Friday the 18th", "Wednesday, April 8": the date decides (see _weekday_note)."""
    fragment = m["date"].removeprefix("the ").strip()
    if fragment[:1].isdigit() and not any(c.isalpha() for c in fragment.rstrip("stndrh")):
        day = int("".join(c for c in fragment if c.isdigit()))
        for months in range(13):
            candidate = today + relativedelta(months=months, day=day)
            if candidate.day == day and candidate >= today:
                return candidate
        raise ValueError(f"no day {day}")
    month, day = _month_and_day(fragment)
    return _recent_or_next_day(month, day, today)


def _weekday_note(m: re.Match[str], date: dt.date) -> str:
    """ "Wednesday the 9th" when the 9th is a Thursday: say so; the date is kept."""
    written = _WEEKDAYS[m["wd"]]
    if date.weekday() == written.weekday:
        return ""
    return (
        f'"{m[0].strip().capitalize()}": {date:%B} {date.day} is a {date:%A}, not a '
        f"{_DAY_NAMES[written.weekday]}; the date is kept."
    )


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NEXT_MEETING = (
    r"\b(?:(?:before|by|until|till|b4|for|at|to|in\s+time\s+for)\s+)?(?:the\s+|our\s+|my\s+)?"
    r"(?:next|nxt)\s+(?:(?:group|lab|team|circle|peer|mentoring|monthly)\s+)?(?:meeting|mtg|session)\b"
)


def _hours(m: re.Match[str], today: dt.date) -> dt.date:
    return today + _DAY * (_count(m["n"]) // 24)


def _month_day(m: re.Match[str], today: dt.date) -> dt.date:
    # "Dec. 3", "3rd of july", "sept 3", "May 4, 2027"; the year decides the occurrence.
    month, day = _month_and_day(m["date"].removeprefix("the "))
    if m["year"]:
        return dt.date(int(m["year"]), month, day)
    return _recent_or_next_day(month, day, today)


_DAY_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_MONTH_WORD = re.compile(r"[a-z]{3,}")


def _month_and_day(fragment: str) -> tuple[int, int]:
    """ "dec. 3", "3rd of july": the month and the day (ValueError for "31 feb")."""
    low = fragment.lower()
    month = next((_MONTHS[w[:3]] for w in _MONTH_WORD.findall(low) if w[:3] in _MONTHS), None)
    day_match = _DAY_NUMBER.search(low)
    if month is None or day_match is None:
        raise ValueError(f"no month or day in {fragment!r}")
    day = int(day_match[1])
    dt.date(2000, month, day)  # a leap year: 29 February is a date, 31 February is not
    return month, day


def _part_of_month(m: re.Match[str], today: dt.date) -> dt.date:
    month = _month_number(m["month"])
    day = PART_OF_MONTH_DAY[m["part"]]
    return _recent_or_next(lambda year: _month_end(year, month) + relativedelta(day=day), today)


def _ordinal_day(m: re.Match[str], today: dt.date) -> dt.date:
    day = int(m[1])
    for months in range(13):
        candidate = today + relativedelta(months=months, day=day)
        if candidate.day == day and candidate >= today:
            return candidate
    raise ValueError(f"no day {day}")


_WEEK_END_DAY = {"first": 7, "second": 14, "third": 21, "fourth": 28, "last": 31}


def _week_of_month(m: re.Match[str], today: dt.date) -> dt.date:
    """ "the end of the first week of February": the 7th; of the last week, the month's end."""
    month, day = _month_number(m["month"]), _WEEK_END_DAY[m["nth"]]
    return _recent_or_next(lambda year: dt.date(year, month, 1) + relativedelta(day=day), today)


def _month_alone(m: re.Match[str], today: dt.date) -> dt.date:
    month = _month_number(m["month"])
    if m["year"]:
        return _month_end(int(m["year"]), month)
    return _recent_or_next_month_end(month, today)


def _duration(m: re.Match[str], today: dt.date) -> dt.date:
    if not m["n"] and m["unit"].endswith("s"):
        # "for weeks", "in the coming months", "weeks 1 to 3": no count, no period
        raise ValueError("a plural unit without a count bounds nothing")
    n = _count(m["n"]) if m["n"] else 1
    unit = _UNITS[m["unit"].rstrip("s")]
    if unit == "day":
        return today + _DAY * n
    if unit == "week":
        return today + _DAY * (7 * n)
    if unit == "fortnight":
        return today + _DAY * (14 * n)
    if unit == "month":
        return today + relativedelta(months=n)
    return today + relativedelta(years=n)


def _today(m: re.Match[str], today: dt.date) -> dt.date:
    return today


def _tomorrow(m: re.Match[str], today: dt.date) -> dt.date:
    return today + _DAY


def _day_after_tomorrow(m: re.Match[str], today: dt.date) -> dt.date:
    return today + 2 * _DAY


def _week(m: re.Match[str], today: dt.date) -> dt.date:
    sunday = today + _DAY * ((6 - today.weekday()) % 7)  # today when it is Sunday
    return sunday + 7 * _DAY if m["which"] == "next" else sunday


def _period(m: re.Match[str], today: dt.date) -> dt.date:
    ahead = 1 if m["which"] == "next" else 0
    if m["unit"] == "month":
        return today + relativedelta(months=ahead, day=31)
    if m["unit"] == "year":
        return dt.date(today.year + ahead, 12, 31)
    quarter_end_month = 3 * ((today.month - 1) // 3 + 1) + 3 * ahead
    return dt.date(today.year, 1, 1) + relativedelta(months=quarter_end_month - 1, day=31)


def _end_of_month(m: re.Match[str], today: dt.date) -> dt.date:
    return _month_end(today.year, today.month)


def _end_of_year(m: re.Match[str], today: dt.date) -> dt.date:
    return dt.date(today.year, 12, 31)


def _named_year(m: re.Match[str], today: dt.date) -> dt.date:
    return dt.date(int(m["year"]), 12, 31)


def _quarter(m: re.Match[str], today: dt.date) -> dt.date:
    number = int(m["q"]) if m["q"] else ["first", "second", "third", "fourth"].index(m["word"]) + 1
    if m["year"]:
        return _month_end(int(m["year"]), 3 * number)
    return _recent_or_next_month_end(3 * number, today)


def _season(m: re.Match[str], today: dt.date) -> dt.date:
    end_month = SEASON_END_MONTH[m["season"]]
    if m["year"]:
        # "winter 2027" is the winter that starts in December 2027.
        return _month_end(int(m["year"]) + (1 if end_month == 2 else 0), end_month)
    end = _next_month_end(end_month, today)
    season_start = end + relativedelta(months=-2, day=1)
    if m["which"] == "next" and season_start <= today:
        return end + relativedelta(years=1, day=31)
    return end


def _holiday(m: re.Match[str], today: dt.date) -> dt.date:
    """ "12-25" is a fixed day; "11-TH4" the fourth Thursday of November."""
    month, day = HOLIDAYS[m["holiday"]].split("-", 1)
    if day.isdigit():
        return _recent_or_next_day(int(month), int(day), today)
    weekday = _WEEKDAY_CODES[day[:2]](int(day[2:]))
    for year in (today.year, today.year + 1):
        start = dt.date(year, int(month), 31 if day[2] == "-" else 1)
        candidate = start + relativedelta(day=31 if day[2] == "-" else 1, weekday=weekday)
        if candidate >= today:
            return candidate
    raise ValueError(f"no {m['holiday']} ahead")


def _weekday(m: re.Match[str], today: dt.date) -> dt.date:
    weekday = _WEEKDAYS[m["day"]]
    if m["nextweek"]:
        monday = today + relativedelta(days=1, weekday=MO)
        return monday + relativedelta(weekday=weekday)
    return today + relativedelta(days=1, weekday=weekday)


def _unresolved(m: re.Match[str], today: dt.date) -> None:
    return None


def _next_meeting(m: re.Match[str], today: dt.date) -> None:
    """ "by the next meeting": the caller's next-meeting date, filled in by :func:`scan`."""
    return None
