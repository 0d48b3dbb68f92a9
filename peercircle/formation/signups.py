"""Read and validate a sign-ups CSV file (the command line and the web import share it).

Everything wrong with the file is collected, with its line and column, before anything is
solved: a coordinator fixes a spreadsheet once, not one error at a time. Errors make the
file unusable; warnings point at data that is probably not what the coordinator meant
(two spellings of one lab, a blank stage, someone avoiding themself) but can be used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from peercircle.formation.model import Person, name_key

COLUMNS = ("id", "name", "email", "department", "lab", "stage", "availability", "avoid")

CAREER_STAGES = ("graduate", "postdoc", "faculty", "staff", "other")
"""The stages the web app offers; any other stage in a file gets a warning."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file.

    ``column`` is 1-based, 0 when the whole line is at fault. ``person`` is the id on that
    line when the problem belongs to one sign-up, else empty.
    """

    line: int
    column: int
    message: str
    person: str = ""

    def format(self, filename: str, kind: str = "") -> str:
        prefix = f"{kind}: " if kind else ""
        return f"{filename}:{self.line}:{self.column}: {prefix}{self.message}"


@dataclass(frozen=True)
class SignupsCheck:
    """The outcome of :func:`check_signups`: use ``people`` only when ``errors`` is empty.

    Unpacks as ``people, errors, warnings = check_signups(data)``.
    """

    people: list[Person]
    errors: list[Problem]
    warnings: list[Problem]
    names: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Each id's name and email as written in the file, for output a person can read."""

    def __iter__(self) -> Iterator[Any]:
        return iter((self.people, self.errors, self.warnings))


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[int, str]
    width: int = 0


class InvalidSignups(ValueError):
    """The file cannot be used; ``problems`` lists every error, in file order."""

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = ()) -> None:
        super().__init__(f"{len(problems)} problem(s) in the sign-ups file")
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)


def parse_signups(data: bytes) -> list[Person]:
    """Turn the bytes of a sign-ups file into people, or raise :class:`InvalidSignups`.

    Warnings are dropped; call :func:`check_signups` to see them.
    """
    people, errors, warnings = check_signups(data)
    if errors:
        raise InvalidSignups(errors, warnings)
    return people


def check_signups(data: bytes, *, stages: Collection[str] | None = CAREER_STAGES) -> SignupsCheck:
    """Check a whole sign-ups file; return its people, every error and every warning.

    Parameters
    ----------
    data : bytes
        The file. UTF-8 with or without a byte-order mark, spreadsheet quoting (commas,
        quotes and line breaks inside quoted fields). Column names are matched without
        regard to case or surrounding spaces; columns other than :data:`COLUMNS` are
        ignored. ``availability`` and ``avoid`` are ``;``-separated; ``avoid`` names ids
        or emails.
    stages : collection of str or None
        The known career stages; a stage outside them is warned about. None checks nothing.

    Returns
    -------
    SignupsCheck
        ``(people, errors, warnings)``, each problem with its line and column, in file
        order. Lab, department, stage and slot names that differ only in case or spacing
        are read as the first spelling in the file (and warned about), so "Lab-X" and
        "lab-x" never share a group.
    """
    try:
        text = _decode(data)
        header, rows = _read_rows(text)
    except InvalidSignups as error:
        return SignupsCheck([], list(error.problems), [])
    positions, errors = _header(header)
    if errors and len(header) == 1:
        return SignupsCheck([], errors, [])
    if not rows:
        errors.append(Problem(1, 0, "no sign-ups after the header"))
    reading = _Reading(positions, len(header), stages)
    people = reading.people(rows)
    errors += reading.errors
    names = {
        reading.value(row, "id"): (reading.value(row, "name"), reading.value(row, "email"))
        for row in rows
    }
    order = lambda problem: (problem.line, problem.column)  # noqa: E731
    return SignupsCheck(
        people, sorted(errors, key=order), sorted(reading.warnings, key=order), names
    )


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
                rows.append(Row(start, dict(enumerate(record)), len(record)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InvalidSignups([Problem(start, 0, f"not valid CSV: {error}")]) from None
    if header is None:
        raise InvalidSignups([Problem(1, 0, "the file is empty; expected a header row")])
    return header, rows


def _header(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Column positions, and what is wrong with the header row."""
    if len(header) == 1:
        for separator, name in (("\t", "tabs"), (";", "';'")):
            if separator in header[0]:
                # One hint instead of a "missing column" line for every column.
                message = f"columns are separated by {name}; save the file as CSV with commas"
                return {}, [Problem(1, 1, message)]
    positions: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header):
        key = name.strip().lower()
        if key in positions and key in COLUMNS:
            message = f"column {key!r} appears twice (columns {positions[key] + 1} and {index + 1})"
            problems.append(Problem(1, index + 1, message))
        positions.setdefault(key, index)
    # A missing column is reported where it would go: just after the last one.
    problems += [
        Problem(1, len(header) + 1, f"missing column {name!r}")
        for name in COLUMNS
        if name not in positions
    ]
    return positions, problems


@dataclass
class _Spellings:
    """The first spelling of each name, by its key, and the line it was first seen on."""

    kind: str
    first: dict[str, tuple[str, int]] = field(default_factory=dict)

    def read(self, value: str, line: int) -> tuple[str, str | None]:
        """The name as first spelled, and a warning if this spelling differs."""
        key = name_key(value)
        if key not in self.first:
            self.first[key] = (value, line)
            return value, None
        first, first_line = self.first[key]
        if first == value:
            return value, None
        return first, (
            f"{self.kind} {value!r} read as {first!r} (line {first_line}): the names differ "
            "only in case or spacing"
        )


class _Reading:
    """One pass over the rows, collecting people, errors and warnings."""

    def __init__(
        self, positions: dict[str, int], width: int, stages: Collection[str] | None
    ) -> None:
        self.positions = positions
        self.width = width
        self.stages = {name_key(stage): stage for stage in stages} if stages else None
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.names = {kind: _Spellings(kind) for kind in ("lab", "department", "stage", "slot")}

    def people(self, rows: list[Row]) -> list[Person]:
        ids: dict[str, int] = {}
        emails: dict[str, list[str]] = {}
        complete = []
        for row in rows:
            if not self._shape(row):
                continue
            complete.append(row)
            pid = self.value(row, "id")
            self._check_id(row, pid, ids)
            ids.setdefault(pid, row.line)
            email = self.value(row, "email").lower()
            if email:
                emails.setdefault(email, []).append(pid)
        return [self._person(row, ids, emails) for row in complete]

    def value(self, row: Row, name: str) -> str:
        """The row's field in column ``name``; empty when the row or the header lacks it."""
        if name not in self.positions:
            return ""
        return row.values.get(self.positions[name], "").strip()

    def error(self, row: Row, name: str, message: str) -> None:
        self.errors.append(self._at(row, name, message))

    def warn(self, row: Row, name: str, message: str) -> None:
        self.warnings.append(self._at(row, name, message))

    def _at(self, row: Row, name: str, message: str) -> Problem:
        column = self.positions[name] + 1 if name in self.positions else 0
        return Problem(row.line, column, message, self.value(row, "id"))

    def _shape(self, row: Row) -> bool:
        """Whether the row has its header's fields: too few or too many is an error."""
        extra = [i for i in range(self.width, row.width) if row.values[i].strip()]
        if extra:
            message = (
                f"{row.width} fields but the header has {self.width}: a value containing a "
                "comma must be in quotes"
            )
            self.errors.append(Problem(row.line, extra[0] + 1, message, self.value(row, "id")))
            return False
        lacking = [name for name in COLUMNS if self.positions.get(name, -1) >= row.width]
        if lacking:
            message = (
                f"only {row.width} fields but the header has {self.width}: no "
                f"{', '.join(lacking)} (is a line break or a quote out of place?)"
            )
            self.errors.append(Problem(row.line, row.width + 1, message, self.value(row, "id")))
            return False
        return True

    def _check_id(self, row: Row, pid: str, ids: dict[str, int]) -> None:
        if "id" not in self.positions:
            return
        if not pid:
            self.error(row, "id", "empty id")
        elif pid in ids:
            self.error(row, "id", f"duplicate id {pid!r} (first on line {ids[pid]})")

    def _person(self, row: Row, ids: dict[str, int], emails: dict[str, list[str]]) -> Person:
        return Person(
            id=self.value(row, "id"),
            department=self._name(row, "department", "department"),
            lab=self._name(row, "lab", "lab"),
            stage=self._stage(row),
            availability=self._availability(row),
            avoid=self._avoid(row, ids, emails),
        )

    def _name(self, row: Row, column: str, kind: str) -> str:
        value = " ".join(self.value(row, column).split())
        if not value:
            return ""
        name, warning = self.names[kind].read(value, row.line)
        if warning:
            self.warn(row, column, warning)
        return name

    def _stage(self, row: Row) -> str:
        if "stage" not in self.positions:
            return ""
        stage = self._name(row, "stage", "stage")
        if not stage:
            self.warn(
                row,
                "stage",
                "blank stage: with stages kept apart, they can only join others "
                "whose stage is blank",
            )
        elif self.stages is not None and name_key(stage) not in self.stages:
            known = ", ".join(self.stages.values())
            self.warn(
                row,
                "stage",
                f"unknown stage {stage!r} (expected one of {known}): with stages "
                "kept apart, they can only join others of this stage",
            )
        return stage

    def _availability(self, row: Row) -> frozenset[str]:
        if "availability" not in self.positions:
            return frozenset()
        raw = self.value(row, "availability")
        if "," in raw:
            self.error(
                row, "availability", f"availability {raw!r} has commas; separate slots with ';'"
            )
            return frozenset()
        slots = set()
        for part in _split(raw):
            slot, warning = self.names["slot"].read(" ".join(part.split()), row.line)
            if warning:
                self.warn(row, "availability", warning)
            slots.add(slot)
        if not slots:
            self.error(row, "availability", "empty availability")
        return frozenset(slots)

    def _avoid(self, row: Row, ids: dict[str, int], emails: dict[str, list[str]]) -> frozenset[str]:
        """Resolve the avoid column's ids and emails to ids."""
        if "avoid" not in self.positions:
            return frozenset()
        raw = self.value(row, "avoid")
        if "," in raw:
            self.error(row, "avoid", f"avoid {raw!r} has commas; separate names with ';'")
            return frozenset()
        own = self.value(row, "id")
        found: set[str] = set()
        for name in _split(raw):
            owners = emails.get(name.lower(), [])
            target = name if name in ids else owners[0] if len(owners) == 1 else None
            if target == own:
                self.warn(row, "avoid", f"avoid names {name!r}, the person themself; ignored")
            elif target is not None:
                found.add(target)
            elif owners:
                self.error(
                    row, "avoid", f"avoid names {name!r}, an email shared by several sign-ups"
                )
            else:
                self.error(row, "avoid", f"avoid names {name!r}, which is no sign-up's id or email")
        return frozenset(found)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]
