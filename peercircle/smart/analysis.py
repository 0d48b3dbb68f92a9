"""The public entry point: :func:`analyze` and its result, :class:`Analysis`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import hints
from .deadlines import TimePhrase
from .dimensions import is_measurable, is_specific, read_goal
from .language import english_enough
from .structure import GRANTED
from .vocabulary import KNOWN_VERBS, LEADING_FILLER, WORD

MAX_GOAL_CHARS = 2000
DIMENSIONS = ("specific", "measurable", "attainable", "time_bound")
LABELS = {
    "specific": "Specific",
    "measurable": "Measurable",
    "attainable": "Attainable",
    "time_bound": "Time-bound",
}
EMPTY_HINT = "Empty goal: write one thing you will do, to what, and by when."


class GoalRejected(ValueError):
    """The goal cannot be analysed (for now only: it is too long)."""


@dataclass(frozen=True)
class Check:
    """One SMART dimension of one goal, ready for a template loop."""

    name: str  # "specific", "measurable", "attainable" or "time_bound"
    label: str  # "Specific", "Measurable", "Attainable" or "Time-bound"
    ok: bool | None  # None: not judged (a goal not written in English)
    hint: str  # what to change; "" when ok


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyze` found. Every field is plain data; the object is immutable."""

    # Each None when the goal is not judged (``english`` False): never a verdict on a goal
    # the rules cannot read.
    specific: bool | None
    measurable: bool | None
    attainable: bool | None
    time_bound: bool | None
    deadline: dt.date | None  # the latest date found, past or not; None if none
    hints: tuple[str, ...]  # the non-empty hints below, in S-M-A-T order, then deadline_hint
    specific_hint: str = ""  # each "" when its dimension holds
    measurable_hint: str = ""
    attainable_hint: str = ""
    time_bound_hint: str = ""
    deadline_hint: str = ""  # set when the deadline is already past or its weekday is wrong
    suggested_deadline: dt.date | None = None  # set when not time-bound or the deadline is past
    rewrite: str | None = None  # the goal as the step in one's own power; set when not attainable
    # True exactly when ``rewrite`` is set: a rewrite whose grammar the analyzer cannot
    # vouch for is not offered at all (see offered_rewrite); kept for API compatibility.
    rewrite_sure: bool = False
    # As find_deadlines() returns them; left out of ==, which compares the verdict only.
    time_phrases: tuple[TimePhrase, ...] = field(default=(), compare=False)
    # False when the goal reads as another language (language.english_enough): then no
    # verdict, hint, deadline or rewrite at all; the interface says guidance is for English.
    english: bool = True

    @property
    def deadline_past(self) -> bool:
        return "already past" in self.deadline_hint

    @property
    def checks(self) -> tuple[Check, ...]:
        """The four dimensions in SMART order, each with its label, verdict and hint."""
        return tuple(self.check(name) for name in DIMENSIONS)

    def check(self, name: str) -> Check:
        """One dimension by name; KeyError for anything but the four names in DIMENSIONS."""
        if name not in LABELS:
            raise KeyError(name)
        return Check(name, LABELS[name], getattr(self, name), getattr(self, f"{name}_hint"))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, tuples as lists, time phrases left out."""
        return {
            "specific": self.specific,
            "measurable": self.measurable,
            "attainable": self.attainable,
            "time_bound": self.time_bound,
            "deadline": _iso(self.deadline),
            "hints": list(self.hints),
            "specific_hint": self.specific_hint,
            "measurable_hint": self.measurable_hint,
            "attainable_hint": self.attainable_hint,
            "time_bound_hint": self.time_bound_hint,
            "deadline_hint": self.deadline_hint,
            "suggested_deadline": _iso(self.suggested_deadline),
            "rewrite": self.rewrite,
            "rewrite_sure": self.rewrite_sure,
            "english": self.english,
        }


# A goal in another language: no verdict, hint, deadline or rewrite.
NOT_JUDGED = Analysis(None, None, None, None, None, (), english=False)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def analyze(text: str, today: dt.date, next_meeting: dt.date | None = None) -> Analysis:
    """Analyse one goal against the SMART definitions.

    Parameters
    ----------
    text : str
        The goal as the member wrote it, one line or several.
    today : datetime.date
        The date relative deadlines are resolved against ("by Friday").
    next_meeting : datetime.date, optional
        The date of the group's next meeting: "by the next meeting" resolves to it. Without
        it such a goal is time-bound with no deadline.

    Returns
    -------
    Analysis
        The four dimensions, each with its hint ("" when it holds), the deadline (or None),
        a suggested deadline when the goal has none or a past one, and a rewrite when the
        goal is not attainable.

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
    >>> analyze("Get my paper accepted in Nature by May", dt.date(2027, 4, 14)).rewrite
    'Submit my paper to Nature by May'
    """
    return _analyze(text, today, next_meeting, offer_rewrite=True)


def _analyze(
    text: str, today: dt.date, next_meeting: dt.date | None, *, offer_rewrite: bool
) -> Analysis:
    if len(text) > MAX_GOAL_CHARS:
        raise GoalRejected(f"goal is {len(text)} characters long; the limit is {MAX_GOAL_CHARS}")
    if not text.strip():
        return Analysis(
            False, False, False, False, None, (EMPTY_HINT,), specific_hint=EMPTY_HINT,
            suggested_deadline=hints.suggested_deadline(today),
        )  # fmt: skip
    if not english_enough(text):
        return NOT_JUDGED
    goal = read_goal(text, today, next_meeting)
    deadline = max((t.date for t in goal.times if t.date), default=None)
    specific_hint = "" if is_specific(goal) else hints.specific_hint(goal)
    measurable_hint = "" if is_measurable(goal) else hints.measurable_hint(goal)
    rewrite = None
    if offer_rewrite and (goal.outcome is not None or goal.too_large is not None):
        rewrite = offered_rewrite(goal, deadline, today, next_meeting)
    attainable_hint = ""
    if goal.outcome is not None:
        attainable_hint = hints.attainable_hint(goal, rewrite)
    elif goal.too_large is not None:
        attainable_hint = hints.scale_hint(goal, rewrite)
    time_bound_hint = hints.time_hint(goal, today) if not goal.times else ""
    past = deadline is not None and deadline < today
    deadline_hint = hints.past_deadline_hint(deadline, today) if deadline and past else ""
    notes = " ".join(t.note for t in goal.times if t.note)
    if notes:
        deadline_hint = f"{notes} {deadline_hint}".strip()
    suggested = hints.suggested_deadline(today) if past or not goal.times else None
    found = (specific_hint, measurable_hint, attainable_hint, time_bound_hint, deadline_hint)
    return Analysis(
        specific=not specific_hint,
        measurable=not measurable_hint,
        attainable=goal.outcome is None and goal.too_large is None,
        time_bound=bool(goal.times),
        deadline=deadline,
        hints=tuple(hint for hint in found if hint),
        specific_hint=specific_hint,
        measurable_hint=measurable_hint,
        attainable_hint=attainable_hint,
        time_bound_hint=time_bound_hint,
        deadline_hint=deadline_hint,
        suggested_deadline=suggested,
        rewrite=rewrite,
        rewrite_sure=rewrite is not None,
        time_phrases=tuple(sorted(goal.times, key=lambda t: t.start)),
    )


# Words a rewrite may drop: grammar, fillers, and what the rewrite replaces.
_FUNCTION_WORDS = LEADING_FILLER | frozenset(
    {"the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "it", "them", "me",
     "to", "with", "for", "from", "on", "about", "at", "into", "in", "of", "by", "and", "or",
     "up", "out", "off", "down", "back", "over", "be", "get", "gets", "got", "getting",
     "have", "has", "had", "see", "make", "is", "are", "was", "were", "end", "before",
     "until", "till", "after", "this", "that", "these", "those", "so", "as", "than", "all"}
)  # fmt: skip


# Words of a result others grant, which the step in one's own power replaces.
_OUTCOME_WORDS = GRANTED | frozenset(
    {"publish", "published", "win", "won", "land", "landed", "hired", "secure", "obtain",
     "receive", "earn", "pass", "passed", "acceptance", "approval", "funding", "take",
     "print"}
)  # fmt: skip


_REPLACEABLE = _OUTCOME_WORDS | KNOWN_VERBS | frozenset(
    {"into", "through", "past", "every", "each", "whole", "entire", "all", "match", "matched",
     "take", "ace", "tenure", "promotion", "response", "answer", "sign-off", "letters"}
) | {str(n) for n in range(10000)}  # fmt: skip


def offered_rewrite(
    goal: object, deadline: dt.date | None, today: dt.date, next_meeting: dt.date | None
) -> str | None:
    """The rewrite rule, whole: a rewrite is offered only when

    1. its pattern was filled with whole phrases of the member's (:func:`hints.rewrite_sure`:
       no slot cut mid-phrase, no pattern bent to fit), so its grammar is vouched for;
    2. it has no blank ("…") to fill;
    3. analysed again, it holds on all four parts (specific, measurable, attainable,
       time-bound);
    4. it keeps every content word of the goal except those it replaced: the words that
       asked for the result (the granting verb or participle, "get"/"have", the too-large
       quantity, a vague direction word).

    Otherwise it is None and the member gets hints and no button.
    ``tests/smart/test_rewrites.py`` checks 2-4 over every labelled goal and generated ones.
    """
    from .dimensions import Goal

    assert isinstance(goal, Goal)
    if not hints.rewrite_sure(goal, deadline):
        return None
    return _checked(goal, hints.rewrite(goal, deadline), today, next_meeting)


def _checked(
    goal: object, proposed: str | None, today: dt.date, next_meeting: dt.date | None
) -> str | None:
    """Offer a rewrite only when, analysed again, it holds on all four parts and keeps every
    content word of the goal but those it replaced; otherwise the hints stand alone."""
    if not proposed or "…" in proposed or len(proposed) > MAX_GOAL_CHARS:
        return None
    if not holds_on_all_four(proposed, today, next_meeting):
        return None
    return proposed if kept_words(goal, proposed) else None


def holds_on_all_four(text: str, today: dt.date, next_meeting: dt.date | None) -> bool:
    """The four verdicts :func:`analyze` would give, all true (without building hints)."""
    if not text.strip() or not english_enough(text):
        return False
    goal = read_goal(text, today, next_meeting)
    if goal.outcome is not None or goal.too_large is not None or not goal.times:
        return False
    specific = is_specific(goal) or not hints.specific_hint(goal)
    return specific and (is_measurable(goal) or not hints.measurable_hint(goal))


def kept_words(goal: object, proposed: str) -> bool:
    """Every content word of the goal is in ``proposed``, but those the rewrite replaced
    (the outcome phrase, the too-large quantity, the verb of an outcome)."""
    from .dimensions import Goal

    assert isinstance(goal, Goal)
    replaced: set[str] = set()
    spans = []
    if goal.outcome is not None:
        spans.append((goal.outcome[1].start(), goal.outcome[1].end()))
        if goal.verb_index is not None:
            verb = goal.tokens[goal.verb_index]
            spans.append((verb.start, verb.end))
        replaced.update(w for w in WORD.findall(goal.low) if w in _OUTCOME_WORDS)
    if goal.too_large is not None:
        spans.append(goal.too_large)
    for start, end in spans:
        # Only the words that ask for the result are replaced; its object stays.
        replaced.update(
            w for w in WORD.findall(goal.low, start, end) if w in _REPLACEABLE or w.endswith("ed")
        )
    original = set(WORD.findall(goal.low)) - _FUNCTION_WORDS - replaced
    return original <= set(WORD.findall(proposed.lower()))
