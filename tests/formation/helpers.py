"""Small builders shared by the formation tests."""

from __future__ import annotations

from peercircle.formation import Person


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
