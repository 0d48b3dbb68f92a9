"""Departments spread again by swaps after the avoid-pair searches."""

from benchmarks.formation import dense_avoid
from peercircle.formation import Group, Person, Settings, score, violations
from peercircle.formation.respread import respread


def person(pid: str, department: str, avoid: frozenset[str] = frozenset()) -> Person:
    return Person(pid, department, f"lab-{pid}", "phd", frozenset({"mon"}), avoid)


def department_term(groups: list[tuple[str, list[Person]]]) -> int:
    numbered = tuple(
        Group(i + 1, slot, tuple(p.id for p in members)) for i, (slot, members) in enumerate(groups)
    )
    people = {p.id: p for _, members in groups for p in members}
    return score(numbered, people, Settings(3, 3, 3)).department


def test_a_swap_between_groups_of_one_slot_separates_a_department() -> None:
    a, b, c = person("a", "d1"), person("b", "d1"), person("c", "d2")
    x, y, z = person("x", "d2"), person("y", "d3"), person("z", "d4")
    groups = [("mon", [a, b, c]), ("mon", [x, y, z])]
    spread = respread(groups)
    assert department_term(groups) == 1 and department_term(spread) == 0
    assert [len(members) for _, members in spread] == [3, 3]


def test_no_swap_puts_an_avoid_pair_together() -> None:
    a, b, c = person("a", "d1"), person("b", "d1"), person("c", "d2")
    x, y, z = (
        person("x", "d2"),
        person("y", "d3", frozenset({"a"})),
        person("z", "d4", frozenset({"c"})),
    )
    spread = respread([("mon", [a, b, c]), ("mon", [x, y, z])])
    for _, members in spread:
        ids = {p.id for p in members}
        assert not {"a", "y"} <= ids and not {"c", "z"} <= ids
    assert department_term(spread) <= 1


def test_groups_at_different_slots_never_swap() -> None:
    a, b = person("a", "d1"), person("b", "d1")
    x = Person("x", "d2", "lab-x", "phd", frozenset({"tue"}))
    y = Person("y", "d3", "lab-y", "phd", frozenset({"tue"}))
    groups = [("mon", [a, b]), ("tue", [x, y])]
    assert respread(groups) == groups


def test_on_dense_instances_the_term_never_rises_and_the_rules_hold() -> None:
    config = Settings(5, 8, 6, "same")
    for seed in range(3):
        people = dense_avoid(40, seed)
        by_id = {p.id: p for p in people}
        stages: dict[str, list[Person]] = {}
        for p in people:
            stages.setdefault(p.stage, []).append(p)
        # A deliberately clumped grouping: each stage's people sorted by department, dealt
        # into groups of six at a slot they share, keeping only valid groups.
        groups: list[tuple[str, list[Person]]] = []
        for members in stages.values():
            ordered = sorted(members, key=lambda p: (p.department, p.id))
            for start in range(0, len(ordered) - 5, 6):
                chunk = ordered[start : start + 6]
                common = frozenset.intersection(*(p.availability for p in chunk))
                numbered: tuple[Group, ...] = (
                    (Group(1, min(common), tuple(p.id for p in chunk)),) if common else ()
                )
                if numbered and not violations(numbered, by_id, config):
                    groups.append((min(common), chunk))
        spread = respread(groups)
        numbered = tuple(
            Group(i + 1, slot, tuple(p.id for p in m)) for i, (slot, m) in enumerate(spread)
        )
        assert violations(numbered, by_id, config) == []
        assert department_term(spread) <= department_term(groups)
