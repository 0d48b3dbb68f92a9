"""Dense avoid lists, where avoid pairs rather than slots decide who is placed: the most
placed still equals CP-SAT's proved optimum, and every reason for leaving someone out is
true of the data."""

import pytest

from benchmarks.formation import cpsat_most_placed, dense_avoid
from peercircle.formation import Settings, form_groups, violations
from tests.formation.helpers import assert_reasons_true

CONFIGS = [
    Settings(5, 8, 6, "same"),
    Settings(3, 5, 4, "same"),
    Settings(4, 6, 5, "any"),
    Settings(3, 4, 3, "same"),
]


def _instance(seed: int):
    return dense_avoid([15, 20, 25, 30, 40][seed % 5], seed), CONFIGS[seed % 4]


# Everyone avoids 2-4 others of their stage. Before the avoid-pair search, seeds 2, 6, 13,
# 15, 17 and 21 placed fewer than CP-SAT (20/25, 13/16, 23/30, 9/15, 15/18, 7/9). The
# others CP-SAT proves within a second too; slower seeds (3, 4, 8) stay in the benchmark.
SEEDS = [1, 2, 6, 7, 9, 11, 13, 15, 17, 21]


@pytest.mark.parametrize("seed", SEEDS)
def test_most_placed_matches_cpsat_when_everyone_avoids_several_others(seed):
    people, config = _instance(seed)
    result = form_groups(people, config, seed=1)
    optimum, proved = cpsat_most_placed(people, config, time_limit=30)
    assert proved, "CP-SAT could not prove its optimum; pick a smaller instance"
    assert violations(result.groups, {p.id: p for p in people}, config) == []
    assert result.score.placed == optimum
    assert result.bounds.placed >= optimum
    assert_reasons_true(people, config, result)


@pytest.mark.parametrize("seed", [0, 5, 12, 16, 20, 3, 8])
def test_every_reason_is_true_of_the_data_on_dense_instances(seed):
    people, config = _instance(seed)
    result = form_groups(people, config, seed=1)
    assert violations(result.groups, {p.id: p for p in people}, config) == []
    assert_reasons_true(people, config, result)
