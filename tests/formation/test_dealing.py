"""Dealing one slot's people into groups: group_count and deal."""

import random

from peercircle.formation import Settings
from peercircle.formation.dealing import deal, group_count
from tests.formation.helpers import person

# One lab spelled three ways, as sign-ups write it; the engine compares labs by name_key.
LAB_X = ("Lab X", " lab  x", "LAB X")


def test_lab_mates_spelled_differently_are_not_dealt_into_one_group():
    a, b = person("a", lab=LAB_X[0]), person("b", lab=LAB_X[1])
    others = [person("c", lab="Lab Y"), person("d", lab="Lab Z")]
    groups, left = deal([a, b, *others], 1, {}, random.Random(0))
    [group] = groups
    assert not {"a", "b"} <= {p.id for p in group}
    assert [p.id for p in left] in (["a"], ["b"])


def test_group_count_keeps_lab_mates_spelled_differently_apart():
    members = [person(pid, lab=lab) for pid, lab in zip("abc", LAB_X, strict=True)]
    members.append(person("d", lab="Lab Y"))
    # One group of four would meet the target, but three of them share a lab.
    settings = Settings(min_size=2, max_size=4, target_size=4)
    assert group_count(members, settings) == 0


def test_group_count_prefers_the_target_size():
    members = [person(pid, lab=f"lab {pid}") for pid in "abcd"]
    assert group_count(members, Settings(min_size=2, max_size=4, target_size=4)) == 1
    assert group_count(members, Settings(min_size=2, max_size=4, target_size=2)) == 2
