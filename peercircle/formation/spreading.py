"""Who meets at which slot once the group counts are known, with departments spread.

:func:`assign` takes the counts :func:`peercircle.formation.group_counts.best_counts` found
and, by minimum-cost flows, moves people between slots and groups between slots while that
lowers the department term without placing fewer.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from peercircle.formation.components import Component
from peercircle.formation.group_counts import Counts, single_group_clash
from peercircle.formation.model import Person, Settings
from peercircle.formation.slot_flow import evaluate, plan_for


def assign(
    component: Component, settings: Settings, counts: Counts, deadline: float
) -> tuple[dict[str, list[Person]], bool]:
    """Decide who meets at each slot: as many as ``counts`` allows, departments spread.

    Notes
    -----
    A min-cost flow spreads departments for fixed group counts per slot. The counts are
    then improved by local search: raise each to the most groups its people could fill
    (more groups leave more room to spread departments), then move one group from one slot
    to another, or add one, while that lowers the department term, for a number of
    trials inversely proportional to the component's size. Each
    trial is one min-cost flow; the search stops early once the department term meets
    this component's own bound.

    Returns who meets where, and False if the deadline cut the spreading short (the
    placement found by :func:`best_counts` is then kept as it is, or improved only in part).
    """
    groups = dict(counts.groups)
    if time.monotonic() > deadline:
        return dict(counts.by_slot), False
    best = _spread(component, settings, counts, groups, deadline)
    if best is None:
        return dict(counts.by_slot), time.monotonic() <= deadline
    # Counted, not timed, to stay deterministic: about 60,000 people-flows in all.
    budget = max(2, _SPREAD_WORK // max(1, len(component.people)))
    while best.department > best.bound:
        if time.monotonic() > deadline:
            return dict(best.by_slot), False
        better, budget = _improve(component, settings, counts, best, budget, deadline)
        if better is None:
            break
        best = better
    return dict(best.by_slot), True


_SPREAD_WORK = 60_000


@dataclass(frozen=True)
class _Spread:
    by_slot: Mapping[str, list[Person]]
    groups: Mapping[str, int]
    department: int
    bound: int


def _spread(
    component: Component,
    settings: Settings,
    counts: Counts,
    groups: Mapping[str, int],
    deadline: float,
) -> _Spread | None:
    """Departments spread for these group counts, then as many groups as they fill."""
    result = None
    for _ in range(4):
        if result is not None and time.monotonic() > deadline:
            break
        plan = plan_for(groups, settings)
        found = evaluate(component, plan, counts.forbidden, spread=True, people=True)
        if found.value < counts.placed or not found.feasible:
            break
        if single_group_clash(groups, found.by_slot) is not None:
            break
        result = found
        more = {slot: len(found.by_slot.get(slot, [])) // settings.min_size for slot in groups}
        if more == groups:
            break
        groups = more
    if result is None:
        return None
    return _measure(result.by_slot, settings)


def _measure(by_slot: Mapping[str, list[Person]], settings: Settings) -> _Spread:
    groups = {slot: len(people) // settings.min_size for slot, people in by_slot.items()}
    department = 0
    total: Counter[str] = Counter()
    for slot, people in by_slot.items():
        here = Counter(person.department for person in people)
        department += sum(max(0, n - groups[slot]) for n in here.values())
        total.update(here)
    # The bound for the most groups these people could form: no count of groups does better.
    most_groups = sum(total.values()) // settings.min_size
    bound = sum(max(0, n - most_groups) for n in total.values())
    return _Spread(by_slot, groups, department, bound)


def _improve(
    component: Component,
    settings: Settings,
    counts: Counts,
    current: _Spread,
    budget: int,
    deadline: float,
) -> tuple[_Spread | None, int]:
    """The first change of one slot's group count that lowers the department term.

    Tries at most ``budget`` changes; returns the better spread (None if none was found)
    and the trials left.
    """
    slots = sorted(set(counts.groups) | set(current.groups))
    start = {slot: current.groups.get(slot, 0) for slot in slots}
    moves = [(None, b) for b in slots] + [(a, b) for a in slots for b in slots if a != b]
    for source, target in moves:
        if source is not None and start[source] == 0:
            continue
        if budget <= 0 or time.monotonic() > deadline:
            return None, budget
        budget -= 1
        trial = dict(start)
        trial[target] += 1
        if source is not None:
            trial[source] -= 1
        found = _spread(component, settings, counts, trial, deadline)
        if found is not None and found.department < current.department:
            return found, budget
    return None, budget
