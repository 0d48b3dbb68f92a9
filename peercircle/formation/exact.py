"""Place the most people exactly: a mixed-integer model of one pool, solved by HiGHS.

Used only when the heuristics leave a pool below its flow bound (avoid pairs decide who is
placed). The model, for the pool's people and each slot, has as many candidate groups as
the slot's people could fill at the minimum size (or as many as the grouping it starts
from already has there); a person joins at most one group at a slot they can make; an
open group holds between min and max members, at most one per lab and per avoid pair.
It starts from the heuristic grouping, so it never returns fewer placed, and HiGHS's dual
bound is a bound on how many can be placed: when it meets the best grouping, the
placement is proved.

HiGHS (``highspy``) is an optional dependency, imported only here and only when needed;
:func:`available` says whether it is installed. Without it the engine keeps its own search
and reports the placement as unproved.
"""

from __future__ import annotations

import importlib.util
import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peercircle.formation.model import Person, Settings
from peercircle.formation.sharing import clashes, lab_of

Grouping = list[tuple[str, list[Person]]]


def available() -> bool:
    """Whether the exact solver (HiGHS, the ``highspy`` package) is installed."""
    return importlib.util.find_spec("highspy") is not None


@dataclass(frozen=True)
class Repair:
    """What the exact model found for one pool."""

    groups: Grouping
    """The best grouping found; the starting one when nothing better was."""
    bound: int
    """No grouping of the pool places more than this."""
    proved: bool
    """The grouping places ``bound`` people: the most possible."""
    timed_out: bool
    """The deadline stopped the solver before it could prove its answer."""


def repair(
    people: Sequence[Person],
    usable: Mapping[str, frozenset[str]],
    groups: Sequence[tuple[str, Sequence[Person]]],
    settings: Settings,
    *,
    upper: int,
    deadline: float,
    seed: int = 0,
) -> Repair:
    """The most people of ``people`` that can be placed, starting from ``groups``.

    ``usable`` gives each person's slots; ``upper`` is a bound already known (the flow
    bound), at which the solver stops. The solver never runs past ``deadline`` (a
    ``time.monotonic()`` value).
    """
    start: Grouping = [(slot, list(members)) for slot, members in groups]
    if len(people) > _WHOLE:
        return _repair_by_slot(people, usable, start, settings, upper, deadline, seed)
    placed = sum(len(members) for _, members in start)
    seconds = deadline - time.monotonic()
    if seconds <= 0.01:
        return Repair(start, upper, placed >= upper, True)
    model = _Model(people, usable, start, settings, upper)
    highs = _highs(model, seconds, seed)
    highs.run()
    import highspy

    status = highs.getModelStatus()
    info = highs.getInfo()
    best = start
    if highs.getInfo().primal_solution_status == 2:  # a feasible solution is known
        found = model.grouping(list(highs.getSolution().col_value))
        if sum(len(m) for _, m in found) > placed:
            best = found
    best_placed = sum(len(members) for _, members in best)
    proved = status == highspy.HighsModelStatus.kOptimal
    if proved:
        bound = best_placed
    else:
        dual = -info.mip_dual_bound
        bound = min(upper, math.floor(dual + 1e-6)) if math.isfinite(dual) else upper
        bound = max(bound, best_placed)
        proved = bound == best_placed
    timed_out = status == highspy.HighsModelStatus.kTimeLimit and not proved
    return Repair(best, bound, proved, timed_out)


# Pools up to this many people are solved whole; larger ones a neighbourhood at a time: some
# of one slot's groups and those left out who could join them, about _NEIGHBOURHOOD people.
_WHOLE = 150
_NEIGHBOURHOOD = 100
_WAITING = 40


def _repair_by_slot(
    people: Sequence[Person],
    usable: Mapping[str, frozenset[str]],
    start: Grouping,
    settings: Settings,
    upper: int,
    deadline: float,
    seed: int,
) -> Repair:
    """Solve neighbourhoods exactly, slot by slot, each from the best grouping so far.

    Each neighbourhood is a whole model of its own (its people may meet only at its slot),
    so it never places fewer; together they bound nothing beyond ``upper``, and the result
    is proved only when it reaches ``upper``.
    """
    best = start
    placed = sum(len(members) for _, members in best)
    slots = sorted({slot for person in people for slot in usable[person.id]})
    timed_out = False
    for index, slot in enumerate(slots):
        for chunk in _chunks([members for at, members in best if at == slot]):
            if placed >= upper:
                break
            seconds = deadline - time.monotonic()
            if seconds <= 0.01:
                timed_out = True
                break
            inside = {person.id for _, members in best for person in members}
            waiting = [p for p in people if p.id not in inside and slot in usable[p.id]]
            if not waiting:
                break
            crowd = [p for members in chunk for p in members] + waiting[:_WAITING]
            # Each of the slots left gets an equal share of the time left.
            share = seconds / (len(slots) - index)
            found = repair(
                crowd,
                {person.id: frozenset({slot}) for person in crowd},
                [(slot, members) for members in chunk],
                settings,
                upper=len(crowd),
                deadline=time.monotonic() + share,
                seed=seed,
            )
            gained = sum(len(m) for _, m in found.groups) - sum(len(m) for m in chunk)
            if gained > 0:
                kept = [(at, members) for at, members in best if not _in(members, chunk)]
                best = sorted([*kept, *found.groups], key=lambda group: group[0])
                placed += gained
    proved = placed >= upper
    return Repair(best, max(upper, placed), proved, timed_out and not proved)


def _chunks(groups: list[list[Person]]) -> list[list[list[Person]]]:
    """A slot's groups cut into runs of about _NEIGHBOURHOOD - _WAITING people (or none)."""
    chunks: list[list[list[Person]]] = [[]]
    for members in groups:
        if chunks[-1] and sum(map(len, chunks[-1])) + len(members) > _NEIGHBOURHOOD - _WAITING:
            chunks.append([])
        chunks[-1].append(members)
    return chunks


def _in(members: list[Person], chunk: list[list[Person]]) -> bool:
    return any(members is other for other in chunk)


class _Model:
    """Columns and rows of the model, and the way back from a solution to groups."""

    def __init__(
        self,
        people: Sequence[Person],
        usable: Mapping[str, frozenset[str]],
        start: Grouping,
        settings: Settings,
        upper: int,
    ) -> None:
        self.people = list(people)
        index = {person.id: i for i, person in enumerate(self.people)}
        clashing = clashes(self.people)
        existing: dict[str, list[list[Person]]] = defaultdict(list)
        for slot, members in start:
            existing[slot].append(members)
        # Columns: each bin's "open" variable, then its members' variables.
        self.columns = 0
        self.rows: list[tuple[float, float, list[int], list[float]]] = []
        self.member_columns: list[tuple[int, int, str]] = []  # (column, person, slot)
        self.start_values: list[float] = []
        chosen: dict[int, list[int]] = defaultdict(list)
        slots = sorted({slot for person in self.people for slot in usable[person.id]})
        for slot in slots:
            here = [p for p in self.people if slot in usable[p.id]]
            order = {p.id: i for i, p in enumerate(here)}
            # Symmetry: bins numbered by their first member, open bins first.
            dealt = sorted(existing.get(slot, []), key=lambda g: min(order[p.id] for p in g))
            count = max(len(here) // settings.min_size, len(dealt))
            previous = -1
            for g in range(count):
                members = dealt[g] if g < len(dealt) else []
                inside = {p.id for p in members}
                is_open = self._column(1.0 if members else 0.0)
                if previous >= 0:
                    self.rows.append((0.0, math.inf, [previous, is_open], [1.0, -1.0]))
                previous = is_open
                column: dict[str, int] = {}
                for i, p in enumerate(here):
                    if g <= i:
                        column[p.id] = self._column(1.0 if p.id in inside else 0.0)
                        self.member_columns.append((column[p.id], index[p.id], slot))
                        chosen[index[p.id]].append(column[p.id])
                cols = list(column.values())
                self.rows.append(
                    (0.0, math.inf, [*cols, is_open], [1.0] * len(cols) + [-settings.min_size])
                )
                self.rows.append(
                    (-math.inf, 0.0, [*cols, is_open], [1.0] * len(cols) + [-settings.max_size])
                )
                labs: dict[str, list[int]] = defaultdict(list)
                for pid, col in column.items():
                    lab = lab_of(self.people[index[pid]])
                    labs[lab].append(col)
                    for other in clashing[pid]:
                        if (
                            other in column
                            and other > pid
                            and lab_of(self.people[index[other]]) != lab
                        ):
                            self.rows.append(
                                (-math.inf, 0.0, [col, column[other], is_open], [1.0, 1.0, -1.0])
                            )
                for mates in labs.values():
                    if len(mates) > 1:
                        self.rows.append(
                            (-math.inf, 0.0, [*mates, is_open], [1.0] * len(mates) + [-1.0])
                        )
        for options in chosen.values():
            if len(options) > 1:
                self.rows.append((-math.inf, 1.0, options, [1.0] * len(options)))
        # The flow bound, as a row: a grouping that reaches it closes the gap at once.
        every = [column for column, _, _ in self.member_columns]
        self.rows.append((-math.inf, float(upper), every, [1.0] * len(every)))

    def _column(self, value: float) -> int:
        self.columns += 1
        self.start_values.append(value)
        return self.columns - 1

    def grouping(self, values: Sequence[float]) -> Grouping:
        bins: dict[tuple[str, int], list[Person]] = defaultdict(list)
        # A bin is named by its open column: the last open column before its members'.
        current = -1
        members_at = {column: (person, slot) for column, person, slot in self.member_columns}
        for column in range(self.columns):
            if column not in members_at:
                current = column
            elif values[column] > 0.5:
                person, slot = members_at[column]
                bins[(slot, current)].append(self.people[person])
        return [
            (slot, sorted(members, key=lambda p: p.id))
            for (slot, _), members in sorted(bins.items())
            if members
        ]


def _highs(model: _Model, seconds: float, seed: int) -> Any:
    import highspy
    import numpy as np

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", max(0.01, seconds))
    highs.setOptionValue("random_seed", seed)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("mip_rel_gap", 0.0)
    n = model.columns
    member = {column for column, _, _ in model.member_columns}
    costs = np.array([-1.0 if c in member else 0.0 for c in range(n)])
    highs.addCols(n, costs, np.zeros(n), np.ones(n), 0, [], [], [])
    highs.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    lower = np.array([row[0] for row in model.rows])
    upper_values = np.array([row[1] for row in model.rows])
    starts: list[int] = []
    indices: list[int] = []
    values: list[float] = []
    for _, _, cols, coefficients in model.rows:
        starts.append(len(indices))
        indices += cols
        values += coefficients
    highs.addRows(
        len(model.rows),
        lower,
        upper_values,
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values),
    )
    solution = highspy.HighsSolution()
    solution.col_value = list(model.start_values)
    solution.value_valid = True
    highs.setSolution(solution)
    return highs
