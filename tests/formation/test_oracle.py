"""The most people placed equals the optimum proved by CP-SAT, on small instances."""

import random

import pytest

from benchmarks.formation import SLOTS, cpsat_most_placed, generate
from peercircle.formation import Person, Settings, form_groups, violations
from tests.formation.helpers import assert_reasons_true


def _awkward(seed: int) -> tuple[list[Person], Settings]:
    """Small instances built to be hard: few slots, big labs, avoid pairs, odd sizes."""
    rng = random.Random(seed)
    count = rng.randint(8, 40)
    slots = SLOTS[: rng.randint(1, 4)]
    labs = rng.randint(1, max(1, count // 3))
    people = []
    for i in range(count):
        availability = frozenset(rng.sample(slots, rng.choice([1, 1, 2, 3][: len(slots)])))
        avoid = frozenset(f"p{rng.randrange(count)}" for _ in range(rng.choice([0, 0, 0, 1])))
        people.append(
            Person(
                id=f"p{i}",
                department=f"d{rng.randrange(4)}",
                lab="" if rng.random() < 0.2 else f"lab{rng.randrange(labs)}",
                stage=f"s{rng.randrange(rng.randint(1, 3))}",
                availability=availability,
                avoid=avoid,
            )
        )
    low = rng.randint(2, 5)
    high = low + rng.randint(1, 3)  # CP-SAT proves equal min and max slowly
    return people, Settings(low, high, low, stage=rng.choice(["same", "any"]))


def _check(people: list[Person], config: Settings) -> None:
    result = form_groups(people, config, seed=1)
    optimum, proved = cpsat_most_placed(people, config, time_limit=30)
    assert proved, "CP-SAT could not prove its optimum; pick a smaller instance"
    assert violations(result.groups, {p.id: p for p in people}, config) == []
    assert result.score.placed == optimum
    assert result.bounds.placed_proved and result.bounds.placed == optimum
    assert_reasons_true(people, config, result)


# Seeds whose instance CP-SAT proves in well under a second (a few, such as 0, 9 and 30,
# take it 2-20 s and are left out to keep the suite fast and free of timeouts).
AWKWARD_SEEDS = [1, 3, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]
AWKWARD_SEEDS += [24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39, 41, 44, 45, 47]


@pytest.mark.parametrize("seed", AWKWARD_SEEDS)
def test_most_placed_matches_cpsat_on_awkward_instances(seed):
    _check(*_awkward(seed))


@pytest.mark.parametrize(("size", "tight"), [(40, False), (40, True), (60, True), (80, True)])
def test_most_placed_matches_cpsat_on_realistic_sign_ups(size, tight):
    _check(generate(size, seed=size, tight=tight), Settings(5, 8, 6, stage="same"))
