"""Disclosure control for published figures: a floor, and complementary suppression.

Pure Python, no Django: the dashboard and the outcome report both call it, so the rule
"no figure about fewer than `floor` people" is written once.

A *table* is a set of named cells (counts of people) and *lines*: each line says that some
cells add up to another cell (a row of a breakdown adds up to its row total, a column to
its column total, the totals to the program total). Hiding a small cell is not enough when
it equals a total minus the visible cells of its line; `protect` hides more cells until no
hidden cell can be worked out from the visible ones and the lines.

Why hidden cells stay hidden, even knowing counts are whole and never negative: every
cell `protect` hides holds at least one person (zeros are shown: they are about nobody),
and a hidden cell that the lines leave undetermined over the reals lies on a cycle of
hidden cells (tables with margins are totally unimodular), so moving one person around
that cycle, in either direction, gives another table consistent with everything shown.

References
----------
Hundepool et al., *Statistical Disclosure Control* (Wiley, 2012), ch. 4 and 5: threshold
rules and secondary (complementary) cell suppression in tables with margins.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_FLOOR = 5
SURVEY_MEAN_FLOOR = 10


def floored(count: int | None, floor: int = DEFAULT_FLOOR) -> int | None:
    """`count` when it is about enough people to show, otherwise None ("fewer than `floor`").

    Examples
    --------
    >>> floored(7), floored(4), floored(None)
    (7, None, None)
    """
    if floor < 1:
        raise ValueError(f"the floor must be at least 1, not {floor}")
    if count is None or count < floor:
        return None
    return count


@dataclass(frozen=True)
class Line:
    """`parts` add up to `total` (all cell keys of the same table)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def protect(
    cells: Mapping[Hashable, int], lines: Sequence[Line], *, floor: int = DEFAULT_FLOOR
) -> frozenset[Hashable]:
    """The keys of the cells to hide so that none of them can be recovered.

    Parameters
    ----------
    cells : mapping of key to a count (>= 0)
    lines : the sums the reader knows hold between cells
    floor : cells holding 1 to ``floor - 1`` people are hidden first (primary suppression)

    Returns
    -------
    frozenset of keys: the primary cells and the complementary ones hidden to protect them.

    Notes
    -----
    Complementary cells are chosen greedily, the smallest count first, on a line through a
    cell that the visible cells still determine; the check is an exact elimination in
    rationals. A table of n cells and m lines costs O(n * m * n) per round and at most n
    rounds: fine for report tables (tens of cells).

    Examples
    --------
    >>> cells = {"a": 3, "b": 9, "c": 12, "total": 24}
    >>> sorted(protect(cells, [Line("total", ("a", "b", "c"))]))
    ['a', 'b']
    """
    _check(cells, lines, floor)
    hidden = {key for key, count in cells.items() if 0 < count < floor}
    while True:
        exposed = _determined(cells, lines, hidden)
        if not exposed:
            return frozenset(hidden)
        extra = _cheapest_cover(cells, lines, hidden, exposed)
        if extra is None:  # nothing left that could hide it: show nothing at all
            return frozenset(key for key, count in cells.items() if count > 0)
        hidden.add(extra)


def _check(cells: Mapping[Hashable, int], lines: Sequence[Line], floor: int) -> None:
    if floor < 1:
        raise ValueError(f"the floor must be at least 1, not {floor}")
    for key, count in cells.items():
        if count < 0:
            raise ValueError(f"cell {key!r} holds a negative count ({count})")
    for line in lines:
        missing = [key for key in (line.total, *line.parts) if key not in cells]
        if missing:
            raise ValueError(f"line to {line.total!r} names unknown cells {missing!r}")
        if sum(cells[key] for key in line.parts) != cells[line.total]:
            raise ValueError(f"the parts of {line.total!r} do not add up to it")


def _cheapest_cover(
    cells: Mapping[Hashable, int],
    lines: Sequence[Line],
    hidden: set[Hashable],
    exposed: set[Hashable],
) -> Hashable | None:
    """The smallest visible non-zero cell on a line through an exposed cell."""
    best: tuple[int, int, str, Hashable] | None = None
    for line in lines:
        members = (line.total, *line.parts)
        if not exposed.intersection(members):
            continue
        for key in members:
            if key in hidden or cells[key] == 0:
                continue
            # Prefer an inner cell to a total, then the smallest count: hide as little as can be.
            rank = (1 if key == line.total else 0, cells[key], repr(key), key)
            if best is None or rank[:3] < best[:3]:
                best = rank
    return None if best is None else best[3]


def _determined(
    cells: Mapping[Hashable, int], lines: Sequence[Line], hidden: set[Hashable]
) -> set[Hashable]:
    """Hidden cells whose value the lines and the visible cells fix (e_k in the row space)."""
    unknowns = sorted(hidden, key=repr)
    if not unknowns:
        return set()
    column = {key: index for index, key in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(unknowns)
        for key, sign in [(line.total, -1), *((part, 1) for part in line.parts)]:
            if key in column:
                row[column[key]] += sign
        if any(row):
            rows.append(row)
    reduced = _rref(rows, len(unknowns))
    fixed = set()
    for row in reduced:
        nonzero = [index for index, value in enumerate(row) if value]
        if len(nonzero) == 1:
            fixed.add(unknowns[nonzero[0]])
    return fixed


def _rref(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """Reduced row echelon form, exact; the zero rows dropped."""
    rows = [list(row) for row in rows]
    pivot_row = 0
    for col in range(width):
        pick = next((r for r in range(pivot_row, len(rows)) if rows[r][col]), None)
        if pick is None:
            continue
        rows[pivot_row], rows[pick] = rows[pick], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    return rows[:pivot_row]


# --- tables as the report draws them ---

TOTAL = "total"


@dataclass(frozen=True)
class Table:
    """A breakdown: `rows` x `cols` counts, with row totals, column totals and a grand total.

    `shown(row, col)` is the count or None; `row` or `col` may be TOTAL.
    """

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]
    hidden: frozenset[tuple[str, str]]

    def shown(self, row: str, col: str) -> int | None:
        return None if (row, col) in self.hidden else self.counts[(row, col)]


def breakdown(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    *,
    floor: int = DEFAULT_FLOOR,
) -> Table:
    """A protected table from inner counts (missing pairs count 0); totals are added here.

    With a single column the column is its own row total, so only the rows and the grand
    total are lines.
    """
    inner: dict[Hashable, int] = {(r, c): counts.get((r, c), 0) for r in rows for c in cols}
    cells: dict[Hashable, int] = dict(inner)
    for r in rows:
        cells[(r, TOTAL)] = sum(inner[(r, c)] for c in cols)
    for c in cols:
        cells[(TOTAL, c)] = sum(inner[(r, c)] for r in rows)
    cells[(TOTAL, TOTAL)] = sum(inner.values())
    lines = [Line((TOTAL, TOTAL), tuple((TOTAL, c) for c in cols))]
    lines += [Line((r, TOTAL), tuple((r, c) for c in cols)) for r in rows]
    lines += [Line((TOTAL, c), tuple((r, c) for r in rows)) for c in cols]
    lines.append(Line((TOTAL, TOTAL), tuple((r, TOTAL) for r in rows)))
    hidden = protect(cells, lines, floor=floor)
    if len(cols) == 1:  # (r, col) and (r, TOTAL) are the same figure: hide both or neither
        only = cols[0]
        hidden = hidden | {(r, TOTAL) for r in rows if (r, only) in hidden}
        hidden = hidden | {(r, only) for r in rows if (r, TOTAL) in hidden}
        if (TOTAL, only) in hidden or (TOTAL, TOTAL) in hidden:
            hidden = hidden | {(TOTAL, only), (TOTAL, TOTAL)}
    return Table(
        rows=tuple(rows),
        cols=tuple(cols),
        counts={key: count for key, count in cells.items() if isinstance(key, tuple)},
        hidden=frozenset(key for key in hidden if isinstance(key, tuple)),
    )
