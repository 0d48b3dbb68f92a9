"""The values the formation engine takes and returns. All frozen; none holds behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

StageMode = Literal["same", "any"]

Status = Literal["proved", "best_found", "cut_short"]
"""How far a placement is known to be the best: ``proved`` the most possible; the
``best_found`` by a search that ended without a proof; or ``cut_short`` by the time limit."""

Progress = Callable[[float, str], None]
"""Called with the fraction of work done (0 to 1) and a short description of it."""


def name_key(name: str) -> str:
    """A name as compared: case and runs of spaces do not count ("Lab X" is "lab  x")."""
    return " ".join(name.split()).casefold()


class InfeasibleSettings(ValueError):
    """The settings admit no grouping at all (say, a minimum size above the maximum)."""


@dataclass(frozen=True)
class Person:
    """One sign-up, as the solver sees it.

    ``avoid`` holds the ids of people this person asked not to sit with; the relation is
    made symmetric by the solver. An empty ``lab`` constrains nothing; labs are compared
    by :func:`name_key`, so "Lab-X" and "lab-x" are one lab.
    """

    id: str
    department: str
    lab: str
    stage: str
    availability: frozenset[str]
    avoid: frozenset[str] = frozenset()
    lab_key: str = field(init=False, repr=False, compare=False)
    """The lab as compared (its :func:`name_key`), worked out once: every stage of the
    engine compares labs, millions of times on large inputs."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lab_key", name_key(self.lab))


@dataclass(frozen=True)
class Settings:
    """What the coordinator chose: group sizes and whether stages may mix."""

    min_size: int = 5
    max_size: int = 8
    target_size: int = 6
    stage: StageMode = "same"


@dataclass(frozen=True)
class Group:
    """One group: its number (from 1), the slot it meets at, and its members' ids."""

    number: int
    slot: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Unplaced:
    """Someone left out, why, and the nearest change that would let them in."""

    person: str
    reason: str
    fix: str | None = None


@dataclass(frozen=True)
class Score:
    """The objective's three parts; see :func:`peercircle.formation.score`."""

    placed: int
    department: int
    size: int

    def key(self) -> tuple[int, int, int]:
        """Sort key, smaller is better: most placed, then department term, then size term."""
        return (-self.placed, self.department, self.size)


@dataclass(frozen=True)
class Bounds:
    """Limits no grouping can beat, reported next to the score.

    ``placed`` is an upper bound on how many people can be placed; ``department`` is the
    lower bound sum over departments of max(0, n_d - G) for the G groups formed.
    ``placed_proved`` says the search finished and the placement count is optimal.
    """

    placed: int
    department: int
    placed_proved: bool


@dataclass(frozen=True)
class Formation:
    """The result of :func:`peercircle.formation.form_groups`."""

    groups: tuple[Group, ...]
    unplaced: tuple[Unplaced, ...]
    score: Score
    bounds: Bounds
    complete: bool
    """True only when the placement is proved the most possible and every step ran to its
    end; the groups are valid either way."""
    status: Status = "proved"
    """See :data:`Status`; ``bounds.placed`` is the most that could be possible."""


@dataclass(frozen=True)
class MoveCheck:
    """What moving one person would do: constraints it breaks and the score after it."""

    broken: tuple[str, ...]
    before: Score
    after: Score

    @property
    def allowed(self) -> bool:
        return not self.broken
