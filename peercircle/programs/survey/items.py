"""The end-of-term survey's constructs and items: written for Peercircle, 5-point scale.

No Django here but `gettext_noop`: the texts are marked for translation and translated where
they are shown (the survey form, its page and the report). The validated instruments that
inspired each construct are cited in docs/outcome-report.md; no item is copied from them.
Item keys are stored with each answer, so a key never changes meaning: add new keys rather
than reword old ones.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

SCALE = [
    (1, gettext_noop("Strongly disagree")),
    (2, gettext_noop("Disagree")),
    (3, gettext_noop("Neither agree nor disagree")),
    (4, gettext_noop("Agree")),
    (5, gettext_noop("Strongly agree")),
]
SCALE_VALUES = frozenset(value for value, _ in SCALE)


@dataclass(frozen=True)
class Item:
    key: str
    text: str


@dataclass(frozen=True)
class Construct:
    key: str
    label: str
    items: tuple[Item, ...]


CONSTRUCTS = (
    Construct(
        "satisfaction",
        gettext_noop("Satisfaction with the group"),
        (
            Item("sat1", gettext_noop("Our group's meetings were a good use of my time.")),
            Item("sat2", gettext_noop("I got the kind of support I hoped for from my group.")),
            Item("sat3", gettext_noop("Overall, I am pleased with how my group worked this term.")),
        ),
    ),
    Construct(
        "belonging",
        gettext_noop("Sense of belonging"),
        (
            Item("bel1", gettext_noop("In my group I felt I could be myself.")),
            Item("bel2", gettext_noop("The others in my group cared how I was getting on.")),
            Item("bel3", gettext_noop("I felt like a real part of my group, not a visitor.")),
        ),
    ),
    Construct(
        "efficacy",
        gettext_noop("Confidence in my own goals"),
        (
            Item("eff1", gettext_noop("I am confident I can reach the goals I set myself.")),
            Item("eff2", gettext_noop("When a goal gets hard, I can find a way to keep going.")),
            Item("eff3", gettext_noop("I know how to break a big goal into steps I can manage.")),
        ),
    ),
    Construct(
        "recommend",
        gettext_noop("Would recommend"),
        (
            Item("rec1", gettext_noop("I would recommend a group like mine to a colleague.")),
            Item("rec2", gettext_noop("I would join a group in this program again.")),
        ),
    ),
)
CONSTRUCT_KEYS = tuple(c.key for c in CONSTRUCTS)
ITEM_KEYS = frozenset(item.key for c in CONSTRUCTS for item in c.items)


def chosen(keys: list[str]) -> list[Construct]:
    """The constructs switched on, in the survey's fixed order; unknown keys are left out."""
    wanted = set(keys)
    return [c for c in CONSTRUCTS if c.key in wanted]


def items_of(keys: list[str]) -> list[Item]:
    return [item for c in chosen(keys) for item in c.items]
