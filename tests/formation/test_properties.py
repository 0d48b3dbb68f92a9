"""Properties that hold on any instance: every hard constraint, accounting, determinism."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peercircle.formation import Person, Settings, form_groups, violations
from peercircle.formation.model import StageMode
from tests.formation.helpers import assert_reasons_true

SLOTS = ["mon", "tue", "wed", "thu"]
MODES: list[StageMode] = ["same", "any"]


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Person], Settings]:
    low = draw(st.integers(2, 5))
    high = draw(st.integers(low, low + 3))
    target = draw(st.integers(low, high))
    stage = draw(st.sampled_from(MODES))
    count = draw(st.integers(0, 30))
    labs = draw(st.integers(1, 8))
    avoid_each = draw(st.integers(0, 4))
    people = []
    for i in range(count):
        availability = draw(st.sets(st.sampled_from(SLOTS), min_size=1, max_size=3))
        avoid = draw(st.sets(st.integers(0, max(count - 1, 0)), max_size=avoid_each))
        people.append(
            Person(
                id=f"p{i}",
                department=draw(st.sampled_from(["bio", "chem", "math", "phys"])),
                lab=draw(st.sampled_from(["", *[f"lab{j}" for j in range(labs)]])),
                stage=draw(st.sampled_from(["phd", "postdoc", "faculty"])),
                availability=frozenset(availability),
                avoid=frozenset(f"p{j}" for j in avoid),
            )
        )
    return people, Settings(min_size=low, max_size=high, target_size=target, stage=stage)


PROPERTY = settings(
    max_examples=min(60, settings().max_examples),  # each example solves; 60 is plenty
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(instances(), st.integers(0, 3))
def test_every_hard_constraint_holds(instance, seed):
    people, config = instance
    result = form_groups(people, config, seed=seed)
    assert violations(result.groups, {p.id: p for p in people}, config) == []


@PROPERTY
@given(instances())
def test_everyone_is_placed_once_or_explained(instance):
    people, config = instance
    result = form_groups(people, config)
    placed = [m for g in result.groups for m in g.members]
    unplaced = [u.person for u in result.unplaced]
    assert sorted(placed + unplaced) == sorted(p.id for p in people)
    assert all(u.reason for u in result.unplaced)
    assert result.score.placed == len(placed) <= result.bounds.placed
    assert result.score.department >= result.bounds.department
    assert [g.number for g in result.groups] == list(range(1, len(result.groups) + 1))
    assert_reasons_true(people, config, result)


@PROPERTY
@given(instances(), st.integers(0, 1000))
def test_same_seed_gives_the_same_result(instance, seed):
    people, config = instance
    assert form_groups(people, config, seed=seed) == form_groups(people, config, seed=seed)
