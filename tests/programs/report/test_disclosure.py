"""The suppression holds: an exact solver tries to recover every hidden cell and fails.

The attacker knows every visible cell, every line (which cells add up to which) and that
counts are whole numbers, never negative. For each hidden cell CP-SAT finds its smallest
and largest possible value; the cell is recovered when the two agree.
"""

from collections.abc import Hashable, Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from peercircle.programs.report.disclosure import (
    TOTAL,
    Line,
    Table,
    breakdown,
    floored,
    protect,
)


def recovered(
    cells: Mapping[Hashable, int], lines: Sequence[Line], hidden: frozenset[Hashable]
) -> dict[Hashable, int]:
    """Hidden cells the visible ones pin to a single value, with that value."""
    bound = max(cells.values(), default=0) * 4 + 10
    found = {}
    for target in hidden:
        values = []
        for sense in ("min", "max"):
            model = cp_model.CpModel()
            var = {
                key: model.new_int_var(0, bound, str(n))
                if key in hidden
                else model.new_constant(cells[key])
                for n, key in enumerate(cells)
            }
            for line in lines:
                model.add(sum(var[key] for key in line.parts) == var[line.total])
            if sense == "min":
                model.minimize(var[target])
            else:
                model.maximize(var[target])
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            assert solver.solve(model) == cp_model.OPTIMAL
            values.append(solver.value(var[target]))
        if values[0] == values[1]:
            found[target] = values[0]
    return found


def table_lines(table: Table) -> tuple[dict[Hashable, int], list[Line]]:
    cols, rows = table.cols, table.rows
    lines = [Line((TOTAL, TOTAL), tuple((TOTAL, c) for c in cols))]
    lines += [Line((r, TOTAL), tuple((r, c) for c in cols)) for r in rows]
    lines += [Line((TOTAL, c), tuple((r, c) for r in rows)) for c in cols]
    lines.append(Line((TOTAL, TOTAL), tuple((r, TOTAL) for r in rows)))
    return dict(table.counts), lines


def test_the_solver_recovers_a_cell_hidden_alone() -> None:
    cells = {"a": 3, "b": 9, "c": 12, "total": 24}
    lines = [Line("total", ("a", "b", "c"))]
    assert recovered(cells, lines, frozenset({"a"})) == {"a": 3}


def test_a_small_cell_hides_a_second_one_on_its_line() -> None:
    cells = {"a": 3, "b": 9, "c": 12, "total": 24}
    lines = [Line("total", ("a", "b", "c"))]
    hidden = protect(cells, lines)
    assert hidden == {"a", "b"}
    assert recovered(cells, lines, hidden) == {}


def test_a_department_breakdown_hides_the_two_smallest() -> None:
    people = {("Bio", "people"): 12, ("Chem", "people"): 3, ("Phys", "people"): 8}
    table = breakdown(["Bio", "Chem", "Phys"], ["people"], people)
    assert table.shown("Bio", "people") == 12
    assert table.shown("Chem", "people") is None
    assert table.shown("Phys", "people") is None
    assert table.shown(TOTAL, TOTAL) == 23


def test_zeros_are_shown_they_are_about_nobody() -> None:
    table = breakdown(["a", "b"], ["in", "out"], {("a", "in"): 9, ("b", "in"): 7})
    assert table.hidden == frozenset()
    assert table.shown("a", "out") == 0


def test_the_floor_is_a_setting() -> None:
    cells = {"a": 7, "b": 9, "total": 16}
    assert protect(cells, [Line("total", ("a", "b"))], floor=8) == {"a", "b"}
    assert floored(7, 8) is None
    assert floored(8, 8) == 8


def test_bad_tables_are_refused_loudly() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        protect({"a": 1, "total": 2}, [Line("total", ("a",))])
    with pytest.raises(ValueError, match="negative"):
        protect({"a": -1, "total": -1}, [Line("total", ("a",))])
    with pytest.raises(ValueError, match="unknown cells"):
        protect({"total": 2}, [Line("total", ("a",))])
    with pytest.raises(ValueError, match="at least 1"):
        floored(3, 0)


counts = st.integers(min_value=0, max_value=14)


@given(
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=3),
    st.lists(counts, min_size=12, max_size=12),
    st.sampled_from([3, 5, 10]),
)
def test_no_hidden_cell_of_a_breakdown_can_be_recovered(
    n_rows: int, n_cols: int, values: list[int], floor: int
) -> None:
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    inner = {(r, c): values[i * 3 + j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    table = breakdown(rows, cols, inner, floor=floor)
    cells, lines = table_lines(table)
    assert recovered(cells, lines, frozenset(table.hidden)) == {}
    # The floor holds: every figure shown is zero or about enough people.
    for key, count in cells.items():
        if key not in table.hidden:
            assert count == 0 or count >= floor


@given(st.lists(counts, min_size=1, max_size=8))
def test_no_hidden_part_of_a_line_can_be_recovered(values: list[int]) -> None:
    cells: dict[Hashable, int] = {n: v for n, v in enumerate(values)}
    cells["total"] = sum(values)
    lines = [Line("total", tuple(range(len(values))))]
    hidden = protect(cells, lines)
    assert recovered(cells, lines, hidden) == {}
