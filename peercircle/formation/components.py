"""People who may be grouped together, and the facts about them the placement search needs.

A component is one career stage (or everyone, when stages mix). :func:`build_component`
works out, once, where each person could possibly meet (:func:`_usable_slots`), which
people are interchangeable for the flows of :mod:`peercircle.formation.slot_flow`, and how
many of each lab could meet at each slot.
"""

from __future__ import annotations

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


def build_component(
    people: Sequence[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
) -> Component:
    """Derive a component's usable slots, classes and lab counts."""
    ids = {person.id for person in people}
    labs = {person.id: person.lab_key for person in people}
    local_avoid = {person.id: avoid.get(person.id, frozenset()) & ids for person in people}
    usable = _usable_slots(people, labs, local_avoid, settings.min_size - 1)
    lab_counts: Counter[tuple[str, str]] = Counter()
    lab_departments: dict[str, Counter[str]] = defaultdict(Counter)
    for person in people:
        lab = labs[person.id]
        if lab:
            lab_departments[lab][person.department] += 1
            for slot in usable[person.id]:
                lab_counts[(slot, lab)] += 1
    lab_department = {
        lab: min(counts, key=lambda dept: (-counts[dept], dept))
        for lab, counts in lab_departments.items()
    }
    return Component(
        people=tuple(people),
        labs=labs,
        usable=usable,
        avoid=local_avoid,
        classes=_classes(people, labs, usable, local_avoid),
        lab_counts=lab_counts,
        lab_department=lab_department,
    )


def _usable_slots(
    people: Sequence[Person],
    labs: Mapping[str, str],
    avoid: Mapping[str, frozenset[str]],
    companions: int,
) -> dict[str, frozenset[str]]:
    """Per person, the slots with at least ``companions`` others they could sit with.

    Peels repeatedly: someone who cannot use a slot does not count as a companion there,
    which may in turn leave others short.
    """
    usable = {person.id: set(person.availability) for person in people}
    changed = True
    while changed:
        changed = False
        at_slot: Counter[str] = Counter()
        lab_at_slot: Counter[tuple[str, str]] = Counter()
        for person in people:
            for slot in usable[person.id]:
                at_slot[slot] += 1
                if labs[person.id]:
                    lab_at_slot[(slot, labs[person.id])] += 1
        for person in people:
            lab = labs[person.id]
            for slot in sorted(usable[person.id]):
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
    return {pid: frozenset(slots) for pid, slots in usable.items()}


def _classes(
    people: Sequence[Person],
    labs: Mapping[str, str],
    usable: Mapping[str, frozenset[str]],
    avoid: Mapping[str, frozenset[str]],
) -> tuple[tuple[Person, ...], ...]:
    """Group placeable people by (usable slots, department, lab).

    People in an avoid pair come first in their class, so that the flow of
    :mod:`peercircle.formation.slot_flow` can split off the ones a search branch forbids
    from a slot (to keep an avoid pair out of a slot with a single group) while the others
    stay merged: the number of classes, which sets the search's budget, does not grow with
    the number of avoid pairs.
    """
    classes: dict[tuple[tuple[str, ...], str, str], list[Person]] = defaultdict(list)
    for person in people:
        slots = tuple(sorted(usable[person.id]))
        if not slots:
            continue
        classes[(slots, person.department, labs[person.id])].append(person)
    for members in classes.values():
        members.sort(key=lambda person: not avoid[person.id])
    return tuple(tuple(classes[key]) for key in sorted(classes))


def slots_of(component: Component) -> list[str]:
    """Every slot someone in the component can use, sorted."""
    return sorted({slot for slots in component.usable.values() for slot in slots})
