"""SMART guidance for the goal form: the analyzer's answer arranged for the page.

Only `analyze(text, today, next_meeting)` and its result's fields are used, so the analyzer
can change inside. Guidance never blocks saving a goal.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.goals.models import GOAL_MAX_CHARS, LongTermGoal
from peercircle.smart import Analysis, analyze

# The analyzer's own input limit is larger; the form's is the one members meet.

DIMENSIONS = (
    ("specific", _("Specific"), _("names a concrete action and what it acts on")),
    ("measurable", _("Measurable"), _("you can check whether it was done")),
    ("attainable", _("Attainable"), _("within your own power")),
    ("time_bound", _("Time-bound"), _("has a deadline or a bounded period")),
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
    next_meeting: date | None = None  # the group's next meeting, which "by the next meeting" means
    # The deadline came from "by the next meeting", not from a date that happens to match it.
    due_at_next_meeting: bool = False
    # Set instead of any verdict when the goal is not written in English (the analyzer
    # reads English only): "SMART guidance is available for goals written in English."
    language_note: str = ""

    @property
    def all_hold(self) -> bool:
        return bool(self.dimensions) and all(d.holds for d in self.dimensions)

    @property
    def missing(self) -> str:
        return ", ".join(d.label for d in self.dimensions if not d.holds)


def guide(
    text: str, *, today: date, long_term: LongTermGoal | None, next_meeting: date | None = None
) -> Guidance:
    text = text[:GOAL_MAX_CHARS]
    analysis = analyze(text, today, next_meeting)
    if not analysis.english:
        return Guidance(
            dimensions=(),
            long_term=long_term,
            deadline=None,
            rewrite="",
            extra_hints=(),
            empty=False,
            next_meeting=next_meeting,
            language_note=gettext("SMART guidance is available for goals written in English."),
        )
    dimensions = tuple(
        Dimension(key, str(label), str(meaning), bool(check.ok), check.hint)
        for (key, label, meaning), check in zip(
            DIMENSIONS, (analysis.check(dimension[0]) for dimension in DIMENSIONS), strict=True
        )
    )
    return Guidance(
        dimensions=dimensions,
        long_term=long_term,
        deadline=analysis.deadline,
        rewrite=_rewrite(analysis),
        extra_hints=(analysis.deadline_hint,) if analysis.deadline_hint else (),
        empty=not text.strip(),
        next_meeting=next_meeting,
        due_at_next_meeting=analysis.deadline is not None
        and any(p.next_meeting and p.date == analysis.deadline for p in analysis.time_phrases),
    )


def _rewrite(analysis: Analysis) -> str:
    # The analyzer proposes an in-my-power wording only for goals that are not attainable;
    # one it cannot vouch for is never offered as a one-tap replacement (its hint remains).
    if not analysis.rewrite_sure:
        return ""
    return (analysis.rewrite or "").strip()
