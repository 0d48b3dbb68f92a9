"""Who meets at which slot: the placement step of the engine, as flows on classes of people.

Given how many groups ``k[s]`` meet at each slot, the people that can fill them form a flow:
source -> class of interchangeable people -> slot (through a lab node capped at ``k[s]``
where a lab could exceed it) -> sink, with between ``k[s] * min`` and ``k[s] * max`` units
into the sink from slot ``s``. Any such flow can be dealt into ``k[s]`` groups per slot
with no two lab-mates together (see :mod:`peercircle.formation.dealing`). So the most
people that can be placed is the best flow over all vectors ``k``, which
:func:`best_counts` finds by branch and bound; :func:`assign` then spreads departments by a
minimum-cost flow for the chosen ``k``.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.flow import INFINITE, Network, max_flow, min_cost_flow
from peercircle.formation.model import Person, Settings


@dataclass(frozen=True)
class Component:
    """People who may share groups (one career stage, or everyone), with derived facts."""

    people: tuple[Person, ...]
    usable: Mapping[str, frozenset[str]]
    """Per person, the slots where they have at least min - 1 possible companions."""
    avoid: Mapping[str, frozenset[str]]
    """Symmetric avoid relation, restricted to this component."""
    classes: tuple[tuple[Person, ...], ...]
    """People interchangeable for the flow: same usable slots, department and lab."""
    lab_counts: Mapping[tuple[str, str], int]
    """(slot, lab) -> how many of the lab can use the slot."""
    lab_department: Mapping[str, str]
    """Each lab's most common department, under which its flow is counted."""


@dataclass(frozen=True)
class Plan:
    """Per slot: least and most people, and the cap per lab (the number of groups)."""

    low: Mapping[str, int]
    high: Mapping[str, int]
    lab_cap: Mapping[str, int]


@dataclass(frozen=True)
class FlowResult:
    value: int
    feasible: bool
    by_slot: Mapping[str, list[Person]]
    """Who goes to each slot (only filled when asked for)."""


class TimeUp(Exception):
    """Raised inside the search when time or budget runs out, carrying the best so far."""

    def __init__(self, best: _Best) -> None:
        super().__init__("the search ran out of time or budget")
        self.best = best


def build_component(
    people: Sequence[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
) -> Component:
    """Derive a component's usable slots, classes and lab counts."""
    ids = {person.id for person in people}
    local_avoid = {person.id: avoid.get(person.id, frozenset()) & ids for person in people}
    usable = _usable_slots(people, local_avoid, settings.min_size - 1)
    lab_counts: Counter[tuple[str, str]] = Counter()
    lab_departments: dict[str, Counter[str]] = defaultdict(Counter)
    for person in people:
        if person.lab:
            lab_departments[person.lab][person.department] += 1
            for slot in usable[person.id]:
                lab_counts[(slot, person.lab)] += 1
    lab_department = {
        lab: min(counts, key=lambda dept: (-counts[dept], dept))
        for lab, counts in lab_departments.items()
    }
    return Component(
        people=tuple(people),
        usable=usable,
        avoid=local_avoid,
        classes=_classes(people, usable, local_avoid),
        lab_counts=lab_counts,
        lab_department=lab_department,
    )


def _usable_slots(
    people: Sequence[Person], avoid: Mapping[str, frozenset[str]], companions: int
) -> dict[str, frozenset[str]]:
    """Per person, the slots with at least ``companions`` others they could sit with.

    Peels repeatedly: someone who cannot use a slot does not count as a companion there,
    which may in turn leave others short.
    """
    lab_of = {person.id: person.lab for person in people}
    usable = {person.id: set(person.availability) for person in people}
    changed = True
    while changed:
        changed = False
        at_slot: Counter[str] = Counter()
        lab_at_slot: Counter[tuple[str, str]] = Counter()
        for person in people:
            for slot in usable[person.id]:
                at_slot[slot] += 1
                if person.lab:
                    lab_at_slot[(slot, person.lab)] += 1
        for person in people:
            for slot in sorted(usable[person.id]):
                others = at_slot[slot] - 1
                if person.lab:
                    others -= lab_at_slot[(slot, person.lab)] - 1
                for other in avoid[person.id]:
                    # Lab-mates were already subtracted; do not count them twice.
                    if slot in usable[other] and not (person.lab and lab_of[other] == person.lab):
                        others -= 1
                if others < companions:
                    usable[person.id].discard(slot)
                    changed = True
    return {pid: frozenset(slots) for pid, slots in usable.items()}


def _classes(
    people: Sequence[Person],
    usable: Mapping[str, frozenset[str]],
    avoid: Mapping[str, frozenset[str]],
) -> tuple[tuple[Person, ...], ...]:
    """Group placeable people by (usable slots, department, lab).

    People in an avoid pair come first in their class, so that :func:`_build` can split
    off the ones a search branch forbids from a slot (to keep an avoid pair out of a slot
    with a single group) while the others stay merged: the number of classes, which sets
    the search's budget, does not grow with the number of avoid pairs.
    """
    classes: dict[tuple[tuple[str, ...], str, str], list[Person]] = defaultdict(list)
    for person in people:
        slots = tuple(sorted(usable[person.id]))
        if not slots:
            continue
        classes[(slots, person.department, person.lab)].append(person)
    for members in classes.values():
        members.sort(key=lambda person: not avoid[person.id])
    return tuple(tuple(classes[key]) for key in sorted(classes))


def slots_of(component: Component) -> list[str]:
    """Every slot someone in the component can use, sorted."""
    return sorted({slot for slots in component.usable.values() for slot in slots})


def plan_for(counts: Mapping[str, int], settings: Settings) -> Plan:
    """The plan for exactly ``counts[s]`` groups at each slot."""
    return Plan(
        low={slot: k * settings.min_size for slot, k in counts.items()},
        high={slot: k * settings.max_size for slot, k in counts.items()},
        lab_cap=dict(counts),
    )


def evaluate(
    component: Component,
    plan: Plan,
    forbidden: frozenset[tuple[str, str]] = frozenset(),
    *,
    spread: bool = False,
    people: bool = False,
) -> FlowResult:
    """Place as many people as the plan allows.

    Parameters
    ----------
    component : Component
    plan : Plan
        Bounds per slot; slots absent from it take nobody.
    forbidden : frozenset of (person id, slot)
        Placements to exclude (used to separate avoid pairs).
    spread : bool
        Also minimise the department term for the plan's group counts (a min-cost flow).
    people : bool
        Return who goes where in ``by_slot``.

    Returns
    -------
    FlowResult
        ``value`` is the largest number placed; ``feasible`` whether every slot's lower
        bound can be met at the same time. ``value`` is exact whether or not it is
        feasible, which the branch and bound uses as a bound.
    """
    built = _build(component, plan, forbidden, spread)
    net = built.net
    if spread:
        min_cost_flow(net, 0, 1)
        feasible = all(net.cap[edge] == 0 for edge in built.low_edges)
    else:
        first = max_flow(net, 0, 1)
        feasible = first == sum(plan.low[slot] for slot in built.slots)
        for edge, slot in zip(built.low_edges, built.slots, strict=True):
            net.raise_cap(edge, plan.high[slot])
        max_flow(net, 0, 1)
    value = sum(net.flow_on(edge) for edge in built.source_edges)
    by_slot = _read_back(built) if people else {}
    return FlowResult(value=value, feasible=feasible, by_slot=by_slot)


@dataclass(frozen=True)
class _Built:
    """A flow network for one plan, and where to read the answer from."""

    net: Network
    merged: list[tuple[tuple[tuple[str, str, str], ...], list[Person]]]
    """Merged classes: the nodes they feed, and their people."""
    source_edges: list[int]
    class_edges: list[list[tuple[int, str]]]
    """Per merged class, its edges into each slot's nodes, with the slot."""
    slots: list[str]
    low_edges: list[int]
    """Per slot, the edge to the sink that carries the slot's lower bound."""


def _build(
    component: Component, plan: Plan, forbidden: frozenset[tuple[str, str]], spread: bool
) -> _Built:
    """Build the network: source (node 0) -> classes -> labs -> departments -> slots -> sink (1)."""
    net = Network(2)
    nodes: dict[tuple[str, str, str], int] = {}

    def node(key: tuple[str, str, str]) -> int:
        if key not in nodes:
            nodes[key] = net.add_node()
        return nodes[key]

    slots = sorted(slot for slot, high in plan.high.items() if high > 0)
    # Classes that reach the same nodes merge: fewer nodes, the same flows.
    merged: dict[tuple[tuple[str, str, str], ...], list[Person]] = defaultdict(list)
    barred = {pid for pid, _ in forbidden}
    for kind in component.classes:
        for part in _split_barred(kind, barred):
            targets = _targets(component, plan, part[0], slots, forbidden, spread)
            if targets:
                merged[targets].extend(part)
    ordered = sorted(merged.items(), key=lambda item: item[0])
    source_edges = []
    class_edges = []
    for targets, members in ordered:
        here = net.add_node()
        source_edges.append(net.add_edge(0, here, len(members)))
        class_edges.append([(net.add_edge(here, node(t), INFINITE), t[0]) for t in targets])
    for (slot, role, name), index in sorted(nodes.items()):
        if role == "lab":
            department = component.lab_department[name]
            head = node((slot, "dept", department)) if spread else node((slot, "slot", ""))
            net.add_edge(index, head, plan.lab_cap[slot])
    for (slot, role, _), index in sorted(nodes.items()):
        if role == "dept":
            # A department's first k members at a slot of k groups cost nothing; each more
            # one shares a group with a colleague.
            net.add_edge(index, node((slot, "slot", "")), plan.lab_cap[slot])
            net.add_edge(index, node((slot, "slot", "")), INFINITE, 1)
    # Lexicographic weights: meeting the lower bounds outweighs placing one more person,
    # which outweighs the whole department term.
    unit = sum(len(members) for _, members in ordered) + 1
    low_edges = []
    for slot in slots:
        here, low, high = node((slot, "slot", "")), plan.low[slot], plan.high[slot]
        if spread:
            low_edges.append(net.add_edge(here, 1, low, -unit * unit))
            net.add_edge(here, 1, high - low, -unit)
        else:
            low_edges.append(net.add_edge(here, 1, low))
    return _Built(net, ordered, source_edges, class_edges, slots, low_edges)


def _split_barred(kind: tuple[Person, ...], barred: set[str]) -> list[tuple[Person, ...]]:
    """A class, with each person some placement is forbidden for split off alone."""
    if not barred or not any(person.id in barred for person in kind):
        return [kind]
    alone: list[tuple[Person, ...]] = [(person,) for person in kind if person.id in barred]
    rest = tuple(person for person in kind if person.id not in barred)
    return [*alone, rest] if rest else alone


def _read_back(built: _Built) -> dict[str, list[Person]]:
    """Who the flow sends to each slot."""
    by_slot: dict[str, list[Person]] = defaultdict(list)
    for (_, members), edges in zip(built.merged, built.class_edges, strict=True):
        start = 0
        for edge, slot in edges:
            amount = built.net.flow_on(edge)
            by_slot[slot].extend(members[start : start + amount])
            start += amount
    return dict(by_slot)


def _targets(
    component: Component,
    plan: Plan,
    person: Person,
    open_slots: Sequence[str],
    forbidden: frozenset[tuple[str, str]],
    spread: bool,
) -> tuple[tuple[str, str, str], ...]:
    """The nodes a person's class feeds: a lab node where the lab could exceed the cap."""
    targets = []
    for slot in open_slots:
        if slot not in component.usable[person.id] or (person.id, slot) in forbidden:
            continue
        if person.lab and component.lab_counts[(slot, person.lab)] > plan.lab_cap[slot]:
            targets.append((slot, "lab", person.lab))
        elif spread:
            targets.append((slot, "dept", person.department))
        else:
            targets.append((slot, "slot", ""))
    return tuple(targets)


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
    most = {slot: _most_groups(_lab_sizes(component, slot), settings) for slot in slots}
    order = sorted(slots, key=lambda slot: (most[slot], slot))
    root = evaluate(component, _partial(most, {}, settings), people=True)
    bound = min(round_to_sizes(root.value, settings), _lab_bound(component, settings))
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


def _lab_sizes(component: Component, slot: str | None) -> list[int]:
    """Sizes of the labs among those who can use ``slot`` (any slot if None); each person
    without a lab counts as a lab of one."""
    sizes: Counter[str] = Counter()
    for person in component.people:
        usable = component.usable[person.id]
        if usable and (slot is None or slot in usable):
            sizes[person.lab or f"\0{person.id}"] += 1
    return list(sizes.values())


def _most_groups(lab_sizes: Sequence[int], settings: Settings) -> int:
    """The most groups of at least min people, one per lab, that these labs could fill.

    G groups hold at most sum(min(size, G)) people, and need G * min; the G that satisfy
    this form an interval from 0, found by bisection.
    """
    low, high = 0, sum(lab_sizes) // settings.min_size
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(size, middle) for size in lab_sizes) >= middle * settings.min_size:
            low = middle
        else:
            high = middle - 1
    return low


def _lab_bound(component: Component, settings: Settings) -> int:
    """A bound on the placed from labs alone: a lab fills at most one seat per group."""
    sizes = _lab_sizes(component, None)
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
    clash = _single_group_clash(context.component, counts, result.by_slot)
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


def _single_group_clash(
    component: Component, counts: Mapping[str, int], by_slot: Mapping[str, list[Person]]
) -> tuple[str, str, str] | None:
    """An avoid pair placed at a slot that has only one group, if there is one."""
    for slot in sorted(by_slot):
        if counts[slot] != 1:
            continue
        ids = {person.id for person in by_slot[slot]}
        for person in by_slot[slot]:
            clash = sorted(component.avoid[person.id] & ids)
            if clash:
                return slot, person.id, clash[0]
    return None


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
        if _single_group_clash(component, groups, found.by_slot) is not None:
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
