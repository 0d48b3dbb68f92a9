"""Who may share a group: the rules every stage of the engine applies to a pair of people.

Two people may sit in one group unless they come from one lab or either asked to avoid the
other (:func:`may_share`). Labs are compared by :func:`lab_of`, so "Lab X" and "lab  x" are
one lab. Two further hard rules are about the whole group, not a pair: everyone must make
the group's slot, and in ``same`` stage mode everyone shares the group's pool
(:func:`pool_of`). Departments are no rule at all, only a term of the score.

Stages that look at many people at once index them by :func:`lab_of` and the avoid lists to
find the few pairs that clash, by the same rule as :func:`may_share` (see :func:`clashes`). Two
stages count instead: companions per slot in ``components`` and ``explain`` are those at the
slot less their lab-mates (by the same lab key) and avoid pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from peercircle.formation.model import Person, Settings


def lab_of(person: Person) -> str:
    """A person's lab as compared: its :func:`name_key`, or for someone without a lab (blank
    or spaces only) a key of their own that nobody else has."""
    return person.lab_key or "\0" + person.id


def may_share(a: Person, b: Person) -> bool:
    """Whether ``a`` and ``b`` may sit in one group, as far as the two of them go.

    Parameters
    ----------
    a, b : Person

    Returns
    -------
    bool
        False if they come from one lab (compared by :func:`lab_of`) or either lists the
        other in ``avoid``; True otherwise. Nobody may share a group with themself.

    Notes
    -----
    O(length of the lab names). Slot and career stage are rules about a group, checked
    where groups are built; see the module docstring.

    Examples
    --------
    >>> a = Person("a", "bio", "Lab X", "phd", frozenset({"mon"}))
    >>> b = Person("b", "chem", " lab  x", "phd", frozenset({"mon"}))
    >>> may_share(a, b)
    False
    >>> may_share(a, Person("c", "bio", "Lab Y", "phd", frozenset({"mon"})))
    True
    """
    return lab_of(a) != lab_of(b) and not avoid_pair(a, b)


def avoid_pair(a: Person, b: Person) -> bool:
    """Whether either of ``a`` and ``b`` asked to avoid the other."""
    return b.id in a.avoid or a.id in b.avoid


def pool_of(person: Person, settings: Settings) -> str:
    """The pool a person's group is drawn from: their stage in ``same`` mode, else everyone."""
    return person.stage if settings.stage == "same" else ""


def fits(person: Person, slot: str, members: Sequence[Person]) -> bool:
    """Whether ``person`` can join ``members`` meeting at ``slot`` (size and pool aside)."""
    return slot in person.availability and all(may_share(person, other) for other in members)


def symmetric_avoid(people: Iterable[Person]) -> dict[str, frozenset[str]]:
    """Who must not sit with whom, both ways, among ``people`` only."""
    everyone = list(people)
    ids = {person.id for person in everyone}
    pairs: dict[str, set[str]] = defaultdict(set)
    for person in everyone:
        for other in person.avoid:
            if other not in ids or other == person.id:
                continue
            pairs[person.id].add(other)
            pairs[other].add(person.id)
    # Most people avoid nobody: they share one empty set.
    found = dict.fromkeys((person.id for person in everyone), frozenset[str]())
    found.update((pid, frozenset(others)) for pid, others in pairs.items())
    return found


def clashes(people: Sequence[Person]) -> dict[str, set[str]]:
    """Per person, the others among ``people`` they may not share a group with.

    Notes
    -----
    Only lab-mates and avoid pairs can clash, and they always do (:func:`may_share`), so
    they are read from an index of labs and the avoid lists: O(P + sum of squared lab sizes
    + avoid entries) for P people.
    """
    by_lab: dict[str, list[str]] = defaultdict(list)
    for person in people:
        by_lab[lab_of(person)].append(person.id)
    avoid = symmetric_avoid(people)
    found: dict[str, set[str]] = {}
    for person in people:
        mates = by_lab[lab_of(person)]
        found[person.id] = {other for other in mates if other != person.id} | avoid[person.id]
    return found
