"""The end-of-term survey's constructs and items: written for Peercircle, 5-point scale.

Pure Python. The validated instruments that inspired each construct are cited in
docs/outcome-report.md; no item is copied from them. Item keys are stored with each answer,
so a key never changes meaning: add new keys rather than reword old ones.
"""

from dataclasses import dataclass

SCALE = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
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
        "Satisfaction with the group",
        (
            Item("sat1", "Our group's meetings were a good use of my time."),
            Item("sat2", "I got the kind of support I hoped for from my group."),
            Item("sat3", "Overall, I am pleased with how my group worked this term."),
        ),
    ),
    Construct(
        "belonging",
        "Sense of belonging",
        (
            Item("bel1", "In my group I felt I could be myself."),
            Item("bel2", "The others in my group cared how I was getting on."),
            Item("bel3", "I felt like a real part of my group, not a visitor."),
        ),
    ),
    Construct(
        "efficacy",
        "Confidence in my own goals",
        (
            Item("eff1", "I am confident I can reach the goals I set myself."),
            Item("eff2", "When a goal gets hard, I can find a way to keep going."),
            Item("eff3", "I know how to break a big goal into steps I can manage."),
        ),
    ),
    Construct(
        "recommend",
        "Would recommend",
        (
            Item("rec1", "I would recommend a group like mine to a colleague."),
            Item("rec2", "I would join a group in this program again."),
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
