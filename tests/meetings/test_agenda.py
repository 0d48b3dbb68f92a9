"""allocate() against the agenda rules, by hand and as properties."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peercircle.meetings.agenda import allocate, explain, plan_blocks, shrink


def test_asks_that_fit_are_given_exactly() -> None:
    assert allocate([10, 20, 0], 40) == [10, 20, 0]
    assert allocate([10, 20, 0], 30) == [10, 20, 0]


def test_over_time_floors_first_then_in_proportion_above_the_floor() -> None:
    assert allocate([10, 20, 30], 30) == [7, 10, 13]


def test_asks_below_the_floor_are_served_whole() -> None:
    assert allocate([3, 40], 20) == [3, 17]
    assert allocate([3, 4, 40], 12) == [3, 4, 5]


def test_when_not_even_the_floors_fit_priority_members_are_served_first() -> None:
    assert allocate([10, 10, 10], 5, priority=[False, False, True]) == [0, 0, 5]
    assert allocate([10, 10, 10], 12, priority=[False, False, True]) == [5, 2, 5]
    assert allocate([10, 10], 5, priority=[True, True]) == [5, 0]


def test_equal_asks_priority_member_wins_the_rounding() -> None:
    assert allocate([10, 10], 13, priority=[False, True]) == [6, 7]
    assert allocate([10, 10], 13) == [7, 6]


def test_edge_cases() -> None:
    assert allocate([], 0) == []
    assert allocate([], 50) == []
    assert allocate([0, 0, 0], 0) == [0, 0, 0]
    assert allocate([10, 20], 0) == [0, 0]
    assert allocate([0, 0], 30) == [0, 0]
    assert allocate([7], 3, floor=1) == [3]
    big = 10**30
    assert allocate([big, big], big) == [big // 2, big // 2]
    assert sum(allocate([big, 3 * big, 7], big + 1)) == big + 1


@pytest.mark.parametrize(
    ("asks", "available", "floor", "priority"),
    [
        ([-1, 5], 10, 5, None),
        ([1, 5], -1, 5, None),
        ([1, 5], 10, 0, None),
        ([1, 5], 10, -3, None),
        ([1, 5], 10, 5, [True]),
    ],
)
def test_bad_input_raises_value_error(asks, available, floor, priority) -> None:
    with pytest.raises(ValueError):
        allocate(asks, available, floor=floor, priority=priority)


def test_non_whole_numbers_raise_type_error() -> None:
    with pytest.raises(TypeError):
        allocate([1.5], 10)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        allocate([True], 10)


def test_explain_matches_allocate_and_says_why() -> None:
    lines = explain([10, 20, 30, 0], 30)
    assert [line.minutes for line in lines] == allocate([10, 20, 30, 0], 30)
    assert lines[3].reason == "Passed."
    assert "in proportion" in lines[1].reason
    assert lines[1].exact == Fraction(5) + Fraction(15 * 15, 45)


def test_blocks_leave_the_rest_for_slots() -> None:
    blocks, slots = plan_blocks(duration=90, members=6, successes=2)
    assert [b.kind for b in blocks] == ["roundtable", "successes", "review", "new_goals", "wrap_up"]
    assert slots == 90 - (6 + 4 + 12 + 12 + 5)
    assert plan_blocks(duration=15, members=8, successes=0)[1] == 0


def test_shrink_never_grows_and_absorbs_the_overrun() -> None:
    assert shrink([10, 20], 3) == allocate([10, 20], 27, floor=1)
    assert sum(shrink([10, 20], 3)) == 27
    assert shrink([2, 2], 10) == [0, 0]


# --- properties -------------------------------------------------------------------------

asks_st = st.lists(st.integers(min_value=0, max_value=200), max_size=12)


@st.composite
def cases(draw):
    asks = draw(asks_st)
    available = draw(st.integers(min_value=0, max_value=max(1, sum(asks) + 20)))
    floor = draw(st.integers(min_value=1, max_value=30))
    priority = draw(st.lists(st.booleans(), min_size=len(asks), max_size=len(asks)))
    return asks, available, floor, priority


@settings(max_examples=2 * settings().max_examples)  # cheap: twice the profile count
@given(cases())
def test_properties_hold_for_any_input(case) -> None:
    asks, available, floor, priority = case
    result = allocate(asks, available, floor=floor, priority=priority)
    assert len(result) == len(asks)
    assert all(0 <= r <= a for r, a in zip(result, asks, strict=True))
    assert result == allocate(list(asks), available, floor=floor, priority=list(priority))
    assert sum(result) == min(sum(asks), available)
    for i in range(len(asks)):
        for j in range(len(asks)):
            if priority[i] == priority[j] and asks[i] > asks[j]:
                assert result[i] >= result[j]
            if asks[i] == asks[j] and priority[i] and not priority[j]:
                assert result[i] >= result[j]
    bases = [min(a, floor) for a in asks]
    if sum(asks) <= available:
        assert result == asks
    elif sum(bases) <= available:
        assert all(r >= b for r, b in zip(result, bases, strict=True))
        extra = available - sum(bases)
        above = [a - b for a, b in zip(asks, bases, strict=True)]
        for r, b, a in zip(result, bases, above, strict=True):
            exact = b + Fraction(extra * a, sum(above))
            assert abs(r - exact) < 1
    else:
        served = [r for r, p in zip(result, priority, strict=True) if p]
        prio_bases = sum(b for b, p in zip(bases, priority, strict=True) if p)
        if prio_bases <= available:
            assert served == [b for b, p in zip(bases, priority, strict=True) if p]
        else:
            assert all(r == 0 for r, p in zip(result, priority, strict=True) if not p)


@given(st.lists(st.integers(min_value=0, max_value=10**18), max_size=6), st.integers(0, 10**19))
def test_huge_numbers_stay_exact(asks, available) -> None:
    result = allocate(asks, available)
    assert sum(result) == min(sum(asks), available)
    assert all(0 <= r <= a for r, a in zip(result, asks, strict=True))


def test_docstring_examples_hold() -> None:
    import doctest

    from peercircle.meetings import agenda

    assert doctest.testmod(agenda).failed == 0
