"""may_share, the pair rule every stage applies, on small cases."""

from peercircle.formation.sharing import clashes, fits, lab_of, may_share
from tests.formation.helpers import person


def test_people_from_different_labs_may_share():
    assert may_share(person("a", lab="Lab X"), person("b", lab="Lab Y"))


def test_lab_mates_may_not_share():
    assert not may_share(person("a", lab="Lab X"), person("b", lab="Lab X"))


def test_lab_names_differing_in_case_or_spaces_are_one_lab():
    first = person("a", lab="Lab X")
    for spelling in ("lab x", " LAB  X ", "Lab\tX"):
        assert not may_share(first, person("b", lab=spelling)), spelling


def test_punctuation_still_tells_labs_apart():
    assert may_share(person("a", lab="Lab-X"), person("b", lab="Lab X"))


def test_people_without_a_lab_may_share():
    assert may_share(person("a"), person("b"))
    assert may_share(person("a", lab="  "), person("b", lab=""))


def test_an_avoid_pair_may_not_share_whichever_way_it_was_asked():
    assert not may_share(person("a", avoid="b"), person("b"))
    assert not may_share(person("a"), person("b", avoid="a"))


def test_avoiding_someone_else_changes_nothing():
    assert may_share(person("a", avoid="c"), person("b"))


def test_department_and_stage_are_no_pair_rule():
    same_department = person("a", department="bio"), person("b", department="bio")
    assert may_share(*same_department)
    assert may_share(person("a", stage="phd"), person("b", stage="postdoc"))


def test_nobody_shares_with_themself():
    a = person("a")
    assert not may_share(a, a)


def test_lab_of_gives_people_without_a_lab_a_lab_of_their_own():
    assert lab_of(person("a", lab=" Lab  X")) == "lab x"
    assert lab_of(person("a")) != lab_of(person("b"))


def test_fits_needs_the_slot_and_everyone_to_share():
    members = [person("b", lab="Lab Y"), person("c", lab="Lab Z")]
    assert fits(person("a", lab="Lab X"), "mon", members)
    assert not fits(person("a", lab="Lab X"), "tue", members)
    assert not fits(person("a", lab="lab y"), "mon", members)
    assert not fits(person("a", avoid="c"), "mon", members)


def test_clashes_lists_lab_mates_and_avoid_pairs_both_ways():
    people = [
        person("a", lab="Lab X"),
        person("b", lab="lab x"),
        person("c", avoid="a"),
        person("d"),
    ]
    assert clashes(people) == {"a": {"b", "c"}, "b": {"a"}, "c": {"a"}, "d": set()}
