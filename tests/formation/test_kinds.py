"""Classes that share one flow node (kinds) give the flows the per-class network gives."""

from collections import Counter
from dataclasses import replace

import pytest

from benchmarks.formation import generate
from peercircle.formation import Settings
from peercircle.formation.components import build_component, slots_of
from peercircle.formation.sharing import symmetric_avoid
from peercircle.formation.slot_flow import evaluate, plan_for

SETTINGS = Settings(min_size=5, max_size=8, target_size=6, stage="same")


def _department_term(by_slot, counts):
    return sum(
        max(0, n - counts[slot])
        for slot, members in by_slot.items()
        for n in Counter(person.department for person in members).values()
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("groups", [1, 2, 3, 6, 40])
def test_kinds_place_as_many_and_spread_as_well_as_single_classes(seed, groups):
    people = [p for p in generate(400, seed) if p.stage == "graduate"]
    component = build_component(people, symmetric_avoid(people), SETTINGS)
    # Few groups make labs exceed a slot's count, so that some classes need lab nodes.
    counts = {slot: groups + index % 2 for index, slot in enumerate(slots_of(component))}
    plan = plan_for(counts, SETTINGS)
    by_class = replace(component, kinds=())
    assert component.kinds
    for spread in (False, True):
        merged = evaluate(component, plan, spread=spread, people=True)
        single = evaluate(by_class, plan, spread=spread, people=True)
        assert (merged.value, merged.feasible) == (single.value, single.feasible)
        placed = [person for members in merged.by_slot.values() for person in members]
        assert len(placed) == len({person.id for person in placed}) == merged.value
        for slot, members in merged.by_slot.items():
            assert all(slot in component.usable[person.id] for person in members)
            labs = Counter(person.lab_key for person in members if person.lab_key)
            assert max(labs.values(), default=0) <= counts[slot]
        if spread:
            assert _department_term(merged.by_slot, counts) == _department_term(
                single.by_slot, counts
            )
