"""Generated instances across regimes, each solved by the engine and by CP-SAT.

The test fails when the engine places fewer than CP-SAT's proved optimum, or says it
proved a placement that CP-SAT beats. Instances are small enough for CP-SAT to prove in
seconds; those it cannot prove are skipped, not guessed.
"""

from __future__ import annotations

from typing import Literal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from benchmarks.formation import cpsat_most_placed
from peercircle.formation import Person, Settings, form_groups, violations
from tests.formation.helpers import assert_reasons_true

SLOTS = ("mon", "tue", "wed", "thu")
REGIMES = ("dense-same", "dense-any", "dominant-lab", "rare-slot", "tiny", "copies")


@st.composite
def instances(draw: st.DrawFn) -> tuple[str, list[Person], Settings]:
    regime = draw(st.sampled_from(REGIMES))
    low = draw(st.integers(2, 4))
    high = low + draw(st.integers(1, 3))
    modes: list[Literal["same", "any"]] = ["same", "any"]
    stage: Literal["same", "any"] = "any"
    if regime != "dense-any":
        stage = draw(st.sampled_from(modes))
    config = Settings(low, high, low, stage=stage)
    n = draw(st.integers(2, 9) if regime == "tiny" else st.integers(10, 26))
    if regime == "copies":
        n = draw(st.integers(5, 9))
    slots = SLOTS[: draw(st.integers(1, 3 if regime != "rare-slot" else 4))]
    stages = ["phd", "postdoc"][: draw(st.integers(1, 2))]
    people = []
    for i in range(n):
        if regime == "rare-slot" and len(slots) > 1:
            # The last slot is one most cannot make.
            common = list(slots[:-1])
            mine = draw(st.lists(st.sampled_from(common), min_size=1, max_size=2, unique=True))
            if draw(st.integers(0, 4)) == 0:
                mine.append(slots[-1])
        else:
            mine = draw(st.lists(st.sampled_from(slots), min_size=1, max_size=2, unique=True))
        if regime == "dominant-lab" and draw(st.integers(0, 9)) < 4:
            lab = "big"
        else:
            lab = draw(st.sampled_from(["", "", f"lab{draw(st.integers(0, n // 3))}"]))
        people.append(
            Person(
                id=f"p{i:02d}",
                department=f"d{draw(st.integers(0, 3))}",
                lab=lab,
                stage=draw(st.sampled_from(stages)),
                availability=frozenset(mine),
            )
        )
    dense = regime.startswith("dense")
    with_avoid = []
    for person in people:
        count = draw(st.integers(2, 4)) if dense else draw(st.sampled_from([0, 0, 0, 1]))
        mates = [
            o.id for o in people if o.id != person.id and (not dense or o.stage == person.stage)
        ]
        avoid = (
            frozenset(draw(st.lists(st.sampled_from(mates), max_size=count)))
            if mates
            else frozenset()
        )
        with_avoid.append(
            Person(
                person.id, person.department, person.lab, person.stage, person.availability, avoid
            )
        )
    if regime == "copies":
        copies = draw(st.integers(2, 3))
        with_avoid = [
            Person(
                f"{p.id}c{c}",
                p.department,
                f"{p.lab}c{c}" if p.lab else "",
                p.stage,
                p.availability,
                frozenset(f"{a}c{c}" for a in p.avoid),
            )
            for c in range(copies)
            for p in with_avoid
        ]
    return regime, with_avoid, config


ORACLE = settings(
    max_examples=min(100, settings().max_examples),  # CI: 50, about 10 s
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@ORACLE
@given(instances())
def test_the_engine_places_the_proved_optimum_and_never_claims_a_proof_it_lacks(
    instance: tuple[str, list[Person], Settings],
) -> None:
    regime, people, config = instance
    result = form_groups(people, config, seed=1, time_limit=30)
    assert violations(result.groups, {p.id: p for p in people}, config) == []
    optimum, proved = cpsat_most_placed(people, config, time_limit=5)
    assert not result.complete or result.status == "proved"
    if result.status == "proved":
        # A claimed proof: nobody may place more, and the bound is the count.
        assert result.score.placed >= optimum, regime
        assert result.bounds.placed == result.score.placed
        assert result.bounds.placed_proved
    else:
        assert not result.complete and not result.bounds.placed_proved
    assert result.bounds.placed >= result.score.placed
    assume(proved)
    assert result.score.placed == optimum, regime
    assert result.bounds.placed >= optimum
    assert_reasons_true(people, config, result)
