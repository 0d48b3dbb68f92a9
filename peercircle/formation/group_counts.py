"""How many groups should meet at each slot: a branch and bound over flows.

The most people that can be placed is the best flow of :mod:`peercircle.formation.slot_flow`
over all vectors ``k`` of groups per slot, which :func:`best_counts` finds.
"""

from __future__ import annotations

import bisect
import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.components import Component, slots_of
from peercircle.formation.model import Person, Settings
from peercircle.formation.sharing import may_share
from peercircle.formation.slot_flow import FlowResult, Plan, evaluate, plan_for


class TimeUp(Exception):
    """Raised inside the search when time or budget runs out, carrying the best so far."""

    def __init__(self, best: _Best) -> None:
        super().__init__("the search ran out of time or budget")
        self.best = best


@dataclass(frozen=True)
class Counts:
    """The outcome of the search: groups per slot, and what it proved."""

    groups: Mapping[str, int]
    forbidden: frozenset[tuple[str, str]]
    placed: int
    upper: int
    proved: bool
    by_slot: Mapping[str, list[Person]]
    """Who meets at each slot in the best placement found (departments not yet spread)."""


def best_counts(component: Component, settings: Settings, deadline: float) -> Counts:
    """Find how many groups should meet at each slot to place the most people.

    Parameters
    ----------
    component : Component
    settings : Settings
    deadline : float
        A ``time.monotonic()`` value; past it the best counts found so far are returned.

    Returns
    -------
    Counts
        ``placed`` people can be placed with ``groups[s]`` groups at each slot; ``upper``
        bounds what any grouping can place, and equals ``placed`` when ``proved``.

    Notes
    -----
    Branch and bound over the group count of each slot, smallest slot first. A node fixes
    the counts of some slots and leaves the others at their largest possible value; its
    maximum flow bounds every completion, and shrinks as a count goes down, so the values
    of a slot are tried from the top until the bound falls to the best found. Avoid pairs
    placed together at a slot of one group are separated by branching on which of the two
    leaves that slot. Exponential in the number of slots in the worst case; in practice a
    few hundred flows on instances of a few hundred people, and one flow on large ones,
    where the first guess already meets the bound.
    """
    slots = slots_of(component)
    sizes = _lab_sizes(component)
    most = {slot: _most_groups(sizes.get(slot, []), settings) for slot in slots}
    order = sorted(slots, key=lambda slot: (most[slot], slot))
    root = evaluate(component, _partial(most, {}, settings), people=True)
    bound = min(round_to_sizes(root.value, settings), _lab_bound(sizes.get(None, []), settings))
    budget = max(_MIN_NODES, _WORK // max(1, len(component.classes)))
    context = _Context(component, settings, most, order, deadline, budget, itertools.count())
    guess = {slot: len(root.by_slot.get(slot, [])) // settings.min_size for slot in slots}
    nothing = _Best(-1, {slot: 0 for slot in slots}, frozenset(), {})
    try:
        best = _leaf(context, guess, frozenset(), nothing)
        best = _climb(context, bound, best)
        best = _kicks(context, bound, best)
        if best.placed < bound:
            best = _branch(context, {}, best)
        proved = True
    except TimeUp as stop:
        best, proved = stop.best, False
    placed = max(best.placed, 0)
    upper = placed if proved else bound
    return Counts(best.counts, best.forbidden, placed, upper, proved, best.by_slot)


def _lab_sizes(component: Component) -> dict[str | None, list[int]]:
    """Per slot, the sizes of the labs among those who can use it, and under None among
    those who can use any slot; each person without a lab counts as a lab of one."""
    sizes: dict[str | None, list[int]] = defaultdict(list)
    for (slot, _), count in component.lab_counts.items():
        sizes[slot].append(count)
    anywhere: Counter[str] = Counter()
    for person in component.people:
        usable = component.usable[person.id]
        if not usable:
            continue
        if person.lab_key:
            anywhere[person.lab_key] += 1
        else:
            sizes[None].append(1)
            for slot in usable:
                sizes[slot].append(1)
    sizes[None] += anywhere.values()
    return sizes


def _most_groups(lab_sizes: Sequence[int], settings: Settings) -> int:
    """The most groups of at least min people, one per lab, that these labs could fill.

    G groups hold at most sum(min(size, G)) people, and need G * min; the G that satisfy
    this form an interval from 0, found by bisection.
    """
    # Sorted sizes and running sums give sum(min(size, G)) by one bisection, not a pass.
    ordered = sorted(lab_sizes)
    running = list(itertools.accumulate(ordered, initial=0))

    def seats(groups: int) -> int:
        below = bisect.bisect_left(ordered, groups)
        return running[below] + groups * (len(ordered) - below)

    low, high = 0, running[-1] // settings.min_size
    while low < high:
        middle = (low + high + 1) // 2
        if seats(middle) >= middle * settings.min_size:
            low = middle
        else:
            high = middle - 1
    return low


def _lab_bound(sizes: Sequence[int], settings: Settings) -> int:
    """A bound on the placed from labs alone (of these sizes): a lab fills at most one
    seat per group."""
    groups = _most_groups(sizes, settings)
    return min(sum(min(size, groups) for size in sizes), groups * settings.max_size)


# The search's budget: flows per class of people, so that a component's search costs
# roughly the same few seconds at any size. Counted, not timed, to stay deterministic.
_WORK = 400_000
_MIN_NODES = 200


def round_to_sizes(placed: int, settings: Settings) -> int:
    """The most people, at most ``placed``, that whole groups can hold.

    Every grouping places a sum of group sizes: some G groups hold between G * min and
    G * max people. With sizes 5-8, 9 people can fill only 8 places; with groups of exactly
    6, 497 only 492.
    """
    groups = placed // settings.min_size
    return min(placed, groups * settings.max_size)


def _partial(most: Mapping[str, int], fixed: Mapping[str, int], settings: Settings) -> Plan:
    """Fixed slots at their count; the others free between nothing and their largest count."""
    counts = {slot: fixed.get(slot, k) for slot, k in most.items()}
    plan = plan_for(counts, settings)
    low = {slot: (low if slot in fixed else 0) for slot, low in plan.low.items()}
    return Plan(low=low, high=plan.high, lab_cap=plan.lab_cap)


@dataclass(frozen=True)
class _Best:
    """The best group counts found so far, and the placements they exclude."""

    placed: int
    counts: Mapping[str, int]
    forbidden: frozenset[tuple[str, str]]
    by_slot: Mapping[str, list[Person]]


@dataclass(frozen=True)
class _Context:
    """What every step of one search needs; ``ticks`` counts the flows spent."""

    component: Component
    settings: Settings
    most: Mapping[str, int]
    order: Sequence[str]
    deadline: float
    budget: int
    ticks: Iterator[int]


def _flow(
    context: _Context,
    plan: Plan,
    forbidden: frozenset[tuple[str, str]],
    people: bool,
    best: _Best,
) -> FlowResult:
    """One flow, charged to the budget and the deadline."""
    spent = next(context.ticks)
    out_of_time = spent >= context.budget or time.monotonic() > context.deadline
    # Always find a first solution, however short the time: there must be an answer.
    if out_of_time and best.placed >= 0:
        raise TimeUp(best)
    return evaluate(context.component, plan, forbidden, people=people)


def _leaf(
    context: _Context,
    counts: Mapping[str, int],
    forbidden: frozenset[tuple[str, str]],
    best: _Best,
) -> _Best:
    """The better of ``best`` and exactly ``counts`` groups per slot."""
    plan = plan_for(counts, context.settings)
    result = _flow(context, plan, forbidden, True, best)
    if not result.feasible or result.value <= best.placed:
        return best
    clash = single_group_clash(counts, result.by_slot)
    if clash is None:
        return _Best(result.value, dict(counts), forbidden, result.by_slot)
    slot, first, second = clash
    best = _leaf(context, counts, forbidden | {(first, slot)}, best)
    return _leaf(context, counts, forbidden | {(second, slot)}, best)


def _climb(context: _Context, bound: int, best: _Best) -> _Best:
    """Improve ``best`` by single changes (one group more, fewer, or moved).

    A good first solution lets the branch and bound prune early.
    """
    improved = True
    while improved and best.placed < bound:
        improved = False
        for trial in _neighbours(best.counts, context.most):
            found = _leaf(context, trial, frozenset(), best)
            if found.placed > best.placed:
                best, improved = found, True
                break
    return best


def _kicks(context: _Context, bound: int, best: _Best) -> _Best:
    """Iterated local search: from the best counts, move a few groups at random, climb again.

    The climb stops at the first counts no single change improves; with big labs the best
    counts can lie several changes away. Uses at most a third of the budget, leaving the
    rest to the branch and bound, and a fixed seed, so results stay deterministic.
    """
    rng = random.Random(len(context.order))
    slots = list(context.order)
    stop = context.budget // 3
    while best.placed < bound and len(slots) > 1:
        if next(context.ticks) >= stop:
            break
        counts = dict(best.counts)
        for _ in range(rng.randint(1, 3)):
            # Moves in proportion to the counts, so that big components move far enough.
            a, b = rng.sample(slots, 2)
            room = min(counts[a], context.most[b] - counts[b])
            if room > 0:
                moved = rng.randint(1, room)
                counts[a] -= moved
                counts[b] += moved
        start = _leaf(context, counts, frozenset(), _Best(-1, counts, frozenset(), {}))
        if start.placed < 0:
            continue
        found = _climb(context, bound, start)
        if found.placed > best.placed:
            best = found
    return best


def _branch(context: _Context, fixed: dict[str, int], best: _Best) -> _Best:
    """Branch on the next slot's count, from the most groups down."""
    if len(fixed) == len(context.order):
        return _leaf(context, fixed, frozenset(), best)
    slot = context.order[len(fixed)]
    for k in range(context.most[slot], -1, -1):
        child = {**fixed, slot: k}
        plan = _partial(context.most, child, context.settings)
        result = _flow(context, plan, frozenset(), False, best)
        if round_to_sizes(result.value, context.settings) <= best.placed:
            return best  # smaller counts only lower the bound
        if result.feasible:
            best = _branch(context, child, best)
    return best


def _neighbours(counts: Mapping[str, int], most: Mapping[str, int]) -> list[dict[str, int]]:
    """Counts one step away: a slot with one group more or fewer, or one group moved."""
    slots = sorted(counts)
    found = []
    for a in slots:
        for change in (1, -1):
            if 0 <= counts[a] + change <= most[a]:
                found.append({**counts, a: counts[a] + change})
        for b in slots:
            if a != b and counts[a] > 0 and counts[b] < most[b]:
                found.append({**counts, a: counts[a] - 1, b: counts[b] + 1})
    return found


def single_group_clash(
    counts: Mapping[str, int], by_slot: Mapping[str, list[Person]]
) -> tuple[str, str, str] | None:
    """Two people who may not share a group placed at a slot that has only one, if any.

    The flow keeps lab-mates apart itself, so in practice this finds avoid pairs.
    """
    for slot in sorted(by_slot):
        if counts[slot] != 1:
            continue
        for person in by_slot[slot]:
            clash = sorted(
                other.id
                for other in by_slot[slot]
                if other.id != person.id and not may_share(person, other)
            )
            if clash:
                return slot, person.id, clash[0]
    return None
