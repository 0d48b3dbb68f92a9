"""Read and validate a sign-ups CSV file for the command line.

Everything wrong with the file is collected, with its line and column, before anything is
solved: a coordinator fixes a spreadsheet once, not one error at a time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from peercircle.formation.model import Person

COLUMNS = ("id", "name", "email", "department", "lab", "stage", "availability", "avoid")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file. ``column`` is 1-based, 0 when the whole line is at fault."""

    line: int
    column: int
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[int, str]


class InvalidSignups(ValueError):
    """The file cannot be used; ``problems`` lists every reason, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the sign-ups file")
        self.problems = tuple(problems)


def parse_signups(data: bytes) -> list[Person]:
    """Turn the bytes of a sign-ups file into people, or raise :class:`InvalidSignups`.

    Accepts UTF-8 with or without a byte-order mark and spreadsheet quoting (commas,
    quotes and line breaks inside quoted fields). Column names are matched without regard
    to case or surrounding spaces; extra columns are ignored. ``availability`` and
    ``avoid`` are ``;``-separated; ``avoid`` names ids or emails.
    """
    text = _decode(data)
    header, rows = _read_rows(text)
    positions = _positions(header)
    # A missing column is reported where it would go: just after the last one.
    problems = [
        Problem(1, len(header) + 1, f"missing column {name!r}")
        for name in COLUMNS
        if name not in positions
    ]
    if problems and len(header) == 1 and ";" in header[0]:
        # Some spreadsheets export "CSV" with semicolons between columns.
        problems.append(Problem(1, 1, "columns are separated by ';'; save with commas"))
    if not rows:
        problems.append(Problem(1, 0, "no sign-ups after the header"))
    people, row_problems = _people(rows, positions)
    problems += row_problems
    if problems:
        raise InvalidSignups(sorted(problems, key=lambda p: (p.line, p.column)))
    return people


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        # The column is the CSV field the bad byte falls in, like every other problem.
        prefix = data[data.rfind(b"\n", 0, error.start) + 1 : error.start]
        column = max(1, len(next(csv.reader([prefix.decode("utf-8", "replace")]), [])))
        message = f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as CSV UTF-8"
        raise InvalidSignups([Problem(line, column, message)]) from None


def _read_rows(text: str) -> tuple[list[str], list[Row]]:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidSignups([Problem(line, 0, "not a CSV file (it contains NUL bytes)")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            if header is None:
                header = record
            elif any(field.strip() for field in record):
                rows.append(Row(start, dict(enumerate(record))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InvalidSignups([Problem(start, 0, f"not valid CSV: {error}")]) from None
    if header is None:
        raise InvalidSignups([Problem(1, 0, "the file is empty; expected a header row")])
    return header, rows


def _positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip().lower(), index)
    return positions


def _people(rows: list[Row], positions: dict[str, int]) -> tuple[list[Person], list[Problem]]:
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    emails: dict[str, list[str]] = {}
    for row in rows:
        pid = _value(row, positions, "id")
        problems += _id_problems(row, positions, pid, first_line)
        if pid and pid not in first_line:
            first_line[pid] = row.line
        email = _value(row, positions, "email").lower()
        if email:
            emails.setdefault(email, []).append(pid)
        # An empty stage is a stage of its own; an empty availability can meet nobody.
        if "availability" in positions and not _split(_value(row, positions, "availability")):
            problems.append(_problem(row, positions, "availability", "empty availability"))
    people = []
    for row in rows:
        avoid, avoid_problems = _avoid(row, positions, first_line, emails)
        problems += avoid_problems
        people.append(
            Person(
                id=_value(row, positions, "id"),
                department=_value(row, positions, "department"),
                lab=_value(row, positions, "lab"),
                stage=_value(row, positions, "stage"),
                availability=frozenset(_split(_value(row, positions, "availability"))),
                avoid=avoid,
            )
        )
    return people, problems


def _id_problems(
    row: Row, positions: dict[str, int], pid: str, first_line: dict[str, int]
) -> list[Problem]:
    if "id" not in positions:
        return []
    if not pid:
        return [_problem(row, positions, "id", "empty id")]
    if pid in first_line:
        message = f"duplicate id {pid!r} (first on line {first_line[pid]})"
        return [_problem(row, positions, "id", message)]
    return []


def _avoid(
    row: Row,
    positions: dict[str, int],
    ids: dict[str, int],
    emails: dict[str, list[str]],
) -> tuple[frozenset[str], list[Problem]]:
    """Resolve the avoid column's ids and emails to ids."""
    found: set[str] = set()
    problems: list[Problem] = []
    if "avoid" not in positions:
        return frozenset(), problems
    for name in _split(_value(row, positions, "avoid")):
        owners = emails.get(name.lower(), [])
        if name in ids:
            found.add(name)
        elif len(owners) == 1:
            found.add(owners[0])
        elif owners:
            message = f"avoid names {name!r}, an email shared by several sign-ups"
            problems.append(_problem(row, positions, "avoid", message))
        else:
            message = f"avoid names {name!r}, which is no sign-up's id or email"
            problems.append(_problem(row, positions, "avoid", message))
    return frozenset(found), problems


def _value(row: Row, positions: dict[str, int], name: str) -> str:
    """The row's field in column ``name``; empty when the row or the header lacks it."""
    if name not in positions:
        return ""
    return row.values.get(positions[name], "").strip()


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _problem(row: Row, positions: dict[str, int], name: str, message: str) -> Problem:
    return Problem(row.line, positions[name] + 1, message)
