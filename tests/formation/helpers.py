"""Small builders shared by the formation tests."""

from __future__ import annotations

from itertools import combinations

from peercircle.formation import Formation, Person, Settings
from peercircle.formation.model import name_key


def person(
    pid: str,
    slots: str = "mon",
    *,
    department: str = "",
    lab: str = "",
    stage: str = "phd",
    avoid: str = "",
) -> Person:
    """A person; ``slots`` and ``avoid`` are space-separated, department defaults to the id."""
    return Person(
        id=pid,
        department=department or f"dept-{pid}",
        lab=lab,
        stage=stage,
        availability=frozenset(slots.split()),
        avoid=frozenset(avoid.split()),
    )


def by_id(people: list[Person]) -> dict[str, Person]:
    return {p.id: p for p in people}


def assert_reasons_true(people: list[Person], settings: Settings, result: Formation) -> None:
    """Check every unplaced person's reason against the data, independently of the engine."""
    ids = by_id(people)
    avoid = {p.id: set(p.avoid) for p in people}
    for p in people:
        for other in p.avoid:
            avoid.setdefault(other, set()).add(p.id)
    left = {u.person for u in result.unplaced}

    def pool(p: Person) -> str:
        return p.stage if settings.stage == "same" else ""

    def lab(p: Person) -> str:
        return name_key(p.lab) if p.lab else "\0" + p.id

    def compatible(group: list[Person]) -> bool:
        labs = [lab(p) for p in group]
        pairs = any(b.id in avoid.get(a.id, ()) for a, b in combinations(group, 2))
        return len(set(labs)) == len(labs) and not pairs

    for unplaced in result.unplaced:
        me, reason = ids[unplaced.person], unplaced.reason
        assert not reason.startswith("not in a group"), reason
        near = [
            g
            for g in result.groups
            if g.slot in me.availability and all(pool(ids[m]) == pool(me) for m in g.members)
        ]
        if reason == "they gave no meeting slot":
            assert not me.availability
        elif reason.startswith("no slot they can make is shared by"):
            need = settings.min_size - 1
            for slot in me.availability:
                mates = [
                    o
                    for o in people
                    if o.id != me.id
                    and slot in o.availability
                    and pool(o) == pool(me)
                    and lab(o) != lab(me)
                    and o.id not in avoid.get(me.id, ())
                ]
                assert len(mates) < need, (reason, slot)
        elif reason.startswith("every group meeting at a slot they can make"):
            assert near
            for g in near:
                members = [ids[m] for m in g.members]
                assert len(members) >= settings.max_size or not compatible([*members, me])
        elif reason.startswith("no ") and " group meets at a slot they can make" in reason:
            assert not near, reason
            assert "could start one" not in reason or result.complete is False
            if "cannot start one" in reason:
                for slot in me.availability:
                    others = [
                        ids[o]
                        for o in sorted(left)
                        if o != me.id and slot in ids[o].availability and pool(ids[o]) == pool(me)
                    ]
                    for chosen in combinations(others, settings.min_size - 1):
                        assert not compatible([me, *chosen]), (reason, slot, chosen)
        elif reason.startswith("the time limit ran out"):
            assert not result.complete
        else:
            raise AssertionError(f"unchecked reason: {reason}")
