"""Hints: one short, grammatical suggestion per missing dimension, and a rewrite.

Each hint quotes the words that failed the check and proposes what to write instead,
taken from the goal itself where it can be ("work on chapter 3" -> "draft one named
section of chapter 3"), else a generic example.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import FR, relativedelta

from .dimensions import (
    ADVERBIAL_REWRITE,
    Goal,
    is_habit,
    is_state,
    main_verb_word,
    vague_quantity,
)
from .vocabulary import (
    CLAUSE_END,
    PREPOSITIONS,
    VAGUE_TIME,
)


def _snippet(goal: Goal, start: int, end: int) -> str:
    return " ".join(goal.text[start:end].split()).strip(" ,.;:!?")


def _rest_after(goal: Goal, position: int, limit: int = 6) -> str:
    """The words after a phrase, up to a time expression or the end of the clause."""
    stop = min([t.start for t in goal.times if t.start >= position] + [len(goal.low)])
    clause = CLAUSE_END.search(goal.low, position, stop)
    words = goal.text[position : clause.start() if clause else stop].split()[:limit]
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()  # "… in Nature by" (the end of Q1)
    return " ".join(words).strip(" ,.;:!?\"'")


def _by(deadline: dt.date | None) -> str:
    return f"by {deadline.isoformat()}" if deadline else "by …"


_TRAILING_WORDS = PREPOSITIONS | {"by", "before", "until", "the", "end", "and", "or", "a", "my"}
_GENERIC_EXAMPLE = '"write the methods section of chapter 2 by Friday"'


def specific_hint(goal: Goal) -> str:
    found = goal.direction or goal.hedge
    if found is None and is_state(goal):
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
    if phrase is ADVERBIAL_REWRITE:
        verb = main_verb_word(goal)
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


def measurable_hint(goal: Goal) -> str:
    """ "read more papers" -> "read 3 papers"; otherwise a generic nudge."""
    m = vague_quantity(goal)
    if m is None or goal.direction or goal.verb_index is None or is_state(goal):
        return _GENERIC_MEASURE
    said = _snippet(goal, m.start(), m.end())
    verb_start = goal.tokens[goal.verb_index].start
    if verb_start > m.start():
        return _GENERIC_MEASURE
    counted = f"{goal.text[verb_start : m.start()]}3 {_rest_after(goal, m.end(), limit=5)}"
    return f'"{said}" is not a measure: put a number on it, e.g. "{" ".join(counted.split())}".'


def attainable_hint(goal: Goal, deadline: dt.date | None) -> str:
    if goal.outcome is None:  # not reached: called only when an outcome was found
        return "Set the step that is in your own power."
    phrase, m = goal.outcome
    said = _snippet(goal, m.start(), m.end()) + " " + _rest_after(goal, m.end(), limit=4)
    rewrite = phrase.rewrite.replace("by …", _by(deadline))
    return (
        f'"{said.strip()}" depends on others or on luck: set the step in your power, '
        f'e.g. "{rewrite}".'
    )


def time_hint(goal: Goal, today: dt.date) -> str:
    friday = today + relativedelta(days=1, weekday=FR)
    month_end = today + relativedelta(day=31)
    if is_habit(goal):
        return (
            'A habit with no end is not time-bound: give it a period, e.g. "… for the next two '
            f'weeks" or "… until {month_end.isoformat()}".'
        )
    vague = VAGUE_TIME.search(goal.low)
    if vague:
        said = _snippet(goal, vague.start(), vague.end())
        return f'"{said}" is not a date: add a deadline, e.g. "by Friday ({friday.isoformat()})".'
    return (
        f'Add a deadline, e.g. "by Friday ({friday.isoformat()})" or "by the end of the month '
        f'({month_end.isoformat()})".'
    )
