"""The public entry point: :func:`analyze` and its result, :class:`Analysis`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .dimensions import is_measurable, is_specific, read_goal
from .hints import attainable_hint, measurable_hint, specific_hint, time_hint

MAX_GOAL_CHARS = 2000


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
    goal = read_goal(text, today)
    specific = is_specific(goal)
    measurable = is_measurable(goal)
    attainable = goal.outcome is None
    time_bound = bool(goal.times)
    deadline = max((t.date for t in goal.times if t.date), default=None)
    hints = []
    if not specific:
        hints.append(specific_hint(goal))
    if not measurable:
        hints.append(measurable_hint(goal))
    if not attainable:
        hints.append(attainable_hint(goal, deadline))
    if not time_bound:
        hints.append(time_hint(goal, today))
    if deadline and deadline < today:
        hints.append(f"The deadline {deadline.isoformat()} is already past: pick a later date.")
    return Analysis(specific, measurable, attainable, time_bound, deadline, tuple(hints))
