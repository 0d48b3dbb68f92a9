"""Spread departments again after a search that placed people without regard to them.

The avoid-pair search and the exact model decide who is placed and in which group, but not
how departments mix: their groups can repeat a department that the dealt groups kept apart.
:func:`respread` swaps two members of groups at one slot while that lowers the department
term (see :func:`peercircle.formation.score.score`), keeping every hard rule: the two stay
at the same slot and in the same pool, and a swap is made only when neither clashes with
their new group-mates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from peercircle.formation.model import Person
from peercircle.formation.sharing import clashes

Grouping = list[tuple[str, list[Person]]]


def respread(groups: Sequence[tuple[str, Sequence[Person]]], *, budget: int = 200_000) -> Grouping:
    """The same people in the same groups' slots, with departments spread by swaps.

    Parameters
    ----------
    groups : sequence of (slot, members)
    budget : int
        At most this many candidate swaps are weighed (counted, so the result does not
        depend on the machine).

    Returns
    -------
    list of (slot, members)
        Groups in the same order, each at its slot, with the same sizes; the department
        term is never higher.

    Notes
    -----
    First-improvement local search over swaps between two groups of one slot; each pass is
    O(sum over slots of (people at the slot)^2).
    """
    result: Grouping = [(slot, list(members)) for slot, members in groups]
    clashing = clashes([person for _, members in result for person in members])
    at_slot: dict[str, list[int]] = defaultdict(list)
    for index, (slot, _) in enumerate(result):
        at_slot[slot].append(index)
    counts = [Counter(p.department for p in members) for _, members in result]
    improved = True
    while improved and budget > 0:
        improved = False
        for indices in at_slot.values():
            for i in indices:
                for j in indices:
                    if i == j or budget <= 0:
                        continue
                    budget -= len(result[i][1]) * len(result[j][1])
                    if _swap_one(result, counts, clashing, i, j):
                        improved = True
    return [(slot, sorted(members, key=lambda person: person.id)) for slot, members in result]


def _swap_one(
    groups: Grouping,
    counts: list[Counter[str]],
    clashing: dict[str, set[str]],
    i: int,
    j: int,
) -> bool:
    """Make the first swap between groups ``i`` and ``j`` that lowers the department term."""
    first, second = groups[i][1], groups[j][1]
    here, there = counts[i], counts[j]
    for a in first:
        if here[a.department] < 2:
            continue  # moving a away from group i gains nothing there
        for b in second:
            if b.department == a.department:
                continue
            gain = 1 + (there[b.department] >= 2)
            gain -= (here[b.department] >= 1) + (there[a.department] >= 1)
            if gain <= 0:
                continue
            if any(o.id in clashing[a.id] for o in second if o is not b) or any(
                o.id in clashing[b.id] for o in first if o is not a
            ):
                continue
            first[first.index(a)] = b
            second[second.index(b)] = a
            here[a.department] -= 1
            here[b.department] += 1
            there[b.department] -= 1
            there[a.department] += 1
            return True
    return False
