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

from .analysis import DIMENSIONS, MAX_GOAL_CHARS, Analysis, Check, GoalRejected, analyze
from .deadlines import TimePhrase, find_deadlines

__all__ = [
    "DIMENSIONS",
    "MAX_GOAL_CHARS",
    "Analysis",
    "Check",
    "GoalRejected",
    "TimePhrase",
    "analyze",
    "find_deadlines",
]
