"""CP-SAT as an independent oracle: the most people any valid grouping places.

Used by the formation tests and benchmarks (OR-Tools is a development dependency).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from peercircle.formation import Person, Settings


def cpsat_most_placed(
    people: Sequence[Person], settings: Settings, time_limit: float = 60.0
) -> tuple[int, bool]:
    """The most people any valid grouping places, by CP-SAT; and whether it is proved.

    Stages never share a group in ``same`` mode, so each stage is solved on its own (with
    ``time_limit`` each) and the optima add up. CP-SAT runs in a child process: OR-Tools
    and the engine's exact solver (HiGHS) bundle different builds of one shared library,
    which cannot both load into one process.
    """
    return _oracle().submit(_cpsat_most_placed, list(people), settings, time_limit).result()


_ORACLE: list[concurrent.futures.ProcessPoolExecutor] = []


def _oracle() -> concurrent.futures.ProcessPoolExecutor:
    """One child process for CP-SAT, started on first use and reused."""
    if not _ORACLE:
        context = multiprocessing.get_context("spawn")
        _ORACLE.append(concurrent.futures.ProcessPoolExecutor(1, mp_context=context))
        atexit.register(_ORACLE[0].shutdown)
    return _ORACLE[0]


def _cpsat_most_placed(
    people: Sequence[Person], settings: Settings, time_limit: float
) -> tuple[int, bool]:
    total, proved = 0, True
    for pool in _pools(people, settings):
        model, placed, _ = _cpsat_model(pool, settings)
        model.maximize(sum(placed))
        value, pool_proved = _solve(model, time_limit)
        total += value or 0
        proved = proved and pool_proved
    return total, proved


def cpsat_least_department(
    people: Sequence[Person], settings: Settings, time_limit: float = 60.0
) -> tuple[int | None, bool]:
    """The least department term among groupings that place the most, by CP-SAT.

    Returns the best term found (None if none was) and whether it is proved optimal.
    Per stage: the most placed overall means the most placed in every stage.
    """
    return _oracle().submit(_cpsat_least_department, list(people), settings, time_limit).result()


def _cpsat_least_department(
    people: Sequence[Person], settings: Settings, time_limit: float
) -> tuple[int | None, bool]:
    total, proved = 0, True
    for pool in _pools(people, settings):
        most, most_proved = _cpsat_most_placed(pool, settings, time_limit)
        model, placed, department = _cpsat_model(pool, settings)
        model.add(sum(placed) == most)
        model.minimize(sum(department))
        value, pool_proved = _solve(model, time_limit)
        if value is None:
            return None, False
        total += value
        proved = proved and most_proved and pool_proved
    return total, proved


def _pools(people: Sequence[Person], settings: Settings) -> list[list[Person]]:
    pools: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        pools[person.stage if settings.stage == "same" else ""].append(person)
    return [pools[key] for key in sorted(pools)]


def _cpsat_model(pool: Sequence[Person], settings: Settings) -> tuple[Any, list, list]:
    """An independent model of the hard constraints, with the department term's parts.

    For the pool's people (one stage, or everyone) and each slot, as many candidate
    groups as the slot's people could fill at the minimum size; a person joins at most one
    group at a slot they can make; an open group holds between min and max members; at
    most one per lab and per avoid pair in each group.
    """
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    ids = {person.id for person in pool}
    placed: list = []
    department: list = []
    chosen: dict[str, list] = defaultdict(list)
    for slot in sorted({s for p in pool for s in p.availability}):
        here = [p for p in pool if slot in p.availability]
        previous = None
        for g in range(len(here) // settings.min_size):
            is_open = model.new_bool_var(f"open-{slot}-{g}")
            if previous is not None:
                model.add_implication(is_open, previous)  # symmetry: open groups first
            previous = is_open
            # Symmetry: number groups by their first member, so the i-th person of the
            # slot can only join groups 0..i.
            members = {
                p.id: model.new_bool_var(f"x-{p.id}-{slot}-{g}")
                for i, p in enumerate(here)
                if g <= i
            }
            model.add(sum(members.values()) >= settings.min_size * is_open)
            model.add(sum(members.values()) <= settings.max_size * is_open)
            labs: dict[str, list] = defaultdict(list)
            departments: dict[str, list] = defaultdict(list)
            for p in here:
                if p.id not in members:
                    continue
                chosen[p.id].append(members[p.id])
                departments[p.department].append(members[p.id])
                if p.lab:
                    labs[p.lab].append(members[p.id])
                for other in sorted(p.avoid & ids):
                    if other in members and other != p.id:
                        model.add(members[p.id] + members[other] <= 1)
            for mates in labs.values():
                if len(mates) > 1:
                    model.add(sum(mates) <= 1)
            for colleagues in departments.values():
                if len(colleagues) > 1:
                    extra = model.new_int_var(0, len(colleagues), "extra")
                    model.add(extra >= sum(colleagues) - 1)
                    department.append(extra)
    for options in chosen.values():
        model.add(sum(options) <= 1)
        placed += options
    return model, placed, department


def _solve(model: Any, time_limit: float) -> tuple[Any, bool]:
    """The objective's best value found (None if none) and whether it is proved."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, False
    return round(solver.objective_value), status == cp_model.OPTIMAL
