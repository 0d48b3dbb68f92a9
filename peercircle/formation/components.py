"""People who may be grouped together, and the facts about them the placement search needs.

A component is one career stage (or everyone, when stages mix). :func:`build_component`
works out, once, where each person could possibly meet (:func:`_usable_slots`), which
people are interchangeable for the flows of :mod:`peercircle.formation.slot_flow`, and how
many of each lab could meet at each slot.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.model import Person, Settings


@dataclass(frozen=True)
class Component:
    """People who may share groups (one career stage, or everyone), with derived facts."""

    people: tuple[Person, ...]
    labs: Mapping[str, str]
    """Per person, their lab as compared (its ``name_key``; blank for none)."""
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
    kinds: tuple[Kind, ...] = ()
    """The classes again, gathered by usable slots and department (see :class:`Kind`)."""


@dataclass(frozen=True)
class Kind:
    """Classes with the same usable slots and department, differing only by lab.

    A lab needs a node of its own in a flow only at a slot where it could exceed the
    number of groups; where every open slot has at least ``peaks[i]`` groups, the first
    ``i + 1`` classes are interchangeable and can share one node. The classes are sorted by
    their peak, and ``people`` lists their members in that order.
    """

    slots: tuple[str, ...]
    department: str
    classes: tuple[tuple[Person, ...], ...]
    peaks: tuple[int, ...]
    """Per class, the most of its lab who can use any one of ``slots`` (0 for no lab)."""
    ends: tuple[int, ...]
    """Per class, where its members end in ``people``."""
    people: tuple[Person, ...]


def build_component(
    people: Sequence[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
) -> Component:
    """Derive a component's usable slots, classes and lab counts."""
    ids = {person.id for person in people}
    labs = {person.id: person.lab_key for person in people}
    nobody = frozenset[str]()
    local_avoid = {}
    for person in people:
        others = avoid.get(person.id)
        local_avoid[person.id] = others & ids if others else nobody
    usable, lab_counts = _usable_slots(people, labs, local_avoid, settings.min_size - 1)
    # Each lab's most common department; of equals, the first by name.
    members = Counter((person.lab_key, person.department) for person in people if person.lab_key)
    lab_department: dict[str, str] = {}
    for lab, department in sorted(members, key=lambda pair: (-members[pair], pair[1])):
        lab_department.setdefault(lab, department)
    classes, kinds = _classes(people, labs, usable, local_avoid, lab_counts)
    return Component(
        people=tuple(people),
        labs=labs,
        usable=usable,
        avoid=local_avoid,
        classes=classes,
        lab_counts=lab_counts,
        lab_department=lab_department,
        kinds=kinds,
    )


def _usable_slots(
    people: Sequence[Person],
    labs: Mapping[str, str],
    avoid: Mapping[str, frozenset[str]],
    companions: int,
) -> tuple[dict[str, frozenset[str]], Counter[tuple[str, str]]]:
    """Per person, the slots with at least ``companions`` others they could sit with; and
    per (slot, lab), how many of the lab can use the slot.

    Peels repeatedly: someone who cannot use a slot does not count as a companion there,
    which may in turn leave others short.
    """
    usable = {person.id: set(person.availability) for person in people}
    most_avoided = max((len(others) for others in avoid.values()), default=0)
    while True:
        at_slot = Counter(itertools.chain.from_iterable(usable.values()))
        lab_at_slot = Counter(
            (slot, lab) for pid, lab in labs.items() if lab for slot in usable[pid]
        )
        biggest: Counter[str] = Counter()
        for (slot, _), count in lab_at_slot.items():
            biggest[slot] = max(biggest[slot], count)
        # Only at a slot this sparse can anyone fall short: elsewhere even the biggest
        # lab's members who avoid the most people have enough companions (at every slot
        # of a large program, where checking each person would cost the most).
        sparse = {
            slot
            for slot, count in at_slot.items()
            if count - max(biggest[slot], 1) - most_avoided < companions
        }
        changed = False
        for person in people if sparse else ():
            lab = labs[person.id]
            for slot in usable[person.id] & sparse:
                others = at_slot[slot] - 1
                if lab:
                    others -= lab_at_slot[(slot, lab)] - 1
                for other in avoid[person.id]:
                    # Lab-mates were already subtracted; do not count them twice.
                    if slot in usable[other] and not (lab and labs[other] == lab):
                        others -= 1
                if others < companions:
                    usable[person.id].discard(slot)
                    changed = True
        if not changed:
            return {pid: frozenset(slots) for pid, slots in usable.items()}, lab_at_slot


def _classes(
    people: Sequence[Person],
    labs: Mapping[str, str],
    usable: Mapping[str, frozenset[str]],
    avoid: Mapping[str, frozenset[str]],
    lab_counts: Mapping[tuple[str, str], int],
) -> tuple[tuple[tuple[Person, ...], ...], tuple[Kind, ...]]:
    """Group placeable people by (usable slots, department, lab); and those classes again
    by (usable slots, department), each kind's classes sorted by their lab's peak.

    People in an avoid pair come first in their class, so that the flow of
    :mod:`peercircle.formation.slot_flow` can split off the ones a search branch forbids
    from a slot (to keep an avoid pair out of a slot with a single group) while the others
    stay merged: the number of classes, which sets the search's budget, does not grow with
    the number of avoid pairs. A lab's peak is taken over every slot, not only the
    class's: never smaller, so a class that shares a node never needs a lab node.
    """
    sorted_slots: dict[frozenset[str], tuple[str, ...]] = {}
    gathered: dict[tuple[tuple[str, ...], str], dict[str, list[Person]]] = defaultdict(dict)
    avoiding: list[list[Person]] = []
    for person in people:
        can = usable[person.id]
        if not can:
            continue
        key = sorted_slots.get(can)
        if key is None:
            key = sorted_slots[can] = tuple(sorted(can))
        by_lab = gathered[(key, person.department)]
        lab = labs[person.id]
        members = by_lab.get(lab)
        if members is None:
            members = by_lab[lab] = []
        members.append(person)
        if avoid[person.id]:
            avoiding.append(members)
    for members in avoiding:
        members.sort(key=lambda person: not avoid[person.id])
    peak_of: dict[str, int] = defaultdict(int)
    for (_, lab), count in lab_counts.items():
        peak_of[lab] = max(peak_of[lab], count)
    classes: list[tuple[Person, ...]] = []
    kinds = []
    for (slots, department), by_lab in sorted(gathered.items()):
        ordered = [tuple(by_lab[lab]) for lab in sorted(by_lab)]
        classes += ordered
        peaks = [peak_of[lab] if lab else 0 for lab in sorted(by_lab)]
        # A stable sort: classes of one peak keep their order (by lab).
        order = sorted(range(len(ordered)), key=peaks.__getitem__)
        flat: list[Person] = []
        ends = []
        for index in order:
            flat.extend(ordered[index])
            ends.append(len(flat))
        kinds.append(
            Kind(
                slots=slots,
                department=department,
                classes=tuple(ordered[index] for index in order),
                peaks=tuple(peaks[index] for index in order),
                ends=tuple(ends),
                people=tuple(flat),
            )
        )
    return tuple(classes), tuple(kinds)


def slots_of(component: Component) -> list[str]:
    """Every slot someone in the component can use, sorted."""
    return sorted({slot for slots in component.usable.values() for slot in slots})
