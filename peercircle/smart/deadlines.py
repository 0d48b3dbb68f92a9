"""Finding deadlines in a goal: :func:`find_deadlines` and the rules behind it.

Every time expression in the goal is found by a list of regex rules in priority order (a
later rule never takes text an earlier one took) and resolved against ``today``. The rules
are written out in the package docstring (``peercircle.smart``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .vocabulary import (
    BARE_EVENTS,
    BARE_EVENTS_AFTER_BY,
    COUNT_WORDS,
    EVENTS,
    HOLIDAYS,
    PART_OF_MONTH_DAY,
    SEASON_END_MONTH,
    UNRESOLVED_PERIOD,
)


@dataclass(frozen=True)
class TimePhrase:
    """A time expression in a goal: where it is, what it says and the date it resolves to."""

    start: int  # character offsets into the goal text
    end: int
    text: str  # the expression as written, e.g. "by the end of Q1"
    date: dt.date | None  # None for a period or event without a calendar date ("this term")


_Resolver = Callable[[re.Match[str], dt.date], "dt.date | None"]

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


def _month_number(name: str) -> int:
    return date_parser.parse(name[:3], default=dt.datetime(2000, 1, 1)).month  # noqa: DTZ001


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
    return dt.date(year, month, 1) + relativedelta(day=31)


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


def _hours(m: re.Match[str], today: dt.date) -> dt.date:
    return today + relativedelta(days=_count(m["n"]) // 24)


def _month_day(m: re.Match[str], today: dt.date) -> dt.date:
    # dateutil reads "Dec. 3", "3rd of july", "sept 3"; the year decides the occurrence.
    fragment = m["date"].removeprefix("the ")
    parsed = date_parser.parse(fragment, default=dt.datetime(2000, 1, 1))  # noqa: DTZ001
    if m["year"]:
        return parsed.date()
    return _recent_or_next_day(parsed.month, parsed.day, today)


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
    n = _count(m["n"]) if m["n"] else 1
    unit = _UNITS[m["unit"].rstrip("s")]
    if unit == "day":
        return today + relativedelta(days=n)
    if unit == "week":
        return today + relativedelta(weeks=n)
    if unit == "fortnight":
        return today + relativedelta(weeks=2 * n)
    if unit == "month":
        return today + relativedelta(months=n)
    return today + relativedelta(years=n)


def _today(m: re.Match[str], today: dt.date) -> dt.date:
    return today


def _tomorrow(m: re.Match[str], today: dt.date) -> dt.date:
    return today + relativedelta(days=1)


def _day_after_tomorrow(m: re.Match[str], today: dt.date) -> dt.date:
    return today + relativedelta(days=2)


def _week(m: re.Match[str], today: dt.date) -> dt.date:
    sunday = today + relativedelta(weekday=SU)
    return sunday + relativedelta(weeks=1) if m["which"] == "next" else sunday


def _period(m: re.Match[str], today: dt.date) -> dt.date:
    ahead = 1 if m["which"] == "next" else 0
    if m["unit"] == "month":
        return today + relativedelta(months=ahead, day=31)
    if m["unit"] == "year":
        return dt.date(today.year + ahead, 12, 31)
    quarter_end_month = 3 * ((today.month - 1) // 3 + 1) + 3 * ahead
    return dt.date(today.year, 1, 1) + relativedelta(months=quarter_end_month - 1, day=31)


def _end_of_month(m: re.Match[str], today: dt.date) -> dt.date:
    return today + relativedelta(day=31)


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


_HOLIDAY_NAMES = "|".join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))
_SEASON_NAMES = "|".join(SEASON_END_MONTH)

# In priority order: a later rule never matches text an earlier rule already took.
_TIME_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in [
        (r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", _iso),
        (rf"\b(?:{_BY}|deadline:?)\s+(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{2}}|\d{{4}}))?\b", _slash),
        (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b", _dotted),
        (rf"\b(?:in|within)\s+(?:the\s+)?(?:next\s+)?(?P<n>{_N})\s+(?:hours|hrs|h)\b", _hours),
        (rf"\b(?P<n>{_N})\s+(?P<unit>{_UNIT})\s+from\s+(?:now|today)\b", _duration),
        (
            rf"\b(?:in|within|over|for|during|after)\s+(?:the\s+)?(?:(?:next|coming|following)\s+)?"
            rf"(?:(?P<n>{_N})\s+)?(?P<unit>{_UNIT})\b"
            rf"(?<!in the day)(?<!in the week)(?<!in the month)(?<!in the year)"
            rf"(?!\s+(?:a|per|each|every|of)\b)",
            _duration,
        ),
        (UNRESOLVED_PERIOD.pattern, _unresolved),
        (
            r"\b(?:the\s+)?end\s+of\s+the\s+(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+"
            rf"(?P<month>{_MONTH})\b",
            _week_of_month,
        ),
        (
            rf"\b(?P<date>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?"
            rf"(?:,?\s+(?P<year>\d{{4}}))?)",
            _month_day,
        ),
        (
            rf"\b(?P<date>{_MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!:|\s*(?:am|pm)\b)"
            rf"(?:,?\s+(?P<year>\d{{4}}))?)",
            _month_day,
        ),
        (
            r"\b(?P<part>early|mid|middle of|late|beginning of|start of)[\s-]+"
            rf"(?P<month>{_MONTH})\b",
            _part_of_month,
        ),
        (
            r"\b(?:by|on|before|until|till|due)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)",
            _ordinal_day,
        ),
        (r"\b(?:the\s+)?day\s+after\s+tomorrow\b", _day_after_tomorrow),
        (
            r"\b(?:today|tonight|this\s+(?:evening|afternoon|morning)|(?:the\s+)?end\s+of\s+"
            r"(?:the\s+)?(?:business\s+)?day|eod|cob|close\s+of\s+business)\b",
            _today,
        ),
        (r"\b(?:tomorrow|tmrw|tmr)\b", _tomorrow),
        (
            rf"(?:\b(?:by|before|until|till|on|due|this|next|coming)\s+)?(?:(?:this|next|coming)\s+)?"
            rf"\b(?P<day>{_WEEKDAY})\b\.?(?P<nextweek>\s+(?:of\s+)?next\s+week)?"
            r"(?!\s+(?:mornings|afternoons|evenings|nights|seminars?|series|meetings?|class|classes"
            r"|lab|group|sessions?|shifts?)\b)",
            _weekday,
        ),
        (
            r"\b(?:(?:the\s+)?end\s+of\s+)?(?:(?P<which>this|the|next|coming)\s+)(?:week|weekend)\b"
            r"|\b(?:end\s+of\s+(?:the\s+)?week|eow)\b",
            _week,
        ),
        (
            r"\b(?:(?:the\s+)?end\s+of\s+)?(?:rest\s+of\s+)?(?P<which>this|the|next|current|coming)"
            r"\s+(?P<unit>month|year|quarter)\b",
            _period,
        ),
        (r"\b(?:eom|end\s+of\s+month)\b", _end_of_month),
        (r"\b(?:eoy|year[\s-]end|end[\s-]of[\s-]year)\b", _end_of_year),
        (rf"\b(?:{_BY}|end\s+of|the\s+end\s+of)\s+(?P<year>20\d\d)\b", _named_year),
        (
            r"\b(?:q(?P<q>[1-4])|(?P<word>first|second|third|fourth)\s+quarter)"
            r"(?:\s+(?:of\s+)?(?P<year>20\d\d))?\b",
            _quarter,
        ),
        (
            rf"\b(?:(?P<which>this|next|the|coming)\s+|{_BY}\s+(?:the\s+)?)(?P<season>{_SEASON_NAMES})"
            rf"\b(?:\s+(?P<year>20\d\d))?(?!\s+(?:break|semester|term|school|course|session|quarter"
            rf"|program|programme|internship|job|student|students|camp)\b)",
            _season,
        ),
        (
            rf"\b(?:(?:{_BY}|end\s+of|the\s+end\s+of)\s+(?:the\s+)?(?:(?:end|rest)\s+of\s+)?)"
            rf"(?P<month>{_MONTH})\b\.?(?:\s+(?P<year>20\d\d))?(?!\s+\d)",
            _month_alone,
        ),
        (
            rf"\b(?:by|before|until|till|for|on|over|after|at|around)\s+(?:the\s+)?"
            rf"(?P<holiday>{_HOLIDAY_NAMES})(?!\s+(?:break|party|holidays?))\b",
            _holiday,
        ),
        (
            rf"\b(?:before|by|until|till|ahead\s+of|prior\s+to|in\s+time\s+for)\s+"
            rf"(?:the|our|my|this|next|his|her|their|your)\s+(?:[\w'-]+\s+){{0,3}}?"
            rf"(?:{EVENTS})\b",
            _unresolved,
        ),
        (
            rf"\b(?:(?:before|until|till|ahead\s+of|prior\s+to|in\s+time\s+for)\s+(?:{BARE_EVENTS})"
            rf"|by\s+(?:{BARE_EVENTS_AFTER_BY}))\b",
            _unresolved,
        ),
    ]
)
_STARTS_A_PERIOD = re.compile(r"\b(?:starting|beginning|from|as of|effective)\s+$")
_EACH = re.compile(r"\b(?:every|each)\b")
_SKIP_BEFORE_WEEKDAY = frozenset({"every", "each", "other", "alternate"})
_ABBREVIATED_WEEKDAYS = frozenset(d for d in _WEEKDAYS if not d.endswith("day"))


def find_deadlines(text: str, today: dt.date) -> tuple[TimePhrase, ...]:
    """Every time expression in ``text``, in the order written, resolved against ``today``.

    A goal's deadline is the latest ``date`` among them (a goal is done when all of it is);
    an expression with ``date`` None ("before finals", "this semester") still makes the
    goal time-bound. Dates that name things ("the Nov 3 experiment") and repetitions
    ("every Tuesday") are not returned.

    >>> [(p.text, p.date) for p in find_deadlines("Send it by Friday", dt.date(2026, 11, 26))]
    [('by Friday', datetime.date(2026, 11, 27))]
    """
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased
        text = low
    phrases, _ = scan(text, low, today)
    return tuple(sorted(phrases, key=lambda p: p.start))


def scan(text: str, low: str, today: dt.date) -> tuple[list[TimePhrase], bytearray]:
    """Time expressions in the goal, and a mask of the characters they cover."""
    taken: list[TimePhrase] = []
    names: list[tuple[int, int]] = []  # dates that name things
    covered = bytearray(len(low))
    for regex, resolver in _TIME_RULES:
        for m in regex.finditer(low):
            if any(covered[m.start() : m.end()]):
                continue
            if resolver is _weekday and not _is_deadline_weekday(m, low):
                continue
            if resolver in _DATES and _names_a_thing(m, low, names):
                names.append((m.start(), m.end()))
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                continue  # "the Nov 3 experiment": a name, not a deadline
            if resolver is _hours and _EACH.search(low, 0, m.start()):
                continue  # "reply to every email within 24 hours": per email, no deadline
            if _STARTS_A_PERIOD.search(low, max(0, m.start() - 14), m.start()):
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                continue  # "starting next week" opens a period, it does not close one
            try:
                deadline = resolver(m, today)
            except (ValueError, OverflowError, KeyError):
                continue
            taken.append(TimePhrase(m.start(), m.end(), text[m.start() : m.end()], deadline))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return taken, covered


_DATES = frozenset({_iso, _dotted, _month_day, _month_alone})
_NAMING_DETERMINERS = frozenset(
    {"the", "my", "our", "this", "that", "these", "those", "his", "her", "their", "your"}
)
_AFTER_A_DATE = re.compile(
    r"\s*(?:[,;:.!?)\"'(-]|$|(?:to|at|by|for|so|then|if|when|with)\b"
    rf"|(?:and|or)\b(?!\s+(?:{_MONTH}|\d)))"
)
_EVENT_AFTER = re.compile(rf"\s*(?:[\w'-]+\s+){{0,2}}?(?:{EVENTS}|due)\b")
_DEADLINE_AFTER = re.compile(r"\s*(?:deadline|due date|cutoff)\b")
_JOINED = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:,|and|or|&)?\s*")


def _names_a_thing(m: re.Match[str], low: str, names: list[tuple[int, int]]) -> bool:
    """ "the Nov 3 experiment", "the March 5 and March 19 samples", "the December
    conference": a date after "the"/"my" and before a noun names a thing. Before an event
    ("the Nov 3 meeting", "the March deadline") it still bounds the goal."""
    start = m.start("month") if "month" in m.re.groupindex and m["month"] else m.start()
    if "date" in m.re.groupindex and m["date"] and m["date"].startswith("the "):
        start = m.start("date") + 4
    words_before = low[max(0, start - 12) : start].split()
    if not words_before or words_before[-1] not in _NAMING_DETERMINERS:
        return _joined_to_a_name(m, low, names)
    if _AFTER_A_DATE.match(low, m.end()):
        return False
    # A whole month before an event ("the December conference") is still no deadline.
    after = (
        _DEADLINE_AFTER
        if m.re.groupindex.get("month") and "date" not in m.re.groupindex
        else _EVENT_AFTER
    )
    return not after.match(low, m.end())


def _joined_to_a_name(m: re.Match[str], low: str, names: list[tuple[int, int]]) -> bool:
    """ "March 19" in "the March 5 and March 19 samples" names a thing as "March 5" does."""
    return any(_JOINED.fullmatch(low, end, m.start()) for _, end in names)


_WEEKDAY_LIST_BEFORE = re.compile(
    rf"\b(?:every|each|on|other)\s+(?:(?:{_WEEKDAY})s?\s*(?:,|and|or|&)\s*)+$"
)


def _is_deadline_weekday(m: re.Match[str], low: str) -> bool:
    """Not "every other Thursday" nor "every Tuesday and Friday"; an abbreviation ("sun")
    only after "by"/"on"."""
    before = low[max(0, m.start() - 12) : m.start()].split()
    if before and before[-1] in _SKIP_BEFORE_WEEKDAY:
        return False
    if _WEEKDAY_LIST_BEFORE.search(low, max(0, m.start() - 60), m.start()):
        return False
    prefixed = m.start("day") > m.start()
    return prefixed or m["day"] not in _ABBREVIATED_WEEKDAYS
