"""The objective and the hard constraints, evaluated on any grouping."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from peercircle.formation.model import Group, Person, Score, Settings
from peercircle.formation.sharing import avoid_pair, lab_of, may_share, pool_of


def score(groups: Iterable[Group], people: Mapping[str, Person], settings: Settings) -> Score:
    """Score a grouping by the engine's lexicographic objective.

    Parameters
    ----------
    groups : iterable of Group
        The grouping to score. Hard constraints are not checked here; see
        :func:`violations`.
    people : mapping of id to Person
        Everyone the groups' member ids refer to.
    settings : Settings
        Supplies the target size.

    Returns
    -------
    Score
        ``placed``: how many people sit in a group (to maximise).
        ``department``: the sum over groups and departments of max(0, members of that
        department in the group - 1) (to minimise).
        ``size``: the sum over groups of |size - target| (to minimise).
        Compare scores with :meth:`Score.key`: placed first, then department, then size.

    Notes
    -----
    O(total members).

    Examples
    --------
    >>> people = {
    ...     "a": Person("a", "bio", "", "phd", frozenset({"mon"})),
    ...     "b": Person("b", "bio", "", "phd", frozenset({"mon"})),
    ... }
    >>> score([Group(1, "mon", ("a", "b"))], people, Settings(min_size=2, target_size=3))
    Score(placed=2, department=1, size=1)
    """
    placed = department = size = 0
    for group in groups:
        placed += len(group.members)
        departments = {people[member].department for member in group.members}
        department += len(group.members) - len(departments)
        size += abs(len(group.members) - settings.target_size)
    return Score(placed=placed, department=department, size=size)


def violations(
    groups: Sequence[Group], people: Mapping[str, Person], settings: Settings
) -> list[str]:
    """List every hard constraint the grouping breaks, in words; empty when it is valid.

    Parameters
    ----------
    groups : sequence of Group
    people : mapping of id to Person
    settings : Settings

    Returns
    -------
    list of str
        One sentence per broken constraint: size outside [min, max], a member who cannot
        make the group's slot, two members from one lab, an avoid pair (either direction)
        together, mixed stages when the stage mode is ``same``, or a person in two groups.

    Notes
    -----
    O(sum of squared group sizes).
    """
    problems: list[str] = []
    seen: set[str] = set()
    for group in groups:
        members = [people[member] for member in group.members]
        problems += group_violations(group, members, settings)
        for member in group.members:
            if member in seen:
                problems.append(f"{member} is in more than one group")
            seen.add(member)
    return problems


def group_violations(group: Group, members: Sequence[Person], settings: Settings) -> list[str]:
    """The hard constraints one group breaks; see :func:`violations`."""
    problems: list[str] = []
    name = f"group {group.number}"
    if not settings.min_size <= len(members) <= settings.max_size:
        problems.append(
            f"{name} has {len(members)} members, outside {settings.min_size}-{settings.max_size}"
        )
    for person in members:
        if group.slot not in person.availability:
            problems.append(f"{person.id} cannot make {name}'s slot {group.slot}")
    if len({pool_of(person, settings) for person in members}) > 1:
        problems.append(f"{name} mixes career stages")
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            problems += _pair_violations(name, first, second)
    return problems


def _pair_violations(name: str, first: Person, second: Person) -> list[str]:
    if may_share(first, second):
        return []
    problems = []
    if lab_of(first) == lab_of(second):
        problems.append(f"{first.id} and {second.id} in {name} share lab {first.lab}")
    if avoid_pair(first, second):
        problems.append(f"{first.id} and {second.id} in {name} asked to avoid each other")
    return problems


def common_slots(members: Iterable[Person]) -> frozenset[str]:
    """The slots every one of ``members`` can make."""
    slots: frozenset[str] | None = None
    for person in members:
        slots = person.availability if slots is None else slots & person.availability
    return slots or frozenset()
