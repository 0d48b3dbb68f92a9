"""The scoring function and the hard-constraint check, on cases solved by hand."""

from peercircle.formation import Group, Score, Settings, score, violations
from tests.formation.helpers import by_id, person

SETTINGS = Settings(min_size=2, max_size=4, target_size=3)


def test_score_counts_placed_department_repeats_and_size_distance():
    people = by_id(
        [
            person("a", department="bio"),
            person("b", department="bio"),
            person("c", department="bio"),
            person("d", department="chem"),
            person("e", department="chem"),
            person("f", department="math"),
        ]
    )
    groups = [Group(1, "mon", ("a", "b", "c", "d")), Group(2, "mon", ("e", "f"))]
    # group 1: bio x3 -> 2 repeats, size 4 -> |4-3| = 1; group 2: no repeat, |2-3| = 1
    assert score(groups, people, SETTINGS) == Score(placed=6, department=2, size=2)


def test_score_of_no_groups_is_zero():
    assert score([], {}, SETTINGS).key() == (0, 0, 0)


def test_score_key_puts_placement_before_departments_before_size():

    more_placed = Score(placed=10, department=9, size=9)
    fewer_placed = Score(placed=9, department=0, size=0)
    assert more_placed.key() < fewer_placed.key()
    assert Score(5, 1, 9).key() < Score(5, 2, 0).key()


def test_score_department_term_matches_sum_of_excess_per_group():
    people = by_id([person(str(i), department="d" + str(i % 2)) for i in range(8)])
    groups = [Group(1, "mon", ("0", "1", "2", "3")), Group(2, "mon", ("4", "5", "6", "7"))]
    # each group: two of d0 and two of d1 -> 1 + 1 repeats; sizes 4 vs target 3
    assert score(groups, people, SETTINGS).key() == (-8, 4, 2)


def test_valid_grouping_has_no_violations():
    people = by_id([person("a", "mon tue"), person("b", "tue")])
    assert violations([Group(1, "tue", ("a", "b"))], people, SETTINGS) == []


def test_violations_name_every_broken_constraint():
    people = by_id(
        [
            person("a", "mon", lab="L", stage="phd", avoid="c"),
            person("b", "tue", lab="L", stage="phd"),
            person("c", "mon", stage="postdoc"),
            person("d", "mon"),
            person("e", "mon"),
        ]
    )
    groups = [Group(1, "mon", ("a", "b", "c", "d", "e"))]
    found = violations(groups, people, Settings(min_size=2, max_size=4, target_size=3))
    assert "group 1 has 5 members, outside 2-4" in found
    assert "b cannot make group 1's slot mon" in found
    assert "group 1 mixes career stages" in found
    assert "a and b in group 1 share lab L" in found
    assert "a and c in group 1 asked to avoid each other" in found
    assert len(found) == 5


def test_avoid_counts_in_either_direction_and_mixed_stages_pass_in_any_mode():
    people = by_id([person("a", stage="phd"), person("b", stage="faculty", avoid="a")])
    groups = [Group(1, "mon", ("a", "b"))]
    found = violations(groups, people, Settings(2, 4, 3, stage="any"))
    assert found == ["a and b in group 1 asked to avoid each other"]


def test_empty_lab_constrains_nothing():
    people = by_id([person("a", lab=""), person("b", lab="")])
    assert violations([Group(1, "mon", ("a", "b"))], people, SETTINGS) == []


def test_person_in_two_groups_is_a_violation():
    people = by_id([person(x) for x in "abc"])
    groups = [Group(1, "mon", ("a", "b")), Group(2, "mon", ("a", "c"))]
    assert violations(groups, people, SETTINGS) == ["a is in more than one group"]
