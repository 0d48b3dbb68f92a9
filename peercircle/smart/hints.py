"""Hints: one short, grammatical suggestion per missing dimension, and a rewrite.

Each hint quotes the words that failed the check and proposes what to write instead,
taken from the goal itself where it can be ("work on chapter 3" -> "draft one named
section of chapter 3"), else a generic example. :func:`rewrite` turns a goal that hangs on
others into the step in the member's own power ("get my paper accepted in Nature by May"
-> "Submit my paper to Nature by May"). Suggested dates suit a monthly goal: the end of
this month, or of next month when this one has less than two weeks left.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .deadlines import TimePhrase
from .dimensions import (
    ADVERBIAL_REWRITE,
    CAUSATIVES,
    Goal,
    is_habit,
    is_state,
    names_a_quantity,
    vague_quantity,
)
from .vocabulary import CLAUSE_END, PREPOSITIONS, VAGUE_TIME

MIN_DAYS_LEFT_IN_MONTH = 14


def suggested_deadline(today: dt.date) -> dt.date:
    """A deadline that suits a monthly goal: this month's end, or next month's when near."""
    month_end = today + relativedelta(day=31)
    if (month_end - today).days >= MIN_DAYS_LEFT_IN_MONTH:
        return month_end
    return today + relativedelta(months=1, day=31)


def _spoken(date: dt.date) -> str:
    return f"{date:%B} {date.day}"


def _snippet(goal: Goal, start: int, end: int) -> str:
    return " ".join(goal.text[start:end].split()).strip(" ,.;:!?")


def _stop(goal: Goal, position: int) -> int:
    """Where the words after ``position`` end: a time expression or the end of the clause."""
    stop = min([t.start for t in goal.times if t.start >= position] + [len(goal.low)])
    clause = CLAUSE_END.search(goal.low, position, stop)
    return clause.start() if clause else stop


def _rest_after(goal: Goal, position: int, limit: int = 6) -> str:
    """The words after a phrase, up to a time expression or the end of the clause."""
    words = goal.text[position : _stop(goal, position)].split()[:limit]
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()  # "… in Nature by" (the end of Q1)
    return " ".join(words).strip(" ,.;:!?\"'")


_TRAILING_WORDS = PREPOSITIONS | {"by", "before", "until", "the", "end", "and", "or", "a", "my"}
_GENERIC_EXAMPLE = '"write the methods section of chapter 2 by Friday"'


def specific_hint(goal: Goal) -> str:
    found = goal.direction or goal.hedge
    if found is None and is_state(goal):
        state = " ".join(t.word for t in goal.tokens[goal.verb_index or 0 :][:3])
        return (
            f'"{state}" is a state, not an action: name one thing you will do that shows it, '
            "and how often."
        )
    if found is None:
        return f"Name a concrete action and what it acts on, e.g. {_GENERIC_EXAMPLE}."
    phrase, m = found
    said = _snippet(goal, m.start(), m.end())
    rest = _rest_after(goal, m.end())
    if phrase is ADVERBIAL_REWRITE:
        start = goal.tokens[goal.verb_index or 0].start
        span = _snippet(goal, start, max(m.end(), _stop(goal, m.end())))
        return (
            f'"{span}" is a direction: say what you will do and how much or how often, '
            "with a number."
        )
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
    """ "read more papers" -> "read 3 papers"; otherwise a generic nudge.

    A number replaces the vague word only before a noun it can count, so "make my lectures
    more engaging" never becomes "make my lectures 3 engaging".
    """
    m = vague_quantity(goal)
    if m is None or goal.direction or goal.verb_index is None or is_state(goal):
        return _GENERIC_MEASURE
    said = _snippet(goal, m.start(), m.end())
    verb_start = goal.tokens[goal.verb_index].start
    rest = _rest_after(goal, m.end(), limit=5)
    counted_noun = rest.split()[0].lower() if rest else ""
    if verb_start > m.start() or not counted_noun.endswith("s"):
        return f'"{said}" is not a measure: {_GENERIC_MEASURE[0].lower()}{_GENERIC_MEASURE[1:]}'
    if not names_a_quantity(counted_noun):
        return f'"{said}" is not a measure: {_GENERIC_MEASURE[0].lower()}{_GENERIC_MEASURE[1:]}'
    counted = f"{goal.text[verb_start : m.start()]}3 {rest}"
    return f'"{said}" is not a measure: put a number on it, e.g. "{" ".join(counted.split())}".'


# --- attainable: the rewrite ------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_LEADING_VERB = re.compile(
    r"(?:get|gets|getting|got|land|win|secure|receive|earn|obtain|reach|gain|have|make|let"
    r"|convince|persuade|pass|ace|be)\w*\s+",
    re.IGNORECASE,
)
_TRAILING_PREPOSITION = re.compile(r"\s+(?:into|in|to|from|at|on|for|by|with|of)$", re.I)
_PLACE_PREPOSITION = re.compile(r"(?:in|at|to|into|by|for|with|from|of)\s+", re.IGNORECASE)
_WORDS = re.compile(r"\S+")


def _fill(template: str, slots: dict[str, str]) -> str:
    """Fill {slots}; drop a [section] whose slots are empty; tidy the spaces."""

    def section(m: re.Match[str]) -> str:
        names = _SLOT.findall(m[1])
        return m[1] if all(slots.get(name) for name in names) else ""

    text = _OPTIONAL.sub(section, template)
    text = _SLOT.sub(lambda m: slots.get(m[1], "") or "…", text)
    return " ".join(text.replace(" ,", ",").split())


def _time_text(goal: Goal, deadline: dt.date | None) -> str:
    """The goal's own words for its deadline ("by the end of Q1"), else "by …"."""
    chosen: TimePhrase | None = None
    for phrase in goal.times:
        if (deadline and phrase.date == deadline) or (chosen is None and phrase.date is None):
            chosen = phrase
    return " ".join(chosen.text.split()) if chosen else "by …"


def _thing_and_after(goal: Goal, m: re.Match[str], default: str) -> tuple[str, int]:
    """What the outcome is about, and where the words after it start."""
    verb = goal.tokens[goal.verb_index] if goal.verb_index is not None else None
    if verb and verb.word in CAUSATIVES and verb.end < m.start():
        between = _snippet(goal, verb.end, m.start())  # "get [my paper] accepted"
        if between:
            return between, m.end()
    inside = _LEADING_VERB.sub("", _snippet(goal, m.start(), m.end()), count=1)
    inside = _TRAILING_PREPOSITION.sub("", inside)
    if inside and inside.lower() != _snippet(goal, m.start(), m.end()).lower():
        return inside, m.end()  # "win [the ERC grant]", "get [my paper] into"
    after = goal.text[m.end() : _stop(goal, m.end())]
    place = re.search(r"\s(?:in|at|to|into|by|for|with|from|of|on)\s", f" {after} ", re.I)
    words = after[: place.start() if place else len(after)].strip(" ,.;:!?")
    if words and not inside.lower().startswith(("get", "have")):
        return words, m.end() + after.index(words) + len(words)  # "publish [two papers]"
    return default, m.end()


def _where(goal: Goal, m: re.Match[str], after: int) -> str:
    """ "Nature" in "accepted in Nature", "my PI" in "reviewed by my PI"."""
    tail = goal.text[after : _stop(goal, after)].lstrip(" ,")
    place = _PLACE_PREPOSITION.match(tail)
    if place:
        return _trimmed(tail[place.end() :])
    inside = re.search(r"\sby\s(.+)$", goal.text[m.start() : m.end()], re.IGNORECASE)
    return _trimmed(inside[1]) if inside else ""


def _trimmed(words: str, limit: int = 5) -> str:
    kept = words.split()[:limit]
    while kept and kept[-1].lower() in _TRAILING_WORDS:
        kept.pop()
    return " ".join(kept).strip(" ,.;:!?\"'")


def _action(goal: Goal, m: re.Match[str], thing: str) -> tuple[str, str]:
    """For "get Marco to finish X": ("Marco", "finish X")."""
    tail = goal.text[m.end() : _stop(goal, m.end())]
    to = re.search(r"(?:^|\s)to\s", tail, re.IGNORECASE)
    if to is None:
        return thing, _trimmed(tail, limit=8)  # "have my advisor [review my chapter]"
    before = _snippet(goal, m.end(), m.end() + to.start())
    who = " ".join(part for part in (thing if thing != "it" else "", before) if part)
    return who, _trimmed(tail[to.end() :], limit=8)


def rewrite(goal: Goal, deadline: dt.date | None) -> str | None:
    """The goal rewritten as the step in the member's power, or None when it is attainable."""
    if goal.outcome is None:
        return None
    phrase, m = goal.outcome
    thing, after = _thing_and_after(goal, m, phrase.thing)
    slots = {"thing": thing, "where": _where(goal, m, after), "by": _time_text(goal, deadline)}
    if "{action}" in phrase.rewrite:
        slots["thing"], slots["action"] = _action(goal, m, "" if thing == phrase.thing else thing)
        slots["thing"] = slots["thing"] or phrase.thing
    text = _fill(phrase.rewrite, slots)
    return text[:1].upper() + text[1:]


def attainable_hint(goal: Goal, proposed: str | None) -> str:
    if goal.outcome is None or proposed is None:  # not reached: called only for outcomes
        return "Set the step that is in your own power."
    _, m = goal.outcome
    said = (_snippet(goal, m.start(), m.end()) + " " + _rest_after(goal, m.end(), 4)).strip()
    return (
        f'"{said}" depends on others or on luck: set the step in your own power, e.g. "{proposed}".'
    )


def time_hint(goal: Goal, today: dt.date) -> str:
    date = suggested_deadline(today)
    example = f'"by {_spoken(date)}" ({date.isoformat()})'
    if is_habit(goal):
        return (
            "A habit with no end is not time-bound: give it a period, e.g. "
            f'"… until {_spoken(date)}" ({date.isoformat()}).'
        )
    vague = VAGUE_TIME.search(goal.low)
    if vague:
        said = _snippet(goal, vague.start(), vague.end())
        return f'"{said}" is not a date: add a deadline, e.g. {example}.'
    return f"Add a deadline, e.g. {example}."


def past_deadline_hint(deadline: dt.date, today: dt.date) -> str:
    date = suggested_deadline(today)
    return (
        f"The deadline {deadline.isoformat()} is already past: pick a later date, e.g. "
        f'"by {_spoken(date)}" ({date.isoformat()}).'
    )
