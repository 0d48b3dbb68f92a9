"""Deal the people of one slot into groups: labs apart, departments spread, sizes even."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence

from peercircle.formation.model import Person, Settings


def group_count(members: Sequence[Person], settings: Settings) -> int:
    """How many groups to deal ``members`` into; 0 if no count works.

    Among the counts whose sizes fit [min, max] and that keep every lab apart, picks the
    one with the smallest department term, then sizes nearest the target (sizes within a
    slot differ by at most one, which is best for a fixed count).
    """
    n = len(members)
    biggest_lab = max(Counter(p.lab for p in members if p.lab).values(), default=0)
    departments = Counter(p.department for p in members).values()
    low = max(-(-n // settings.max_size), biggest_lab, 1)
    high = n // settings.min_size
    best: tuple[int, int, int] | None = None
    for k in range(low, high + 1):
        spread = sum(max(0, count - k) for count in departments)
        size, extra = divmod(n, k)
        off = (k - extra) * abs(size - settings.target_size)
        off += extra * abs(size + 1 - settings.target_size)
        if best is None or (spread, off) < best[:2]:
            best = (spread, off, k)
    return best[2] if best else 0


def deal(
    members: Sequence[Person],
    k: int,
    avoid: Mapping[str, frozenset[str]],
    lab_department: Mapping[str, str],
    rng: random.Random,
) -> tuple[list[list[Person]], list[Person]]:
    """Deal ``members`` round-robin into ``k`` groups, then separate avoid pairs.

    Sorting by department and lab before dealing puts each department's members into as
    many different groups as possible and each lab's (at most ``k``) into different ones.
    Returns the groups and anyone who had to be left out to keep an avoid pair apart.
    """
    shuffled = list(members)
    rng.shuffle(shuffled)

    def key(person: Person) -> tuple[str, str]:
        home = lab_department.get(person.lab, person.department) if person.lab else ""
        return (home or person.department, person.lab)

    ordered = sorted(shuffled, key=key)
    groups: list[list[Person]] = [ordered[i::k] for i in range(k)]
    left = _separate(groups, avoid)
    return groups, left


def _separate(groups: list[list[Person]], avoid: Mapping[str, frozenset[str]]) -> list[Person]:
    """Swap or move one of each avoid pair sharing a group; drop them as a last resort."""
    left: list[Person] = []
    for index, group in enumerate(groups):
        for person in list(group):
            if person not in group or not _clashes(person, group, avoid):
                continue
            if _swap_out(person, index, groups, avoid):
                continue
            group.remove(person)
            left.append(person)
    return left


def _swap_out(
    person: Person, index: int, groups: list[list[Person]], avoid: Mapping[str, frozenset[str]]
) -> bool:
    """Exchange ``person`` with someone of the same department in another group, if allowed."""
    home = groups[index]
    candidates = [
        (other.department != person.department, j, other)
        for j, group in enumerate(groups)
        if j != index
        for other in group
    ]
    for _, j, other in sorted(candidates, key=lambda c: (c[0], c[1], c[2].id)):
        rest_home = [p for p in home if p is not person]
        rest_there = [p for p in groups[j] if p is not other]
        if _fits(other, rest_home, avoid) and _fits(person, rest_there, avoid):
            home[home.index(person)] = other
            groups[j][groups[j].index(other)] = person
            return True
    return False


def _fits(person: Person, group: Sequence[Person], avoid: Mapping[str, frozenset[str]]) -> bool:
    if person.lab and any(other.lab == person.lab for other in group):
        return False
    return not _clashes(person, group, avoid)


def _clashes(person: Person, group: Sequence[Person], avoid: Mapping[str, frozenset[str]]) -> bool:
    mine = avoid.get(person.id, frozenset())
    return any(other.id in mine for other in group if other is not person)
