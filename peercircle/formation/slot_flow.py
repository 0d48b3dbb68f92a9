"""How many people a plan of groups per slot can place: one flow on classes of people.

Given how many groups ``k[s]`` meet at each slot, the people that can fill them form a flow:
source -> class of interchangeable people -> slot (through a lab node capped at ``k[s]``
where a lab could exceed it) -> sink, with between ``k[s] * min`` and ``k[s] * max`` units
into the sink from slot ``s``. Any such flow can be dealt into ``k[s]`` groups per slot
with no two lab-mates together (see :mod:`peercircle.formation.dealing`). With ``spread``,
the flow also passes through department nodes whose extra members cost one each, and a
minimum-cost flow spreads departments.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.components import Component
from peercircle.formation.flow import INFINITE, Network, max_flow, min_cost_flow
from peercircle.formation.model import Person, Settings


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
    if forbidden or not component.kinds:
        barred = {pid for pid, _ in forbidden}
        for kind in component.classes:
            for part in _split_barred(kind, barred):
                targets = _targets(component, plan, part[0], slots, forbidden, spread)
                if targets:
                    merged[targets].extend(part)
    else:
        _merge_kinds(component, plan, slots, spread, merged)
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


def _merge_kinds(
    component: Component,
    plan: Plan,
    slots: Sequence[str],
    spread: bool,
    merged: dict[tuple[tuple[str, str, str], ...], list[Person]],
) -> None:
    """Gather each kind's people by the nodes they feed, without looking at each class.

    The classes of a kind whose lab never exceeds the fewest groups at the kind's open
    slots feed no lab node: they feed the same nodes, as one, and only the others are
    looked at one by one.
    """
    open_slots = set(slots)
    for kind in component.kinds:
        caps = [plan.lab_cap[slot] for slot in kind.slots if slot in open_slots]
        if not caps:
            continue
        shared = bisect.bisect_right(kind.peaks, min(caps))
        if shared:
            # Every open slot of the kind, and no lab node.
            role, name = ("dept", kind.department) if spread else ("slot", "")
            targets = tuple((slot, role, name) for slot in kind.slots if slot in open_slots)
            merged[targets].extend(kind.people[: kind.ends[shared - 1]])
        for members in kind.classes[shared:]:
            targets = _targets(component, plan, members[0], slots, frozenset(), spread)
            merged[targets].extend(members)


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
        lab = component.labs[person.id]
        if lab and component.lab_counts[(slot, lab)] > plan.lab_cap[slot]:
            targets.append((slot, "lab", lab))
        elif spread:
            targets.append((slot, "dept", person.department))
        else:
            targets.append((slot, "slot", ""))
    return tuple(targets)
