"""The one bridge between the programs app and the pure formation engine.

Sign-ups become the engine's `Person`s, a program's choices its `Settings`, and the engine's
`Formation` the preview a coordinator edits (plain JSON kept on a `FormationRun`). Which
pairs may share a group (labs, avoid requests, stages, slots) is decided by the engine
alone: this module only gathers the facts and carries the answers back.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from peercircle import formation as engine
from peercircle.accounts.models import CareerStage
from peercircle.formation.signups import InvalidSignups, Problem, parse_signups
from peercircle.groups.models import Membership
from peercircle.programs.models import Program, PublishedPlacement, SignUp, SignupStatus

Preview = dict[str, Any]
People = Mapping[str, engine.Person]
_ID = re.compile(r"\bp(\d+)\b")


def person_id(signup_pk: int) -> str:
    # A letter in front keeps ids apart from group numbers when reasons are reworded.
    return f"p{signup_pk}"


def signup_pk(pid: str) -> int:
    return int(pid[1:])


def engine_settings(program: Program) -> engine.Settings:
    return engine.Settings(
        min_size=program.min_size,
        max_size=program.max_size,
        target_size=program.target_size,
        stage="any" if program.stage_mode == "any" else "same",
    )


# --- sign-ups in ---------------------------------------------------------------------------


def formable_signups(program: Program) -> list[SignUp]:
    """Confirmed sign-ups not yet in a published group: who the next formation places."""
    return list(
        program.signups.filter(status=SignupStatus.CONFIRMED, placement__isnull=True).order_by("pk")
    )


def people_for(program: Program, signups: Sequence[SignUp]) -> dict[str, engine.Person]:
    """The engine's people for `signups`: confirmed avoid requests plus past group-mates."""
    ids = {signup.pk for signup in signups}
    avoid: dict[int, set[int]] = defaultdict(set)
    # By program, not by a list of ids: a long IN list is slow and its size has limits.
    through = SignUp.avoid.through.objects.filter(from_signup__program=program)
    for source, target in through.values_list("from_signup_id", "to_signup_id"):
        if source in ids and target in ids:
            avoid[source].add(target)
    for source, target in past_groupmates(signups):
        avoid[source].add(target)
    offered = set(program.slots)
    return {
        person_id(s.pk): engine.Person(
            id=person_id(s.pk),
            department=s.department.strip().lower(),
            lab=s.lab.strip().lower(),
            stage=s.stage,
            # A slot the program no longer offers can host no group.
            availability=frozenset(slot for slot in s.availability if slot in offered),
            avoid=frozenset(person_id(other) for other in avoid[s.pk]),
        )
        for s in signups
    }


def past_groupmates(signups: Sequence[SignUp]) -> list[tuple[int, int]]:
    """Pairs of sign-ups who already shared a group, in any program, matched by email.

    A second formation asks the engine to keep them apart, so people meet new peers.
    """
    by_email = {s.email.lower(): s.pk for s in signups}
    emails = list(by_email)
    placed = PublishedPlacement.objects.filter(signup__email__in=emails)
    joined = Membership.objects.filter(user__email__in=emails)
    group_ids = set(placed.values_list("group_id", flat=True)) | set(
        joined.values_list("group_id", flat=True)
    )
    if not group_ids:
        return []
    members: dict[int, set[int]] = defaultdict(set)
    rows = PublishedPlacement.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "signup__email"
    )
    more = Membership.objects.filter(group_id__in=group_ids).values_list("group_id", "user__email")
    for group_id, email in [*rows, *more]:
        if email.lower() in by_email:
            members[group_id].add(by_email[email.lower()])
    return [(a, b) for group in members.values() for a in group for b in group if a != b]


# --- formation out --------------------------------------------------------------------------


def form(
    program: Program,
    people: Mapping[str, engine.Person],
    *,
    locked: Sequence[Mapping[str, Any]] = (),
    seed: int = 0,
    progress: engine.Progress | None = None,
) -> Preview:
    """Form groups for everyone in `people` outside the `locked` groups, which stay as they are.

    Raises `engine.InfeasibleSettings` when the program's settings admit no grouping.
    """
    settings = engine_settings(program)
    kept = _kept(locked, people)
    taken = {pid for group in kept for pid in group.members}
    rest = [person for pid, person in people.items() if pid not in taken]
    result = engine.form_groups(rest, settings, seed=seed, progress=progress)
    numbers = _free_numbers({group.number for group in kept})
    fresh = [engine.Group(next(numbers), group.slot, group.members) for group in result.groups]
    groups = sorted([*kept, *fresh], key=lambda group: group.number)
    unplaced = engine.explain(groups, people, settings) if kept else result.unplaced
    return {
        "groups": [_group_json(group, group in kept) for group in groups],
        "unplaced": [
            {"signup": signup_pk(u.person), "reason": u.reason, "fix": u.fix} for u in unplaced
        ],
        "complete": result.complete,
        "placed_bound": result.bounds.placed + len(taken),
        "placed_proved": result.bounds.placed_proved,
    }


def _kept(
    locked: Sequence[Mapping[str, Any]], people: Mapping[str, engine.Person]
) -> list[engine.Group]:
    # Someone withdrawn since the lock simply drops out of their locked group.
    kept = []
    for group in locked:
        members = tuple(person_id(pk) for pk in group["members"] if person_id(pk) in people)
        if members:
            kept.append(engine.Group(group["number"], group["slot"], members))
    return kept


def _free_numbers(used: set[int]) -> Iterator[int]:
    number = 1
    while True:
        if number not in used:
            yield number
        number += 1


def _group_json(group: engine.Group, locked: bool) -> dict[str, Any]:
    return {
        "number": group.number,
        "slot": group.slot,
        "members": [signup_pk(pid) for pid in group.members],
        "locked": locked,
    }


def engine_groups(preview: Preview) -> list[engine.Group]:
    return [
        engine.Group(g["number"], g["slot"], tuple(person_id(pk) for pk in g["members"]))
        for g in preview.get("groups", [])
    ]


def reexplain(program: Program, preview: Preview, people: Mapping[str, engine.Person]) -> None:
    """Recompute who is unplaced and why, after a change by hand; edits `preview`."""
    groups = engine_groups(preview)
    unplaced = engine.explain(groups, people, engine_settings(program))
    preview["unplaced"] = [
        {"signup": signup_pk(u.person), "reason": u.reason, "fix": u.fix} for u in unplaced
    ]


def check_move(
    program: Program,
    preview: Preview,
    people: Mapping[str, engine.Person],
    signup: int,
    to_group: int | None,
) -> engine.MoveCheck:
    return engine.check_move(
        engine_groups(preview), people, engine_settings(program), person_id(signup), to_group
    )


@dataclass(frozen=True)
class Spread:
    """How well departments are spread over the groups, against the least possible."""

    repeats: int
    bound: int

    @property
    def at_bound(self) -> bool:
        return self.repeats <= self.bound


def department_spread(
    program: Program, preview: Preview, people: Mapping[str, engine.Person]
) -> Spread:
    groups = engine_groups(preview)
    repeats = engine.score(groups, people, engine_settings(program)).department
    counts: dict[str, int] = defaultdict(int)
    for group in groups:
        for pid in group.members:
            counts[people[pid].department] += 1
    # No grouping into this many groups can repeat departments less than this.
    bound = sum(max(0, n - len(groups)) for n in counts.values())
    return Spread(repeats=repeats, bound=bound)


def common_slots(members: Iterable[engine.Person]) -> list[str]:
    return sorted(engine.common_slots(members))


def violations(
    program: Program, preview: Preview, people: Mapping[str, engine.Person]
) -> list[str]:
    return engine.violations(engine_groups(preview), people, engine_settings(program))


def in_words(text: str, names: Mapping[int, str]) -> str:
    """The engine's sentence with sign-up ids replaced by people's names."""
    return _ID.sub(lambda match: names.get(int(match.group(1)), "someone"), text)


# --- CSV in and out -------------------------------------------------------------------------

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
    taken = set(program.signups.values_list("email", flat=True))

    def add(record: _Record, name: str, message: str) -> None:
        problems.append(Problem(record.line, record.column(name), message))

    for record in records:
        for name, limit in _LIMITS.items():
            if len(record.get(name)) > limit:
                add(record, name, f"{name} is longer than {limit} characters")
        if not record.get("name"):
            add(record, "name", "empty name")
        email = record.get("email").lower()
        if not email:
            add(record, "email", "empty email")
        elif not _is_email(email):
            add(record, "email", f"{record.get('email')!r} is not an email address")
        elif email in seen:
            add(record, "email", f"duplicate email {email!r} (first on line {seen[email]})")
        elif email in taken:
            add(record, "email", f"{email!r} has already signed up for this program")
        seen.setdefault(email, record.line)
        stage = record.get("stage")
        if stage.lower() not in stages:
            known = ", ".join(sorted(set(stages.values())))
            add(record, "stage", f"unknown stage {stage!r}; this program takes {known}")
        for slot in _split(record.get("availability")):
            if slot.lower() not in slots:
                add(record, "availability", f"unknown slot {slot!r}; see the program's slots")
    return problems


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
