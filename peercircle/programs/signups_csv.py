"""Sign-ups as CSV files in the formation engine's format: reading an upload, writing exports.

Reading checks the whole file at once (the engine's own reader for the file's shape, ids,
availability and avoid names; this module for what only the program knows), so a
coordinator sees every problem of an upload together.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext

from peercircle import formation as engine
from peercircle.accounts.models import CareerStage
from peercircle.formation.signups import InvalidSignups, Problem, parse_signups
from peercircle.lib.text import validate_single_line
from peercircle.programs.models import Program, SignUp, SignupStatus

MAX_CSV_BYTES = 5 * 1024 * 1024  # 5 MB holds about 30,000 sign-ups
_LIMITS = {"id": 60, "name": 120, "email": 254, "department": 120, "lab": 120}


@dataclass(frozen=True)
class ImportRow:
    line: int
    external_id: str
    name: str
    email: str
    department: str
    lab: str
    stage: str
    availability: tuple[str, ...]
    avoid: tuple[str, ...]  # external ids of this file's rows


def parse_csv(data: bytes, program: Program) -> list[ImportRow]:
    """Rows of a sign-ups file in the engine's format, or `InvalidSignups` listing every problem.

    The engine's own reader checks the file's shape, ids, availability and avoid names; this
    adds what only the program knows (its stages and slots) and what a sign-up needs (a name
    and a unique email), so one upload reports everything at once.
    """
    problems: list[Problem] = []
    people: list[engine.Person] = []
    try:
        people = parse_signups(data)
    except InvalidSignups as error:
        problems += error.problems
    if any(p.line == 1 or p.column == 0 for p in problems):
        raise InvalidSignups(problems)  # the file's shape is wrong: row checks would mislead
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidSignups(problems) from None  # the engine has said where
    records = _records(text)
    problems += _row_problems(records, program)
    if problems:
        raise InvalidSignups(sorted(set(problems), key=lambda p: (p.line, p.column, p.message)))
    by_id = {person.id: person for person in people}
    stages = stage_lookup(program)
    slots = {slot.lower(): slot for slot in program.slots}
    return [_import_row(record, by_id, stages, slots) for record in records]


@dataclass(frozen=True)
class _Record:
    line: int
    fields: dict[str, tuple[int, str]]  # column name -> (1-based column, value)

    def get(self, name: str) -> str:
        return self.fields.get(name, (0, ""))[1]

    def column(self, name: str) -> int:
        return self.fields.get(name, (0, ""))[0]


def _records(text: str) -> list[_Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    records = []
    start = 1
    for row in reader:
        if header is None:
            header = [name.strip().lower() for name in row]
        elif any(value.strip() for value in row):
            fields: dict[str, tuple[int, str]] = {}
            for index, name in enumerate(header):
                if name not in fields:
                    value = row[index].strip() if index < len(row) else ""
                    fields[name] = (index + 1, value)
            records.append(_Record(start, fields))
        start = reader.line_num + 1
    return records


def stage_lookup(program: Program) -> dict[str, str]:
    """Stage names a file may use (value or label, any case) -> the stage's value."""
    allowed = {str(stage) for stage in program.career_stages}
    names: dict[str, str] = {}
    for value, label in CareerStage.choices:
        if value in allowed:
            names[value.lower()] = value
            names[str(label).lower()] = value
    return names


def _row_problems(records: Sequence[_Record], program: Program) -> list[Problem]:
    problems: list[Problem] = []
    stages = stage_lookup(program)
    slots = {slot.lower() for slot in program.slots}
    seen: dict[str, int] = {}

    def add(record: _Record, name: str, message: str) -> None:
        problems.append(Problem(record.line, record.column(name), message))

    for record in records:
        for name, limit in _LIMITS.items():
            if len(record.get(name)) > limit:
                add(
                    record,
                    name,
                    gettext("%(column)s is longer than %(limit)d characters")
                    % {"column": name, "limit": limit},
                )
            elif _has_control(record.get(name)):
                add(
                    record,
                    name,
                    gettext("%(column)s has a line break or control character") % {"column": name},
                )
        if not record.get("name"):
            add(record, "name", gettext("empty name"))
        email = record.get("email").lower()
        if not email:
            add(record, "email", gettext("empty email"))
        elif not _is_email(email):
            add(
                record,
                "email",
                gettext("%(email)r is not an email address") % {"email": record.get("email")},
            )
        elif email in seen:
            add(
                record,
                "email",
                gettext("duplicate email %(email)r (first on line %(line)d)")
                % {"email": email, "line": seen[email]},
            )
        seen.setdefault(email, record.line)
        stage = record.get("stage")
        if stage.lower() not in stages:
            known = ", ".join(sorted(set(stages.values())))
            add(
                record,
                "stage",
                gettext("unknown stage %(stage)r; this program takes %(known)s")
                % {"stage": stage, "known": known},
            )
        for slot in _split(record.get("availability")):
            if slot.lower() not in slots:
                add(
                    record,
                    "availability",
                    gettext("unknown slot %(slot)r; see the program's slots") % {"slot": slot},
                )
    return problems


def _has_control(value: str) -> bool:
    try:
        validate_single_line(value)
    except ValidationError:
        return True
    return False


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _import_row(
    record: _Record,
    people: Mapping[str, engine.Person],
    stages: Mapping[str, str],
    slots: Mapping[str, str],
) -> ImportRow:
    # Slots and stages match without regard to case; the program's own spelling is stored.
    person = people[record.get("id")]
    return ImportRow(
        line=record.line,
        external_id=record.get("id"),
        name=record.get("name"),
        email=record.get("email").lower(),
        department=record.get("department"),
        lab=record.get("lab"),
        stage=stages[record.get("stage").lower()],
        availability=tuple(
            dict.fromkeys(slots[s.lower()] for s in _split(record.get("availability")))
        ),
        avoid=tuple(sorted(person.avoid)),
    )


def export_id(signup: SignUp) -> str:
    return signup.external_id or f"web-{signup.pk}"


def signups_csv(program: Program) -> bytes:
    """Every sign-up in the engine's format, for Excel: UTF-8 with a BOM, every field quoted."""
    signups = list(program.signups.exclude(status=SignupStatus.WITHDRAWN).order_by("pk"))
    ids = {signup.pk: export_id(signup) for signup in signups}
    through = SignUp.avoid.through.objects.filter(from_signup__program=program)
    avoid: dict[int, list[str]] = defaultdict(list)
    for source, target in through.values_list("from_signup_id", "to_signup_id"):
        if target in ids:
            avoid[source].append(ids[target])
    rows = [
        [
            ids[s.pk],
            s.name,
            s.email,
            s.department,
            s.lab,
            s.stage,
            ";".join(s.availability),
            ";".join(sorted(avoid[s.pk])),
        ]
        for s in signups
    ]
    return csv_bytes(
        ["id", "name", "email", "department", "lab", "stage", "availability", "avoid"], rows
    )


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    text = str(value)
    # A spreadsheet runs a cell starting with = + - @ as a formula; a quote makes it text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
