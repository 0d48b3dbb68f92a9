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

from .resolvers import (  # noqa: F401
    _BY,
    _DAY_NAMES,
    _MONTH,
    _N,
    _NEXT_MEETING,
    _UNIT,
    _UNITS,
    _WEEK_END_DAY,
    _WEEKDAY,
    _WEEKDAY_CODES,
    _WEEKDAYS,
    RECENT_PAST_DAYS,
    _count,
    _day_after_tomorrow,
    _dotted,
    _dotted_no_year,
    _duration,
    _end_of_month,
    _end_of_year,
    _holiday,
    _hours,
    _iso,
    _month_alone,
    _month_day,
    _month_end,
    _month_number,
    _named_year,
    _next_meeting,
    _next_month_end,
    _next_occurrence,
    _ordinal_day,
    _part_of_month,
    _period,
    _quarter,
    _recent_or_next,
    _recent_or_next_day,
    _recent_or_next_month_end,
    _season,
    _slash,
    _today,
    _tomorrow,
    _unresolved,
    _week,
    _week_of_month,
    _weekday,
    _weekday_and_date,
    _weekday_note,
)
from .vocabulary import (
    BARE_EVENTS,
    BARE_EVENTS_AFTER_BY,
    EVENTS,
    HOLIDAYS,
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
    note: str = ""  # e.g. the weekday written beside a date that falls on another day
    next_meeting: bool = False  # "by the next meeting": the date is the group's next meeting


_Resolver = Callable[[re.Match[str], dt.date], "dt.date | None"]

_HOLIDAY_NAMES = "|".join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))
_SEASON_NAMES = "|".join(SEASON_END_MONTH)

# In priority order: a later rule never matches text an earlier rule already took.
_TIME_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in [
        (r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", _iso),
        (rf"\b(?:{_BY}|deadline:?)\s+(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{2}}|\d{{4}}))?\b", _slash),
        (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b", _dotted),
        (r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?![\d\w])", _dotted_no_year),
        (
            rf"\b(?P<wd>{_WEEKDAY})\b\.?,?\s+(?P<date>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
            rf"(?:\s+(?:of\s+)?{_MONTH}\b\.?)?|{_MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
            r"(?!\s*(?:am|pm|:|h\b|hours?|minutes?|mins?))",
            _weekday_and_date,
        ),
        (_NEXT_MEETING, _next_meeting),
        (rf"\b(?:in|within)\s+(?:the\s+)?(?:next\s+)?(?P<n>{_N})\s+(?:hours|hrs|h)\b", _hours),
        (rf"\b(?P<n>{_N})\s+(?P<unit>{_UNIT})\s+from\s+(?:now|today)\b", _duration),
        (
            r"\b(?!during\s+(?:the\s+)?next\s+(?:week|month)\b)"
            rf"(?:in|within|w/in|over|for|during|after)\s+(?:the\s+)?(?:(?:next|coming|following)\s+)?"
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
            r"\b(?:by|on|before|b4|until|till|til|due)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b"
            r"(?!\s+of\b)",
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
            r"\b(?:(?:the\s+)?end\s+of\s+)?(?:(?P<which>this|the|next|nxt|coming)\s+)"
            r"(?:week|weekend|wk|wknd|wkend|wk\s+end|week\s+end)\b"
            r"|\b(?:end\s+of\s+(?:the\s+)?(?:week|wk)|eow|(?:by|before|b4|until|till)\s+"
            r"(?:the\s+)?(?:wk\s*end|week\s+end|wknd|weekend))\b",
            _week,
        ),
        (
            r"\b(?:(?:the\s+)?end\s+of\s+)?(?:rest\s+of\s+)?(?P<which>this|the|next|current|coming)"
            r"\s+(?P<unit>month|year|quarter)\b",
            _period,
        ),
        (r"\b(?:eom|end\s+of\s+(?:the\s+)?mo(?:nth)?|month[\s-]end)\b", _end_of_month),
        (r"\b(?:eoy|year[\s-]end|end[\s-]of[\s-]year)\b", _end_of_year),
        (rf"\b(?:{_BY}|end\s+of|the\s+end\s+of)\s+(?P<year>20\d\d)\b", _named_year),
        (
            r"\b(?:q(?P<q>[1-4])|(?P<word>first|second|third|fourth)\s+quarter)"
            r"(?:\s+(?:of\s+)?(?P<year>20\d\d))?\b",
            _quarter,
        ),
        (
            rf"\b(?:(?P<which>this|next|the|coming)\s+|{_BY}\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?)"
            rf"(?P<season>{_SEASON_NAMES})"
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


def find_deadlines(
    text: str, today: dt.date, next_meeting: dt.date | None = None
) -> tuple[TimePhrase, ...]:
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
    phrases, _ = scan(text, low, today, next_meeting)
    return tuple(sorted(phrases, key=lambda p: p.start))


def scan(
    text: str, low: str, today: dt.date, next_meeting: dt.date | None = None
) -> tuple[list[TimePhrase], bytearray]:
    """Time expressions in the goal, and a mask of the characters they cover."""
    taken: list[TimePhrase] = []
    names: list[tuple[int, int]] = []  # dates that name things
    covered = bytearray(len(low))
    # A rule whose every match needs a digit, a month or a weekday is skipped when the goal
    # has none: most goals name few dates, and skipping saves most of the scanning time.
    present: dict[str, bool] = {}  # each gate searched at most once
    for (regex, resolver), needs in zip(_TIME_RULES, _NEEDS, strict=True):
        skip = False
        for need in needs:
            hit = present.get(need)
            if hit is None:
                hit = present[need] = _GATES[need].search(low) is not None
            if not hit:
                skip = True
                break
        if skip:
            continue
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
            note = ""
            if resolver is _next_meeting:
                deadline = next_meeting
            elif resolver is _weekday_and_date and deadline is not None:
                note = _weekday_note(m, deadline)
            phrase = text[m.start() : m.end()]
            meeting = resolver is _next_meeting
            taken.append(TimePhrase(m.start(), m.end(), phrase, deadline, note, meeting))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return taken, covered


# What every match of a rule needs: a goal without it skips the rule. Most goals name few
# dates, and skipping saves most of the scanning time. Each gate is a necessary condition
# read off its rules' patterns (tests/smart/test_speed_gates.py checks it on many phrases).
_GATES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    "weekday": re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)"),
    "next": re.compile(r"\bn(?:ext|xt)\b"),
    "hours": re.compile(r"\b(?:hours|hrs|h)\b"),
    "unit": re.compile(r"\b(?:day|week|wk|month|mo|year|yr|fortnight)s?\b"),
    "week": re.compile(r"\b(?:w(?:ee)?k|eow)"),
    "period": re.compile(r"\b(?:month|year|quarter)\b"),
    "mo": re.compile(r"\b(?:eom|mo)"),
    "year": re.compile(r"\b(?:eoy|year)"),
    "quarter": re.compile(r"\b(?:q[1-4]|quarter)"),
    "season": re.compile(r"\b(?:spring|summer|fall|autumn|winter)\b"),
}
_NEEDS_BY_RESOLVER: dict[_Resolver, tuple[str, ...]] = {
    _iso: ("digit",), _slash: ("digit",), _dotted: ("digit",), _dotted_no_year: ("digit",),
    _ordinal_day: ("digit",), _named_year: ("digit",),
    _month_day: ("digit", "month"), _weekday_and_date: ("digit", "weekday"),
    _week_of_month: ("month",), _part_of_month: ("month",), _month_alone: ("month",),
    _weekday: ("weekday",), _next_meeting: ("next",), _hours: ("hours",),
    _duration: ("unit",), _week: ("week",), _period: ("period",), _end_of_month: ("mo",),
    _end_of_year: ("year",), _quarter: ("quarter",), _season: ("season",),
}  # fmt: skip
_NEEDS = tuple(_NEEDS_BY_RESOLVER.get(resolver, ()) for _, resolver in _TIME_RULES)


# A quarter names a thing too: "the Q3 report", "a Q1 journal" (a journal's ranking).
_DATES = frozenset({_iso, _dotted, _month_day, _month_alone, _quarter})
_NAMING_DETERMINERS = frozenset(
    {"the", "my", "our", "this", "that", "these", "those", "his", "her", "their", "your", "a",
     "an"}
)  # fmt: skip
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
