"""SMART guidance for the goal form: the analyzer's answer arranged for the page.

Only `analyze(text, today)` and its result's fields are used, so the analyzer can change
inside. Guidance never blocks saving a goal.
"""

import re
from dataclasses import dataclass
from datetime import date

from peercircle.goals.models import GOAL_MAX_CHARS, LongTermGoal
from peercircle.smart import Analysis, analyze

# The analyzer's own input limit is larger; the form's is the one members meet.
_QUOTED_EXAMPLE = re.compile(r'e\.g\. "([^"]+)"\.?\s*$')
# Field names a newer analyzer may use for the in-my-power rewrite, newest first.
_REWRITE_FIELDS = ("rewrite", "attainable_rewrite", "suggestion")

DIMENSIONS = (
    ("specific", "Specific", "names a concrete action and what it acts on"),
    ("measurable", "Measurable", "you can check whether it was done"),
    ("attainable", "Attainable", "within your own power"),
    ("time_bound", "Time-bound", "has a deadline or a bounded period"),
)


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    meaning: str
    holds: bool
    hint: str


@dataclass(frozen=True)
class Guidance:
    dimensions: tuple[Dimension, ...]
    long_term: LongTermGoal | None  # Relevant: the long-term goal it serves, if linked
    deadline: date | None
    rewrite: str  # the in-my-power wording the analyzer proposes, or ""
    extra_hints: tuple[str, ...]  # e.g. a deadline already past
    empty: bool

    @property
    def all_hold(self) -> bool:
        return all(d.holds for d in self.dimensions)

    @property
    def missing(self) -> str:
        return ", ".join(d.label for d in self.dimensions if not d.holds)


def guide(text: str, *, today: date, long_term: LongTermGoal | None) -> Guidance:
    text = text[:GOAL_MAX_CHARS]
    analysis = analyze(text, today)
    hints = list(analysis.hints)
    dimensions = []
    for key, label, meaning in DIMENSIONS:
        holds = bool(getattr(analysis, key))
        # The analyzer gives one hint per missing dimension, in this order.
        hint = "" if holds or not hints else hints.pop(0)
        dimensions.append(Dimension(key, label, meaning, holds, hint))
    return Guidance(
        dimensions=tuple(dimensions),
        long_term=long_term,
        deadline=analysis.deadline,
        rewrite=_rewrite(analysis, dimensions[2]),
        extra_hints=tuple(hints),
        empty=not text.strip(),
    )


def _rewrite(analysis: Analysis, attainable: Dimension) -> str:
    if attainable.holds:
        return ""
    for name in _REWRITE_FIELDS:
        value = getattr(analysis, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    # Today's analyzer puts the rewrite at the end of the attainable hint, quoted.
    found = _QUOTED_EXAMPLE.search(attainable.hint)
    return found.group(1) if found else ""
