"""SMART goal analyzer: is a monthly goal Specific, Measurable, Attainable, Time-bound?

One public function, :func:`analyze`, takes the goal text and today's date and returns an
:class:`Analysis`: four booleans, the resolved deadline and short hints, one per missing
dimension. It is pure (no Django, no I/O, no clock) and takes well under a millisecond, so
the goal pages can run it on every pause in typing. ``python -m peercircle.smart`` is its
command line (see :func:`main`).

The vocabulary -- vague directions, outcome-dependent phrases, events, holidays -- lives in
``smart_vocabulary.toml`` next to this module, read once at import with ``tomllib``. Each
entry is a regular expression (usually a plain phrase) matched at word boundaries against
the lower-cased goal; extend it there, together with a labelled goal in
``tests/smart/goals.csv``.

Definitions (from issue 4):

- specific: names a concrete action and what it acts on, not a direction ("work on",
  "improve", "try to"...). An outcome with a concrete object ("get tenure") is specific;
  whether it is attainable is a separate question.
- measurable: whether it was done can be checked: a count, a frequency, or a deliverable
  or event that either happened or not. "more", "better", "a lot" are not measures.
- attainable: the result is within the member's own power; nothing in the goal hangs on
  others' decisions or on luck. A concession ("regardless of whether it is accepted")
  cancels an outcome phrase.
- time_bound: a deadline or a bounded period; a habit with no end is not.

Deadline rules, relative to ``today``:

- a named period resolves to its last day: "this week"/"the weekend" -> Sunday, "next
  week" -> Sunday of next week, "this month", "next month", "this quarter", "end of Q1",
  "this year", "next year" -> 31 December of next year, "in 2027", "by March" -> 31 March,
  seasons (northern, meteorological: spring ends 31 May, summer 31 August, autumn 30
  November, winter the end of February);
- "in/within/for/over (the next) N days/weeks/months" and "N weeks from now" -> today + N;
  "within 48 hours" -> today + 2 days ("for 2 hours" is an amount, not a period);
- weekday names ("Friday", "next Friday", "by fri") -> the next such day after today;
  "Friday next week" -> the Friday of next week;
- a date without a year (Dec 15, 12/15, 15/12, the 15th, mid-December, Christmas,
  Thanksgiving) -> its next occurrence, today included; slashes are month/day unless the
  first number is over 12, dots (01.03.2027) are day first; an explicit date with a year is
  kept even when past (a hint says so);
- a month name only after a time word ("in March", "by the end of March"), so "the March
  batch" is no deadline; a weekday not after "every"/"other" nor before "mornings"/"seminar";
- a time that opens a period ("starting next week") is no bound;
- several dates: the latest is the deadline, since the goal is done when all of it is;
- "before X" resolves like "by X", to the named date itself (a simplification);
- academic periods (semester, term, the holidays, the break) and events ("before the next
  meeting") make a goal time-bound with no deadline, because calendars differ.

Input limits: an empty or blank goal is analysed (all four false, one hint). A goal longer
than :data:`MAX_GOAL_CHARS` characters is rejected with :class:`GoalRejected`, which keeps
the time per goal bounded whatever is pasted into the form.

Command line exit status: 0 when every line was analysed, 1 when at least one line was
rejected (the others are still analysed), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

MAX_GOAL_CHARS = 2000
VOCABULARY_PATH = Path(__file__).parent / "smart_vocabulary.toml"


class GoalRejected(ValueError):
    """The goal cannot be analysed (for now only: it is too long)."""


@dataclass(frozen=True)
class Analysis:
    specific: bool
    measurable: bool
    attainable: bool
    time_bound: bool
    deadline: dt.date | None
    hints: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "specific": self.specific,
            "measurable": self.measurable,
            "attainable": self.attainable,
            "time_bound": self.time_bound,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "hints": list(self.hints),
        }


# ---------------------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True)
class _Phrase:
    rewrite: str
    unless_followed_by: frozenset[str] = frozenset()


_Found = tuple[_Phrase, re.Match[str]]


@dataclass(frozen=True)
class _PhraseSet:
    """Entries of one vocabulary list, searched with a single regex (one pass, not many)."""

    regex: re.Pattern[str]
    entries: tuple[_Phrase, ...]

    def finditer(self, low: str) -> Iterator[_Found]:
        for m in self.regex.finditer(low):
            yield self.entries[int(str(m.lastgroup)[1:])], m

    def search(self, low: str) -> _Found | None:
        return next(self.finditer(low), None)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])")


def _phrases(entries: list[dict[str, Any]]) -> _PhraseSet:
    alternatives = "|".join(f"(?P<p{i}>{entry['pattern']})" for i, entry in enumerate(entries))
    return _PhraseSet(
        regex=_compile(alternatives),
        entries=tuple(
            _Phrase(entry["rewrite"], frozenset(entry.get("unless_followed_by", ())))
            for entry in entries
        ),
    )


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return _compile("|".join(f"(?:{p})" for p in patterns))


_DATA = tomllib.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))
_DIRECTIONS = _phrases(_DATA["specific"]["directions"])
_HEDGES = _phrases(_DATA["specific"]["hedges"])
_STATE_VERBS = frozenset(_DATA["specific"]["state_verbs"])
_NON_OBJECT_WORDS = frozenset(_DATA["specific"]["non_object_words"])
_LEADING_FILLER = frozenset(_DATA["specific"]["leading_filler"])
_VAGUE_QUANTITY = _any_of(_DATA["measurable"]["vague_quantities"])
_COMPLETION_VERBS = frozenset(_DATA["measurable"]["completion_verbs"])
_NUMBER_WORDS = frozenset(_DATA["measurable"]["number_words"])
_LABEL_NOUNS = frozenset(_DATA["measurable"]["label_nouns"])
_FREQUENCY = _any_of(_DATA["measurable"]["frequencies"])
_OUTCOMES = _phrases(_DATA["attainable"]["outcomes"])
_CONCESSION = _any_of(_DATA["attainable"]["concessions"])
_UNRESOLVED_PERIOD = _any_of(_DATA["time"]["unresolved_periods"])
_EVENTS = "|".join(f"(?:{p})" for p in _DATA["time"]["events"])
_HOLIDAYS: dict[str, str] = _DATA["time"]["holidays"]
_SEASON_END_MONTH: dict[str, int] = _DATA["time"]["season_end_month"]
_COUNT_WORDS: dict[str, int] = _DATA["time"]["count_words"]
_PART_OF_MONTH_DAY: dict[str, int] = _DATA["time"]["part_of_month_day"]

# Closed-class English words: grammar rather than domain vocabulary, so they stay here.
_DETERMINERS = frozenset({
    "the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that",
    "these", "those", "each", "every", "all", "both", "any", "no", "another", "myself", "me",
    "it", "them", "him", "us",
})  # fmt: skip
_PARTICLES = frozenset({"up", "out", "off", "down", "back", "through", "over", "away", "together"})
_PREPOSITIONS = frozenset({"to", "with", "for", "from", "on", "about", "at", "into", "in", "of"})
_COUNT_TOKENS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "once",
    "twice", "thrice", "half", "couple", "single",
})  # fmt: skip
_AUXILIARY_PAIRS = frozenset(
    [("do", "not"), ("try", "to"), ("trying", "to"), ("attempt", "to"), ("tried", "to")]
)
_ASPECT_VERBS = frozenset({"start", "begin", "keep", "stop", "quit"})
_PARTICIPLES = frozenset({"done", "chosen", "given", "taken", "seen", "known"})

_NUMBER = re.compile(r"\d+(?:[-.]\d+)?")
_SKIPPED_CLAUSE = re.compile(
    r"(?:don't|dont|do not|stop|never|no need to)\s+(?:worry|worrying|stress|care|obsess)"
    r"|regardless|no matter"
)
_VAGUE_TIME = re.compile(r"\b(?:asap|soon|eventually|someday|some day|at some point|later)\b")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_CLAUSE_END = re.compile(r"[.;!?]")
_NUMERIC_TARGET = re.compile(r"\b(?:to|below|under|above|at least|at most)\s+\d+(?:\.\d+)?\b")


# ---------------------------------------------------------------------------------------
# Time expressions


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    deadline: dt.date | None


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
_N = r"\d+|a couple of|couple of|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
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


def _count(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else _COUNT_WORDS[word.removeprefix("a ").strip()]


def _iso(m: re.Match[str], today: dt.date) -> dt.date:
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _slash(m: re.Match[str], today: dt.date) -> dt.date:
    first, second = int(m[1]), int(m[2])
    month, day = (second, first) if first > 12 else (first, second)
    if not m[3]:
        return _next_occurrence(month, day, today)
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
    return _next_occurrence(parsed.month, parsed.day, today)


def _part_of_month(m: re.Match[str], today: dt.date) -> dt.date:
    end = _next_month_end(_month_number(m["month"]), today)
    return end + relativedelta(day=_PART_OF_MONTH_DAY[m["part"]])


def _ordinal_day(m: re.Match[str], today: dt.date) -> dt.date:
    day = int(m[1])
    for months in range(13):
        candidate = today + relativedelta(months=months, day=day)
        if candidate.day == day and candidate >= today:
            return candidate
    raise ValueError(f"no day {day}")


def _month_alone(m: re.Match[str], today: dt.date) -> dt.date:
    month = _month_number(m["month"])
    if m["year"]:
        return _month_end(int(m["year"]), month)
    return _next_month_end(month, today)


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
    return _next_month_end(3 * number, today)


def _season(m: re.Match[str], today: dt.date) -> dt.date:
    end_month = _SEASON_END_MONTH[m["season"]]
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
    month, day = _HOLIDAYS[m["holiday"]].split("-", 1)
    if day.isdigit():
        return _next_occurrence(int(month), int(day), today)
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


_HOLIDAY_NAMES = "|".join(re.escape(h) for h in sorted(_HOLIDAYS, key=len, reverse=True))
_SEASON_NAMES = "|".join(_SEASON_END_MONTH)

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
        (_UNRESOLVED_PERIOD.pattern, _unresolved),
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
            rf"\b(?:(?:{_BY}|end\s+of|the\s+end\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?)"
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
            rf"(?:the|our|my|this|next|his|her|their|your|each)\s+(?:[\w'-]+\s+){{0,3}}?"
            rf"(?:{_EVENTS})\b",
            _unresolved,
        ),
    ]
)
_STARTS_A_PERIOD = re.compile(r"\b(?:starting|beginning|from|as of|effective)\s+$")
_EACH = re.compile(r"\b(?:every|each)\b")
_SKIP_BEFORE_WEEKDAY = frozenset({"every", "each", "other", "alternate"})
_ABBREVIATED_WEEKDAYS = frozenset(d for d in _WEEKDAYS if not d.endswith("day"))


def _find_times(low: str, today: dt.date) -> tuple[list[_Time], bytearray]:
    """Time expressions in the goal, and a mask of the characters they cover."""
    taken: list[_Time] = []
    covered = bytearray(len(low))
    for regex, resolver in _TIME_RULES:
        for m in regex.finditer(low):
            if any(covered[m.start() : m.end()]):
                continue
            if resolver is _weekday and not _is_deadline_weekday(m, low):
                continue
            if resolver is _hours and _EACH.search(low, 0, m.start()):
                continue  # "reply to every email within 24 hours": per email, no deadline
            if _STARTS_A_PERIOD.search(low, max(0, m.start() - 14), m.start()):
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                continue  # "starting next week" opens a period, it does not close one
            try:
                deadline = resolver(m, today)
            except (ValueError, OverflowError, KeyError):
                continue
            taken.append(_Time(m.start(), m.end(), deadline))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return taken, covered


def _is_deadline_weekday(m: re.Match[str], low: str) -> bool:
    """Not "every other Thursday", and an abbreviation ("sun") only after "by"/"on"."""
    before = low[max(0, m.start() - 12) : m.start()].split()
    if before and before[-1] in _SKIP_BEFORE_WEEKDAY:
        return False
    prefixed = m.start("day") > m.start()
    return prefixed or m["day"] not in _ABBREVIATED_WEEKDAYS


# ---------------------------------------------------------------------------------------
# The goal, read once


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    capitalised: bool


@dataclass(frozen=True)
class _Goal:
    text: str
    low: str
    tokens: tuple[_Token, ...]  # words outside time expressions
    times: tuple[_Time, ...]
    in_time: bytearray  # 1 for each character inside a time expression
    verb_index: int | None  # index of the main verb in tokens
    direction: _Found | None = None  # "work on", "improve"...
    hedge: _Found | None = None  # "try to"
    outcome: _Found | None = None  # "accepted", "get my advisor to"...


def _read(text: str, today: dt.date) -> _Goal:
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased
        text = low
    times, in_time = _find_times(low, today)
    shouting = text.isupper()
    tokens = tuple(
        _Token(m[0], m.start(), m.end(), not shouting and text[m.start()].isupper())
        for m in _WORD.finditer(low)
        if not in_time[m.start()]
    )
    goal = _Goal(text, low, tokens, tuple(times), in_time, _main_verb(low, tokens))
    return replace(
        goal, direction=_direction(goal), hedge=_HEDGES.search(low), outcome=_outcome(goal)
    )


def _main_verb(low: str, tokens: Sequence[_Token]) -> int | None:
    """Goals are written as commands: the first word after "I will", "not"... is the verb.

    A clause that sets something aside ("don't worry about the fellowship; just submit
    the application") is passed over for the next one.
    """
    skipped = _SKIPPED_CLAUSE.match(low.lstrip())
    clause_end = _CLAUSE_END.search(low) if skipped else None
    after = clause_end.end() if clause_end else 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1].word if index + 1 < len(tokens) else ""
        if token.start < after or token.word in _LEADING_FILLER or _is_number(token.word):
            continue
        if (token.word, following) in _AUXILIARY_PAIRS:
            continue  # "do not", "try to": the verb comes next
        if token.word in _ASPECT_VERBS and following.endswith("ing"):
            continue  # "start exercising regularly": the action is "exercising"
        return index
    return None


def _is_number(word: str) -> bool:
    """ "12", "1-4", "2.5" """
    return bool(_NUMBER.fullmatch(word))


def _object_words(goal: _Goal) -> list[_Token]:
    if goal.verb_index is None:
        return []
    rest = goal.tokens[goal.verb_index + 1 :]
    return [t for t in rest if t.word not in _NON_OBJECT_WORDS]


def _verb(goal: _Goal) -> str:
    return "" if goal.verb_index is None else goal.tokens[goal.verb_index].word


def _word_after_verb(goal: _Goal, skip: int = 0) -> str:
    index = (goal.verb_index or 0) + 1 + skip
    if goal.verb_index is None or index >= len(goal.tokens):
        return ""
    return goal.tokens[index].word


def _lemma_in(word: str, verbs: frozenset[str]) -> bool:
    candidates = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e"}
    return not candidates.isdisjoint(verbs)


# ---------------------------------------------------------------------------------------
# The four dimensions


def _direction(goal: _Goal) -> _Found | None:
    """A direction such as "work on", unless a numeric target makes it concrete."""
    found = _DIRECTIONS.search(goal.low)
    if found and _NUMERIC_TARGET.search(goal.low):
        return None
    if found:
        return found
    return _adverbial_comparative(goal)


_ADVERBIAL_CONTEXT = _NON_OBJECT_WORDS | _PREPOSITIONS
_ADVERBIAL_REWRITE = _Phrase("say how much, with a number")


def _adverbial_comparative(goal: _Goal) -> _Found | None:
    """ "write more", "network more at conferences": the verb carries no object."""
    word = _word_after_verb(goal)
    if word == "a" and _word_after_verb(goal, 1) == "lot":
        following = _word_after_verb(goal, 2)
    elif word in {"more", "less", "better", "harder", "faster"}:
        following = _word_after_verb(goal, 1)
    else:
        return None
    adverb = following.endswith("ly")  # "read more widely"
    if following == "of" or (following and not adverb and following not in _ADVERBIAL_CONTEXT):
        return None  # "read more papers": a quantity of something, not a direction
    m = _WORD.match(goal.low, goal.tokens[(goal.verb_index or 0) + 1].start)
    return (_ADVERBIAL_REWRITE, m) if m else None


def _is_state(goal: _Goal) -> bool:
    """ "be more organised", "become a better mentor": a state, not an action."""
    if _verb(goal) not in _STATE_VERBS:
        return False
    following = _word_after_verb(goal)
    return not (following.endswith("ed") or following in _PARTICIPLES | _PREPOSITIONS)


def _specific(goal: _Goal) -> bool:
    if goal.verb_index is None or goal.direction or goal.hedge:
        return False
    if _is_state(goal):
        return False
    return bool(_object_words(goal))


def _counted(goal: _Goal) -> bool:
    """A number counts something: not "chapter 2", not "11 pm", not a date."""
    for index, token in enumerate(goal.tokens):
        previous = goal.tokens[index - 1].word if index else ""
        following = goal.tokens[index + 1].word if index + 1 < len(goal.tokens) else ""
        if token.word in _COUNT_TOKENS:
            return True
        if not token.word.isdigit() or previous in _LABEL_NOUNS or following in {"am", "pm"}:
            continue
        return True
    return False


def _vague_quantity(goal: _Goal) -> re.Match[str] | None:
    for m in _VAGUE_QUANTITY.finditer(goal.low):
        if goal.in_time[m.start()]:
            continue
        before = goal.low[max(0, m.start() - 20) : m.start()].split()
        if before and (before[-1].isdigit() or before[-1] in _COUNT_TOKENS):
            continue  # "3 more papers"
        return m
    return None


def _object_head(goal: _Goal) -> tuple[str, str, bool]:
    """The first word of the object, the word after it, and whether it is capitalised."""
    objects = [
        t for t in goal.tokens[(goal.verb_index or 0) + 1 :]
        if t.word not in _PARTICLES | _PREPOSITIONS
    ]  # fmt: skip
    if not objects:
        return "", "", False
    following = objects[1].word if len(objects) > 1 else ""
    return objects[0].word, following, objects[0].capitalised


def _determined_object(goal: _Goal) -> bool:
    """ "the methods section", "a draft", "chapter 5", "Maria": a thing one can point at."""
    head, following, capitalised = _object_head(goal)
    return bool(head) and (
        head in _DETERMINERS
        or head in _NUMBER_WORDS
        or head.isdigit()
        or _is_number(following)
        or capitalised
    )


def _measurable(goal: _Goal) -> bool:
    """Checkable: a count, a frequency, or a deliverable or event that happened or not."""
    if goal.verb_index is None or goal.direction:
        return False
    if _is_state(goal) or _vague_quantity(goal):
        return False  # "be more productive", "read more papers": more than what?
    if _counted(goal) or _FREQUENCY.search(goal.low):
        return True
    if not _object_words(goal) and _verb(goal) not in _STATE_VERBS:
        return False  # "read over the holidays": read what?
    # "submit abstract", "be invited": done or not. "read papers": which, how many?
    return _lemma_in(_verb(goal), _COMPLETION_VERBS | _STATE_VERBS) or _determined_object(goal)


def _conceded(low: str, m: re.Match[str]) -> bool:
    """ "regardless of whether it is accepted": within eight words, in the same clause."""
    window_start = max(0, m.start() - 80)
    ends = list(_CLAUSE_END.finditer(low, window_start, m.start()))
    clause_start = ends[-1].end() if ends else window_start
    window = " ".join(low[clause_start : m.start()].split()[-8:])
    return bool(_CONCESSION.search(window))


def _outcome(goal: _Goal) -> _Found | None:
    for phrase, m in _OUTCOMES.finditer(goal.low):
        next_words = set(_WORD.findall(goal.low, m.end(), m.end() + 60)[:5])
        if next_words & phrase.unless_followed_by or _conceded(goal.low, m):
            continue
        return phrase, m
    return None


def _habit(goal: _Goal) -> bool:
    return bool(_FREQUENCY.search(goal.low))


# ---------------------------------------------------------------------------------------
# Hints


def _snippet(goal: _Goal, start: int, end: int) -> str:
    return " ".join(goal.text[start:end].split()).strip(" ,.;:!?")


def _rest_after(goal: _Goal, position: int, limit: int = 6) -> str:
    """The words after a phrase, up to a time expression or the end of the clause."""
    stop = min([t.start for t in goal.times if t.start >= position] + [len(goal.low)])
    clause = _CLAUSE_END.search(goal.low, position, stop)
    words = goal.text[position : clause.start() if clause else stop].split()[:limit]
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()  # "… in Nature by" (the end of Q1)
    return " ".join(words).strip(" ,.;:!?\"'")


def _by(deadline: dt.date | None) -> str:
    return f"by {deadline.isoformat()}" if deadline else "by …"


_TRAILING_WORDS = _PREPOSITIONS | {"by", "before", "until", "the", "end", "and", "or", "a", "my"}
_GENERIC_EXAMPLE = '"write the methods section of chapter 2 by Friday"'


def _specific_hint(goal: _Goal) -> str:
    found = goal.direction or goal.hedge
    if found is None and _is_state(goal):
        state = " ".join(t.word for t in goal.tokens[goal.verb_index or 0 :][:3])
        return (
            f'"{state}" is a state, not an action: name one thing you will do that shows it, '
            'e.g. "write 500 words on four mornings this week".'
        )
    if found is None:
        return f"Name a concrete action and what it acts on, e.g. {_GENERIC_EXAMPLE}."
    phrase, m = found
    said = _snippet(goal, m.start(), m.end())
    rest = _rest_after(goal, m.end())
    if phrase is _ADVERBIAL_REWRITE:
        verb = _verb(goal)
        return f'"{verb} {said}" is a direction: say what you will {verb} and how much.'
    if goal.hedge is found and rest:
        return f'"{said}" hedges: commit to the action itself, "{rest}".'
    if "{object}" in phrase.rewrite and not rest:
        example = _GENERIC_EXAMPLE
    else:
        example = '"' + phrase.rewrite.replace("{object}", rest) + '"'
    return f'"{said}" is a direction, not an action: try {example}.'


_GENERIC_MEASURE = (
    'Make it checkable: add a count ("3 papers", "500 words") or a deliverable ("a first draft").'
)


def _measurable_hint(goal: _Goal) -> str:
    """ "read more papers" -> "read 3 papers"; otherwise a generic nudge."""
    m = _vague_quantity(goal)
    if m is None or goal.direction or goal.verb_index is None or _is_state(goal):
        return _GENERIC_MEASURE
    said = _snippet(goal, m.start(), m.end())
    verb_start = goal.tokens[goal.verb_index].start
    if verb_start > m.start():
        return _GENERIC_MEASURE
    counted = f"{goal.text[verb_start : m.start()]}3 {_rest_after(goal, m.end(), limit=5)}"
    return f'"{said}" is not a measure: put a number on it, e.g. "{" ".join(counted.split())}".'


def _attainable_hint(goal: _Goal, deadline: dt.date | None) -> str:
    if goal.outcome is None:  # not reached: called only when an outcome was found
        return "Set the step that is in your own power."
    phrase, m = goal.outcome
    said = _snippet(goal, m.start(), m.end()) + " " + _rest_after(goal, m.end(), limit=4)
    rewrite = phrase.rewrite.replace("by …", _by(deadline))
    return (
        f'"{said.strip()}" depends on others or on luck: set the step in your power, '
        f'e.g. "{rewrite}".'
    )


def _time_hint(goal: _Goal, today: dt.date) -> str:
    friday = today + relativedelta(days=1, weekday=FR)
    month_end = today + relativedelta(day=31)
    if _habit(goal):
        return (
            'A habit with no end is not time-bound: give it a period, e.g. "… for the next two '
            f'weeks" or "… until {month_end.isoformat()}".'
        )
    vague = _VAGUE_TIME.search(goal.low)
    if vague:
        said = _snippet(goal, vague.start(), vague.end())
        return f'"{said}" is not a date: add a deadline, e.g. "by Friday ({friday.isoformat()})".'
    return (
        f'Add a deadline, e.g. "by Friday ({friday.isoformat()})" or "by the end of the month '
        f'({month_end.isoformat()})".'
    )


# ---------------------------------------------------------------------------------------
# Public API


def analyze(text: str, today: dt.date) -> Analysis:
    """Analyse one goal against the SMART definitions.

    Parameters
    ----------
    text : str
        The goal as the member wrote it, one line or several.
    today : datetime.date
        The date relative deadlines are resolved against ("by Friday").

    Returns
    -------
    Analysis
        The four dimensions, the deadline (or None) and one hint per missing dimension,
        plus one when the deadline is already past.

    Raises
    ------
    GoalRejected
        If the goal is longer than ``MAX_GOAL_CHARS`` characters.

    Notes
    -----
    Linear in the length of the goal; about a tenth of a millisecond for a typical goal.

    Examples
    --------
    >>> a = analyze("Write a first draft of a manuscript by the end of the month",
    ...             dt.date(2026, 11, 26))
    >>> a.specific, a.measurable, a.attainable, a.time_bound, a.deadline
    (True, True, True, True, datetime.date(2026, 11, 30))
    """
    if len(text) > MAX_GOAL_CHARS:
        raise GoalRejected(f"goal is {len(text)} characters long; the limit is {MAX_GOAL_CHARS}")
    if not text.strip():
        hint = "Empty goal: write one thing you will do, to what, and by when."
        return Analysis(False, False, False, False, None, (hint,))
    goal = _read(text, today)
    specific = _specific(goal)
    measurable = _measurable(goal)
    attainable = goal.outcome is None
    time_bound = bool(goal.times)
    deadline = max((t.deadline for t in goal.times if t.deadline), default=None)
    hints = []
    if not specific:
        hints.append(_specific_hint(goal))
    if not measurable:
        hints.append(_measurable_hint(goal))
    if not attainable:
        hints.append(_attainable_hint(goal, deadline))
    if not time_bound:
        hints.append(_time_hint(goal, today))
    if deadline and deadline < today:
        hints.append(f"The deadline {deadline.isoformat()} is already past: pick a later date.")
    return Analysis(specific, measurable, attainable, time_bound, deadline, tuple(hints))


# ---------------------------------------------------------------------------------------
# Command line


def _report(text: str, analysis: Analysis) -> str:
    def mark(ok: bool) -> str:
        return "yes" if ok else "no "

    deadline = analysis.deadline.isoformat() if analysis.deadline else "none"
    lines = [
        text,
        f"  specific {mark(analysis.specific)}  measurable {mark(analysis.measurable)}  "
        f"attainable {mark(analysis.attainable)}  time-bound {mark(analysis.time_bound)}  "
        f"deadline {deadline}",
    ]
    lines += [f"  - {hint}" for hint in analysis.hints]
    return "\n".join(lines)


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _lines(stream: Any) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Read one goal per line on standard input, write one analysis per line.

    With ``--json`` each output line is a JSON object with ``specific``, ``measurable``,
    ``attainable``, ``time_bound``, ``deadline`` and ``hints``; a rejected line gives
    ``{"error": "..."}`` instead, so output line n always answers input line n.
    Returns 0 when every line was analysed, 1 when any was rejected; argparse exits
    with 2 on bad arguments.
    """
    cli = argparse.ArgumentParser(
        prog="python -m peercircle.smart",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("--today", type=_date_argument, help="YYYY-MM-DD; default: local date")
    cli.add_argument("--json", action="store_true", help="one JSON object per line")
    args = cli.parse_args(argv)
    today = args.today or dt.datetime.now(dt.UTC).astimezone().date()
    status = 0
    for line in _lines(sys.stdin):
        try:
            analysis = analyze(line, today)
        except GoalRejected as error:
            status = 1
            message = {"error": str(error)}
            print(json.dumps(message) if args.json else f"{line[:60]}…\n  rejected: {error}")
            continue
        print(json.dumps(analysis.to_dict()) if args.json else _report(line, analysis))
    return status


if __name__ == "__main__":
    sys.exit(main())
