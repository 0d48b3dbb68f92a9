"""SMART goal analyzer: is a monthly goal Specific, Measurable, Attainable, Time-bound?

Pure (no Django, no I/O, no clock) and well under a millisecond per goal, so the goal
pages can run it on every pause in typing. ``python -m peercircle.smart`` is its command
line (``peercircle/smart/__main__.py``).

Public API (everything else in the package is internal)::

    from peercircle.smart import analyze, Analysis, find_deadlines

    analyze(text: str, today: datetime.date, next_meeting: datetime.date | None = None)
        -> Analysis                      # raises GoalRejected if too long
    find_deadlines(text: str, today: datetime.date, next_meeting: date | None = None)
        -> tuple[TimePhrase, ...]
    # next_meeting: the group's next meeting; "by the next meeting" resolves to it (without
    # it such a goal is time-bound with no date)

    english_enough(text: str) -> bool  # False: the goal reads as Spanish or German (or
                                       # another language the rules cannot read)

    Analysis (frozen dataclass):
      english: bool                    False when the goal is not English enough to judge
                                       (english_enough): then the four verdicts are None,
                                       no hints, deadline, suggested deadline or rewrite
      specific, measurable, attainable, time_bound: bool | None (None: not judged)
      deadline: date | None            latest date found, past or not
      hints: tuple[str, ...]           the non-empty hints below, S-M-A-T order, then deadline
      specific_hint, measurable_hint, attainable_hint, time_bound_hint: str
                                       what to change; "" when that dimension holds
      deadline_hint: str               "" unless the deadline is already past or a weekday
                                       disagrees with its date ("Friday the 18th" on a
                                       Thursday: said, the date kept)
      deadline_past: bool              (property) the deadline is already past
      suggested_deadline: date | None  a date suiting a monthly goal (end of this month, or
                                       of next when under 14 days are left); set only when
                                       the goal is not time-bound or its deadline is past
      rewrite: str | None              the goal as the step in one's own power, in the
                                       member's words ("Get my paper accepted in Nature by
                                       May" -> "Submit my paper to Nature by May"), or cut
                                       to a part that fits ("Write one chapter of my thesis
                                       this weekend"); set only when not attainable and only
                                       when it, analysed again, holds on all four parts, has
                                       no blank, and keeps every content word of the goal
                                       but those asking for the result; else None (hints)
      rewrite_sure: bool               rewrite is not None: an unsure rewrite (its pattern
                                       not filled whole) is never set (analysis.offered_rewrite)
      time_phrases: tuple[TimePhrase, ...]   as find_deadlines() returns them (not in ==)
      checks -> tuple[Check, ...]      (property) the four dimensions in S-M-A-T order
      check(name) -> Check             one dimension by name; KeyError for others
      to_dict() -> dict                JSON-ready: all fields above but time_phrases and
                                       the properties, dates as ISO strings

    Check (frozen dataclass): name ("specific", "measurable", "attainable", "time_bound"),
      label ("Specific", "Measurable", "Attainable", "Time-bound"), ok: bool, hint: str
    TimePhrase (frozen dataclass): start, end (offsets into text), text (as written, e.g.
      "by the end of Q1"), date: date | None (None for "before finals", "this semester"),
      note: str (a weekday that disagrees with its date)
    DIMENSIONS = ("specific", "measurable", "attainable", "time_bound")
    MAX_GOAL_CHARS = 2000; GoalRejected(ValueError)

Modules: ``deadlines`` (time expressions) and ``resolvers`` (their dates), ``goal`` (the
goal as read), ``structure`` (side clauses, goals without a verb, granted results, scale),
``outcomes`` (attainable), ``vocabulary`` (reads ``vocabulary.toml``,
shipped inside the package and read through ``importlib.resources``), ``dimensions`` (the
goal read once, and the four checks), ``hints`` (hints, suggested dates, rewrites),
``language`` (is the goal English enough to judge), ``analysis`` (``analyze``),
``__main__`` (command line). The vocabulary -- vague directions,
outcome-dependent phrases, events, holidays -- is data: each entry is a regular expression
(usually a plain phrase) matched at word boundaries against the lower-cased goal; extend it
there, together with a labelled goal in ``tests/smart/goals.csv``.

Definitions:

- the action is the goal's first known verb after fillers ("so basically", "pls let me");
  "maybe"/"hopefully" before the action are filler, after it they hedge;
  a goal with no verb ("Chapter 2 draft to my supervisor by the 19th") names a deliverable
  and is read as "deliver" it. Joined clauses ("… and then write …") are each judged;
  side clauses ("after I improve the coding", "based on what I see") are not.
- specific: names a concrete action and what it acts on, not a direction ("work on",
  "improve", "optimise", "polish", "prep for", "get on top of", "try to"...), nor a
  comparative with nothing to count ("help my students more", "manage my time better").
  An outcome with a concrete object ("get tenure") is specific; whether it is attainable
  is a separate question.
- measurable: whether it was done can be checked: a count, a frequency, or a deliverable
  or event that either happened or not. "more", "better", "a lot" are not measures.
- attainable: the result is within the member's own power; nothing in the goal hangs on
  others' decisions or on luck: acceptances, awards, jobs and interviews landed,
  sign-offs and approvals obtained, metrics such as an h-index or followers, others made
  to act ("get Marco to finish", "make Priya review", "get my proof checked by Prof. X").
  A concession ("regardless of whether it is accepted") cancels an outcome phrase.
  Structurally: a granting verb's participle after the member's thing ("my chapter
  accepted", "see my grant renewed"), someone else as the subject ("the editor likes it"),
  a party made to respond ("have the publisher agree to…", "make the board decide…").
  Scale: whole/every + a large deliverable in two weeks or less with a producing verb, or
  a count more than twice one person's rate for the window, is not attainable.
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
  a weekday with a date ("Friday the 18th", "Wednesday, April 8") -> the date;
- "by the next meeting", "at our next meeting", "b4 nxt mtg" -> ``next_meeting``;
- abbreviations: wk, wknd, eom, month end, b4, tmrw, sem; "3.4." and "28.3." are day first;
  "Friday next week" -> the Friday of next week;
- a date without a year (Dec 15, 12/15, 15/12, mid-December, the end of March, Q1,
  Christmas) -> its next occurrence, today included, unless it passed within the last 92
  days: then it is that recent past date, flagged by ``deadline_hint`` (a monthly goal
  rarely plans eleven months ahead, so "by Oct 3" written on 26 November is late, not a
  year early). "The 15th" is always the next 15th. Slashes are month/day unless the first
  number is over 12, dots (01.03.2027) are day first; an explicit date with a year is kept
  even when past (flagged too); "the end of the first week of February" -> 7 February;
- a date that names a thing is no deadline: after "the"/"my" and before a noun ("the Nov 3
  experiment", "the March 5 and March 19 samples", "the December conference"), unless the
  noun is an event ("the Nov 3 lab meeting", "the March deadline");
- a month name only after a time word ("in March", "by the end of March", "for the rest of
  April"), so "the March batch" is no deadline; a weekday not after "every"/"other", not in
  a list after "every" ("every Tuesday and Friday"), nor before "mornings"/"seminar";
- a time that opens a period ("starting next week") is no bound;
- several dates: the latest is the deadline, since the goal is done when all of it is;
- "before X" resolves like "by X", to the named date itself (a simplification);
- academic periods (semester, term, the holidays, the break) and events ("before the next
  meeting", and without "the": "before finals", "by graduation", "until prelims", "before
  fieldwork starts") make a goal time-bound with no deadline, because calendars differ;
  "before each exam" is a habit, not a bound.

Input limits: an empty or blank goal is analysed (all four false, one hint). A goal longer
than :data:`MAX_GOAL_CHARS` characters is rejected with :class:`GoalRejected`, which keeps
the time per goal bounded whatever is pasted into the form.

Command line exit status: 0 when every line was analysed, 1 when at least one line was
rejected (the others are still analysed), 2 for bad arguments.
"""

from .analysis import DIMENSIONS, MAX_GOAL_CHARS, Analysis, Check, GoalRejected, analyze
from .deadlines import TimePhrase, find_deadlines
from .language import english_enough

__all__ = [
    "DIMENSIONS",
    "MAX_GOAL_CHARS",
    "Analysis",
    "Check",
    "GoalRejected",
    "TimePhrase",
    "analyze",
    "english_enough",
    "find_deadlines",
]
